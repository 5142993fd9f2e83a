"""For the health check (GET /healthz's `task_worker`): whether the background daily run is running.

The states, in the words /healthz answers with:
- "not configured": the task backend runs tasks at once (development, tests), so there is no worker;
  the daily run comes from cron (`redress daily`);
- "not scheduled": the database backend, but no daily run is queued and the worker never finished one
  (`redress daily --schedule` was never run, or the queue was emptied);
- "scheduled": a daily run is queued and the worker has not finished one yet;
- "ok": the worker finished a daily run within the last LATE_AFTER;
- "late": its last finished run is older than that (the worker has stopped, or its runs fail).
"""

from __future__ import annotations

import datetime as dt

from redress.reminders.models import DailyRun

LATE_AFTER = dt.timedelta(hours=26)
"""A day between runs, and two hours' grace (a run over 100,000 complaints takes under a minute)."""


def worker_last_run() -> DailyRun | None:
    """The last daily run the background worker finished, or None when it never has."""
    return DailyRun.objects.filter(source="worker", finished_at__isnull=False).order_by("-finished_at").first()


def worker_status(*, now: dt.datetime) -> tuple[str, dt.datetime | None]:
    """The worker's state (one of the module's words) and when it last finished the daily run."""
    from redress.reminders.tasks import reminders_daily

    if not reminders_daily.get_backend().supports_defer:
        return "not configured", None
    run = worker_last_run()
    if run is None or run.finished_at is None:
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(task_path=reminders_daily.module_path, status="READY").exists()
        return ("scheduled" if queued else "not scheduled"), None
    return ("late" if now - run.finished_at > LATE_AFTER else "ok"), run.finished_at
