"""The children's complaints procedure as data: what each event requires and what it does.

`PROCEDURE` is one table, an entry per event type: the conditions the complaint must meet for the
event to be recorded (`requires`) and what the event does to it (`does`: clocks started, stopped,
extended or paused, actions created, findings recorded, warnings raised). Each condition and effect
is a named function; its docstring cites its source (regulation, guidance, Ombudsman practice, or
"project decision"). For a condition, the docstring's first line is the message a person sees when
the event is refused, with `{placeholders}` filled from what the function returns.

The fields each event takes are checked first, by `redress.core.events.EVENT_FIELDS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.core.clocks import CLOCKS, ClockDefinition, Deadline, compute_deadline
from redress.core.events import CORRECTIONS, CaseFileError, Due, Event, Point, add_months, parse_due

DEFAULT_RECOMMENDATION_DUE = parse_due("20 WD")
"""Project decision: an accepted recommendation with no due date is due 20 working days after it was accepted."""
DEFAULT_OMBUDSMAN_DUE = parse_due("1 month")
"""Project decision, from the Ombudsman's Guidance on remedies: personal remedies are usually due within a month."""


class RuleViolation(CaseFileError):
    """A well-formed event the procedure does not allow where it stands."""


_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: dt.date) -> str:
    """'26 Feb 2018', as warning messages write dates."""
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class ReportWarning:
    """A fault, risk or piece of information about the complaint, with the date it arose."""

    code: str
    severity: str  # fault | risk | info
    date: dt.date | None
    message: str
    resolved: dt.date | None = None  # a fault later put right (kept as history): the day it was


class RunningClock:
    """A clock as the history left it: started, perhaps extended, paused, done or stopped."""

    __slots__ = ("definition", "done", "extended_to", "pauses", "start", "stopped")

    def __init__(self, definition: ClockDefinition, start: dt.date) -> None:
        self.definition = definition
        self.start = start
        self.extended_to: int | None = None
        self.pauses: list[tuple[dt.date, dt.date | None]] = []
        self.done: dt.date | None = None
        self.stopped: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.done is None and self.stopped is None

    def deadline(self, calendar: WorkingCalendar) -> Deadline:
        return compute_deadline(
            self.definition, self.start, calendar, extended_to=self.extended_to, suspensions=tuple(self.pauses)
        )


@dataclass(slots=True)
class AgreedAction:
    """A commitment to the complainant: from a recommendation, a remedy, an offer or the Ombudsman."""

    id: str
    what: str
    agreed: dt.date
    due: dt.date | None
    source: str
    done: dt.date | None = None
    evidence: str = ""


@dataclass(slots=True)
class Offer:
    """A promise with a window (e.g. 90 days to ask for a new panel)."""

    id: str
    what: str
    made: dt.date
    until: dt.date
    withdrawn: dt.date | None = None
    taken_up: dt.date | None = None


