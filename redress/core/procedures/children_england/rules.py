"""The rules table of `children-england`: what each of its events requires and what it does.

Its own stages (Stage 1 local resolution, Stage 2 investigation, Stage 3 review panel) sit between
the shared rows (`redress.core.procedures.shared`): receipt first, then the stages, then
suspension, offers, actions, the Ombudsman and the end. Each condition and effect is a named
function citing its source; a condition's first docstring line is the message a person sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from redress.core.events import SAYS, Event, add_months, parse_due
from redress.core.procedures.children_england.clocks import CLOCKS
from redress.core.procedures.shared import (
    NEW_ACTION_IDS,
    OPEN,
    STAGE,
    action_ids_new,
    agree,
    findings_for_known_points,
    later_steps,
    received_step,
)
from redress.core.table import OK, Condition, Effect, Problem, State, Step, after, before
from redress.core.words import plural, short_date

DEFAULT_RECOMMENDATION_DUE = parse_due("20 WD")
"""Project decision: an accepted recommendation with no due date is due 20 working days after it was accepted."""

ORDER_OF_STAGES = "the order of the stages in SI 2006/1738 and Getting the Best from Complaints (DfES 2006)"


def _before(step: str, what: str) -> Condition:
    return before(step, what, ORDER_OF_STAGES)


def _after(step: str, what: str) -> Condition:
    return after(step, what, ORDER_OF_STAGES)


# --- conditions: each returns None when met, or the values its message needs ---------------------


def stage1_answered_or_late(state: State, event: Event) -> Problem:
    """Stage 2 can be asked for once the Stage 1 response is sent or its deadline ({due}) has passed.

    Source: Getting the Best from Complaints (DfES 2006) 3.6: a complainant may go to Stage 2 when
    Stage 1 is not completed in time.
    """
    if "stage1.responded" in state.steps:
        return OK
    clock = state.clocks.get("stage1.response")
    due = clock.deadline(state.calendar).due if clock else None
    if due is not None and event.date > due:
        return OK
    return {"due": short_date(due) if due else "not yet set"}



def extension_within_limit(state: State, event: Event) -> Problem:
    """Stage 2 can be extended to between 26 and 65 working days, not {to_wd}.

    Source: SI 2006/1738 reg 17(3)-(4): 25 working days, extendable to 65 at most.
    """
    to_wd = event.get("to_wd", 65)
    return OK if 25 < to_wd <= 65 else {"to_wd": to_wd}


def panel_date_not_past(state: State, event: Event) -> Problem:
    """The panel date ({panel}) is before the day it was set ({date}).

    Source: project decision: a date set for a panel is a future date.
    """
    panel: dt.date = event.get("panel_date")
    return OK if panel >= event.date else {"panel": short_date(panel), "date": short_date(event.date)}


def recommendations_known(state: State, event: Event) -> Problem:
    """The panel made no recommendation {id}; its recommendations are {known}.

    Source: SI 2006/1738 reg 21: the council responds to the panel's recommendations.
    """
    for rec_id in event.get("decisions") or {}:
        if rec_id not in state.panel_recommendations:
            return {"id": rec_id, "known": ", ".join(state.panel_recommendations) or "none recorded"}
    return OK


# --- effects ------------------------------------------------------------------------------------


def start_stage1(state: State, event: Event) -> None:
    """Starts Stage 1 and its 10 working day response clock.

    Source: SI 2006/1738 reg 14. Points about conduct, records or court are routed (DOMAIN.md section 8).
    """
    state.start_clock("stage1.response", event.date)
    for point in state.points.values():
        route = ROUTES.get(point.about)
        if route is not None:
            code, body = route
            message = f"{point.id} ({point.text}): {body}"
            if not any(w.code == code and w.message == message for w in state.warnings):  # once, if it came back here
                state.warn(code, "info", event.date, message)
    matter_on: dt.date | None = event.get("matter_on")
    if matter_on is not None and event.date > add_months(matter_on, 12):
        state.steps["late-complaint"] = matter_on


ROUTES: dict[str, tuple[str, str]] = {
    "staff-conduct": (
        "route.social-work-england",
        "Social Work England is the body for a social worker's professional conduct; say so in the response.",
    ),
    "records": (
        "route.information-commissioner",
        "the Information Commissioner handles data protection and record accuracy; say so in the response.",
    ),
    "data": (
        "route.information-commissioner",
        "the Information Commissioner handles data protection and record accuracy; say so in the response.",
    ),
    "court": (
        "route.court",
        "court proceedings are outside this procedure and the Ombudsman; say so in the response.",
    ),
}


def decide_time_limit(state: State, event: Event) -> None:
    """Refusing a complaint as out of time without considering the discretion to accept it is fault.

    Source: SI 2006/1738 reg 9(2); Ombudsman practice (DOMAIN.md section 2). A refusal stops Stage 1.
    """
    state.steps.setdefault(event.type, event.date)
    if not event.get("accepted"):
        state.stop_clock("stage1.response", event.date)
        if not event.get("discretion_considered"):
            state.warn(
                "complaint.refused-late-without-discretion", "fault", event.date,
                f"Complaint refused as out of time on {short_date(event.date)} without recording that the "
                "discretion to accept a late complaint was considered",
            )


def decide_eligibility(state: State, event: Event) -> None:
    """A complainant found not eligible leaves the statutory procedure, so Stage 1 stops.

    Source: Children Act 1989 s26(3); SI 2006/1738 regs 3-5 (the council says which procedure it uses instead).
    """
    state.steps.setdefault(event.type, event.date)
    if not event.get("eligible"):
        state.stop_clock("stage1.response", event.date)


def note_step(state: State, event: Event) -> None:
    """Recorded in the history; changes no clock.

    Source: Children Act 1989 s26A (advocacy) and project decision.
    """
    state.steps.setdefault(event.type, event.date)


def extend_stage1(state: State, event: Event) -> None:
    """The Stage 1 limit becomes 20 working days.

    Source: SI 2006/1738 reg 14(2): up to 20 working days where the complaint is complex or an advocate is needed.
    """
    state.steps[event.type] = event.date
    state.clocks["stage1.response"].extended_to = CLOCKS["stage1.response"].extended_wd


def respond_stage1(state: State, event: Event) -> None:
    """Stops the Stage 1 clock, records the Stage 1 findings and opens the 20 working day window for Stage 2.

    Source: SI 2006/1738 reg 14; Getting the Best from Complaints (DfES 2006): the response gives, for each
    point, the finding, its basis and the remedy; Ombudsman decision 19 011 904 (Staffordshire).
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage1.response", event.date)
    _record_findings(state, event, 1)
    state.start_clock("stage2.request-window", event.date)
    findings: Mapping[str, str] = event.get("findings")
    missing = _stage1_missing(state, findings, event.get("says") or SAYS)
    if missing:
        state.judged_warnings["stage1.response"] = len(state.warnings)
        state.warn(
            "stage1.response.incomplete", "fault", event.date,
            f"The Stage 1 response of {short_date(event.date)} does not give " + "; ".join(missing),
        )


