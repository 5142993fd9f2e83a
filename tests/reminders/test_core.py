"""The pure core: what is due on a day, and who is told (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.core.calendar import WorkingCalendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.reminders import (
    DEFAULT_THRESHOLDS,
    MANAGERS,
    OFFICER,
    Subject,
    ThresholdError,
    due_soon,
    reminders_for,
    thresholds_from,
)
from tests.core.cases import case_data, ev, received

RECEIVED = "2024-06-03"  # Stage 1 response due Mon 17 June 2024 (10 working days)


def _reminders(today: str, *events: dict, has_officer: bool = True, calendar: WorkingCalendar, **kw: object):
    case = parse_case(case_data(received(RECEIVED), *events))
    day = dt.date.fromisoformat(today)
    report = replay(case, today=day, calendar=calendar)
    subject = Subject(1, has_officer, case.events[0].date, case.events)
    return reminders_for(subject, report, thresholds=kw.get("thresholds", DEFAULT_THRESHOLDS), today=day,
                         calendar=calendar)


@pytest.mark.parametrize(("today", "expected"), [
    ("2024-06-07", []),
    ("2024-06-10", [("clock:stage1.response", "5", OFFICER, "2024-06-17")]),
    ("2024-06-12", [("clock:stage1.response", "5", OFFICER, "2024-06-17")]),
    ("2024-06-13", [("clock:stage1.response", "2", OFFICER, "2024-06-17")]),
    ("2024-06-15", [("clock:stage1.response", "2", OFFICER, "2024-06-17")]),  # a Saturday: still the 2-day one
    ("2024-06-17", [("clock:stage1.response", "0", OFFICER, "2024-06-17")]),
    ("2024-06-18", [("clock:stage1.response", "overdue", OFFICER, "2024-06-18"),
                    ("clock:stage1.response", "overdue", MANAGERS, "2024-06-18")]),
    ("2024-06-24", [("clock:stage1.response", "overdue", OFFICER, "2024-06-18"),
                    ("clock:stage1.response", "overdue", MANAGERS, "2024-06-18")]),
    ("2024-06-25", [("clock:stage1.response", "overdue", OFFICER, "2024-06-25"),
                    ("clock:stage1.response", "overdue", MANAGERS, "2024-06-25")]),
])
def test_a_council_clock_is_reminded_at_each_threshold_then_weekly_when_overdue(today, expected, calendar) -> None:
    found = _reminders(today, calendar=calendar)
    assert [(r.reminder, r.threshold, r.recipient, r.day.isoformat()) for r in found] == expected


def test_a_clock_met_is_not_reminded(calendar) -> None:
    assert _reminders("2024-06-17", ev("2024-06-14", "stage1.responded", findings={"P1": "upheld"}),
                      calendar=calendar) == []


def test_with_no_officer_the_managers_are_told_and_reminded_weekly_of_the_gap(calendar) -> None:
    found = _reminders("2024-06-10", has_officer=False, calendar=calendar)
    assert {(r.reminder, r.recipient, r.day.isoformat()) for r in found} == {
        ("clock:stage1.response", MANAGERS, "2024-06-17"), ("unassigned", MANAGERS, "2024-06-10")}


def test_a_bank_holiday_added_moves_the_deadline_and_so_the_reminder(calendar) -> None:
    moved = WorkingCalendar({dt.date(2024, 6, 12): "A council day"})
    before = _reminders("2024-06-10", calendar=calendar)[0]
    after = _reminders("2024-06-10", calendar=moved)
    assert before.day == dt.date(2024, 6, 17)
    assert after == [] or after[0].day == dt.date(2024, 6, 18)
    assert _reminders("2024-06-11", calendar=moved)[0].day == dt.date(2024, 6, 18)


def test_due_soon_lists_council_deadlines_within_reach_and_the_overdue(calendar) -> None:
    case = parse_case(case_data(received(RECEIVED)))
    report = replay(case, today=dt.date(2024, 6, 12), calendar=calendar)
    [item] = due_soon(1, report, thresholds=DEFAULT_THRESHOLDS, today=dt.date(2024, 6, 12), calendar=calendar)
    assert (item.what, item.working_days_left, item.status) == ("Stage 1 response", 3, "due-soon")
    late = replay(case, today=dt.date(2024, 6, 19), calendar=calendar)
    [item] = due_soon(1, late, thresholds=DEFAULT_THRESHOLDS, today=dt.date(2024, 6, 19), calendar=calendar)
    assert (item.status, item.overdue_wd) == ("overdue", 2)
    assert due_soon(1, replay(case, today=dt.date(2024, 6, 4), calendar=calendar), thresholds=DEFAULT_THRESHOLDS,
                    today=dt.date(2024, 6, 4), calendar=calendar) == []


def test_thresholds_are_read_and_malformed_ones_named() -> None:
    assert thresholds_from({"clock_due": [3, 10, 3]}).clock_due == (10, 3)
    for bad, says in [({"clock_due": "5"}, "clock_due must be a list"), ({"clock_due": [-1]}, "from 0 to 60"),
                      ({"soon": [1]}, "unknown reminder threshold 'soon'"), ({"unassigned": 1}, "true or false"),
                      ({"panel_unscheduled": 0}, "from 1 to 60")]:
        with pytest.raises(ThresholdError, match=says):
            thresholds_from(bad)
