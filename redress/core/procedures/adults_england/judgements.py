"""The end-of-history judgements of `adults-england`: what the complaint's state says as of a day."""

from __future__ import annotations

import datetime as dt

from redress.core.procedures.adults_england.rules import RESPOND_BY, response_due
from redress.core.table import DueDate, EarlyReferral, ReportWarning, State
from redress.core.words import short_date


def response_overdue(state: State, today: dt.date) -> list[ReportWarning]:
    """An open complaint with no response after its limit (the agreed date, or six months) is fault.

    Source: SI 2009/309 reg 14(2): the response is sent within six months of receipt, or a later agreed date.
    """
    if state.status != "open" or "adults.responded" in state.steps or "adults.refused" in state.steps:
        return []
    due = response_due(state)
    if due is None or today <= due:
        return []
    return [ReportWarning("adults.response.overdue", "fault", due,
                          f"No response has been sent, and its limit ({short_date(due)}) has passed")]


def time_limit_undecided(state: State, today: dt.date) -> list[ReportWarning]:
    """A complaint made more than 12 months after the matter needs a recorded decision on accepting it: until then, a risk.

    Source: SI 2009/309 reg 12(1)-(2): the 12 month limit, and the discretion to accept a later complaint.
    """
    if "late-complaint" in state.steps and "complaint.time-limit-decision" not in state.steps and state.received:
        return [ReportWarning(
            "complaint.time-limit.undecided", "risk", state.received,
            f"Received on {short_date(state.received)}, more than 12 months after the matter "
            f"({short_date(state.steps['late-complaint'])}): record a decision on whether to accept it, "
            "considering the discretion to do so")]
    return []


JUDGEMENTS = (response_overdue, time_limit_undecided)


def early_referral(state: State) -> EarlyReferral | None:
    """None: SI 2009/309 has one local stage, so there is no later stage to refer early from.

    Source: SI 2009/309 reg 14; the Ombudsman considers a complaint once the council's response is sent.
    """
    return None


def due_dates(state: State, today: dt.date) -> tuple[DueDate, ...]:
    """The response's limit while it is awaited: the date agreed with the complainant, else six months from receipt.

    A calendar date, not working days, so it is a due date rather than a clock (`DueDate`); the caseload's
    next deadline, Due soon and the reminders read it as they read a clock.

    Source: SI 2009/309 reg 14(2): the response within six months of receipt, or a later date agreed.
    """
    if state.status != "open" or "adults.responded" in state.steps or "adults.refused" in state.steps:
        return ()
    due = response_due(state)
    if due is None:
        return ()
    title = "Response (the date agreed)" if RESPOND_BY in state.steps else "Response (six months from receipt)"
    return (DueDate("adults-england.response", title, due, "overdue" if today > due else "running"),)