def judge_stage1_letter(state: State, event: Event) -> None:
    """The Stage 1 letter Redress sent says what it contained: the response is judged from it, not from a typed `says`.

    Source: SI 2006/1738 reg 14 and DOMAIN.md section 5 (finding, basis and remedy); project decision
    (issue 10): a letter sent through Redress carries what it contained.
    """
    if event.get("kind") != "stage1-response" or "stage1.responded" not in state.steps:
        return
    earlier = state.judged_warnings.get("stage1.response")
    if earlier is not None:
        state.drop_warning(earlier)
    findings = {point: stages[1] for point, stages in state.findings.items() if 1 in stages}
    said = event.get("says")
    missing = _stage1_missing(state, findings, SAYS if said is None else said)
    if missing:
        state.judged_warnings["stage1.response"] = len(state.warnings)
        state.warn("stage1.response.incomplete", "fault", event.date,
                   f"The Stage 1 letter sent on {short_date(event.date)} does not give " + "; ".join(missing))


def _stage1_missing(state: State, findings: Mapping[str, str], says_given: Sequence[str]) -> list[str]:
    says = set(says_given)
    missing = []
    unanswered = [p for p in state.points if p not in findings]
    if unanswered or "findings" not in says:
        missing.append("a finding on " + (", ".join(unanswered) if unanswered else "every point"))
    if "basis" not in says:
        missing.append("the basis for the findings")
    if "remedy" not in says and any(o in {"upheld", "partly-upheld"} for o in findings.values()):
        missing.append("the remedy for the upheld points")
    return missing