@dataclass(slots=True)
class State:
    """A complaint as its history so far has left it. The effects below are all that change it."""

    points: dict[str, Point]
    calendar: WorkingCalendar
    received: dt.date | None = None
    last_date: dt.date | None = None
    stage: int = 0
    status: str = "open"
    suspended_since: dt.date | None = None
    clocks: dict[str, RunningClock] = field(default_factory=dict)
    steps: dict[str, dt.date] = field(default_factory=dict)  # event type -> date of its (first) occurrence
    findings: dict[str, dict[int, str]] = field(default_factory=dict)
    panel_recommendations: dict[str, str] = field(default_factory=dict)
    actions: dict[str, AgreedAction] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    independent_person: list[str] = field(default_factory=list)
    council_agreed: bool = False
    outside_window: dict[int, tuple[dt.date, dt.date, int]] = field(default_factory=dict)
    warnings: list[ReportWarning] = field(default_factory=list)
    ombudsman: dict[str, object] = field(default_factory=dict)  # reference, outcome, fault, injustice
    appointee_conflicts: dict[str, tuple[str, list[int]]] = field(default_factory=dict)  # role -> person, warnings

    def warn(self, code: str, severity: str, date: dt.date | None, message: str) -> None:
        self.warnings.append(ReportWarning(code, severity, date, message))

    def start_clock(self, name: str, on: dt.date) -> None:
        self.clocks[name] = RunningClock(CLOCKS[name], on)

    def finish_clock(self, name: str, on: dt.date) -> None:
        clock = self.clocks.get(name)
        if clock is not None and clock.active:
            clock.done = on

    def stop_clock(self, name: str, on: dt.date) -> None:
        clock = self.clocks.get(name)
        if clock is not None and clock.active:
            clock.stopped = on

    def latest_finding(self, point_id: str) -> str | None:
        by_stage = self.findings.get(point_id)
        return by_stage[max(by_stage)] if by_stage else None

    def early_referral_failing(self) -> list[str]:
        """The conditions for early referral to the Ombudsman that do not hold (DOMAIN.md section 6)."""
        if "stage2.responded" not in self.steps:
            return ["stage2-not-complete"]
        failing = []
        if not self.points or any(self.latest_finding(p) != "upheld" for p in self.points):
            failing.append("not-all-upheld")
        if not self.council_agreed:
            failing.append("council-not-agreed")
        return failing


Problem = Mapping[str, object] | None
Condition = Callable[[State, Event], Problem]
Effect = Callable[[State, Event], None]
OK: Problem = None


def message_of(rule: Callable[..., object], values: Mapping[str, object]) -> str:
    """The first line of a rule's docstring with its placeholders filled: the message people see."""
    first = (rule.__doc__ or rule.__name__).strip().splitlines()[0]
    return first.format(**values)


# --- conditions: each returns None when met, or the values its message needs ---------------------


def received_first(state: State, event: Event) -> Problem:
    """A complaint's history starts with complaint.received; record the complaint first.

    Source: SCENARIOS.md (project decision): every clock counts from receipt.
    """
    return OK if state.received is not None or event.type == "complaint.received" else {}


def received_once(state: State, event: Event) -> Problem:
    """The complaint was already received on {received}; a history has one complaint.received.

    Source: SCENARIOS.md (project decision).
    """
    return OK if state.received is None else {"received": short_date(state.received)}


def in_date_order(state: State, event: Event) -> Problem:
    """Events are recorded in date order: this one is dated {date}, before the last event ({last}).

    Source: SCENARIOS.md: a history is a list of dated events, oldest first.
    """
    if state.last_date is None or event.date >= state.last_date:
        return OK
    return {"date": short_date(event.date), "last": short_date(state.last_date)}


def complaint_open(state: State, event: Event) -> Problem:
    """The complaint is {status}: its stages are over, so this cannot be recorded.

    Source: project decision: after withdrawal or closure only actions, offers and the Ombudsman go on.
    """
    return OK if state.status == "open" else {"status": state.status}


def not_suspended(state: State, event: Event) -> Problem:
    """The procedure has been suspended since {since}: record procedure.resumed first.

    Source: SI 2006/1738 reg 8 (deferral) and project decision: no stage moves while suspended.
    """
    return OK if state.suspended_since is None else {"since": short_date(state.suspended_since)}


def is_suspended(state: State, event: Event) -> Problem:
    """The procedure is not suspended, so it cannot be resumed.

    Source: project decision.
    """
    return OK if state.suspended_since is not None else {}


def _before(step: str, what: str) -> Condition:
    def condition(state: State, event: Event) -> Problem:
        return OK if step not in state.steps else {"what": what, "on": short_date(state.steps[step])}

    condition.__name__ = f"not_after_{step.replace('.', '_').replace('-', '_')}"
    condition.__doc__ = (
        "This can only be recorded before {what}, which was recorded on {on}.\n\n"
        "Source: the order of the stages in SI 2006/1738 and Getting the Best from Complaints (DfES 2006)."
    )
    return condition


