"""The database going away before or during a request: a clear 503 (a page, or JSON under /api/), never a
500; and once it is back, the next request works.

The database is made unreachable by pointing the connection at a place with no database (a dead
port on PostgreSQL, a folder that does not exist on SQLite), as when it is stopped or the network fails.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from redress.councils.models import User
from redress.councils.tokens import api_token_create
from redress.web import views
from tests.complaints.conftest import signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again at once: nothing listens there


@contextmanager
def database_gone() -> Iterator[None]:
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/no-such-folder/redress.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_dead_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def _client(user: User) -> Client:
    client = signed_in(user)
    client.raise_request_exception = False  # answered by the 500 handler, as in production
    return client


def test_a_page_asked_for_while_the_database_is_down_is_a_503_page_then_works_again(officer: User) -> None:
    client = _client(officer)
    with database_gone():
        response = client.get("/")
        assert response.status_code == 503
        assert b"Sorry, the service is unavailable" in response.content
        assert b"cannot reach its database" in response.content and b"govuk-heading-l" in response.content
        assert response["Retry-After"] == "30"
        assert "Content-Security-Policy" in response
        for asker in (client, Client()):  # with a session cookie, and as a load balancer asks
            health = asker.get("/healthz")
            assert health.status_code == 503
            assert health.json() == {"status": "unavailable", "database": "unavailable",
                                     "task_worker": "unknown", "task_worker_last_run": None}
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_the_database_going_away_mid_request_is_a_503_page(officer: User) -> None:
    client = _client(officer)
    original = views.home_figures
    def figures_after_the_database_went(**kwargs: Any) -> Any:  # the session and user were read already
        stack.enter_context(database_gone())
        return original(**kwargs)

    with ExitStack() as stack, mock.patch.object(views, "home_figures", figures_after_the_database_went):
        response = client.get("/")
    assert response.status_code == 503 and b"cannot reach its database" in response.content
    assert client.get("/").status_code == 200


def test_the_api_says_so_in_json(officer: User) -> None:
    _, token = api_token_create(user=officer)
    client = Client(headers={"Authorization": f"Bearer {token}"}, raise_request_exception=False)
    with database_gone():
        response = client.get("/api/v1/complaints")
    assert response.status_code == 503
    assert response.json() == {"message": "The service cannot reach its database just now, so nothing was saved. "
                                          "Try again in a minute.", "code": "database-unavailable"}
    assert client.get("/api/v1/complaints").status_code == 200


def test_any_other_server_error_is_still_a_500(officer: User) -> None:
    client = _client(officer)
    with mock.patch.object(views, "home_figures", side_effect=RuntimeError("a bug")):
        response = client.get("/")
    assert response.status_code == 500 and b"problem with the service" in response.content