def request_stage(stage: int) -> Effect:
    window, starts = ("stage2.request-window", "stage2.statement") if stage == 2 else ("stage3.request-window", "stage3.panel")

    def effect(state: State, event: Event) -> None:
        state.steps[event.type] = event.date
        state.stage = stage
        if stage == 2 and state.clocks["stage1.response"].active:
            state.stop_clock("stage1.response", event.date)  # escalated because Stage 1 was late
        clock = state.clocks.get(window)
        if clock is not None and clock.active:
            due = clock.deadline(state.calendar).due
            clock.done = event.date
            if due is not None and event.date > due:
                state.outside_window[stage] = (event.date, due, state.calendar.working_days_after(due, event.date))
        state.start_clock(starts, event.date)

    effect.__name__ = f"request_stage{stage}"
    effect.__doc__ = (
        f"Moves the complaint to Stage {stage}, closes the complainant's window and starts "
        + ("the clock to agree the statement of complaint." if stage == 2 else "the 30 working day panel clock.")
        + "\n\nSource: "
        + ("Getting the Best from Complaints (DfES 2006) 3.7; project decision on the statement (10 WD)."
           if stage == 2 else "SI 2006/1738 regs 18-19.")
    )
    return effect


def decide_late_request(state: State, event: Event) -> None:
    """Records the decision on a request made outside its window; a refusal ends the stage.

    Source: Getting the Best from Complaints (DfES 2006); project decision: a late request needs a recorded decision.
    """
    stage = 2 if event.type.startswith("stage2") else 3
    state.steps[event.type] = event.date
    if not event.get("accepted"):
        state.stop_clock("stage2.statement" if stage == 2 else "stage3.panel", event.date)


def agree_statement(state: State, event: Event) -> None:
    """Stops the statement clock and starts the 25 working day Stage 2 response clock.

    Source: SI 2006/1738 reg 17(2); Getting the Best from Complaints (DfES 2006) 3.7.
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage2.statement", event.date)
    state.start_clock("stage2.response", event.date)


def appoint(state: State, event: Event) -> None:
    """An involved IO or IP, or an IP who is a member or officer of the council, is a conflict of interest.

    Replacing a conflicted IO or IP with someone free of conflict puts it right: the fault stays as
    history, marked with the day it was put right, beside an information line saying so (project decision).

    Source: SI 2006/1738 reg 2 (independent person) and Getting the Best from Complaints (DfES 2006) 3.7.
    """
    role, person = event.get("role"), event.get("person")
    title = "investigating officer" if role == "io" else "independent person"
    if role == "ip":
        state.independent_person.append(person)
    before = len(state.warnings)
    if event.get("involved"):
        state.warn("independence.conflict", "fault", event.date,
                   f"The {title}, {person}, was involved in the events complained about")
    if role == "ip" and event.get("council_employee"):
        state.warn("independence.conflict", "fault", event.date,
                   f"The independent person, {person}, is a member or officer of the council")
    replaced = state.appointee_conflicts.pop(role, None)
    if len(state.warnings) > before:
        state.appointee_conflicts[role] = (person, list(range(before, len(state.warnings))))
    elif replaced is not None:
        old_person, indices = replaced
        for index in indices:
            state.warnings[index] = replace(state.warnings[index], resolved=event.date)
        state.warn("independence.conflict-resolved", "info", event.date,
                   f"{person} replaced {old_person} as the {title} on {short_date(event.date)}: the conflict was put right")


def extend_stage2(state: State, event: Event) -> None:
    """The Stage 2 limit becomes `to_wd` (default 65) working days; without notice to the complainant it is fault.

    Source: SI 2006/1738 reg 17(3)-(4): up to 65 working days, with reasons and notice to the complainant.
    """
    state.steps[event.type] = event.date
    to_wd = event.get("to_wd", 65)
    state.clocks["stage2.response"].extended_to = to_wd
    if not event.get("notified"):
        state.warn("stage2.extension.unnotified", "fault", event.date,
                   f"Stage 2 extended to {to_wd} working days on {short_date(event.date)} without telling the complainant")


def respond_stage2(state: State, event: Event) -> None:
    """Stops the Stage 2 clock, records its findings and accepted recommendations, and opens the panel window.

    Source: SI 2006/1738 reg 18; Ombudsman decision 23 013 019 (Rotherham): accepted recommendations are tracked.
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage2.response", event.date)
    _record_findings(state, event, 2)
    for rec in event.get("recommendations") or ():
        if rec.accepted:
            agree(state, rec.id, rec.what, event.date, rec.due or DEFAULT_RECOMMENDATION_DUE, "stage2")
    state.start_clock("stage3.request-window", event.date)


def refuse_panel(state: State, event: Event) -> None:
    """Refusing a review panel stops the panel clock; it is fault unless early referral applies (judged in the report).

    Source: SI 2006/1738 reg 19; Ombudsman guide for practitioners (2021): a panel may be refused only
    when the complaint qualifies for early referral.
    """
    state.steps[event.type] = event.date
    state.stop_clock("stage3.panel", event.date)


