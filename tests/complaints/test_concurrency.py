"""People writing at once: events land in order or one is told to reload; new complaints get distinct references.

Runs on SQLite (the test database is a file, so threads see real locking) and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.selectors import complaint_report
from redress.complaints.services import complaint_create, complaint_record_event
from redress.councils.errors import ConflictError
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import TODAY, date_of, import_history

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite" and connection.is_in_memory_db(), reason="threads need a file or a server database"
    ),
]
OFFERS = 6
CREATORS = 8


def _race(complaint_id: int, user: User, *, stale_version: int | None) -> tuple[list[str], list[str]]:
    """Two threads, each recording OFFERS offers; returns (recorded ids, refused ids)."""
    barrier = threading.Barrier(2)
    recorded: list[str] = []
    refused: list[str] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        try:
            barrier.wait()
            for n in range(OFFERS):
                offer_id = f"{name}{n}"
                event: dict[str, Any] = {"date": "2024-02-20", "type": "offer.made", "id": offer_id, "what": "A meeting", "window": "20 WD"}
                complaint = Complaint.objects.get(pk=complaint_id)
                try:
                    complaint_record_event(complaint=complaint, event=event, by=user, today=TODAY,
                                           expected_version=stale_version if stale_version is not None else None)
                except ConflictError:
                    with lock:
                        refused.append(offer_id)
                else:
                    with lock:
                        recorded.append(offer_id)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(name,)) for name in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return recorded, refused


def _assert_history_is_whole(complaint: Complaint, recorded: list[str]) -> None:
    events = list(Event.objects.filter(complaint=complaint).order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))  # no gaps, no duplicates
    offers = [e.data["id"] for e in events if e.type == "offer.made"]
    assert sorted(offers) == sorted(recorded)  # nothing lost, nothing doubled
    complaint.refresh_from_db()
    assert complaint.version == len(events)
    view = complaint_report(complaint, today=TODAY)
    projection = Projection.objects.get(pk=complaint.pk)
    assert projection.open_actions == sum(1 for a in view.report.actions if a.status in {"open", "overdue"})
    assert projection.last_event_on == events[-1].date


def test_simultaneous_events_all_land_in_order(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    recorded, refused = _race(complaint.pk, officer, stale_version=None)
    assert refused == []
    assert len(recorded) == 2 * OFFERS
    _assert_history_is_whole(complaint, recorded)


def test_with_a_version_the_slower_person_is_told_to_reload(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    recorded, refused = _race(complaint.pk, officer, stale_version=complaint.version)
    assert len(recorded) == 1  # only the first event recorded against version 4 can land
    assert len(refused) == 2 * OFFERS - 1
    _assert_history_is_whole(complaint, recorded)


def _in_parallel(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run work(0..count-1) in threads released together; returns (results, errors)."""
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            barrier.wait()
            result = work(n)
            with lock:
                results.append(result)
        except BaseException as error:  # the test reports every failure
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def test_parallel_creators_each_get_their_own_reference(council: Council, officer: User) -> None:
    def create(n: int) -> str:
        complaint = complaint_create(
            council=council, by=officer, complainant_name=f"Complainant {n}", complainant_role="parent",
            child_name="", points=[{"id": "P1", "text": "Contact was cancelled", "about": "contact"}],
            received_on=dt.date(2024, 6, 3), today=TODAY,
        )
        return complaint.reference

    references, errors = _in_parallel(CREATORS, create)
    assert errors == []
    assert sorted(references) == [f"NC-2024-{n:04d}" for n in range(1, CREATORS + 1)]
    assert Projection.objects.filter(council=council).count() == CREATORS


def test_parallel_new_complaint_forms_all_succeed(council: Council, officer: User) -> None:
    clients = []
    for _ in range(CREATORS):
        client = Client()
        client.force_login(officer)
        clients.append(client)
    form = {"complainant_name": "Ms Walker", "complainant_role": "parent", "child_name": "", **date_of("2024-06-21", "received_on"),
            "via": "email", "officer": "", "point_1_text": "Contact was cancelled", "point_1_about": "contact"}

    def post(n: int) -> int:
        with time_machine.travel(dt.datetime(2024, 7, 1, 10, tzinfo=dt.UTC), tick=False):
            return clients[n].post("/complaints/new/", {**form, "complainant_name": f"Ms Walker {n}"}).status_code

    statuses, errors = _in_parallel(CREATORS, post)
    assert errors == []
    assert statuses == [302] * CREATORS
    assert sorted(Complaint.objects.values_list("reference", flat=True)) == [f"NC-2024-{n:04d}" for n in range(1, CREATORS + 1)]


def test_parallel_api_appends_all_land(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    _, token = api_token_create(user=officer)
    url = f"/api/v1/complaints/{complaint.pk}/events"

    def append(n: int) -> int:
        body = {"date": "2024-02-20", "type": "offer.made", "id": f"O{n}", "what": "A meeting", "window": "20 WD"}
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client.post(url, data=json.dumps(body), content_type="application/json").status_code

    statuses, errors = _in_parallel(CREATORS, append)
    assert errors == []
    assert statuses == [201] * CREATORS
    _assert_history_is_whole(complaint, [f"O{n}" for n in range(CREATORS)])


WRITERS = 8
EACH = 3


def _projection_row(complaint: Complaint) -> dict[str, Any]:
    row = Projection.objects.filter(pk=complaint.pk).values().get()
    row.pop("computed_on")
    return row


def test_eight_parallel_writers_lose_and_double_nothing_and_the_projection_equals_a_rebuild(
    council: Council, officer: User
) -> None:
    from redress.complaints.history import history_verify
    from redress.complaints.projections import projections_rebuild

    complaint = import_history(council, officer)
    barrier = threading.Barrier(WRITERS)
    recorded: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def writer(number: int) -> None:
        try:
            barrier.wait()
            for n in range(EACH):
                offer_id = f"W{number}-{n}"
                event = {"date": "2024-02-20", "type": "offer.made", "id": offer_id, "what": "A meeting", "window": "20 WD"}
                complaint_record_event(complaint=Complaint.objects.get(pk=complaint.pk), event=event, by=officer,
                                       today=TODAY)
                with lock:
                    recorded.append(offer_id)
        except BaseException as error:  # reported below, on the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(recorded) == WRITERS * EACH
    _assert_history_is_whole(complaint, recorded)
    assert history_verify().findings == []  # every hash follows the one before, though written at once
    before = _projection_row(complaint)
    projections_rebuild(council=council, today=TODAY)
    assert _projection_row(complaint) == before
