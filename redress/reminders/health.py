"""For the health check (GET /healthz's "task worker" field): when the background daily run last ran."""

from __future__ import annotations

from redress.reminders.models import DailyRun


def worker_last_run() -> DailyRun | None:
    """The last daily run the background worker finished, or None when it never has."""
    return DailyRun.objects.filter(source="worker", finished_at__isnull=False).order_by("-finished_at").first()


def worker_status() -> str:
    """One line: when the worker last finished the daily run and what it did, or that it has not."""
    run = worker_last_run()
    if run is None or run.finished_at is None:
        return "no daily run by the worker yet"
    return f"daily run finished {run.finished_at.isoformat(timespec='seconds')}: {run}"
