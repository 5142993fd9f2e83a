"""adults-england's response limit is a calendar date (agreed, or six months): the report gives it as a due date,
and Due soon and the reminders read it as a clock's (the caseload's next deadline: tests/complaints/test_adults_next_due.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from redress.core.calendar import default_calendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.reminders import DEFAULT_THRESHOLDS, MANAGERS, OFFICER, Subject, due_soon, reminders_for
from redress.core.table import DueDate

CALENDAR = default_calendar()


def _adults(*events: dict[str, Any]) -> dict[str, Any]:
    return {"procedure": "adults-england",
            "points": [{"id": "P1", "text": "The care package was cut without a review", "about": "decision"}],
            "events": [{"date": "2026-03-02", "type": "complaint.received", "complainant": {"role": "other"}},
                       {"date": "2026-03-04", "type": "adults.acknowledged", "discussion_offered": True}, *events]}


AGREED = {"date": "2026-03-06", "type": "adults.response-period-agreed", "respond_by": "2026-05-29"}
RESPONDED = {"date": "2026-05-20", "type": "adults.responded", "findings": {"P1": "upheld"}, "ombudsman_rights": True}


def _report(today: str, *events: dict[str, Any]):  # type: ignore[no-untyped-def]
    return replay(parse_case(_adults(*events)), today=dt.date.fromisoformat(today), calendar=CALENDAR)


@pytest.mark.parametrize(("today", "events", "expected"), [
    ("2026-03-05", (), DueDate("adults-england.response", "Response (six months from receipt)", dt.date(2026, 9, 2), "running")),
    ("2026-03-06", (AGREED,), DueDate("adults-england.response", "Response (the date agreed)", dt.date(2026, 5, 29), "running")),
    ("2026-05-29", (AGREED,), DueDate("adults-england.response", "Response (the date agreed)", dt.date(2026, 5, 29), "running")),
    ("2026-06-01", (AGREED,), DueDate("adults-england.response", "Response (the date agreed)", dt.date(2026, 5, 29), "overdue")),
    ("2026-05-21", (AGREED, RESPONDED), None),
])
def test_the_response_is_due_on_the_agreed_date_or_six_months_after_receipt(
        today: str, events: tuple[dict[str, Any], ...], expected: DueDate | None) -> None:
    report = _report(today, *events)
    assert report.due_dates == ((expected,) if expected else ())
    assert ("due_dates" in report.to_json()) is (expected is not None)


def test_the_agreed_date_is_reminded_and_listed_due_soon_like_a_clock() -> None:
    def reminders(today: str) -> list[tuple[str, str, str]]:
        day = dt.date.fromisoformat(today)
        case = parse_case(_adults(AGREED))
        report = replay(case, today=day, calendar=CALENDAR)
        found = reminders_for(Subject(1, True, case.events[0].date, case.events), report,
                              thresholds=DEFAULT_THRESHOLDS, today=day, calendar=CALENDAR)
        return [(r.reminder, r.threshold, r.recipient) for r in found]

    assert reminders("2026-05-20") == []
    assert reminders("2026-05-21") == [("clock:adults-england.response", "5", OFFICER)]  # 5 working days (25 May a holiday)
    assert reminders("2026-05-27") == [("clock:adults-england.response", "2", OFFICER)]
    assert reminders("2026-06-01") == [("clock:adults-england.response", "overdue", OFFICER),
                                       ("clock:adults-england.response", "overdue", MANAGERS)]
    listed = due_soon(1, _report("2026-05-27", AGREED), thresholds=DEFAULT_THRESHOLDS, today=dt.date(2026, 5, 27),
                      calendar=CALENDAR)
    assert [(item.what, item.due, item.working_days_left) for item in listed] == [
        ("Response (the date agreed)", dt.date(2026, 5, 29), 2)]


def test_other_procedures_have_no_due_dates() -> None:
    data = {"procedure": "children-england", "points": [{"id": "P1", "text": "Contact", "about": "contact"}],
            "events": [{"date": "2026-03-02", "type": "complaint.received", "complainant": {"role": "parent"}}]}
    assert replay(parse_case(data), today=dt.date(2026, 3, 3), calendar=CALENDAR).due_dates == ()
