"""The daily run as a recurring background task: each run schedules the next (`redress db_worker` runs them)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from redress.reminders.run import daily_run

LONDON = ZoneInfo("Europe/London")


@task()
def reminders_daily() -> str:
    """Background task: today's daily run (Europe/London's date), then the next one scheduled."""
    try:
        return daily_run(today=timezone.localdate(timezone=LONDON), source="worker").last_line
    finally:
        schedule_next_run(now=timezone.now())


def next_run_at(now: dt.datetime) -> dt.datetime:
    """The next REDRESS_DAILY_HOUR o'clock, London time, after `now`."""
    local = now.astimezone(LONDON)
    at = local.replace(hour=settings.REDRESS_DAILY_HOUR, minute=0, second=0, microsecond=0)
    if at <= local:
        at = (local + dt.timedelta(days=1)).replace(hour=settings.REDRESS_DAILY_HOUR, minute=0, second=0, microsecond=0)
    return at


def schedule_next_run(*, now: dt.datetime) -> str:
    """Queue the next daily run unless one is already waiting; says what it did."""
    backend = reminders_daily.get_backend()
    if not backend.supports_defer:
        return "this task backend runs tasks at once and cannot schedule them: use cron (see the README)"
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=reminders_daily.module_path, status="READY")
    if waiting.exists():
        return f"the next daily run is already queued for {waiting.order_by('run_after').first().run_after:%Y-%m-%d %H:%M %Z}"  # type: ignore[union-attr]
    at = next_run_at(now)
    reminders_daily.using(run_after=at).enqueue()
    return f"the next daily run is queued for {at:%Y-%m-%d %H:%M %Z}"
