"""The procedure engine: a complaint's history in, its report out.

`replay` applies each event to the case's procedure (`redress.core.procedures`, named by
`Case.procedure`), refusing the first one its rules do not allow, and then judges the complaint as
of `today`: its stage and status, every clock (start, limit, due, done, status, working days late),
every agreed action, every offer, the findings per point and stage, and every warning; the
procedure's own judgements (its end-of-history warnings and early referral) come from its module.
The engine knows no procedure: it replays any procedure's table. Events dated after
`today` are checked but do not count. Nothing here is stored: change the calendar and replay again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redress.core.calendar import CalendarError, WorkingCalendar, default_calendar
from redress.core.clocks import Deadline
from redress.core.corrections import Correction, corrected_history
from redress.core.events import Case, CaseFileError, Event
from redress.core.procedures.registry import procedure_named
from redress.core.procedures.shared import without_repeats
from redress.core.table import (
    DueDate,
    EarlyReferral,
    Procedure,
    ProcedureChange,
    ReportWarning,
    RuleViolation,
    RunningClock,
    State,
    apply,
)
from redress.core.words import plural, short_date

SEVERITY_ORDER = {"fault": 0, "risk": 1, "info": 2}
__all__ = ["ActionReport", "ClockReport", "Correction", "EarlyReferral", "OfferReport", "OmbudsmanReport", "Report", "ReportWarning", "RuleViolation", "replay"]


@dataclass(frozen=True, slots=True)
class ClockReport:
    """One clock as of `today`."""

    name: str
    start: dt.date
    limit_wd: int
    due: dt.date | None
    done: dt.date | None
    status: str  # running | met | late | overdue | paused | stopped
    late_wd: int
    running: RunningClock = field(repr=False, compare=False)
    calendar: WorkingCalendar = field(repr=False, compare=False)

    @property
    def deadline(self) -> Deadline:
        """The deadline with its explanation (worked out when asked: start, rule, limit, pauses, days skipped)."""
        return self.running.deadline(self.calendar)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.start.isoformat(),
            "limit_wd": self.limit_wd,
            "due": _iso(self.due),
            "done": _iso(self.done),
            "status": self.status,
            "late_wd": self.late_wd,
        }


@dataclass(frozen=True, slots=True)
class ActionReport:
    """One agreed action as of `today`."""

    id: str
    what: str
    agreed: dt.date
    due: dt.date | None
    done: dt.date | None
    status: str  # open | done | late | overdue
    late_wd: int
    source: str
    evidence: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "due": _iso(self.due),
            "done": _iso(self.done),
            "status": self.status,
            "late_wd": self.late_wd,
            "source": self.source,
            "agreed": self.agreed.isoformat(),
            "evidence": self.evidence or None,
        }


@dataclass(frozen=True, slots=True)
class OfferReport:
    id: str
    what: str
    made: dt.date
    until: dt.date
    status: str  # open | withdrawn | taken-up | lapsed

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "what": self.what, "made": self.made.isoformat(), "until": self.until.isoformat(),
                "status": self.status}


@dataclass(frozen=True, slots=True)
class OmbudsmanReport:
    """The complaint at the Ombudsman: when it was referred and, once decided, the outcome."""

    referred: dt.date
    reference: str
    decided: dt.date | None
    outcome: str  # upheld | not-upheld | closed-after-initial-enquiries, or "" before the decision
    fault: bool | None
    injustice: bool | None

    def to_json(self) -> dict[str, Any]:
        return {"referred": self.referred.isoformat(), "reference": self.reference or None,
                "decided": _iso(self.decided), "outcome": self.outcome or None, "fault": self.fault,
                "injustice": self.injustice}


@dataclass(frozen=True, slots=True)
class Report:
    """What the engine says about a complaint as of `today` (SCENARIOS.md)."""

    today: dt.date
    stage: int
    status: str
    suspended: bool
    clocks: tuple[ClockReport, ...]
    actions: tuple[ActionReport, ...]
    offers: tuple[OfferReport, ...]
    warnings: tuple[ReportWarning, ...]
    early_referral: EarlyReferral | None
    findings: dict[str, dict[int, str]]
    corrections: tuple[Correction, ...] = ()
    ombudsman: OmbudsmanReport | None = None
    procedure: str = ""  # the procedure the complaint is under now
    procedure_changes: tuple[ProcedureChange, ...] = ()  # how it came to be: every procedure.changed, oldest first
    due_dates: tuple[DueDate, ...] = ()  # the council's deadlines that are calendar dates, not clocks (`Procedure.due_dates`)

    def clock(self, name: str) -> ClockReport | None:
        return next((c for c in self.clocks if c.name == name), None)

    def codes(self) -> set[str]:
        return {w.code for w in self.warnings}

    def latest_finding(self, point_id: str) -> str | None:
        by_stage = self.findings.get(point_id)
        return by_stage[max(by_stage)] if by_stage else None

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "status": self.status,
            "suspended": self.suspended,
            "today": self.today.isoformat(),
            "clocks": [c.to_json() for c in self.clocks],
            "actions": [a.to_json() for a in self.actions],
            "offers": [o.to_json() for o in self.offers],
            "warnings": [
                {"code": w.code, "severity": w.severity, "date": _iso(w.date), "message": w.message}
                | ({"resolved": w.resolved.isoformat()} if w.resolved else {})
                for w in self.warnings
            ],
            "early_referral": self.early_referral.to_json() if self.early_referral else None,
            "findings": {
                point: {"by_stage": {str(stage): outcome for stage, outcome in sorted(stages.items())},
                        "latest": stages[max(stages)]}
                for point, stages in self.findings.items()
            },
            "corrections": [c.to_json() for c in self.corrections],
            "ombudsman": self.ombudsman.to_json() if self.ombudsman else None,
            "procedure": self.procedure,
            "procedure_changes": [c.to_json() for c in self.procedure_changes],
        } | ({"due_dates": [d.to_json() for d in self.due_dates]} if self.due_dates else {})


def replay(case: Case, *, today: dt.date | None = None, calendar: WorkingCalendar | None = None) -> Report:
    """Apply the case's events to the procedure and report on the complaint as of `today`.

    `today` defaults to the case's own `today`, else the last event's date. Every event is checked,
    including those after `today`; a RuleViolation names the first the procedure does not allow, and
    a CaseFileError says when a date would be counted beyond the calendar (after 2100).
    """
    procedure = procedure_named(case.procedure)
    calendar = calendar or default_calendar(procedure.nation)
    if today is None:
        today = case.today or case.events[-1].date
    if today < case.events[0].date:
        raise CaseFileError(
            f"cannot judge the complaint as of {today.isoformat()}: it was received on {case.events[0].date.isoformat()}",
            code="before-receipt",
        )
    history, corrections = corrected_history(case.events)
    if any(c.date > today for c in corrections):
        _apply_all(procedure.new_state(case.points, calendar), history)  # every correction is checked ...
        history, corrections = corrected_history(case.events, until=today)  # ... those made by today count
    state = procedure.new_state(case.points, calendar)
    return _apply_all(state, history, today, corrections) or _judge_in_calendar(state, today, corrections)


def _apply_all(
    state: State, events: Sequence[Event], today: dt.date | None = None, corrections: tuple[Correction, ...] = ()
) -> Report | None:
    """Apply `events` in turn; with `today`, the report as of `today` when a later event comes (else None)."""
    snapshot: Report | None = None
    event: Event | None = None
    try:  # one handler around the loop: this is the engine's innermost path
        for event in events:
            if today is not None and snapshot is None and event.date > today:
                snapshot = _judge_in_calendar(state, today, corrections)
            apply(state, event)
    except CalendarError as error:  # a due date counted past the calendar's last year
        assert event is not None
        raise CaseFileError(str(error), code="beyond-calendar", event_index=event.index,
                            event_type=event.type) from None
    return snapshot


def _judge_in_calendar(state: State, today: dt.date, corrections: tuple[Correction, ...]) -> Report:
    try:
        return _judge(state, today, corrections)
    except CalendarError as error:
        raise CaseFileError(f"cannot judge the complaint as of {today.isoformat()}: {error}",
                            code="beyond-calendar") from None


def _judge(state: State, today: dt.date, corrections: tuple[Correction, ...]) -> Report:
    calendar = state.calendar
    warnings = list(state.warnings)
    clocks = []
    procedure: Procedure = state.procedure
    names: Sequence[str] = tuple(procedure.clocks)
    if state.changes:  # the clocks of the procedures it was under before come first, as history
        names = (*(name for name in state.clocks if name not in procedure.clocks), *names)
    for name in names:
        running = state.clocks.get(name)
        if running is None:
            continue
        calendar = running.calendar  # its own procedure's nation's days (a move to another nation keeps them)
        if running.pauses:
            deadline = running.deadline(calendar)
            due, limit_wd, paused = deadline.due, deadline.limit_wd, deadline.paused
        else:  # the common case, without building the explanation
            limit_wd = running.definition.limit_for(running.extended_to)
            due, paused = calendar.add_working_days(running.start, limit_wd), False
        window = running.definition.complainants_window
        late_wd = 0
        noun, verb = running.definition.noun, running.definition.verb
        if running.done is not None:
            if due is not None and running.done > due:
                status, late_wd = "late", calendar.working_days_after(due, running.done)
                if not window:
                    warnings.append(ReportWarning(
                        f"{name}.late", "fault", running.done,
                        f"{noun} {verb} {_after(late_wd, 'its deadline', due)}"))
            else:
                status = "met"
        elif running.stopped is not None:
            status = "stopped"
            if not window and due is not None and running.stopped > due:
                late_wd = calendar.working_days_after(due, running.stopped)
                warnings.append(ReportWarning(
                    f"{name}.overdue", "fault", running.stopped,
                    f"{noun} not {verb} by {short_date(running.stopped)}, when the clock stopped, "
                    f"{plural(late_wd, 'working day')} after its deadline ({short_date(due)})"))
        elif paused:
            status = "paused"
        elif due is not None and today > due:
            if window:
                status = "stopped"
            else:
                status, late_wd = "overdue", calendar.working_days_after(due, today)
                warnings.append(ReportWarning(
                    f"{name}.overdue", "fault", today,
                    f"{noun} not {verb}: {plural(late_wd, 'working day')} overdue (due {short_date(due)})"))
        else:
            status = "running"
        clocks.append(ClockReport(name, running.start, limit_wd, due, running.done, status, late_wd, running, calendar))

    calendar = state.calendar
    actions = []
    for action in state.actions.values():
        late_wd = 0
        if action.done is not None:
            if action.due is not None and action.done > action.due:
                status, late_wd = "late", calendar.working_days_after(action.due, action.done)
                warnings.append(ReportWarning(
                    "action.late", "fault", action.done,
                    f"Action {action.id} ({action.what}) completed {_after(late_wd, 'it was due', action.due)}"))
            else:
                status = "done"
        elif action.due is not None and today > action.due:
            status, late_wd = "overdue", calendar.working_days_after(action.due, today)
            warnings.append(ReportWarning(
                "action.overdue", "fault", today,
                f"Action {action.id} ({action.what}) is {plural(late_wd, 'working day')} overdue: it was due on "
                f"{short_date(action.due)}"))
        else:
            status = "open"
        actions.append(ActionReport(action.id, action.what, action.agreed, action.due, action.done, status, late_wd,
                                    action.source, action.evidence))

    offers = []
    for offer in state.offers.values():
        if offer.withdrawn is not None:
            offer_status = "withdrawn"
        elif offer.taken_up is not None:
            offer_status = "taken-up"
        else:
            offer_status = "lapsed" if today > offer.until else "open"
        offers.append(OfferReport(offer.id, offer.what, offer.made, offer.until, offer_status))

    for judgement in procedure.judgements:
        warnings += judgement(state, today)
    early = procedure.early_referral(state)

    if state.changes:
        warnings = without_repeats(warnings)
    warnings.sort(key=lambda w: (w.date or dt.date.min, SEVERITY_ORDER.get(w.severity, 3)))
    return Report(
        today=today,
        stage=state.stage,
        status=state.status,
        suspended=state.suspended_since is not None,
        clocks=tuple(clocks),
        actions=tuple(actions),
        offers=tuple(offers),
        warnings=tuple(warnings),
        early_referral=early,
        findings={point: dict(stages) for point, stages in state.findings.items()},
        corrections=corrections,
        ombudsman=_ombudsman(state),
        procedure=procedure.name,
        procedure_changes=tuple(state.changes),
        due_dates=procedure.due_dates(state, today),
    )


def _ombudsman(state: State) -> OmbudsmanReport | None:
    referred = state.steps.get("ombudsman.referred")
    if referred is None:
        return None
    about = state.ombudsman
    return OmbudsmanReport(
        referred=referred, reference=str(about.get("reference") or ""), decided=state.steps.get("ombudsman.decided"),
        outcome=str(about.get("outcome") or ""), fault=_maybe(about.get("fault")), injustice=_maybe(about.get("injustice")),
    )


def _maybe(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _after(late_wd: int, what: str, due: dt.date) -> str:
    """'5 working days after its deadline (4 Sep 2023)'; done on a non-working day just after, it says so."""
    if late_wd == 0:
        return f"after {what} ({short_date(due)}), on a non-working day before the next working day"
    return f"{plural(late_wd, 'working day')} after {what} ({short_date(due)})"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