def _after(step: str, what: str) -> Condition:
    def condition(state: State, event: Event) -> Problem:
        return OK if step in state.steps else {"what": what}

    condition.__name__ = f"after_{step.replace('.', '_').replace('-', '_')}"
    condition.__doc__ = (
        "This can only be recorded after {what}.\n\n"
        "Source: the order of the stages in SI 2006/1738 and Getting the Best from Complaints (DfES 2006)."
    )
    return condition


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


def findings_for_known_points(state: State, event: Event) -> Problem:
    """There is no point {point} in this complaint; findings are for its points ({points}).

    Source: SCENARIOS.md: findings are per point of complaint.
    """
    for point in event.get("findings") or ():
        if point not in state.points:
            return {"point": point, "points": ", ".join(state.points) or "none recorded"}
    for point in event.get("points") or ():
        if point not in state.points:
            return {"point": point, "points": ", ".join(state.points) or "none recorded"}
    return OK


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


def action_ids_new(state: State, event: Event) -> Problem:
    """There is already an action {id} (agreed on {on}); give this one another id.

    Source: project decision: every agreed action is tracked by its own id.
    """
    seen: set[str] = set()
    for action_id in _new_action_ids(state, event):
        if action_id in state.actions:
            return {"id": action_id, "on": short_date(state.actions[action_id].agreed)}
        if action_id in seen:
            return {"id": action_id, "on": short_date(event.date)}
        seen.add(action_id)
    return OK


def action_known(state: State, event: Event) -> Problem:
    """There is no agreed action {id} that is still open; the open ones are {open}.

    Source: project decision: an action is completed once.
    """
    action = state.actions.get(event.get("id"))
    if action is not None and action.done is None:
        return OK
    return {"id": event.get("id"), "open": ", ".join(a.id for a in state.actions.values() if a.done is None) or "none"}


def offer_id_new(state: State, event: Event) -> Problem:
    """There is already an offer {id}; give this one another id.

    Source: project decision.
    """
    return OK if event.get("id") not in state.offers else {"id": event.get("id")}


def offer_open(state: State, event: Event) -> Problem:
    """There is no open offer {id}; the open ones are {open}.

    Source: project decision: an offer is withdrawn or taken up once.
    """
    offer = state.offers.get(event.get("id"))
    if offer is not None and offer.withdrawn is None and offer.taken_up is None:
        return OK
    open_ids = [o.id for o in state.offers.values() if o.withdrawn is None and o.taken_up is None]
    return {"id": event.get("id"), "open": ", ".join(open_ids) or "none"}


def offer_end_not_past(state: State, event: Event) -> Problem:
    """The offer's window ends on {until}, before it was made ({date}).

    Source: project decision.
    """
    until = _offer_until(state, event)
    return OK if until >= event.date else {"until": short_date(until), "date": short_date(event.date)}


# --- effects ------------------------------------------------------------------------------------


def receive(state: State, event: Event) -> None:
    """Starts Stage 1 and its 10 working day response clock.

    Source: SI 2006/1738 reg 14. Points about conduct, records or court are routed (DOMAIN.md section 8).
    """
    state.received = event.date
    state.stage = 1
    state.start_clock("stage1.response", event.date)
    for point in state.points.values():
        route = ROUTES.get(point.about)
        if route is not None:
            code, body = route
            state.warn(code, "info", event.date, f"{point.id} ({point.text}): {body}")
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
    says = set(event.get("says") or ("findings", "basis", "remedy"))
    missing = []
    unanswered = [p for p in state.points if p not in findings]
    if unanswered or "findings" not in says:
        missing.append("a finding on " + (", ".join(unanswered) if unanswered else "every point"))
    if "basis" not in says:
        missing.append("the basis for the findings")
    if "remedy" not in says and any(o in {"upheld", "partly-upheld"} for o in findings.values()):
        missing.append("the remedy for the upheld points")
    if missing:
        state.warn(
            "stage1.response.incomplete", "fault", event.date,
            f"The Stage 1 response of {short_date(event.date)} does not give " + "; ".join(missing),
        )


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
            _agree(state, rec.id, rec.what, event.date, rec.due or DEFAULT_RECOMMENDATION_DUE, "stage2")
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
            _agree(state, decision.action or rec_id, what, event.date, decision.due or DEFAULT_RECOMMENDATION_DUE, "stage3")
        elif not decision.reason:
            state.warn("stage3.rejected-without-reasons", "fault", event.date,
                       f"Panel recommendation {rec_id} ({what}) rejected on {short_date(event.date)} with no reason given")


