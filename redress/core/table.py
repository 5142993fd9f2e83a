"""The machinery every procedure shares: the state a history leaves, the table rows, and applying an event.

A procedure (`redress.core.procedures`) is a table, a row per event type: the conditions the
complaint must meet for the event to be recorded (`requires`) and what the event does to it
(`does`: clocks started, stopped, extended or paused, actions created, findings recorded, warnings
raised). Each condition and effect is a named function; its docstring cites its source. For a
condition, the docstring's first line is the message a person sees when the event is refused, with
`{placeholders}` filled from what the function returns. Nothing here knows any one procedure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from redress.core.calendar import WorkingCalendar
from redress.core.clocks import Deadline, compute_deadline
from redress.core.definitions import ClockDefinition
from redress.core.events import CaseFileError, Event, Point
from redress.core.words import short_date


class RuleViolation(CaseFileError):
    """A well-formed event the procedure does not allow where it stands."""


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

    __slots__ = ("calendar", "definition", "done", "extended_to", "pauses", "start", "stopped")

    def __init__(self, definition: ClockDefinition, start: dt.date, calendar: WorkingCalendar) -> None:
        self.definition = definition
        self.start = start
        self.calendar = calendar  # its procedure's nation's working days, kept after a move to another nation
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


@dataclass(frozen=True, slots=True)
class ProcedureChange:
    """A complaint moved from one procedure into another (`procedure.changed`), on `date`, for `reason`."""

    date: dt.date
    moved_from: str
    to: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "from": self.moved_from, "to": self.to, "reason": self.reason}


@dataclass(slots=True)
class State:
    """A complaint as its history so far has left it. The effects of its procedure are all that change it.

    The procedure's own parts (the independent person, the council's agreement to early referral,
    requests outside their window, conflicted appointees) are kept here too, empty when unused.
    """

    points: dict[str, Point]
    calendar: WorkingCalendar
    procedure: Procedure
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
    complainant_role: str = ""  # from complaint.received
    service: str = ""  # what the complaint is about, from complaint.received (`service`), when given
    changes: list[ProcedureChange] = field(default_factory=list)  # every procedure.changed, oldest first
    recorded: set[str] = field(default_factory=set)  # every event type applied so far
    judged_warnings: dict[str, int] = field(default_factory=dict)  # what a later event may judge again -> warning

    def warn(self, code: str, severity: str, date: dt.date | None, message: str) -> None:
        self.warnings.append(ReportWarning(code, severity, date, message))

    def drop_warning(self, index: int) -> None:
        """Take back the warning at `index` (a later event judged the matter again); later indices move down."""
        del self.warnings[index]
        for role, (person, indices) in self.appointee_conflicts.items():
            self.appointee_conflicts[role] = (person, [i - 1 if i > index else i for i in indices])
        self.judged_warnings = {k: i - 1 if i > index else i for k, i in self.judged_warnings.items() if i != index}

    def start_clock(self, name: str, on: dt.date) -> None:
        self.clocks[name] = RunningClock(self.procedure.clocks[name], on, self.calendar)

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


Problem = Mapping[str, object] | None
Condition = Callable[[State, Event], Problem]
Effect = Callable[[State, Event], None]
OK: Problem = None


def message_of(rule: Callable[..., object], values: Mapping[str, object]) -> str:
    """The first line of a rule's docstring with its placeholders filled: the message people see."""
    first = (rule.__doc__ or rule.__name__).strip().splitlines()[0]
    return first.format(**values)


def _step_name(step: str) -> str:
    return step.replace(".", "_").replace("-", "_")


def before(step: str, what: str, source: str) -> Condition:
    """A condition: `step` has not been recorded yet (its message names `what`; `source` is cited)."""
    def condition(state: State, event: Event) -> Problem:
        return OK if step not in state.steps else {"what": what, "on": short_date(state.steps[step])}

    condition.__name__ = f"not_after_{_step_name(step)}"
    condition.__doc__ = f"This can only be recorded before {{what}}, which was recorded on {{on}}.\n\nSource: {source}."
    return condition


