"""The rules of a two-stage complaint handling code: its table and its judgements, built from its `Code`.

Each condition and effect is a named function whose docstring (its message, then its source) cites the
paragraph of that procedure's code (`redress.core.procedures.two_stage.code`).
"""

from __future__ import annotations

import datetime as dt

from redress.core.events import Event
from redress.core.procedures.shared import STAGE, findings_for_known_points, later_steps, received_step
from redress.core.procedures.two_stage.code import (
    ACKNOWLEDGE_WD,
    STAGE1_MORE_WD,
    STAGE1_WD,
    STAGE2_MORE_WD,
    STAGE2_WD,
    Code,
    named,
)
from redress.core.table import (
    OK,
    Condition,
    Effect,
    Judgement,
    Problem,
    ReportWarning,
    State,
    Step,
    after,
    before,
)
from redress.core.words import short_date

# --- conditions -----------------------------------------------------------------------------------


def _extension_within_limit(code: Code, stage: int, limit: int, more: int, source: str) -> Condition:
    def condition(state: State, event: Event) -> Problem:
        to_wd = event.get("to_wd", limit + more)
        return OK if limit < to_wd <= limit + more else {"to_wd": to_wd}

    named(condition, f"stage{stage}_extension_within_limit",
           f"Stage {stage} can be extended by up to {more} working days, to between {limit + 1} and {limit + more} "
           "working days in all, not {to_wd}", source)
    return condition


def _stage1_answered_or_late(code: Code) -> Condition:
    def condition(state: State, event: Event) -> Problem:
        if code.event("stage1.responded") in state.steps:
            return OK
        clock = state.clocks.get(code.clock("stage1.response"))
        due = clock.deadline(state.calendar).due if clock else None
        if due is not None and event.date > due:
            return OK
        return {"due": short_date(due) if due else "not yet set: the complaint has not been acknowledged"}

    named(condition, "stage1_answered_or_late",
           "Stage 2 can be asked for once the Stage 1 response is sent or its deadline ({due}) has passed",
           code.escalation)
    return condition


# --- effects --------------------------------------------------------------------------------------


def _effect(name: str, doc: str, source: str, body: Effect) -> Effect:
    named(body, name, doc, source)
    return body


def _record(state: State, event: Event) -> None:
    state.steps.setdefault(event.type, event.date)


def _findings(state: State, event: Event, stage: int) -> None:
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[stage] = outcome


def _effects(code: Code) -> dict[str, Effect]:
    ack, s1, s2_ack, s2 = (code.clock(n) for n in ("acknowledgement", "stage1.response", "stage2.acknowledgement",
                                                   "stage2.response"))

    def start(state: State, event: Event) -> None:
        state.start_clock(ack, event.date)

    def acknowledge(state: State, event: Event) -> None:
        _record(state, event)
        state.finish_clock(ack, event.date)
        state.start_clock(s1, event.date)

    def extend(clock: str, stage: int, limit: int, more: int) -> Effect:
        def effect(state: State, event: Event) -> None:
            _record(state, event)
            to_wd = event.get("to_wd", limit + more)
            state.clocks[clock].extended_to = to_wd
            if not event.get("reasons_told"):
                state.warn(f"{code.prefix}.extension.unexplained", "fault", event.date,
                           f"Stage {stage} was extended to {to_wd} working days on {short_date(event.date)} without "
                           f"recording that the reasons were explained to {code.who}")
        return effect

    def respond_stage1(state: State, event: Event) -> None:
        _record(state, event)
        state.finish_clock(ack, event.date)
        state.finish_clock(s1, event.date)
        _findings(state, event, 1)

    def request_stage2(state: State, event: Event) -> None:
        _record(state, event)
        state.stage = 2
        state.stop_clock(ack, event.date)
        state.stop_clock(s1, event.date)
        state.start_clock(s2_ack, event.date)

    def refuse_stage2(state: State, event: Event) -> None:
        _record(state, event)
        state.finish_clock(s2_ack, event.date)
        state.warn(f"{code.prefix}.stage2.refused", "risk", event.date,
                   f"Stage 2 was refused on {short_date(event.date)} ({event.get('reason')}): the Code allows this only "
                   f"on one of its grounds, with the reasons and the right to go to {code.ombudsman} in writing")
        _check_ombudsman_details(state, event, "The refusal of Stage 2")

    def acknowledge_stage2(state: State, event: Event) -> None:
        _record(state, event)
        state.finish_clock(s2_ack, event.date)
        state.start_clock(s2, event.date)

    def respond_stage2(state: State, event: Event) -> None:
        _record(state, event)
        state.finish_clock(s2_ack, event.date)
        state.finish_clock(s2, event.date)
        _findings(state, event, 2)
        _check_ombudsman_details(state, event, "The Stage 2 response")

    def _check_ombudsman_details(state: State, event: Event, what: str) -> None:
        if not event.get("ombudsman_details"):
            state.warn(f"{code.prefix}.response.no-ombudsman-details", "fault", event.date,
                       f"{what} of {short_date(event.date)} does not record giving {code.who} the details of "
                       f"{code.ombudsman}")

    return {
        "start": _effect("start", f"Starts the {ACKNOWLEDGE_WD} working day acknowledgement clock.",
                         code.acknowledgement, start),
        "acknowledge": _effect(
            "acknowledge", f"Stops the acknowledgement clock; starts the {STAGE1_WD} working day Stage 1 response clock.",
            f"{code.acknowledgement}; {code.stage1_response}", acknowledge),
        "extend_stage1": _effect(
            "extend_stage1", "The Stage 1 limit becomes `to_wd` (default 20) working days; not telling the reasons is fault.",
            code.stage1_extension, extend(s1, 1, STAGE1_WD, STAGE1_MORE_WD)),
        "respond_stage1": _effect(
            "respond_stage1", "Stops the Stage 1 clocks and records the Stage 1 findings.", code.stage1_response,
            respond_stage1),
        "request_stage2": _effect(
            "request_stage2", f"Stage 2 begins: starts the {ACKNOWLEDGE_WD} working day Stage 2 acknowledgement clock.",
            f"{code.escalation}; {code.stage2_acknowledgement}", request_stage2),
        "refuse_stage2": _effect(
            "refuse_stage2", "Answers the Stage 2 request with a refusal: a risk; without the Ombudsman's details, fault.",
            f"{code.refusal}; {code.ombudsman_details}", refuse_stage2),
        "acknowledge_stage2": _effect(
            "acknowledge_stage2", f"Stops the Stage 2 acknowledgement clock; starts the {STAGE2_WD} working day Stage 2 "
            "response clock.", f"{code.stage2_acknowledgement}; {code.stage2_response}", acknowledge_stage2),
        "extend_stage2": _effect(
            "extend_stage2", "The Stage 2 limit becomes `to_wd` (default 40) working days; not telling the reasons is fault.",
            code.stage2_extension, extend(s2, 2, STAGE2_WD, STAGE2_MORE_WD)),
        "respond_stage2": _effect(
            "respond_stage2", "The final response: stops the Stage 2 clocks and records its findings; without the "
            "Ombudsman's details, fault.", f"{code.stage2_response}; {code.ombudsman_details}", respond_stage2),
    }


