"""Production serving: `redress serve` (gunicorn) under the production settings, `check --deploy`, and a
PostgreSQL connection cut from under a running server.

Each test serves from a subprocess with its own database, as an operator runs it.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest

from tests.production.test_behind_a_proxy import HOST, MAKE_USER, Browser

ADMIN_URL = os.environ.get("REDRESS_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
pytestmark = pytest.mark.xdist_group("production")


def _env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REDRESS_", "DJANGO_", "DATABASE_URL"))}
    env.update(REDRESS_SECRET_KEY="a-production-secret-key-for-this-test-only-0123456789",
               REDRESS_ALLOWED_HOSTS=f"{HOST},127.0.0.1", DATABASE_URL=database_url,
               REDRESS_BEHIND_TLS_PROXY="true", REDRESS_SSL_REDIRECT="true", REDRESS_CSRF_TRUSTED_ORIGINS=f"https://{HOST}")
    env.update(extra)
    return env


def _redress(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "redress", *args], env=env, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    return response.status, response.read().decode()


def _serve(env: dict[str, str]) -> Iterator[int]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "redress", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            try:
                _get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.05)
        else:  # pragma: no cover - only when the server never starts
            server.kill()
            pytest.fail(f"gunicorn did not start: {server.communicate()[1]}")
        yield port
    finally:
        server.terminate()
        server.communicate(timeout=20)


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = _env(f"sqlite:///{tmp_path_factory.mktemp('gunicorn') / 'redress.sqlite3'}")
    assert _redress(env, "migrate", "--noinput").returncode == 0
    assert _redress(env, "shell", "--no-imports", "-c", MAKE_USER).returncode == 0
    return env


def test_check_deploy_is_clean_under_the_production_settings(sqlite_env: dict[str, str]) -> None:
    done = _redress(sqlite_env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
    debug = _redress({**sqlite_env, "REDRESS_DEBUG": "true"}, "check", "--deploy", "--fail-level", "WARNING")
    assert debug.returncode != 0 and "DEBUG" in debug.stderr  # the check does look


def test_gunicorn_serves_the_health_check_a_page_and_signs_in(sqlite_env: dict[str, str]) -> None:
    for port in _serve(sqlite_env):
        status, body = _get(port, "/healthz")
        assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok", "task_worker": "not scheduled",
                                            "task_worker_last_run": None})
        status, body = _get(port, "/sign-in/")
        assert status == 200 and "Sign in" in body
        browser = Browser(port)
        assert browser.sign_in() == 302
        assert browser.give_code() == 302  # the second factor
        status, _, page = browser.request("GET", "/")
        assert status == 200 and "Sign out" in page
        assert _get(port, "/static/web/app.css")[0] == 200  # WhiteNoise, not the proxy


def _postgres_database() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {ADMIN_URL}: {error}")
    name = f"redress_serve_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.postgres
def test_a_connection_the_database_drops_is_replaced_and_the_next_request_works() -> None:
    import psycopg

    for name in _postgres_database():
        env = _env(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
        assert _redress(env, "migrate", "--noinput").returncode == 0
        assert _redress(env, "shell", "--no-imports", "-c", MAKE_USER).returncode == 0
        for port in _serve(env):
            assert _get(port, "/healthz")[0] == 200  # the worker now keeps a connection (CONN_MAX_AGE)
            with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
                killed = admin.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                       "WHERE datname = %s AND pid <> pg_backend_pid()", [name]).fetchone()
            assert killed is not None and killed[0] >= 1
            status, body = _get(port, "/healthz")
            assert status == 200, body
            browser = Browser(port)
            assert browser.sign_in() == 302
            assert browser.give_code() == 302  # the second factor
            assert browser.request("GET", "/")[0] == 200