def suspend(state: State, event: Event) -> None:
    """Pauses every running clock; without notice to the complainant it is a risk.

    Source: SI 2006/1738 reg 8 (deferral); SCENARIOS.md; Ombudsman decision 21 010 819 (Medway).
    """
    state.suspended_since = event.date
    for clock in state.clocks.values():
        if clock.active:
            clock.pauses.append((event.date, None))
    if not event.get("notified"):
        state.warn("suspension.unnotified", "risk", event.date,
                   f"The procedure was suspended on {short_date(event.date)} without recording that the complainant was told")


def resume(state: State, event: Event) -> None:
    """Every paused clock counts its remaining working days from the resume date.

    Source: SCENARIOS.md; DOMAIN.md section 4.
    """
    state.suspended_since = None
    for clock in state.clocks.values():
        if clock.pauses and clock.pauses[-1][1] is None:
            clock.pauses[-1] = (clock.pauses[-1][0], event.date)


def make_offer(state: State, event: Event) -> None:
    """Tracks an offer and its window, so it is not withdrawn early.

    Source: Ombudsman decision 19 011 904 (Staffordshire): an offer of 90 days withdrawn early.
    """
    state.offers[event.get("id")] = Offer(event.get("id"), event.get("what"), event.date, _offer_until(state, event))


def withdraw_offer(state: State, event: Event) -> None:
    """Withdrawing an offer before its window has ended is fault.

    Source: Ombudsman decision 19 011 904 (Staffordshire).
    """
    offer = state.offers[event.get("id")]
    offer.withdrawn = event.date
    if event.date <= offer.until:
        state.warn("offer.withdrawn-early", "fault", event.date,
                   f"Offer {offer.id} ({offer.what}) withdrawn on {short_date(event.date)}, before its window ended "
                   f"on {short_date(offer.until)}")


def take_up_offer(state: State, event: Event) -> None:
    """Records that the complainant took up the offer.

    Source: project decision.
    """
    state.offers[event.get("id")].taken_up = event.date


def agree_action(state: State, event: Event) -> None:
    """Any commitment (a remedy, a record amendment) becomes an action with a due date.

    Source: DOMAIN.md section 5; Ombudsman Guidance on remedies.
    """
    _agree(state, event.get("id"), event.get("what"), event.date, event.get("due"), event.get("source") or "council")


def complete_action(state: State, event: Event) -> None:
    """Records an action done, with its evidence.

    Source: Ombudsman Guidance on remedies: the council sends evidence of compliance; decision 20 010 224 (Kingston).
    """
    action = state.actions[event.get("id")]
    action.done = event.date
    action.evidence = event.get("evidence") or ""


def refer_to_ombudsman(state: State, event: Event) -> None:
    """A referral before Stage 3 is complete is early; when the conditions for it do not hold, that is a risk.

    Source: Ombudsman guide for practitioners (2021): early referral needs the council's agreement, a
    complete Stage 2 and every point upheld; otherwise the Ombudsman treats the complaint as premature.
    """
    state.steps.setdefault(event.type, event.date)
    if event.get("reference"):
        state.ombudsman["reference"] = event.get("reference")
    if event.get("council_agreed"):
        state.council_agreed = True
    if "stage3.responded" in state.steps or state.status != "open":
        return
    failing = state.early_referral_failing()
    if failing:
        state.warn("early-referral.ineligible", "risk", event.date,
                   f"Referred to the Ombudsman on {short_date(event.date)} before Stage 3 was complete, but early "
                   f"referral does not apply: {', '.join(FAILING_TEXT[f] for f in failing)}")


