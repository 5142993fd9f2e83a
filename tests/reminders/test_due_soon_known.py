"""Due soon replays a complaint only when something its items depend on has changed since it last did.

The items are kept in the process, keyed by the history's newest event hash, the day, the council's
calendar and the thresholds (`reminders.selectors._Known`): these tests show each change is seen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from redress.complaints.services import complaint_record_event
from redress.councils.models import Council, CouncilHoliday, User
from redress.reminders import selectors
from redress.reminders.selectors import due_soon_list
from tests.reminders.conftest import received_complaint

pytestmark = pytest.mark.django_db

JUNE_10 = dt.date(2024, 6, 10)  # the Stage 1 response (due Mon 17 June) is 5 working days away


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The ids of the complaints due_soon_list replays, in order."""
    seen: list[int] = []
    real = selectors.replay

    def counting(case, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(len(case.events))
        return real(case, **kwargs)

    monkeypatch.setattr(selectors, "replay", counting)
    yield seen


def _listed(council: Council, today: dt.date) -> list[tuple[str, str, int]]:
    return [(row.complaint.reference, row.item.status, row.item.working_days_left)
            for row in due_soon_list(council=council, today=today)]


def test_a_second_listing_replays_nothing(council: Council, manager: User, officer: User, replays: list[int]) -> None:
    complaint = received_complaint(council, manager, officer=officer)
    first = _listed(council, JUNE_10)
    assert first == [(complaint.reference, "due-soon", 5)] and len(replays) == 1
    assert _listed(council, JUNE_10) == first and len(replays) == 1


def test_a_new_event_is_seen_at_once(council: Council, manager: User, officer: User, replays: list[int]) -> None:
    complaint = received_complaint(council, manager, officer=officer)
    june_14 = dt.date(2024, 6, 14)
    assert _listed(council, june_14) == [(complaint.reference, "due-soon", 1)]
    complaint_record_event(complaint=complaint, by=officer, today=june_14,
                           event={"date": "2024-06-14", "type": "stage1.extended", "reason": "Complex"})
    assert _listed(council, june_14) == [] and replays == [1, 2]  # now due 1 July: beyond the 5 working days


def test_a_council_day_off_and_the_next_day_are_each_seen(
        council: Council, manager: User, officer: User, replays: list[int]) -> None:
    complaint = received_complaint(council, manager, officer=officer)
    assert _listed(council, JUNE_10) == [(complaint.reference, "due-soon", 5)]
    CouncilHoliday.objects.create(council=council, day=dt.date(2024, 6, 12), name="Flood closure")
    assert _listed(council, JUNE_10) == [(complaint.reference, "due-soon", 5)]  # due a day later, still 5 away
    assert [row.item.due for row in due_soon_list(council=council, today=JUNE_10)] == [dt.date(2024, 6, 18)]
    assert _listed(council, dt.date(2024, 6, 11)) == [(complaint.reference, "due-soon", 4)]
    assert len(replays) == 3
