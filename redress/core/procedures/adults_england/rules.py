"""The rules table of `adults-england`: acknowledgement, the agreed response period, the response.

SI 2009/309 has one local stage, then the Local Government and Social Care Ombudsman. The shared rows
(`redress.core.procedures.shared`) come first and last; a condition's first docstring line is its message.
"""

from __future__ import annotations

import datetime as dt

from redress.core.events import Event, add_months
from redress.core.procedures.shared import STAGE, findings_for_known_points, later_steps, received_step
from redress.core.table import OK, Condition, Problem, State, Step, before
from redress.core.words import short_date

SOURCE = "SI 2009/309 regs 13-14"
RESPONSE_MONTHS = 6
"""SI 2009/309 reg 14(2): a response within six months of receipt, unless a later date is agreed."""
RESPOND_BY = "adults.respond-by"
"""Where the state keeps the response date last agreed (a key of `State.steps`, like `late-complaint`)."""


def _before(step: str, what: str) -> Condition:
    return before(step, what, SOURCE)



def respond_by_not_before_receipt(state: State, event: Event) -> Problem:
    """The agreed response date ({respond_by}) is before the day it was agreed ({date}).

    Source: SI 2009/309 reg 13(7): the period is agreed for a response still to come (project decision).
    """
    respond_by: dt.date = event.get("respond_by")
    return OK if respond_by >= event.date else {"respond_by": short_date(respond_by), "date": short_date(event.date)}


# --- effects ------------------------------------------------------------------------------------


def start(state: State, event: Event) -> None:
    """Starts the 3 working day acknowledgement clock; a complaint over 12 months after the matter needs a decision.

    Source: SI 2009/309 reg 13(2) (acknowledgement); reg 12(1)-(2): a complaint must be made within 12 months
    of the matter, unless the complainant had good reason and it is still possible to investigate it.
    """
    state.start_clock("adults-england.acknowledgement", event.date)
    matter_on: dt.date | None = event.get("matter_on")
    if matter_on is not None and event.date > add_months(matter_on, 12):
        state.steps["late-complaint"] = matter_on


def decide_time_limit(state: State, event: Event) -> None:
    """Refusing a late complaint without considering the discretion to accept it is fault; a refusal ends it here.

    Source: SI 2009/309 reg 12(2): the time limit does not apply where the complainant had good reasons and
    it is still possible to investigate effectively and fairly; Ombudsman practice (DOMAIN.md section 2).
    """
    state.steps.setdefault(event.type, event.date)
    if not event.get("accepted"):
        state.stop_clock("adults-england.acknowledgement", event.date)
        state.steps.setdefault("adults.refused", event.date)
        if not event.get("discretion_considered"):
            state.warn("complaint.refused-late-without-discretion", "fault", event.date,
                       f"Complaint refused as out of time on {short_date(event.date)} without recording that the "
                       "discretion to accept a late complaint was considered")


def acknowledge(state: State, event: Event) -> None:
    """Stops the acknowledgement clock; not offering to discuss the handling and response period is a risk.

    Source: SI 2009/309 reg 13(2)-(3): the acknowledgement offers to discuss the manner of handling the
    complaint and the period within which the response is likely to be sent.
    """
    state.steps[event.type] = event.date
    state.finish_clock("adults-england.acknowledgement", event.date)
    if not event.get("discussion_offered"):
        state.warn("adults.discussion-not-offered", "risk", event.date,
                   f"Acknowledged on {short_date(event.date)} without recording an offer to discuss how the complaint "
                   "will be handled and when the response is likely to be sent")


def agree_period(state: State, event: Event) -> None:
    """Records the response date agreed with the complainant; a later one agreed again replaces it.

    Source: SI 2009/309 reg 13(7) (the period agreed in the discussion) and reg 14(2) (a later date may be
    agreed). A date beyond six months agreed without recording that the delay was explained is a risk.
    """
    respond_by: dt.date = event.get("respond_by")
    state.steps[event.type] = event.date
    state.steps[RESPOND_BY] = respond_by
    six_months = add_months(state.received or event.date, RESPONSE_MONTHS)
    if respond_by > six_months and not event.get("explained"):
        state.warn("adults.extension.unexplained", "risk", event.date,
                   f"A response date of {short_date(respond_by)}, after six months from receipt ({short_date(six_months)}), "
                   f"was agreed on {short_date(event.date)} without recording that the reason was explained")


def respond(state: State, event: Event) -> None:
    """Records the response and its findings; late against its limit, or without the Ombudsman rights, is fault.

    The limit is the agreed response date, or six months from receipt when none was agreed.

    Source: SI 2009/309 reg 14(2)-(3): a response within the agreed period, or six months unless a later date
    is agreed; it says how the complaint was considered, the conclusions, the action taken and the right to
    complain to the Local Commissioner (the Ombudsman).
    """
    state.steps[event.type] = event.date
    state.finish_clock("adults-england.acknowledgement", event.date)
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[1] = outcome
    due = response_due(state)
    if due is not None and event.date > due:
        state.warn("adults.response.late", "fault", event.date,
                   f"The response was sent on {short_date(event.date)}, after its limit ({short_date(due)})")
    if not event.get("ombudsman_rights"):
        state.warn("adults.response.no-ombudsman-rights", "fault", event.date,
                   f"The response of {short_date(event.date)} does not record telling the complainant of the right "
                   "to complain to the Ombudsman")


def response_due(state: State) -> dt.date | None:
    """The last day for the response: the agreed date, else six months from receipt (SI 2009/309 reg 14(2))."""
    if RESPOND_BY in state.steps:
        return state.steps[RESPOND_BY]
    return add_months(state.received, RESPONSE_MONTHS) if state.received else None


_not_after_response = _before("adults.responded", "the response")
_not_after_refusal = _before("adults.refused", "the complaint was refused as out of time")

TABLE: dict[str, Step] = {
    step.type: step
    for step in (
        received_step(start),
        Step("complaint.time-limit-decision",
             (*STAGE, _not_after_response, _before("complaint.time-limit-decision", "a decision on the time limit")),
             (decide_time_limit,)),
        Step("adults.acknowledged",
             (*STAGE, _before("adults.acknowledged", "the acknowledgement"), _not_after_response, _not_after_refusal),
             (acknowledge,)),
        Step("adults.response-period-agreed",
             (*STAGE, _not_after_response, _not_after_refusal, respond_by_not_before_receipt), (agree_period,)),
        Step("adults.responded", (*STAGE, _not_after_response, _not_after_refusal, findings_for_known_points),
             (respond,)),
        *later_steps(),
    )
}

FIELD_CONDITIONS: frozenset[Condition] = frozenset({findings_for_known_points, respond_by_not_before_receipt})
"""This procedure's conditions that judge an event's own fields."""
