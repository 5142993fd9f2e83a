"""The managers' dashboard: figures from the projections and the reporting table, each with its caseload link.

Every figure counts complaints with the same conditions the caseload applies for its link
(redress/reports/filters.py), so following a link shows exactly the complaints counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse

from redress.complaints.models import Projection
from redress.complaints.procedures import ALL_CLOCKS
from redress.core.calendar import WorkingCalendar
from redress.councils.models import Council, User
from redress.councils.selectors import council_calendar
from redress.reports.filters import (
    RAGS,
    due_within_condition,
    month_end,
    rag_condition,
)
from redress.reports.models import ReportComplaint, ReportFact

DEADLINE_WD = 10
PERIODS = (6, 12, 24)


@dataclass(frozen=True)
class DashboardFilters:
    procedure: str = ""
    months: int = 24
    officer: User | None = None


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    href: str


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    received: Figure
    closed: Figure


@dataclass(frozen=True)
class ClockMonth:
    month: dt.date
    met: Figure
    done: Figure

    @property
    def share(self) -> str:
        return f"{round(100 * self.met.value / self.done.value)}%" if self.done.value else "none done"


@dataclass(frozen=True)
class ClockShare:
    clock: str
    title: str
    months: list[ClockMonth]
    period: ClockMonth  # the whole period (its month the first)


@dataclass
class Dashboard:
    today: dt.date
    filters: DashboardFilters
    by_stage: list[Figure] = field(default_factory=list)
    by_rag: list[Figure] = field(default_factory=list)
    months: list[MonthRow] = field(default_factory=list)
    clocks: list[ClockShare] = field(default_factory=list)
    due_soon: Figure | None = None
    due_soon_rows: list[Projection] = field(default_factory=list)
    officers: list[Figure] = field(default_factory=list)
    actions: list[Figure] = field(default_factory=list)
    ombudsman: list[Figure] = field(default_factory=list)


def _link(filters: DashboardFilters, **query: object) -> str:
    params: dict[str, object] = {"status": "open"}
    if filters.procedure:
        params["procedure"] = filters.procedure
    if filters.officer is not None:
        params["officer"] = filters.officer.pk
    params.update(query)
    return reverse("complaints:caseload") + "?" + urlencode({k: v for k, v in params.items() if v is not None})


def months_back(today: dt.date, count: int) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, this month last."""
    first, out = today.replace(day=1), []
    for _ in range(count):
        out.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return out[::-1]


