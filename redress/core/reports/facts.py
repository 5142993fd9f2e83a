"""The reporting facts of one complaint, from its case and the engine's report.

A fact is a (kind, key, value) triple with the date it happened and, for clocks, the working days
taken. No names, no free text: only the codes SCENARIOS.md defines and a few of our own (below),
so nothing personal can reach a report.

Kinds and their keys:
- `received`: key `stage` (the stage reached), `role` (complainant role), `via` (how it came in),
  `about` (one fact a point), `status` (open, closed, withdrawn).
- `outcome`: key `stage N`, value the point's finding at that stage (one fact a point and stage).
- `clock`: key the clock's name, value its status (met, late, running, overdue, paused, stopped),
  `days` the working days from its start to the step (done clocks only). Complainants' request
  windows are their time, not the council's, and are left out.
- `extension` / `suspension`: key the clock's name; one fact for each clock extended / paused.
- `panel`: key `requested`, `refused`, `scheduled`, `held`.
- `recommendation`: key `stage 2` / `stage 3`, value `made`, `accepted`, and for each accepted one
  its action's standing `done` (completed on time), `late`, `open`, `overdue`.
- `ombudsman`: key `referred`, `decided` (value the outcome); `remedy`: value the remedy action's
  standing (done, late, open, overdue).
- `learning`: key what the action changes (`learning_kind`), value the action's source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from redress.core.calendar import WorkingCalendar
from redress.core.corrections import corrected_history
from redress.core.engine import Report
from redress.core.events import Case, Event

ENDINGS = {"complaint.closed", "complaint.withdrawn"}
RECOMMENDATION_SOURCES = {"stage2": "stage 2", "stage3": "stage 3"}
NOT_RECORDED = "not-recorded"

# What an agreed action changes, by the words it uses (first match wins; checked in this order).
LEARNING_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("payment", ("pay", "£", "compensat", "reimburs", "refund")),
    ("apology", ("apolog", "sorry")),
    ("records", ("record", "file", "report", "amend", "correct")),
    ("training", ("train", "guidance to staff", "briefing", "learning")),
    ("policy", ("policy", "procedure", "process", "protocol", "guidance")),
    ("practice", ("practice", "review", "assess", "plan", "meeting", "visit", "service")),
    ("communication", ("write", "letter", "explain", "contact", "inform", "call")),
)


def learning_kind(what: str) -> str:
    """What an agreed action changes, from its wording: payment, apology, records, training, policy,
    practice, communication, or other. Project decision: SCENARIOS.md's `action.agreed` carries only
    free text, so the report sorts by the words used (the same words always give the same kind)."""
    lowered = what.lower()
    for kind, words in LEARNING_WORDS:
        if any(word in lowered for word in words):
            return kind
    return "other"


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str
    key: str
    value: str
    on: dt.date
    days: int | None = None


@dataclass(frozen=True, slots=True)
class ComplaintFacts:
    """One complaint as the reports see it, as of `today` (the report's date)."""

    procedure: str
    received_on: dt.date
    stage: int
    status: str
    today: dt.date
    facts: tuple[Fact, ...]
    ended_on: dt.date | None = None  # the day it was closed or withdrawn


def complaint_facts(case: Case, report: Report, calendar: WorkingCalendar) -> ComplaintFacts:
    """The reporting facts of a complaint (see the module's docstring for what each kind holds)."""
    history, _ = corrected_history(case.events, until=report.today)
    events = [e for e in history if e.date <= report.today]
    received = events[0]
    facts = [
        *_received(case, report, received),
        *_outcomes(report, received.date),
        *_clocks(report, calendar),
        *_panels(events),
        *_recommendations(events, report),
        *_ombudsman(report),
        *_learning(report),
    ]
    ended = next((e.date for e in reversed(events) if e.type in ENDINGS), None) if report.status in {"closed", "withdrawn"} else None
    return ComplaintFacts(report.procedure or case.procedure, received.date, report.stage, report.status,
                          report.today, tuple(facts), ended)


def _received(case: Case, report: Report, received: Event) -> Iterator[Fact]:
    on = received.date
    role = (received.get("complainant") or {}).get("role") or NOT_RECORDED
    yield Fact("received", "stage", str(report.stage), on)
    yield Fact("received", "role", str(role), on)
    yield Fact("received", "via", str(received.get("via") or NOT_RECORDED), on)
    yield Fact("received", "status", report.status, on)
    for point in case.points:
        yield Fact("received", "about", point.about or "other", on)


def _outcomes(report: Report, on: dt.date) -> Iterator[Fact]:
    for stages in report.findings.values():
        for stage, outcome in sorted(stages.items()):
            yield Fact("outcome", f"stage {stage}", outcome, on)


def _clocks(report: Report, calendar: WorkingCalendar) -> Iterator[Fact]:
    for clock in report.clocks:
        if clock.running.definition.complainants_window:
            continue
        days = calendar.working_days_after(clock.start, clock.done) if clock.done is not None else None
        yield Fact("clock", clock.name, clock.status, clock.done or clock.start, days)
        if clock.running.extended_to is not None:
            yield Fact("extension", clock.name, "extended", clock.start)
        if clock.running.pauses:
            yield Fact("suspension", clock.name, "paused", clock.running.pauses[0][0])


PANEL_STEPS = {"stage3.requested": "requested", "stage3.refused": "refused",
               "stage3.panel-scheduled": "scheduled", "stage3.panel-held": "held"}


def _panels(events: list[Event]) -> Iterator[Fact]:
    seen: set[str] = set()
    for event in events:
        step = PANEL_STEPS.get(event.type)
        if step and step not in seen:
            seen.add(step)
            yield Fact("panel", step, "yes", event.date)


def _recommendations(events: list[Event], report: Report) -> Iterator[Fact]:
    for event in events:
        if event.type in {"stage2.responded", "stage3.panel-reported"}:
            key = "stage 2" if event.type == "stage2.responded" else "stage 3"
            for recommendation in event.get("recommendations") or ():
                yield Fact("recommendation", key, "made", event.date)
                if key == "stage 2" and recommendation.accepted:
                    yield Fact("recommendation", key, "accepted", event.date)
        elif event.type == "stage3.responded":
            for decision in (event.get("decisions") or {}).values():
                if decision.accepted:
                    yield Fact("recommendation", "stage 3", "accepted", event.date)
    for action in report.actions:
        source = RECOMMENDATION_SOURCES.get(action.source)
        if source:
            yield Fact("recommendation", source, action.status, action.done or action.agreed)


def _ombudsman(report: Report) -> Iterator[Fact]:
    ombudsman = report.ombudsman
    if ombudsman is None:
        return
    yield Fact("ombudsman", "referred", "yes", ombudsman.referred)
    if ombudsman.decided is not None:
        yield Fact("ombudsman", "decided", ombudsman.outcome or NOT_RECORDED, ombudsman.decided)
    for action in report.actions:
        if action.source == "ombudsman":
            yield Fact("remedy", "remedy", action.status, action.done or action.agreed)


def _learning(report: Report) -> Iterator[Fact]:
    for action in report.actions:
        yield Fact("learning", learning_kind(action.what), action.source or "council", action.agreed)
