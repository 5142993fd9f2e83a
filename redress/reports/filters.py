"""The caseload filters the dashboard's figures link to, so each number can be checked against its complaints.

`ReportFilter` narrows the caseload's projections to the complaints a dashboard figure counts; the
dashboard (redress/reports/dashboard.py) counts with the same conditions (`rag_condition`, ...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from redress.complaints.models import Projection
from redress.core.calendar import WorkingCalendar
from redress.reports.models import ReportComplaint, ReportFact

AMBER_WITHIN_WD = 5  # as redress/complaints/pages.py: due within five working days, or a fault recorded
RAGS = ("red", "amber", "green", "none")  # none: open, with no council deadline running
OMBUDSMAN = ("awaiting", "decided")
CLOCK_STATUSES = ("met", "late", "done")


@dataclass(frozen=True)
class ReportFilter:
    rag: str = ""
    received: dt.date | None = None  # the first of a month
    closed: dt.date | None = None
    clock: str = ""
    clock_status: str = ""  # met, late, or done (either)
    clock_month: dt.date | None = None
    clock_since: dt.date | None = None  # the first of the period's first month
    due_within: int | None = None  # working days from today
    actions: str = ""  # open | overdue
    ombudsman: str = ""  # awaiting | decided
    unassigned: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def amber_before(today: dt.date, calendar: WorkingCalendar) -> dt.date:
    """Deadlines before this day are within AMBER_WITHIN_WD working days of `today`."""
    return calendar.add_working_days(today, AMBER_WITHIN_WD + 1)


def rag_condition(rag: str, today: dt.date, calendar: WorkingCalendar) -> Q:
    """Open complaints of one colour, as the caseload colours them (complaints.pages._rag)."""
    amber = amber_before(today, calendar)
    running = Q(status="open", next_due__isnull=False)
    if rag == "red":
        return running & Q(next_due__lt=today)
    if rag == "none":
        return Q(status="open", next_due__isnull=True)
    if rag == "amber":
        return running & Q(next_due__gte=today) & (Q(next_due__lt=amber) | Q(faults__gt=0))
    return running & Q(next_due__gte=amber, faults=0)


def due_within_condition(days: int, today: dt.date, calendar: WorkingCalendar) -> Q:
    return Q(status="open", next_due__gte=today, next_due__lte=calendar.add_working_days(today, days))


def ombudsman_condition(which: str) -> Q:
    referred = ReportFact.objects.filter(complaint_id=OuterRef("complaint_id"), kind="ombudsman", key="referred")
    decided = ReportFact.objects.filter(complaint_id=OuterRef("complaint_id"), kind="ombudsman", key="decided")
    if which == "decided":
        return Q(Exists(decided))
    return Q(Exists(referred)) & ~Q(Exists(decided))


def clock_condition(clock: str, status: str, first: dt.date | None, since: dt.date | None = None) -> Q:
    values = ("met", "late") if status in ("", "done") else (status,)
    facts = ReportFact.objects.filter(complaint_id=OuterRef("complaint_id"), kind="clock", key=clock, value__in=values)
    if first is not None:
        facts = facts.filter(on__range=(first, month_end(first)))
    if since is not None:
        facts = facts.filter(on__gte=since)
    return Q(Exists(facts))


def narrowed(rows: QuerySet[Projection], f: ReportFilter, *, today: dt.date, calendar: WorkingCalendar) -> QuerySet[Projection]:
    """The caseload's rows narrowed to the complaints a dashboard figure counts."""
    if f.rag:
        rows = rows.filter(rag_condition(f.rag, today, calendar))
    if f.received is not None:
        rows = rows.filter(received_on__range=(f.received, month_end(f.received)))
    if f.closed is not None:
        closed = ReportComplaint.objects.filter(closed_on__range=(f.closed, month_end(f.closed)))
        rows = rows.filter(complaint_id__in=closed.values("complaint_id"))
    if f.clock:
        rows = rows.filter(clock_condition(f.clock, f.clock_status, f.clock_month, f.clock_since))
    if f.due_within is not None:
        rows = rows.filter(due_within_condition(f.due_within, today, calendar))
    if f.actions == "open":
        rows = rows.filter(open_actions__gt=0)
    elif f.actions == "overdue":
        rows = rows.filter(warning_codes__contains=" action.overdue ")
    if f.ombudsman:
        rows = rows.filter(ombudsman_condition(f.ombudsman))
    if f.unassigned:
        rows = rows.filter(officer__isnull=True)
    return rows


def described(f: ReportFilter) -> str:
    """The narrowing in words, for the caseload page ("" when there is none)."""
    parts = []
    if f.rag:
        parts.append("no council deadline running" if f.rag == "none" else
                     f"{f.rag} (red: deadline passed; amber: due within {AMBER_WITHIN_WD} working days or a fault)")
    if f.received:
        parts.append(f"received in {f.received:%B %Y}")
    if f.closed:
        parts.append(f"closed or withdrawn in {f.closed:%B %Y}")
    if f.clock:
        step = {"met": "met on time", "late": "done late"}.get(f.clock_status, "done")
        parts.append(f"{f.clock} {step}" + (f" in {f.clock_month:%B %Y}" if f.clock_month else "")
                     + (f" since {f.clock_since:%B %Y}" if f.clock_since else ""))
    if f.due_within:
        parts.append(f"a council deadline in the next {f.due_within} working days")
    if f.actions:
        parts.append(f"with {f.actions} actions")
    if f.ombudsman:
        parts.append("at the Ombudsman, awaiting a decision" if f.ombudsman == "awaiting" else "decided by the Ombudsman")
    if f.unassigned:
        parts.append("with no officer")
    return "; ".join(parts)