def schedule_panel(state: State, event: Event) -> None:
    """Records the date set for the panel; a date after the 30 working day limit is a risk.

    Source: SI 2006/1738 reg 19(4); Ombudsman decision 19 011 904 (Staffordshire): panel set outside 30 WD.
    """
    state.steps[event.type] = event.date
    panel: dt.date = event.get("panel_date")
    clock = state.clocks.get("stage3.panel")
    due = clock.deadline(state.calendar).due if clock is not None else None
    if due is not None and panel > due:
        late = state.calendar.working_days_after(due, panel)
        state.warn("stage3.panel.scheduled-late", "risk", event.date,
                   f"The panel is set for {short_date(panel)}, {plural(late, 'working day')} after its deadline ({short_date(due)})")
    _check_members(state, event)


def hold_panel(state: State, event: Event) -> None:
    """Stops the panel clock and starts the 5 working day clock for the panel's report.

    Source: SI 2006/1738 regs 19-20; the Stage 2 independent person may not sit on the panel.
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage3.panel", event.date)
    state.start_clock("stage3.panel-report", event.date)
    _check_members(state, event)


def report_panel(state: State, event: Event) -> None:
    """Stops the report clock, records the panel's findings and recommendations, and starts the 15 WD response clock.

    Source: SI 2006/1738 regs 20-21.
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage3.panel-report", event.date)
    _record_findings(state, event, 3)
    for rec in event.get("recommendations") or ():
        state.panel_recommendations[rec.id] = rec.what
    state.start_clock("stage3.response", event.date)


def respond_stage3(state: State, event: Event) -> None:
    """Stops the final response clock; accepted recommendations become actions; a rejection needs reasons.

    An accepted recommendation's action takes the recommendation's id, or the decision's `action` id.

    Source: SI 2006/1738 reg 21: the council gives reasons for every recommendation it rejects.
    """
    state.steps[event.type] = event.date
    state.finish_clock("stage3.response", event.date)
    for rec_id, decision in (event.get("decisions") or {}).items():
        what = state.panel_recommendations[rec_id]
        if decision.accepted:
            agree(state, decision.action or rec_id, what, event.date, decision.due or DEFAULT_RECOMMENDATION_DUE, "stage3")
        elif not decision.reason:
            state.warn("stage3.rejected-without-reasons", "fault", event.date,
                       f"Panel recommendation {rec_id} ({what}) rejected on {short_date(event.date)} with no reason given")


def judge_referral(state: State, event: Event) -> None:
    """A referral before Stage 3 is complete is early; when the conditions for it do not hold, that is a risk.

    Source: Ombudsman guide for practitioners (2021): early referral needs the council's agreement, a
    complete Stage 2 and every point upheld; otherwise the Ombudsman treats the complaint as premature.
    """
    if event.get("council_agreed"):
        state.council_agreed = True
    if "stage3.responded" in state.steps or state.status != "open":
        return
    failing = early_referral_failing(state)
    if failing:
        state.warn("early-referral.ineligible", "risk", event.date,
                   f"Referred to the Ombudsman on {short_date(event.date)} before Stage 3 was complete, but early "
                   f"referral does not apply: {', '.join(FAILING_TEXT[f] for f in failing)}")


FAILING_TEXT = {
    "stage2-not-complete": "the Stage 2 response has not been sent",
    "not-all-upheld": "not every point was upheld",
    "council-not-agreed": "the council has not agreed",
}


def early_referral_failing(state: State) -> list[str]:
    """The conditions for early referral to the Ombudsman that do not hold (DOMAIN.md section 6)."""
    if "stage2.responded" not in state.steps:
        return ["stage2-not-complete"]
    failing = []
    if not state.points or any(state.latest_finding(p) != "upheld" for p in state.points):
        failing.append("not-all-upheld")
    if not state.council_agreed:
        failing.append("council-not-agreed")
    return failing


# --- helpers --------------------------------------------------------------------------------------


def _record_findings(state: State, event: Event, stage: int) -> None:
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[stage] = outcome


def _check_members(state: State, event: Event) -> None:
    ips = {name.casefold() for name in state.independent_person}
    for member in event.get("members") or ():
        if member.involved:
            state.warn("independence.conflict", "fault", event.date,
                       f"Panel member {member.name} was involved in the events complained about")
        if member.name.casefold() in ips:
            state.warn("independence.conflict", "fault", event.date,
                       f"Panel member {member.name} was the independent person at Stage 2")


def _recommendation_ids(event: Event) -> list[str]:
    return [r.id for r in event.get("recommendations") or () if r.accepted]


def _decision_ids(event: Event) -> list[str]:
    return [d.action or k for k, d in (event.get("decisions") or {}).items() if d.accepted]


