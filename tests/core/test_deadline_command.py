"""`redress deadline`: the due date on the last line, --json explanation, one-line errors with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from redress.cli import main

REDRESS = Path(sys.executable).parent / "redress"


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["stage1.response", "2023-05-05"], "2023-05-22"),
        (["stage2.response", "2023-03-20", "--extended"], "2023-06-26"),
        (["stage1.response", "2025-12-24", "--extended"], "2026-01-26"),
        (["stage3.panel", "2024-12-23"], "2025-02-06"),
    ],
)
def test_the_due_date_is_the_last_line(capsys: pytest.CaptureFixture[str], args: list[str], due: str) -> None:
    assert main(["deadline", *args]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == due
    assert any(line.startswith("The clock started on") for line in out)


def test_json_prints_the_explanation_then_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadline", "stage1.response", "2023-05-05", "--json"]) == 0
    out = capsys.readouterr().out.strip()
    body, last = out.rsplit("\n", 1)
    data = json.loads(body)
    assert last == "2023-05-22"
    assert data["due"] == "2023-05-22"
    assert data["clock"] == "stage1.response"
    assert data["limit_wd"] == 10
    assert {"date": "2023-05-08", "reason": "Coronation of Charles III"} in data["skipped"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stage9.response", "2023-05-05"], "unknown clock 'stage9.response'"),
        (["stage1.response", "2023-02-30"], "'2023-02-30' is not a date"),
        (["stage1.response", "5/5/2023"], "'5/5/2023' is not a date"),
        (["stage3.panel", "2023-05-05", "--extended"], "stage3.panel cannot be extended"),
        (["stage1.response", "1850-01-01"], "outside the calendar"),
        (["stage1.response"], "required: start"),
        (["stage1.response", "2023-05-05", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["deadline", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


def test_the_installed_command_answers_without_a_database(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/absent/none.sqlite3"}
    result = subprocess.run(
        [str(REDRESS), "deadline", "stage2.response", "2023-03-20", "--extended"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "2023-06-26"
    bad = subprocess.run([str(REDRESS), "deadline", "nope", "x"], capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("redress deadline: unknown clock")


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    """`redress replay FILE --json | head -1`: the reader is gone; no traceback, the shell's 141."""
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/absent/none.sqlite3"}
    example = Path(__file__).resolve().parents[2] / "examples" / "seed-rotherham-23013019.yaml"
    for args in (["procedures", "--json"], ["replay", str(example), "--json"]):
        reader, writer = os.pipe()
        os.close(reader)  # nobody will read what the command prints
        try:
            result = subprocess.run([str(REDRESS), *args], stdout=writer, capture_output=False, stderr=subprocess.PIPE,
                                    env=env, timeout=60, check=False)
        finally:
            os.close(writer)
        assert result.returncode == 141, result.stderr
        assert b"Traceback" not in result.stderr
