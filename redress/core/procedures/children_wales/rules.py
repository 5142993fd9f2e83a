"""The rules table of `children-wales`: acknowledgement, local resolution, formal investigation; no review panel.

SI 2014/1795 (the Representations Procedure (Wales) Regulations 2014). After the formal investigation the
complainant may go to the Public Services Ombudsman for Wales (the shared `ombudsman.*` rows).
"""

from __future__ import annotations

from redress.core.events import Event
from redress.core.procedures.shared import STAGE, findings_for_known_points, later_steps, received_step
from redress.core.table import OK, Condition, Problem, State, Step, after, before
from redress.core.words import short_date

ORDER = "SI 2014/1795: local resolution, then formal investigation"


def _before(step: str, what: str) -> Condition:
    return before(step, what, ORDER)


def _after(step: str, what: str) -> Condition:
    return after(step, what, ORDER)



def extension_within_limit(state: State, event: Event) -> Problem:
    """The formal investigation can be extended to between 26 and 65 working days, not {to_wd}.

    Source: SI 2014/1795 (25 working days); project decision, not confirmed: 65 working days at most.
    """
    to_wd = event.get("to_wd", 65)
    return OK if 25 < to_wd <= 65 else {"to_wd": to_wd}


# --- effects ------------------------------------------------------------------------------------


def start(state: State, event: Event) -> None:
    """Starts the 2 working day acknowledgement clock.

    Source: SI 2014/1795: acknowledge within 2 working days (regulation number not confirmed in this session).
    """
    state.start_clock("children-wales.acknowledgement", event.date)


def acknowledge(state: State, event: Event) -> None:
    """Stops the acknowledgement clock and starts the 10 working day local resolution clock.

    Source: SI 2014/1795: local resolution within 10 working days of the acknowledgement (project decision:
    counted from the acknowledgement).
    """
    state.steps[event.type] = event.date
    state.finish_clock("children-wales.acknowledgement", event.date)
    state.start_clock("children-wales.local-resolution", event.date)


def end_local_resolution(state: State, event: Event) -> None:
    """Stops the local resolution clock and records its findings; resolved or not, the formal stage may follow.

    Source: SI 2014/1795: a complainant not satisfied by local resolution may ask for a formal investigation.
    """
    state.steps[event.type] = event.date
    state.finish_clock("children-wales.local-resolution", event.date)
    state.finish_clock("children-wales.acknowledgement", event.date)
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[1] = outcome


def request_investigation(state: State, event: Event) -> None:
    """Starts the 25 working day formal investigation clock; local resolution, if still running, stops.

    Source: SI 2014/1795: the formal investigation may be asked for after local resolution, or instead of it
    where the complaint is serious; its 25 working days run from the request.
    """
    state.steps[event.type] = event.date
    state.stage = 2
    state.finish_clock("children-wales.acknowledgement", event.date)
    state.stop_clock("children-wales.local-resolution", event.date)
    state.start_clock("children-wales.investigation", event.date)


def extend_investigation(state: State, event: Event) -> None:
    """The investigation limit becomes `to_wd` (default 65) working days; without telling the complainant it is fault.

    Source: SI 2014/1795: where 25 working days is not possible the complainant is told in writing the reason
    and when to expect the response (the 65 working day ceiling is a project decision).
    """
    state.steps[event.type] = event.date
    to_wd = event.get("to_wd", 65)
    state.clocks["children-wales.investigation"].extended_to = to_wd
    if not event.get("notified"):
        state.warn("wales.extension.unnotified", "fault", event.date,
                   f"The formal investigation was extended to {to_wd} working days on {short_date(event.date)} "
                   "without telling the complainant why and when to expect the response")


def respond_investigation(state: State, event: Event) -> None:
    """Stops the investigation clock and records its findings; not telling of the Ombudsman is fault.

    Source: SI 2014/1795: the response tells the complainant of the right to go to the Public Services
    Ombudsman for Wales; there is no review panel in Wales since 2014.
    """
    state.steps[event.type] = event.date
    state.finish_clock("children-wales.investigation", event.date)
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[2] = outcome
    if not event.get("ombudsman_rights"):
        state.warn("wales.response.no-ombudsman-rights", "fault", event.date,
                   f"The formal investigation response of {short_date(event.date)} does not record telling the "
                   "complainant of the right to go to the Public Services Ombudsman for Wales")


_not_after_request = _before("wales.investigation-requested", "the request for a formal investigation")
_not_after_response = _before("wales.investigation-responded", "the formal investigation response")

TABLE: dict[str, Step] = {
    step.type: step
    for step in (
        received_step(start),
        Step("wales.acknowledged", (*STAGE, _before("wales.acknowledged", "the acknowledgement"), _not_after_request),
             (acknowledge,)),
        Step("wales.local-resolution-ended",
             (*STAGE, _after("wales.acknowledged", "the acknowledgement"),
              _before("wales.local-resolution-ended", "the end of local resolution"), _not_after_request,
              findings_for_known_points),
             (end_local_resolution,)),
        Step("wales.investigation-requested", (*STAGE, _not_after_request), (request_investigation,)),
        Step("wales.investigation-extended",
             (*STAGE, _after("wales.investigation-requested", "the request for a formal investigation"),
              _before("wales.investigation-extended", "an extension of the formal investigation"),
              _not_after_response, extension_within_limit),
             (extend_investigation,)),
        Step("wales.investigation-responded",
             (*STAGE, _after("wales.investigation-requested", "the request for a formal investigation"),
              _not_after_response, findings_for_known_points),
             (respond_investigation,)),
        *later_steps(),
    )
}

FIELD_CONDITIONS: frozenset[Condition] = frozenset({findings_for_known_points, extension_within_limit})
"""This procedure's conditions that judge an event's own fields."""