FAILING_TEXT = {
    "stage2-not-complete": "the Stage 2 response has not been sent",
    "not-all-upheld": "not every point was upheld",
    "council-not-agreed": "the council has not agreed",
}


def ombudsman_decides(state: State, event: Event) -> None:
    """Each action and payment the Ombudsman asks for becomes an agreed action with source `ombudsman`.

    Source: Local Government Act 1974 s31; Ombudsman Guidance on remedies.
    """
    state.steps[event.type] = event.date
    state.ombudsman.update({name: event.get(name) for name in ("outcome", "fault", "injustice")})
    if event.get("reference"):
        state.ombudsman["reference"] = event.get("reference")
    for remedy in (*(event.get("actions") or ()), *(event.get("payments") or ())):
        _agree(state, remedy.id, remedy.what, event.date, remedy.due or DEFAULT_OMBUDSMAN_DUE, "ombudsman")


def end_complaint(state: State, event: Event) -> None:
    """The complaint is withdrawn or closed: every running clock stops.

    Source: project decision: a clock that stops after its deadline is reported as overdue when it stopped.
    """
    state.status = "withdrawn" if event.type == "complaint.withdrawn" else "closed"
    for name, clock in state.clocks.items():
        if clock.active:
            state.stop_clock(name, event.date)


# --- helpers --------------------------------------------------------------------------------------


def _record_findings(state: State, event: Event, stage: int) -> None:
    for point, outcome in (event.get("findings") or {}).items():
        state.findings.setdefault(point, {})[stage] = outcome


def _agree(state: State, action_id: str, what: str, on: dt.date, due: Due, source: str) -> None:
    state.actions[action_id] = AgreedAction(action_id, what, on, due.resolve(on, state.calendar), source)


def _new_action_ids(state: State, event: Event) -> list[str]:
    if event.type == "action.agreed":
        return [event.get("id")]
    if event.type == "stage2.responded":
        return [r.id for r in event.get("recommendations") or () if r.accepted]
    if event.type == "stage3.responded":
        return [d.action or k for k, d in (event.get("decisions") or {}).items() if d.accepted]
    return [r.id for r in (*(event.get("actions") or ()), *(event.get("payments") or ()))]


def _offer_until(state: State, event: Event) -> dt.date:
    until: dt.date | None = event.get("until")
    if until is not None:
        return until
    window: Due = event.get("window")
    return window.resolve(event.date, state.calendar)