# --- the table ------------------------------------------------------------------------------------


def table(code: Code) -> tuple[dict[str, Step], frozenset[Condition]]:
    """The code's rules table (shared rows first and last) and its conditions that judge an event's own fields."""
    order = f"the order of the stages in {code.name}"
    e = code.event
    does = _effects(code)

    def not_after(step: str, what: str) -> Condition:
        return before(e(step), what, order)

    def only_after(step: str, what: str) -> Condition:
        return after(e(step), what, order)

    s1_within = _extension_within_limit(code, 1, STAGE1_WD, STAGE1_MORE_WD, code.stage1_extension)
    s2_within = _extension_within_limit(code, 2, STAGE2_WD, STAGE2_MORE_WD, code.stage2_extension)
    no_s1_response = not_after("stage1.responded", "the Stage 1 response")
    no_s2_request = not_after("stage2.requested", "the Stage 2 request")
    no_refusal = not_after("stage2.refused", "the refusal of Stage 2")
    requested = only_after("stage2.requested", "the Stage 2 request")
    rows = {step.type: step for step in (
        received_step(does["start"]),
        Step(e("acknowledged"), (*STAGE, not_after("acknowledged", "the acknowledgement"), no_s1_response, no_s2_request),
             (does["acknowledge"],)),
        Step(e("stage1.extended"),
             (*STAGE, only_after("acknowledged", "the acknowledgement"),
              not_after("stage1.extended", "an extension of Stage 1"), no_s1_response, no_s2_request, s1_within),
             (does["extend_stage1"],)),
        Step(e("stage1.responded"), (*STAGE, no_s1_response, no_s2_request, findings_for_known_points),
             (does["respond_stage1"],)),
        Step(e("stage2.requested"), (*STAGE, _stage1_answered_or_late(code), no_s2_request), (does["request_stage2"],)),
        Step(e("stage2.refused"),
             (*STAGE, requested, not_after("stage2.acknowledged", "the Stage 2 acknowledgement"), no_refusal),
             (does["refuse_stage2"],)),
        Step(e("stage2.acknowledged"),
             (*STAGE, requested, not_after("stage2.acknowledged", "the Stage 2 acknowledgement"), no_refusal),
             (does["acknowledge_stage2"],)),
        Step(e("stage2.extended"),
             (*STAGE, only_after("stage2.acknowledged", "the Stage 2 acknowledgement"),
              not_after("stage2.extended", "an extension of Stage 2"),
              not_after("stage2.responded", "the Stage 2 response"), s2_within),
             (does["extend_stage2"],)),
        Step(e("stage2.responded"),
             (*STAGE, requested, not_after("stage2.responded", "the Stage 2 response"), no_refusal,
              findings_for_known_points),
             (does["respond_stage2"],)),
        *later_steps(),
    )}
    return rows, frozenset({s1_within, s2_within, findings_for_known_points})


def referred_before_both_stages(code: Code) -> Judgement:
    """A judgement: a referral to the Ombudsman while Stage 2 is unanswered is a risk (it may be premature)."""
    def judgement(state: State, today: dt.date) -> list[ReportWarning]:
        on = state.steps.get("ombudsman.referred")
        done = code.event("stage2.responded") in state.steps or code.event("stage2.refused") in state.steps
        if on is None or done or state.status != "open":
            return []
        return [ReportWarning(f"{code.prefix}.referral.premature", "risk", on,
                              f"Referred to {code.ombudsman} before the Stage 2 response: it considers a complaint "
                              "once both stages are complete, or the council has not answered in time")]

    named(judgement, "referred_before_both_stages",
           "A referral to the Ombudsman while Stage 2 is unanswered is a risk: it may be premature.", code.both_stages)
    return judgement
