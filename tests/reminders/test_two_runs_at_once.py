"""Two daily runs at once on PostgreSQL send each reminder once between them (the sent log's unique key)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "redress"
SERVER = "postgres://postgres@127.0.0.1:5432"


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True, connect_timeout=3) as connection:
        connection.execute(sql)


@pytest.fixture
def database() -> object:
    try:
        import psycopg

        psycopg.connect(f"{SERVER}/postgres", connect_timeout=3).close()
    except Exception as error:  # any failure to connect means no PostgreSQL here
        pytest.skip(f"PostgreSQL is unreachable: {error}")
    name = f"redress_reminders_twice_{os.getpid()}"
    _psql(f"DROP DATABASE IF EXISTS {name}")
    _psql(f"CREATE DATABASE {name}")
    yield f"{SERVER}/{name}"
    _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _counts(output: str) -> tuple[int, int, int]:
    found = re.findall(r"^(?:dry run.*; )?sent (\d+), already sent (\d+), failed (\d+)$", output, re.M)
    assert found, output[-2000:]
    sent, already, failed = found[-1]
    return int(sent), int(already), int(failed)


def test_two_runs_at_once_send_each_reminder_once(database: str) -> None:
    env = {**os.environ, "DATABASE_URL": database, "REDRESS_DEBUG": "true", "REDRESS_TESTING": "false"}
    for command in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([str(BIN), *command], env=env, check=True, capture_output=True, timeout=240)
    dry = subprocess.run([str(BIN), "daily", "--dry-run"], env=env, capture_output=True, text=True, timeout=120)
    expected = int(re.search(r"would send (\d+)", dry.stdout).group(1))  # type: ignore[union-attr]
    assert expected > 0
    runs = [subprocess.Popen([str(BIN), "daily"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [_counts(run.communicate(timeout=240)[0]) for run in runs]
    assert sum(sent for sent, _, _ in results) == expected
    assert sum(already for _, already, _ in results) == expected  # each saw the other's as already sent
    assert all(failed == 0 for _, _, failed in results)
    again = subprocess.run([str(BIN), "daily"], env=env, capture_output=True, text=True, timeout=120)
    assert _counts(again.stdout) == (0, expected, 0)
