"""Two people recording on the same complaint at once: both land in order, or one is told to reload."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.selectors import complaint_report
from redress.complaints.services import complaint_record_event
from redress.councils.errors import ConflictError
from redress.councils.models import Council, User
from tests.complaints.conftest import TODAY, import_history

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"),
]
OFFERS = 6


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