def _month(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def council_dashboard(*, council: Council, filters: DashboardFilters, today: dt.date) -> Dashboard:
    board = Dashboard(today, filters)
    projections = Projection.objects.filter(council=council)
    reporting = ReportComplaint.objects.filter(council=council)
    facts = ReportFact.objects.filter(council=council)
    if filters.procedure:
        projections = projections.filter(procedure=filters.procedure)
        reporting = reporting.filter(procedure=filters.procedure)
        facts = facts.filter(procedure=filters.procedure)
    if filters.officer is not None:
        projections = projections.filter(officer=filters.officer)
        reporting = reporting.filter(complaint__officer=filters.officer)
        facts = facts.filter(complaint__officer=filters.officer)
    _open_figures(board, projections, council_calendar(council))
    _monthly(board, reporting, facts)
    _ombudsman(board, facts)
    return board


def _open_figures(board: Dashboard, projections: QuerySet[Projection], calendar: WorkingCalendar) -> None:
    f, today = board.filters, board.today
    open_ = projections.filter(status="open")
    stages = dict(open_.values_list("stage").annotate(n=Count("*")).order_by())
    board.by_stage = [Figure(f"Stage {stage}", n, _link(f, stage=stage)) for stage, n in sorted(stages.items())]
    rag = open_.aggregate(**{name: Count("pk", filter=rag_condition(name, today, calendar)) for name in RAGS})
    words = {"red": "Red: deadline passed", "amber": "Amber: due within 5 working days, or a fault recorded",
             "green": "Green: on track", "none": "No council deadline running (the complainant's time, or suspended)"}
    board.by_rag = [Figure(words[name], rag[name], _link(f, rag=name)) for name in RAGS]
    soon = projections.filter(due_within_condition(DEADLINE_WD, today, calendar))
    board.due_soon = Figure(f"Council deadlines in the next {DEADLINE_WD} working days", soon.count(),
                            _link(f, due_within=DEADLINE_WD))
    board.due_soon_rows = list(soon.select_related("complaint").order_by("next_due", "complaint_id")[:20])
    loads = open_.values_list("officer", "officer__first_name", "officer__last_name", "officer__email").annotate(
        n=Count("*")).order_by("-n", "officer__email")
    for officer_id, first, last, email, n in loads:
        if officer_id is None:
            board.officers.append(Figure("No officer", n, _link(f, unassigned="on")))
        elif f.officer is None:
            name = f"{first} {last}".strip() or email
            board.officers.append(Figure(name, n, _link(f, officer=officer_id)))
        else:
            board.officers.append(Figure(str(f.officer), n, _link(f)))
    board.actions = [
        Figure("Complaints with open actions", open_.filter(open_actions__gt=0).count(), _link(f, actions="open")),
        Figure("Complaints with overdue actions", open_.filter(warning_codes__contains=" action.overdue ").count(),
               _link(f, actions="overdue")),
    ]


def _monthly(board: Dashboard, reporting: QuerySet[ReportComplaint], facts: QuerySet[ReportFact]) -> None:
    f = board.filters
    months = months_back(board.today, f.months)
    start, end = months[0], month_end(months[-1])
    received = dict(reporting.filter(received_on__range=(start, end)).annotate(m=TruncMonth("received_on"))
                    .values_list("m").annotate(n=Count("*")).order_by())
    closed = dict(reporting.filter(closed_on__range=(start, end)).annotate(m=TruncMonth("closed_on"))
                  .values_list("m").annotate(n=Count("*")).order_by())
    received = {_month(k): v for k, v in received.items()}
    closed = {_month(k): v for k, v in closed.items()}
    board.months = [
        MonthRow(m, Figure("Received", received.get(m, 0), _link(f, status="", received=f"{m:%Y-%m}")),
                 Figure("Closed", closed.get(m, 0), _link(f, status="", closed=f"{m:%Y-%m}")))
        for m in months
    ]
    # Grouped by day and folded into months here: the database hashes a few thousand (clock, day) groups
    # rather than sorting every step of the period by month.
    done = (facts.filter(kind="clock", value__in=("met", "late"), on__range=(start, end))
            .values_list("key", "on").annotate(met=Count("pk", filter=Q(value="met")), done=Count("pk")).order_by())
    by_clock: dict[str, dict[dt.date, tuple[int, int]]] = {}
    for key, day, met, total in done:
        months_of = by_clock.setdefault(key, {})
        before = months_of.get(day.replace(day=1), (0, 0))
        months_of[day.replace(day=1)] = (before[0] + met, before[1] + total)
    for key in sorted(by_clock, key=lambda k: list(ALL_CLOCKS).index(k) if k in ALL_CLOCKS else 999):
        rows = []
        for m in months:
            met, total = by_clock[key].get(m, (0, 0))
            month = f"{m:%Y-%m}"
            rows.append(ClockMonth(
                m, Figure("Met", met, _link(f, status="", clock=key, clock_status="met", clock_month=month)),
                Figure("Done", total, _link(f, status="", clock=key, clock_status="done", clock_month=month))))
        title = ALL_CLOCKS[key].title if key in ALL_CLOCKS else key
        since = f"{start:%Y-%m}"
        period = ClockMonth(
            start, Figure("Met", sum(r.met.value for r in rows),
                          _link(f, status="", clock=key, clock_status="met", clock_since=since)),
            Figure("Done", sum(r.done.value for r in rows),
                   _link(f, status="", clock=key, clock_status="done", clock_since=since)))
        board.clocks.append(ClockShare(key, title, [r for r in rows if r.done.value], period))


def _ombudsman(board: Dashboard, facts: QuerySet[ReportFact]) -> None:
    """Counted from the reporting facts, by their index on kind."""
    f = board.filters
    # A complaint has one referral and at most one decision, and no decision without the referral (the
    # engine's rule), so those awaiting a decision are the referred less the decided.
    counts = dict(facts.filter(kind="ombudsman", key__in=("referred", "decided")).values_list("key")
                  .annotate(n=Count("*")).order_by())
    referred, decided = counts.get("referred", 0), counts.get("decided", 0)
    board.ombudsman = [
        Figure("At the Ombudsman, awaiting a decision", referred - decided, _link(f, status="", ombudsman="awaiting")),
        Figure("Decided by the Ombudsman", decided, _link(f, status="", ombudsman="decided")),
    ]
