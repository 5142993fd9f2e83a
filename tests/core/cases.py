"""Case files for the engine's tests, built as plain data (the case-file form of SCENARIOS.md)."""

from __future__ import annotations

from typing import Any

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.core.engine import Report, replay
from redress.core.events import parse_case
from redress.core.rules import State, apply, new_state

Raw = dict[str, Any]

POINTS: list[Raw] = [{"id": "P1", "text": "The review was cancelled twice", "about": "practice"}]


def ev(date: str, kind: str, **fields: Any) -> Raw:
    """One event in its case-file form."""
    return {"date": date, "type": kind, **fields}


def received(date: str, **fields: Any) -> Raw:
    return ev(date, "complaint.received", complainant={"role": "parent"}, **fields)


def case_data(*events: Raw, points: list[Raw] | None = None, today: str | None = None) -> Raw:
    data: Raw = {"procedure": "children-england", "council": "Test Council",
                 "points": POINTS if points is None else points, "events": list(events)}
    if today is not None:
        data["today"] = today
    return data


def report_of(*events: Raw, points: list[Raw] | None = None, today: str | None = None) -> Report:
    """Parse and replay a history, as `redress replay` does."""
    return replay(parse_case(case_data(*events, points=points, today=today)))


def state_after(*events: Raw, points: list[Raw] | None = None, calendar: WorkingCalendar | None = None) -> State:
    """The procedure's state once every event of a (valid) history is applied."""
    case = parse_case(case_data(*events, points=points))
    state = new_state(case.points, calendar or default_calendar())
    for event in case.events:
        apply(state, event)
    return state
