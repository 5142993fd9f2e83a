"""Reads for the reminder pages, each scoped to one council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from redress.complaints.models import Complaint, Projection
from redress.complaints.selectors import complaint_report
from redress.core.reminders import DEFAULT_THRESHOLDS, DueSoon, due_soon
from redress.councils.models import Council, User
from redress.reminders.models import ReminderPreference, RunProblem, SendStatus, SentReminder
from redress.reminders.run import council_thresholds

DUE_SOON_ROWS = 10


@dataclass(frozen=True)
class DueSoonRow:
    complaint: Complaint
    item: DueSoon


def due_soon_list(*, council: Council, today: dt.date, officer: User | None = None,
                  limit: int = DUE_SOON_ROWS) -> list[DueSoonRow]:
    """The soonest council deadlines within the council's thresholds (or past), `officer`'s only if given.

    The projections give the complaints with the soonest next deadline; only those are replayed.
    """
    thresholds = council_thresholds([council], _setting())[0].get(council.pk, DEFAULT_THRESHOLDS)
    horizon = today + dt.timedelta(days=thresholds.lookahead_wd * 7 // 5 + 12)
    rows = Projection.objects.filter(council=council, status="open", next_due__lte=horizon, received_on__lte=today)
    if officer is not None:
        rows = rows.filter(officer=officer)
    found: list[DueSoonRow] = []
    for projection in rows.select_related("complaint__council").order_by("next_due", "complaint_id")[:limit]:
        view = complaint_report(projection.complaint, today=today)
        calendar = view.report.clocks[0].calendar if view.report.clocks else None
        if calendar is None:
            continue
        found += [DueSoonRow(projection.complaint, item) for item in
                  due_soon(projection.complaint_id, view.report, thresholds=thresholds, today=today, calendar=calendar)]
    return sorted(found, key=lambda row: (row.item.due, row.complaint.reference))[:limit]


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
