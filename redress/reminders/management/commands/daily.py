"""`redress daily [--today DATE] [--dry-run] [--schedule]`: the daily reminders run, safe to run any number of times."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from redress.reminders.run import daily_run
from redress.reminders.tasks import LONDON, schedule_next_run


def _day(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--today must be a date like 2024-07-01, not {raw!r}") from None


class Command(BaseCommand):
    help = "Work out every council's reminders for today and send those not yet sent; last line: sent N, already sent M, failed K."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="run as of this day (YYYY-MM-DD); default: today in London")
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent; send and record nothing")
        parser.add_argument("--jobs", type=int, default=1,
                            help="replay the histories in this many processes (default 1; the machine's cores for a large council)")
        parser.add_argument("--schedule", action="store_true",
                            help="queue the recurring background run for `redress db_worker` instead of running now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            self.stdout.write(schedule_next_run(now=timezone.now()))
            return
        today = _day(options["today"]) if options["today"] else timezone.localdate(timezone=LONDON)
        if not 1 <= options["jobs"] <= 64:
            raise CommandError(f"--jobs must be from 1 to 64, not {options['jobs']}")
        summary = daily_run(today=today, dry_run=options["dry_run"], say=self.stdout.write, jobs=options["jobs"])
        if summary.failed:
            raise SystemExit(1)
