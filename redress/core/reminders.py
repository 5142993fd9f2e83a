"""What is due, and who is told: the reminders a complaint's report calls for on a day.

Pure: a report (from `engine.replay`), the council's thresholds, the calendar and `today` in; a list
of `Reminder`s out. The edges (`redress.reminders`) find the candidates, send and log them. Every
reminder has a key (complaint, reminder, threshold, recipient, day) that stays the same on every day
it would be sent, so a sent log keyed on it sends each exactly once, however often the run goes.

A threshold is a number of working days before a deadline. On any day the reminder sent is the one
for the nearest threshold already reached (a run that missed a day catches up with one reminder,
not every threshold passed), keyed by the deadline itself: a deadline that moves (an extension, a
council bank holiday) is a new deadline and is reminded afresh. An overdue deadline is reminded
on its first day overdue and then once a week (calendar weeks), each week its own key.

Recipients are roles, resolved to people at the edge: `officer` (the assigned officer), `managers`
(the council's complaints managers, who get one daily digest). Once the people register exists,
appointed people (an investigating officer, an independent person, panel members) are further roles
for their own deadlines; nothing here assumes a recipient is a user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from redress.core.calendar import WorkingCalendar
from redress.core.corrections import corrected_history
from redress.core.engine import Report
from redress.core.events import Event
from redress.core.procedures.registry import procedure_named
from redress.core.words import plural, short_date

OFFICER = "officer"
MANAGERS = "managers"
MOST_WORKING_DAYS = 60


class ThresholdError(ValueError):
    """A council's reminder thresholds that cannot be read: the message says which and why."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """A council's reminder thresholds, in working days (project decision: the defaults of issue 12)."""

    clock_due: tuple[int, ...] = (5, 2, 0)
    action_due: tuple[int, ...] = (5,)
    offer_ending: tuple[int, ...] = (10,)
    window_ending: tuple[int, ...] = (0,)
    panel_unscheduled: int = 10
    overdue_every_days: int = 7
    unassigned: bool = True

    @property
    def lookahead_wd(self) -> int:
        """How far ahead a council deadline can be and still be reminded (the largest threshold)."""
        return max((*self.clock_due, *self.action_due, 0))


DEFAULT_THRESHOLDS = Thresholds()


def thresholds_from(data: Mapping[str, Any]) -> Thresholds:
    """A council's thresholds from settings (`{"clock_due": [5, 2, 0], ...}`); ThresholdError if malformed."""
    if not isinstance(data, Mapping):
        raise ThresholdError(f"reminder thresholds must be a mapping of names to working days, not {data!r}")
    known = {f.name for f in fields(Thresholds)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ThresholdError(f"unknown reminder threshold {unknown[0]!r}: the thresholds are {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name == "unassigned":
            if not isinstance(raw, bool):
                raise ThresholdError(f"unassigned must be true or false, not {raw!r}")
            values[name] = raw
        elif name in {"panel_unscheduled", "overdue_every_days"}:
            values[name] = _days(name, raw, least=1)
        else:
            if not isinstance(raw, list | tuple) or not raw:
                raise ThresholdError(f"{name} must be a list of working days, like [5, 2, 0], not {raw!r}")
            values[name] = tuple(sorted({_days(name, item, least=0) for item in raw}, reverse=True))
    return replace(DEFAULT_THRESHOLDS, **values)


def _days(name: str, raw: Any, *, least: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not least <= raw <= MOST_WORKING_DAYS:
        raise ThresholdError(f"{name} must be whole numbers of working days from {least} to {MOST_WORKING_DAYS}, not {raw!r}")
    return raw


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder to one recipient role. `reminder`, `threshold`, `recipient` and `day` make its key."""

    complaint_id: int
    reminder: str  # what it is about: "clock:stage1.response", "action:A1", "offer:O1", "panel-unscheduled", ...
    threshold: str  # "5" (working days before), "0" (on the day), "overdue", "unassigned", ...
    recipient: str  # a role: OFFICER, MANAGERS (later: appointed people's roles)
    day: dt.date  # the deadline it is about, or the first day of the week for a weekly repeat
    due: dt.date | None
    message: str
    urgent: bool = False

    @property
    def key(self) -> tuple[int, str, str, str, dt.date]:
        return (self.complaint_id, self.reminder, self.threshold, self.recipient, self.day)


@dataclass(frozen=True, slots=True)
class DueSoon:
    """One deadline within the council's thresholds, or past, for the "Due soon" lists."""

    complaint_id: int
    what: str
    due: dt.date
    working_days_left: int  # 0 on the day; negative: working days overdue
    status: str  # due-soon | due-today | overdue

    @property
    def overdue_wd(self) -> int:
        return max(0, -self.working_days_left)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a complaint's reminders need besides its report: its id, whether it has an officer, its history."""

    complaint_id: int
    has_officer: bool
    received_on: dt.date
    events: Sequence[Event] = field(default=())


def reminders_for(subject: Subject, report: Report, *, thresholds: Thresholds, today: dt.date,
                  calendar: WorkingCalendar) -> list[Reminder]:
    """Every reminder `report` calls for on `today`, each once per recipient role."""
    if report.status != "open":
        return []
    found: list[Reminder] = []
    found += _clock_reminders(subject, report, thresholds, today, calendar)
    found += _action_reminders(subject, report, thresholds, today, calendar)
    found += _offer_reminders(subject, report, thresholds, today, calendar)
    found += _panel_reminders(subject, report, thresholds, today, calendar)
    if thresholds.unassigned and not subject.has_officer:
        week = _week_start(subject.received_on, today, thresholds.overdue_every_days)
        found.append(Reminder(subject.complaint_id, "unassigned", "unassigned", MANAGERS, week, None,
                              "No officer is assigned", urgent=True))
    return _to_managers_without_officer(found, subject.has_officer)


def _clock_reminders(subject: Subject, report: Report, thresholds: Thresholds, today: dt.date,
                     calendar: WorkingCalendar) -> list[Reminder]:
    found = []
    definitions = procedure_named(report.procedure).clocks if report.procedure else {}
    for clock in report.clocks:
        definition = definitions.get(clock.name)
        title = definition.title if definition else clock.name
        if clock.due is None or clock.done is not None:
            continue
        if definition is not None and definition.complainants_window:
            if clock.status == "running":
                found += _ahead(subject, f"window:{clock.name}", f"{title} (the complainant's time; for information)",
                                clock.due, thresholds.window_ending, today, calendar, (OFFICER,))
        elif clock.status == "running":
            found += _ahead(subject, f"clock:{clock.name}", title, clock.due, thresholds.clock_due, today, calendar,
                            (OFFICER,))
        elif clock.status == "overdue":
            found += _overdue(subject, f"clock:{clock.name}", title, clock.due, thresholds, today, calendar)
    for due_date in report.due_dates:  # a calendar-date deadline (adults-england's response) is reminded as a clock
        if due_date.status == "running":
            found += _ahead(subject, f"clock:{due_date.name}", due_date.title, due_date.due, thresholds.clock_due,
                            today, calendar, (OFFICER,))
        else:
            found += _overdue(subject, f"clock:{due_date.name}", due_date.title, due_date.due, thresholds, today,
                              calendar)
    return found


def _action_reminders(subject: Subject, report: Report, thresholds: Thresholds, today: dt.date,
                      calendar: WorkingCalendar) -> list[Reminder]:
    found = []
    for action in report.actions:
        if action.due is None:
            continue
        what = f"Action {action.id}: {action.what}"[:200]
        if action.status == "open":
            found += _ahead(subject, f"action:{action.id}", what, action.due, thresholds.action_due, today, calendar,
                            (OFFICER,))
        elif action.status == "overdue":
            found += _overdue(subject, f"action:{action.id}", what, action.due, thresholds, today, calendar)
    return found


def _offer_reminders(subject: Subject, report: Report, thresholds: Thresholds, today: dt.date,
                     calendar: WorkingCalendar) -> list[Reminder]:
    """An offer's window ending: to the officer, so that nobody withdraws it before it ends (seed 001)."""
    found = []
    for offer in report.offers:
        if offer.status == "open" and today <= offer.until:
            found += _ahead(subject, f"offer:{offer.id}", f"Offer {offer.id} stays open ({offer.what}); do not withdraw it before then",
                            offer.until, thresholds.offer_ending, today, calendar, (OFFICER,), verb="ends")
    return found


def _panel_reminders(subject: Subject, report: Report, thresholds: Thresholds, today: dt.date,
                     calendar: WorkingCalendar) -> list[Reminder]:
    """A Stage 3 panel with no date set `panel_unscheduled` working days after the request."""
    panel = report.clock("stage3.panel")
    if panel is None or panel.status not in {"running", "overdue"} or _panel_scheduled(subject.events, today):
        return []
    day = calendar.add_working_days(panel.start, thresholds.panel_unscheduled)
    if today < day:
        return []
    message = (f"No review panel date is set, {plural(thresholds.panel_unscheduled, 'working day')} after the "
               f"Stage 3 request of {short_date(panel.start)}; the panel must meet by {short_date(panel.due) if panel.due else 'its deadline'}")
    return [Reminder(subject.complaint_id, "panel-unscheduled", str(thresholds.panel_unscheduled), role, day, panel.due,
                     message, urgent=True) for role in (OFFICER, MANAGERS)]


def _panel_scheduled(events: Iterable[Event], today: dt.date) -> bool:
    history = corrected_history(tuple(events))[0]
    return any(e.type == "stage3.panel-scheduled" and e.date <= today for e in history)


def _ahead(subject: Subject, reminder: str, what: str, due: dt.date, thresholds: tuple[int, ...], today: dt.date,
           calendar: WorkingCalendar, roles: tuple[str, ...], *, verb: str = "due") -> list[Reminder]:
    """The reminder for the nearest threshold reached before `due` (none when none is reached yet)."""
    if today > due or not thresholds:
        return []
    left = calendar.working_days_after(today, due)
    reached = [t for t in thresholds if t >= left]
    if not reached:
        return []
    threshold = min(reached)
    when = "today" if today == due else f"in {plural(left, 'working day')}" if left else "on the next working day"
    message = f"{what}: {verb} {when} ({short_date(due)})"
    return [Reminder(subject.complaint_id, reminder, str(threshold), role, due, due, message) for role in roles]


def _overdue(subject: Subject, reminder: str, what: str, due: dt.date, thresholds: Thresholds, today: dt.date,
             calendar: WorkingCalendar) -> list[Reminder]:
    """Overdue: on the first day after `due`, then every `overdue_every_days`; to the officer and the managers."""
    first = due + dt.timedelta(days=1)
    week = _week_start(first, today, thresholds.overdue_every_days)
    late = calendar.working_days_after(due, today)
    message = f"{what}: overdue by {plural(late, 'working day')} (was due {short_date(due)})"
    return [Reminder(subject.complaint_id, reminder, "overdue", role, week, due, message, urgent=True)
            for role in (OFFICER, MANAGERS)]


def _week_start(first: dt.date, today: dt.date, every: int) -> dt.date:
    """The day this repeat began: `first`, then every `every` days after it."""
    return first + dt.timedelta(days=((today - first).days // every) * every) if today >= first else first


def _to_managers_without_officer(found: list[Reminder], has_officer: bool) -> list[Reminder]:
    """With no officer assigned, the officer's reminders go to the managers (once, beside their own)."""
    if has_officer:
        return found
    result: list[Reminder] = []
    seen: set[tuple[int, str, str, str, dt.date]] = set()
    for reminder in found:
        moved = replace(reminder, recipient=MANAGERS) if reminder.recipient == OFFICER else reminder
        if moved.key not in seen:
            seen.add(moved.key)
            result.append(moved)
    return result


def due_soon(complaint_id: int, report: Report, *, thresholds: Thresholds, today: dt.date,
             calendar: WorkingCalendar) -> list[DueSoon]:
    """The council's deadlines within the thresholds' reach (the largest clock or action threshold), and the overdue."""
    if report.status != "open":
        return []
    definitions = procedure_named(report.procedure).clocks if report.procedure else {}
    items: list[tuple[str, dt.date, str]] = []
    for clock in report.clocks:
        definition = definitions.get(clock.name)
        if clock.due is None or clock.done is not None or (definition and definition.complainants_window):
            continue
        if clock.status in {"running", "overdue"}:
            items.append((definition.title if definition else clock.name, clock.due, clock.status))
    items += [(due_date.title, due_date.due, due_date.status) for due_date in report.due_dates]
    for action in report.actions:
        if action.due is not None and action.status in {"open", "overdue"}:
            items.append((f"Action {action.id}: {action.what}"[:200], action.due, action.status))
    result = []
    for what, due, status in items:
        if status == "overdue" or today > due:
            result.append(DueSoon(complaint_id, what, due, -calendar.working_days_after(due, today), "overdue"))
            continue
        left = calendar.working_days_after(today, due)
        if left <= thresholds.lookahead_wd:
            result.append(DueSoon(complaint_id, what, due, left, "due-today" if today == due else "due-soon"))
    return sorted(result, key=lambda item: (item.due, item.what))
