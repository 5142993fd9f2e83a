"""Reads: every query here is scoped to one council; another council's complaint is not found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from redress.complaints.models import Complaint, Event, Projection
from redress.core.calendar import WorkingCalendar
from redress.core.corrections import corrected_history
from redress.core.engine import Report, replay
from redress.core.events import Case, parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.rules import next_events
from redress.councils.models import Council, User
from redress.councils.selectors import council_calendar
from redress.reports.filters import ReportFilter, narrowed


def complaints_of(council: Council) -> QuerySet[Complaint]:
    """Every complaint of `council`, and no other council's."""
    return Complaint.objects.filter(council=council)


def complaint_get(*, council: Council, complaint_id: int | str) -> Complaint:
    """The complaint with this id in `council`, or Http404 (never a hint that it exists elsewhere)."""
    try:
        return complaints_of(council).select_related("officer", "council").get(pk=int(complaint_id))
    except (Complaint.DoesNotExist, ValueError, TypeError):
        raise Http404("No complaint with that id") from None


def complaint_get_by_reference(*, council: Council, reference: str) -> Complaint:
    try:
        return complaints_of(council).select_related("officer", "council").get(reference=reference)
    except Complaint.DoesNotExist:
        raise Http404("No complaint with that reference") from None


def case_data(complaint: Complaint, events: Iterable[Event | Mapping[str, Any]]) -> dict[str, Any]:
    """The complaint's history in the case-file form of SCENARIOS.md (from events or their data)."""
    return {
        "procedure": complaint.procedure,
        "council": complaint.council.name,
        "points": complaint.points,
        "events": [event.data if isinstance(event, Event) else event for event in events],
    }


def complaint_events(complaint: Complaint) -> list[Event]:
    return list(complaint.events.order_by("sequence").select_related("recorded_by"))


def complaint_case(complaint: Complaint, events: Iterable[Event] | None = None) -> Case:
    """The complaint as the engine's Case, from its stored events."""
    return parse_case(case_data(complaint, complaint_events(complaint) if events is None else events))


def procedure_calendar(council: Council, procedure: str) -> WorkingCalendar:
    """The council's calendar in the working days of the procedure's nation (Wales's for children-wales)."""
    return council_calendar(council, procedure_named(procedure).nation)


def procedure_now(case: Case) -> str:
    """The procedure the complaint is handled under now: its first, or the last one it was moved to."""
    current = case.procedure
    for event in corrected_history(case.events)[0]:
        if event.type == "procedure.changed":
            current = str(event.get("to"))
    return current


@dataclass(frozen=True)
class ComplaintView:
    """Everything a complaint page shows: the record, its events, and the engine's report."""

    complaint: Complaint
    events: list[Event]
    case: Case
    report: Report
    today: dt.date

    @property
    def procedure(self) -> str:
        """The procedure the complaint is under now (after any move to another)."""
        return procedure_now(self.case)


def complaint_report(
    complaint: Complaint, *, today: dt.date, calendar: WorkingCalendar | None = None, events: list[Event] | None = None
) -> ComplaintView:
    """Replay the complaint's events (read here unless given) as of `today` with its council's calendar."""
    events = complaint_events(complaint) if events is None else events
    case = complaint_case(complaint, events)
    report = replay(case, today=today, calendar=calendar or procedure_calendar(complaint.council, case.procedure))
    return ComplaintView(complaint, events, case, report, today)


CASELOAD_SORTS: dict[str, tuple[str, ...]] = {
    "reference": ("complaint__reference",),
    "complainant": ("complaint__complainant_name",),
    "stage": ("stage",),
    "next_due": ("next_due",),
    "warnings": ("faults", "risks"),
    "officer": ("officer__first_name", "officer__last_name", "officer__email"),
}
"""The caseload's sortable columns and the fields each sorts by (then by complaint, oldest first)."""


@dataclass(frozen=True)
class CaseloadFilters:
    stage: int | None = None
    procedure: str | None = None
    status: str | None = "open"
    warning: str | None = None
    officer: User | None = None
    overdue: bool = False
    query: str = ""
    sort: str = "next_due"  # a key of CASELOAD_SORTS
    descending: bool = False
    report: ReportFilter = field(default_factory=ReportFilter)  # a dashboard figure's complaints (redress/reports/filters.py)


def caseload(*, council: Council, filters: CaseloadFilters, today: dt.date) -> QuerySet[Projection]:
    """Projections of `council`'s complaints matching `filters`, soonest deadline first unless sorted otherwise.

    Complaints with no deadline, or no officer, come last whichever way the column is sorted.
    """
    rows = Projection.objects.filter(council=council).select_related("complaint", "officer")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.procedure:
        rows = rows.filter(procedure=filters.procedure)
    if filters.officer is not None:
        rows = rows.filter(officer=filters.officer)
    if filters.overdue:
        rows = rows.filter(next_due__lt=today)
    if filters.warning:
        rows = rows.filter(warning_codes__contains=f" {filters.warning} ")
    if filters.query:
        rows = rows.filter(Q(search_text__contains=filters.query.lower().strip()))
    if filters.report:
        rows = narrowed(rows, filters.report, today=today, calendar=council_calendar(council))
    fields = CASELOAD_SORTS.get(filters.sort, CASELOAD_SORTS["next_due"])
    order = [F(name).desc(nulls_last=True) if filters.descending else F(name).asc(nulls_last=True) for name in fields]
    return rows.order_by(*order, "complaint_id")


# What a caseload page's rows show (pages.CaseloadRow): not the search text, warning codes, points or
# the officer's password, which cost more to read and decode than the rest of the row.
CASELOAD_ROW_FIELDS = (
    "complaint_id", "council_id", "officer_id", "procedure", "stage", "status", "suspended", "next_due",
    "next_due_what", "faults", "risks", "complaint__reference", "complaint__complainant_name",
    "complaint__child_name", "officer__first_name", "officer__last_name", "officer__email",
)


def caseload_page_rows(rows: QuerySet[Projection]) -> QuerySet[Projection]:
    """`rows` (a `caseload`) reading only what a caseload page shows."""
    return rows.only(*CASELOAD_ROW_FIELDS)


def complaint_next_events(complaint: Complaint, *, on: dt.date) -> list[str]:
    """The event types the procedure allows on this complaint now (SCENARIOS.md vocabulary)."""
    case = complaint_case(complaint)
    return next_events(case.points, case.events, on, procedure_calendar(complaint.council, case.procedure),
                       procedure=case.procedure)


def complaints_open_for_same_people(complaint: Complaint) -> QuerySet[Complaint]:
    """The council's other open complaints from the same complainant about the same child (names ignoring case)."""
    return (
        Complaint.objects.filter(
            council_id=complaint.council_id,
            complainant_name__iexact=complaint.complainant_name.strip(),
            child_name__iexact=complaint.child_name.strip(),
            projection__status="open",
        )
        .exclude(pk=complaint.pk)
        .order_by("reference")
    )