def _check_members(state: State, event: Event) -> None:
    ips = {name.casefold() for name in state.independent_person}
    for member in event.get("members") or ():
        if member.involved:
            state.warn("independence.conflict", "fault", event.date,
                       f"Panel member {member.name} was involved in the events complained about")
        if member.name.casefold() in ips:
            state.warn("independence.conflict", "fault", event.date,
                       f"Panel member {member.name} was the independent person at Stage 2")


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One row of the procedure: an event type, what it requires and what it does."""

    type: str
    requires: tuple[Condition, ...]
    does: tuple[Effect, ...]


STAGE = (received_first, in_date_order, complaint_open, not_suspended)
ANYTIME = (received_first, in_date_order)
OPEN = (received_first, in_date_order, complaint_open)

_not_after_stage1 = _before("stage1.responded", "the Stage 1 response")
_not_after_stage2_request = _before("stage2.requested", "the Stage 2 request")

PROCEDURE: dict[str, Step] = {
    step.type: step
    for step in (
        Step("complaint.received", (received_once,), (receive,)),
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
        Step("procedure.suspended", (*STAGE,), (suspend,)),
        Step("procedure.resumed", (*OPEN, is_suspended), (resume,)),
        Step("offer.made", (*ANYTIME, offer_id_new, offer_end_not_past), (make_offer,)),
        Step("offer.withdrawn", (*ANYTIME, offer_open), (withdraw_offer,)),
        Step("offer.taken-up", (*ANYTIME, offer_open), (take_up_offer,)),
        Step("action.agreed", (*ANYTIME, action_ids_new), (agree_action,)),
        Step("action.completed", (*ANYTIME, action_known), (complete_action,)),
        Step("ombudsman.referred", ANYTIME, (refer_to_ombudsman,)),
        Step("ombudsman.decided", (*ANYTIME, _after("ombudsman.referred", "a referral to the Ombudsman"), action_ids_new),
             (ombudsman_decides,)),
        Step("complaint.withdrawn", OPEN, (end_complaint,)),
        Step("complaint.closed", OPEN, (end_complaint,)),
    )
}


def new_state(points: Sequence[Point], calendar: WorkingCalendar) -> State:
    return State(points={p.id: p for p in points}, calendar=calendar)


def apply(state: State, event: Event) -> None:
    """Check `event` against the procedure and apply it; a RuleViolation names the rule it breaks."""
    step = PROCEDURE[event.type]
    for condition in step.requires:
        problem = condition(state, event)
        if problem is not None:
            raise RuleViolation(
                message_of(condition, problem), code=condition.__name__.replace("_", "-"),
                event_index=event.index, event_type=event.type,
            )
    for effect in step.does:
        effect(state, event)
    state.last_date = event.date


def check_history(
    points: Sequence[Point], events: Sequence[Event], calendar: WorkingCalendar | None = None
) -> State:
    """Apply `events`, corrections made, in one pass; a RuleViolation names the first the procedure does not allow."""
    from redress.core.corrections import corrected_history  # built on this module's rules

    state = new_state(points, calendar or default_calendar())
    for event in corrected_history(events)[0]:
        apply(state, event)
    if events and (state.last_date is None or events[-1].date > state.last_date):
        state.last_date = events[-1].date  # a correction is in the history's date order too
    return state


def check_next_event(
    points: Sequence[Point], history: Sequence[Event], event: Event, calendar: WorkingCalendar | None = None
) -> None:
    """Raise a RuleViolation if `event` may not follow `history` (which must itself be valid).

    A correction is judged by the whole corrected history: when it leaves a later event without its
    ground, the message names that event.
    """
    if event.type not in CORRECTIONS:
        apply(check_history(points, history, calendar), event)
        return
    try:
        check_history(points, [*history, event], calendar)
    except RuleViolation as error:
        target = event.get("event")
        if error.event_index is None or error.event_index in {target - 1, len(history)}:
            raise
        raise RuleViolation(f"With this correction, {error.located()}", code=error.code,
                            event_index=len(history), event_type=event.type) from None


# Conditions that judge the event's own fields (which a list of possible next events cannot know yet).
FIELD_CONDITIONS: frozenset[Condition] = frozenset({
    findings_for_known_points, extension_within_limit, panel_date_not_past, recommendations_known,
    action_ids_new, action_known, offer_id_new, offer_open, offer_end_not_past,
})


def next_events(
    points: Sequence[Point], history: Sequence[Event], on: dt.date, calendar: WorkingCalendar | None = None
) -> list[str]:
    """The event types the procedure allows after `history` on the date `on`, in table order.

    Judged on the complaint's state alone: whether a particular event's fields pass is checked when
    it is recorded. Completing an action or answering an offer is listed only while one is open.
    """
    state = check_history(points, history, calendar)
    allowed = []
    for kind, step in PROCEDURE.items():
        probe = Event(on, kind, {}, None)
        if any(c not in FIELD_CONDITIONS and c(state, probe) is not None for c in step.requires):
            continue
        if kind == "action.completed" and all(a.done is not None for a in state.actions.values()):
            continue
        if kind in {"offer.withdrawn", "offer.taken-up"} and not any(
            o.withdrawn is None and o.taken_up is None for o in state.offers.values()
        ):
            continue
        allowed.append(kind)
    return allowed
