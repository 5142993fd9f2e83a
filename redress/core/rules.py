"""The rules of a complaint's procedure: check a history, check the next event, list the events that may follow.

Each procedure is a table (`redress.core.procedures`, built on `redress.core.table`) of what each
event type requires and what it does; the procedure is the case's (`Case.procedure`), named here by
`procedure=` and `children-england` when not given. The fields each event takes are checked first,
by `redress.core.events.EVENT_FIELDS`. This module also keeps the names other code imports from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.core.corrections import corrected_history
from redress.core.events import CORRECTIONS, Event, Point
from redress.core.procedures.children_england.rules import DEFAULT_RECOMMENDATION_DUE, FAILING_TEXT, ROUTES
from redress.core.procedures.registry import DEFAULT_PROCEDURE, PROCEDURES, procedure_named
from redress.core.procedures.shared import DEFAULT_OMBUDSMAN_DUE
from redress.core.table import (
    OK,
    AgreedAction,
    Condition,
    EarlyReferral,
    Effect,
    Offer,
    Problem,
    Procedure,
    ReportWarning,
    RuleViolation,
    RunningClock,
    State,
    Step,
    apply,
    message_of,
)
from redress.core.words import plural, short_date

PROCEDURE = PROCEDURES[DEFAULT_PROCEDURE].table
"""The table of `children-england` (kept under its old name)."""
FIELD_CONDITIONS = PROCEDURES[DEFAULT_PROCEDURE].field_conditions

__all__ = [
    "DEFAULT_OMBUDSMAN_DUE",
    "DEFAULT_RECOMMENDATION_DUE",
    "FAILING_TEXT",
    "FIELD_CONDITIONS",
    "OK",
    "PROCEDURE",
    "ROUTES",
    "AgreedAction",
    "Condition",
    "EarlyReferral",
    "Effect",
    "Offer",
    "Problem",
    "Procedure",
    "ReportWarning",
    "RuleViolation",
    "RunningClock",
    "State",
    "Step",
    "apply",
    "check_history",
    "check_next_event",
    "message_of",
    "new_state",
    "next_events",
    "plural",
    "procedure_named",
    "short_date",
]


def new_state(points: Sequence[Point], calendar: WorkingCalendar, procedure: str = DEFAULT_PROCEDURE) -> State:
    """A complaint before its first event, under `procedure`."""
    return procedure_named(procedure).new_state(points, calendar)


def check_history(
    points: Sequence[Point], events: Sequence[Event], calendar: WorkingCalendar | None = None,
    *, procedure: str = DEFAULT_PROCEDURE,
) -> State:
    """Apply `events`, corrections made, in one pass; a RuleViolation names the first the procedure does not allow."""
    state = new_state(points, calendar or default_calendar(), procedure)
    for event in corrected_history(events)[0]:
        apply(state, event)
    if events and (state.last_date is None or events[-1].date > state.last_date):
        state.last_date = events[-1].date  # a correction is in the history's date order too
    return state


def check_next_event(
    points: Sequence[Point], history: Sequence[Event], event: Event, calendar: WorkingCalendar | None = None,
    *, procedure: str = DEFAULT_PROCEDURE,
) -> None:
    """Raise a RuleViolation if `event` may not follow `history` (which must itself be valid).

    A correction is judged by the whole corrected history: when it leaves a later event without its
    ground, the message names that event.
    """
    if event.type not in CORRECTIONS:
        apply(check_history(points, history, calendar, procedure=procedure), event)
        return
    try:
        check_history(points, [*history, event], calendar, procedure=procedure)
    except RuleViolation as error:
        target = event.get("event")
        if error.event_index is None or error.event_index in {target - 1, len(history)}:
            raise
        raise RuleViolation(f"With this correction, {error.located()}", code=error.code,
                            event_index=len(history), event_type=event.type) from None


def next_events(
    points: Sequence[Point], history: Sequence[Event], on: dt.date, calendar: WorkingCalendar | None = None,
    *, procedure: str = DEFAULT_PROCEDURE,
) -> list[str]:
    """The event types the procedure allows after `history` on the date `on`, in table order.

    Judged on the complaint's state alone: whether a particular event's fields pass is checked when
    it is recorded. Completing an action or answering an offer is listed only while one is open.
    """
    state = check_history(points, history, calendar, procedure=procedure)
    field_conditions = state.procedure.field_conditions
    allowed = []
    for kind, step in state.procedure.table.items():
        probe = Event(on, kind, {}, None)
        if any(c not in field_conditions and c(state, probe) is not None for c in step.requires):
            continue
        if kind == "letter.sent":  # recorded by sending the letter (redress.documents), never chosen from a list
            continue
        if kind == "action.completed" and all(a.done is not None for a in state.actions.values()):
            continue
        if kind in {"offer.withdrawn", "offer.taken-up"} and not any(
            o.withdrawn is None and o.taken_up is None for o in state.offers.values()
        ):
            continue
        allowed.append(kind)
    return allowed