def after(step: str, what: str, source: str) -> Condition:
    """A condition: `step` has been recorded (its message names `what`; `source` is cited)."""
    def condition(state: State, event: Event) -> Problem:
        return OK if step in state.steps else {"what": what}

    condition.__name__ = f"after_{_step_name(step)}"
    condition.__doc__ = f"This can only be recorded after {{what}}.\n\nSource: {source}."
    return condition


@dataclass(frozen=True, slots=True)
class Step:
    """One row of the procedure: an event type, what it requires and what it does."""

    type: str
    requires: tuple[Condition, ...]
    does: tuple[Effect, ...]


@dataclass(frozen=True, slots=True)
class EarlyReferral:
    """Whether the complaint may go to the Ombudsman before the procedure's last stage, and if not, why."""

    eligible: bool
    failing: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=(), compare=False, repr=False)  # `failing` in words

    def to_json(self) -> dict[str, Any]:
        return {"eligible": self.eligible, "failing": list(self.failing)}

    def explanation(self) -> str:
        if self.eligible:
            return "Eligible: the council may agree to refer the complaint to the Ombudsman without a panel."
        return "Not eligible: " + "; ".join(self.reasons) + "."


Judgement = Callable[[State, dt.date], Sequence[ReportWarning]]
"""An end-of-history judgement: the warnings a complaint's state gives as of a date."""


@dataclass(frozen=True, slots=True)
class DueDate:
    """A date the council must act by that no working-day clock counts: a calendar date fixed by the history.

    `adults-england`'s response is due on the date agreed with the complainant, or six months from receipt
    (SI 2009/309 reg 14(2)); the caseload's next deadline, Due soon and the reminders read it as a clock's.
    """

    name: str  # like a clock's: "adults-england.response"
    title: str
    due: dt.date
    status: str  # running | overdue

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "due": self.due.isoformat(), "status": self.status}


def no_due_dates(state: State, today: dt.date) -> tuple[DueDate, ...]:
    """A procedure whose every deadline is a working-day clock has no other due dates."""
    return ()


@dataclass(frozen=True, slots=True)
class Procedure:
    """A complaints procedure: its clocks, its rules table (in order) and its end-of-history judgements.

    `field_conditions` are the conditions that judge an event's own fields, which a list of
    possible next events cannot know yet; `new_action_ids` says, per event type, which action ids
    an event creates (for `action_ids_new`); `early_referral` judges whether early referral applies.
    """

    name: str
    title: str
    source: str
    clocks: Mapping[str, ClockDefinition]
    table: Mapping[str, Step]
    judgements: tuple[Judgement, ...]
    early_referral: Callable[[State], EarlyReferral | None]
    field_conditions: frozenset[Condition]
    new_action_ids: Mapping[str, Callable[[Event], list[str]]]
    nation: str = "england"  # whose working days its clocks count (`redress.core.calendar.NATIONS`)
    due_dates: Callable[[State, dt.date], tuple[DueDate, ...]] = no_due_dates  # calendar-date deadlines, if any

    @property
    def events(self) -> tuple[str, ...]:
        """The event types of this procedure, in table order."""
        return tuple(self.table)

    @property
    def begin(self) -> tuple[Effect, ...]:
        """What starts this procedure: its own effects of receipt (its first clocks), after the shared `receive`.

        `procedure.changed` runs them on the day a complaint moves into this procedure, as if it were
        received then (`redress.core.procedures.shared.received_step` puts `receive` first).
        """
        return self.table["complaint.received"].does[1:]

    def new_state(self, points: Sequence[Point], calendar: WorkingCalendar) -> State:
        return State(points={p.id: p for p in points}, calendar=calendar, procedure=self)


def apply(state: State, event: Event) -> None:
    """Check `event` against the state's procedure and apply it; a RuleViolation names the rule it breaks."""
    step = state.procedure.table.get(event.type)
    if step is None:
        raise RuleViolation(
            f"{event.type} is not an event of the procedure {state.procedure.name} ({state.procedure.title})",
            code="not-in-procedure", event_index=event.index, event_type=event.type,
        )
    for condition in step.requires:
        problem = condition(state, event)
        if problem is not None:
            raise RuleViolation(
                message_of(condition, problem), code=condition.__name__.replace("_", "-"),
                event_index=event.index, event_type=event.type,
            )
    for effect in step.does:
        effect(state, event)
    state.recorded.add(event.type)
    state.last_date = event.date

