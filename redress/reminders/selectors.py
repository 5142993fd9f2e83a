"""Reads for the reminder pages, each scoped to one council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from redress.complaints.models import Complaint, Projection
from redress.complaints.projections import _read_chunk as read_histories
from redress.core.calendar import WorkingCalendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.reminders import DEFAULT_THRESHOLDS, DueSoon, Thresholds, due_soon
from redress.councils.models import Council, User
from redress.councils.selectors import council_calendar
from redress.reminders.models import ReminderPreference, RunProblem, SendStatus, SentReminder
from redress.reminders.run import council_thresholds

DUE_SOON_ROWS = 10


@dataclass(frozen=True)
class DueSoonRow:
    complaint: Complaint
    item: DueSoon


def due_soon_list(*, council: Council, today: dt.date, officer: User | None = None,
                  limit: int = DUE_SOON_ROWS, within: QuerySet[Projection] | None = None) -> list[DueSoonRow]:
    """The soonest council deadlines within the council's thresholds (or past), `officer`'s only if given.

    `within`: only among these projections (the caseload's, as filtered), so the list never names a
    complaint the caseload above it leaves out.

    The projections give the complaints with the soonest next deadline; only those are replayed (a
    fixed number of queries: the projections, their histories, a calendar).
    """
    thresholds = thresholds_of(council)
    horizon = today + dt.timedelta(days=thresholds.lookahead_wd * 7 // 5 + 12)
    rows = (within if within is not None else Projection.objects).filter(
        council=council, status="open", next_due__lte=horizon, received_on__lte=today)
    if officer is not None:
        rows = rows.filter(officer=officer)
    projections = list(rows.select_related("complaint").order_by("next_due", "complaint_id")[:limit])
    by_id = {projection.complaint_id: projection.complaint for projection in projections}
    calendars: dict[str, WorkingCalendar] = {}
    found: list[DueSoonRow] = []
    for complaint, events in read_histories(sorted(by_id)):
        case = parse_case({"procedure": complaint.procedure, "points": complaint.points, "events": events})
        nation = procedure_named(case.procedure).nation
        calendar = calendars.get(nation) or calendars.setdefault(nation, council_calendar(council, nation))
        report = replay(case, today=today, calendar=calendar)
        found += [DueSoonRow(by_id[complaint.pk], item)
                  for item in due_soon(complaint.pk, report, thresholds=thresholds, today=today, calendar=calendar)]
    return sorted(found, key=lambda row: (row.item.due, row.complaint.reference))[:limit]


def thresholds_of(council: Council) -> Thresholds:
    """The council's reminder thresholds (its setting, else the defaults)."""
    return council_thresholds([council], _setting())[0].get(council.pk, DEFAULT_THRESHOLDS)


def _setting() -> str:
    return str(settings.REDRESS_REMINDER_THRESHOLDS)


def failures_of(council: Council) -> QuerySet[SentReminder]:
    """Reminders of `council` not sent: waiting for a retry, or refused."""
    return (SentReminder.objects.filter(council=council, status__in=[SendStatus.FAILED, SendStatus.BOUNCED])
            .select_related("complaint", "user").order_by("-created_at", "-id"))


def problems_for(council: Council, *, since: dt.datetime) -> QuerySet[RunProblem]:
    """Recent problems of the daily runs with `council`'s settings, or with the settings as a whole."""
    return RunProblem.objects.filter(Q(council=council) | Q(council__isnull=True), at__gte=since).order_by("-at", "-id")


def preference_of(user: User) -> ReminderPreference:
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
