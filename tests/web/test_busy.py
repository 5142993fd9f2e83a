"""A database that cannot give a write lock in time answers 503 with Retry-After, on pages and the API."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from redress.complaints import services
from redress.complaints.models import Event
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import date_of, import_history

EVENT = {"date": "2024-02-14", "type": "advocacy.offered"}


def _locked(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("database is locked")


def _api(user: User) -> Client:
    _, token = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
def test_a_page_whose_write_cannot_get_the_lock_answers_503_with_retry_after(
    council: Council, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    complaint = import_history(council, officer)
    monkeypatch.setattr(services, "complaint_record_event", _locked)
    client = Client()
    client.force_login(officer)
    response = client.post(f"/complaints/{complaint.pk}/record/advocacy.offered/", {**date_of("2024-02-14"), "version": "4"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Sorry, the service is busy" in response.content
    assert b"Nothing was saved" in response.content


@pytest.mark.django_db
def test_an_api_write_that_cannot_get_the_lock_answers_503_json_with_retry_after(
    council: Council, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    complaint = import_history(council, officer)
    monkeypatch.setattr(services, "complaint_record_event", _locked)
    response = _api(officer).post(f"/api/v1/complaints/{complaint.pk}/events", data=json.dumps(EVENT), content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "busy"
    assert set(response.json()) == {"message", "code"}


@pytest.mark.django_db
def test_other_database_errors_are_not_dressed_up_as_busy(
    council: Council, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("no such table: complaints_event")

    complaint = import_history(council, officer)
    monkeypatch.setattr(services, "complaint_record_event", broken)
    with pytest.raises(OperationalError, match="no such table"):
        _api(officer).post(f"/api/v1/complaints/{complaint.pk}/events", data=json.dumps(EVENT), content_type="application/json")


@pytest.fixture
def another_writer(monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """A second connection holding SQLite's write lock, and Django waiting only 0.1 s for it."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        pytest.skip("a file lock held by another connection is SQLite's")
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "timeout", 0.1)
    connection.close()
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_while_another_connection_writes_an_append_waits_then_answers_503_and_saves_nothing(
    council: Council, officer: User, request: pytest.FixtureRequest
) -> None:
    complaint = import_history(council, officer)
    client = _api(officer)
    request.getfixturevalue("another_writer")
    response = client.post(f"/api/v1/complaints/{complaint.pk}/events", data=json.dumps(EVENT), content_type="application/json")
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "5"
    assert Event.objects.filter(complaint=complaint).count() == 4