ACTION_IDS: Mapping[str, Callable[[Event], list[str]]] = {
    **NEW_ACTION_IDS, "stage2.responded": _recommendation_ids, "stage3.responded": _decision_ids,
}
"""The action ids each event that creates actions creates (for `action_ids_new`)."""


# --- the table ------------------------------------------------------------------------------------

_not_after_stage1 = _before("stage1.responded", "the Stage 1 response")
_not_after_stage2_request = _before("stage2.requested", "the Stage 2 request")

TABLE: dict[str, Step] = {
    step.type: step
    for step in (
        received_step(start_stage1),
        Step("complaint.time-limit-decision", (*STAGE, _not_after_stage2_request), (decide_time_limit,)),
        Step("eligibility.decided", (*STAGE, _not_after_stage2_request), (decide_eligibility,)),
        Step("advocacy.offered", OPEN, (note_step,)),
        Step("advocacy.appointed", OPEN, (note_step,)),
        Step("stage1.extended", (*STAGE, _not_after_stage1, _before("stage1.extended", "an extension of Stage 1")),
             (extend_stage1,)),
        Step("stage1.responded", (*STAGE, _not_after_stage1, _not_after_stage2_request, findings_for_known_points),
             (respond_stage1,)),
        Step("stage2.requested", (*STAGE, stage1_answered_or_late, _not_after_stage2_request), (request_stage(2),)),
        Step("stage2.request-decision",
             (*STAGE, _after("stage2.requested", "the Stage 2 request"),
              _before("stage2.request-decision", "a decision on the Stage 2 request"),
              _before("stage2.statement-agreed", "the statement of complaint was agreed")),
             (decide_late_request,)),
        Step("stage2.statement-agreed",
             (*STAGE, _after("stage2.requested", "the Stage 2 request"),
              _before("stage2.statement-agreed", "the statement of complaint was agreed"), findings_for_known_points),
             (agree_statement,)),
        Step("stage2.appointed", (*STAGE, _after("stage2.requested", "the Stage 2 request"),
                                  _before("stage2.responded", "the Stage 2 response")), (appoint,)),
        Step("stage2.extended",
             (*STAGE, _after("stage2.statement-agreed", "the statement of complaint is agreed"),
              _before("stage2.responded", "the Stage 2 response"), extension_within_limit),
             (extend_stage2,)),
        Step("stage2.responded",
             (*STAGE, _after("stage2.statement-agreed", "the statement of complaint is agreed"),
              _before("stage2.responded", "the Stage 2 response"), findings_for_known_points, action_ids_new),
             (respond_stage2,)),
        Step("stage3.requested", (*STAGE, _after("stage2.responded", "the Stage 2 response"),
                                  _before("stage3.requested", "the request for a review panel")), (request_stage(3),)),
        Step("stage3.request-decision",
             (*STAGE, _after("stage3.requested", "the request for a review panel"),
              _before("stage3.request-decision", "a decision on the panel request"),
              _before("stage3.panel-held", "the panel met")),
             (decide_late_request,)),
        Step("stage3.refused", (*STAGE, _after("stage3.requested", "the request for a review panel"),
                                _before("stage3.refused", "the panel was refused"),
                                _before("stage3.panel-held", "the panel met")), (refuse_panel,)),
        Step("stage3.panel-scheduled",
             (*STAGE, _after("stage3.requested", "the request for a review panel"),
              _before("stage3.refused", "the panel was refused"), _before("stage3.panel-held", "the panel met"),
              panel_date_not_past),
             (schedule_panel,)),
        Step("stage3.panel-held", (*STAGE, _after("stage3.requested", "the request for a review panel"),
                                   _before("stage3.refused", "the panel was refused"),
                                   _before("stage3.panel-held", "the panel met")), (hold_panel,)),
        Step("stage3.panel-reported", (*STAGE, _after("stage3.panel-held", "the panel met"),
                                       _before("stage3.panel-reported", "the panel's report"), findings_for_known_points),
             (report_panel,)),
        Step("stage3.responded", (*STAGE, _after("stage3.panel-reported", "the panel's report"),
                                  _before("stage3.responded", "the council's final response"),
                                  recommendations_known, action_ids_new), (respond_stage3,)),
        *later_steps(referred=(judge_referral,), letter=(judge_stage1_letter,)),
    )
}


FIELD_CONDITIONS: frozenset[Condition] = frozenset({
    findings_for_known_points, extension_within_limit, panel_date_not_past, recommendations_known,
})
"""This procedure's conditions that judge an event's own fields (with the shared ones, `shared.FIELD_CONDITIONS`)."""
