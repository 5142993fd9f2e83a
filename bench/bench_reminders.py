"""The daily reminder run over 100,000 open complaints in PostgreSQL, with its sends stubbed (issue 12).

Target: under 60 s (`BENCH_REMINDERS_JOBS` spreads the replays over that many processes, default 1). Printed beside the floor measured in the same run: one SQL pass over the
council's open projections (the daily run's candidate query, read to the end). Also prints a second
run the same day (everything already sent: what a cron run every hour costs).

Uses its own database (`redress_bench_reminders` on the local PostgreSQL unless
BENCH_REMINDERS_DATABASE_URL says otherwise), created and migrated on first use; the complaints are
generated once, in bulk, and reused. `BENCH_REMINDERS_COMPLAINTS` sets how many (default 100,000).
Every complaint is open: received in the 200 days before the run's day, its history cut at that day.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time

from bench.database import setup_django

DATABASE_URL = os.environ.get("BENCH_REMINDERS_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/redress_bench_reminders")
COMPLAINTS = int(os.environ.get("BENCH_REMINDERS_COMPLAINTS", "100000"))
TODAY = dt.date(2026, 11, 23)
COUNCIL = "Reminders Bench Council"
TARGET_S = 60.0
CLOSING = {"complaint.closed", "complaint.withdrawn"}
JOBS = int(os.environ.get("BENCH_REMINDERS_JOBS", "1"))


def _setup_django() -> None:
    setup_django(DATABASE_URL)


def _generate(count: int) -> None:
    """`count` open complaints with their events (chained) and projections, in bulk, unless already there."""
    from django.db import connection, transaction

    from bench.histories import history
    from redress.complaints.history import event_fields
    from redress.complaints.models import Complaint, Event
    from redress.complaints.projections import projections_rebuild
    from redress.core.calendar import default_calendar
    from redress.core.history import chain_hash
    from redress.councils.models import Council, Role, User

    council, _ = Council.objects.get_or_create(name=COUNCIL, defaults={"slug": "reminders-bench", "reference_prefix": "RB"})
    have = Complaint.objects.filter(council=council).count()
    if have >= count:
        return
    officers = [User.objects.get_or_create(email=f"officer{i}@reminders.example",
                                           defaults={"council": council, "role": Role.OFFICER})[0] for i in range(60)]
    for i in range(3):
        User.objects.get_or_create(email=f"manager{i}@reminders.example", defaults={"council": council, "role": Role.MANAGER})
    rng = random.Random(2028)
    calendar = default_calendar()
    began = time.perf_counter()
    for start in range(have, count, 2000):
        complaints, histories = [], []
        for n in range(start, min(count, start + 2000)):
            case = history(rng, calendar, TODAY - dt.timedelta(days=rng.randint(0, 200)), events=(4, 24))
            events = [e for e in case["events"] if dt.date.fromisoformat(e["date"]) <= TODAY and e["type"] not in CLOSING]
            officer = None if n % 20 == 0 else officers[n % len(officers)]
            complaints.append(Complaint(council=council, reference=f"RB-{n:06d}", complainant_name=f"Complainant {n}",
                                        complainant_role="parent", points=case["points"], officer=officer,
                                        version=len(events)))
            histories.append(events)
        with transaction.atomic():
            Complaint.objects.bulk_create(complaints)
            rows = [Event(complaint=c, sequence=i, date=dt.date.fromisoformat(e["date"]), type=e["type"], data=e)
                    for c, events in zip(complaints, histories, strict=True) for i, e in enumerate(events, start=1)]
            previous = ""
            for event in rows:
                previous = chain_hash(event_fields(event), "" if event.sequence == 1 else previous)
                event.hash = previous
            Event.objects.bulk_create(rows, batch_size=5000)
        print(f"  generated {min(count, start + 2000):,} of {count:,} ({time.perf_counter() - began:.0f} s)",
              file=sys.stderr, end="\r")
    print(file=sys.stderr)
    projections_rebuild(council=council, today=TODAY, jobs=os.cpu_count() or 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class StubChannel:
    """Sends nothing: counts what it is given (the run's cost without the mail server's)."""

    name = "stub"

    def __init__(self) -> None:
        self.count = 0

    def send(self, message: object) -> None:
        self.count += 1


def main() -> None:
    _setup_django()
    from redress.complaints.models import Projection
    from redress.core.reminders import DEFAULT_THRESHOLDS
    from redress.councils.models import Council
    from redress.reminders.models import DailyRun, SentReminder
    from redress.reminders.run import candidates, daily_run

    _generate(COMPLAINTS)
    council = Council.objects.get(name=COUNCIL)
    open_count = Projection.objects.filter(council=council, status="open").count()
    print(f"{open_count:,} open complaints in {DATABASE_URL.split('@')[-1]}")

    began = time.perf_counter()
    rows = list(Projection.objects.filter(council=council, status="open").values_list(
        "complaint_id", "next_due", "officer_id", "stage"))
    floor = time.perf_counter() - began
    began = time.perf_counter()
    found = candidates(council, DEFAULT_THRESHOLDS, TODAY)
    candidate_pass = time.perf_counter() - began

    SentReminder.objects.all().delete()
    DailyRun.objects.all().delete()
    channel = StubChannel()
    began = time.perf_counter()
    first = daily_run(today=TODAY, channel=channel, jobs=JOBS)
    run = time.perf_counter() - began
    began = time.perf_counter()
    second = daily_run(today=TODAY, channel=channel, jobs=JOBS)
    again = time.perf_counter() - began

    print(f"floor, one SQL pass over the projections: {floor * 1000:.0f} ms ({len(rows):,} rows); the run's candidate "
          f"query: {candidate_pass * 1000:.0f} ms ({len(found):,} candidates)")
    print(f"daily run, sends stubbed, {JOBS} replaying processes (`redress daily --jobs {JOBS}`): {run:.1f} s ({first.last_line}; {channel.count:,} messages, digests grouped); "
          f"target < {TARGET_S:.0f} s: {'met' if run < TARGET_S else 'NOT met'}; {run / floor:.0f}x the floor")
    print(f"second run the same day: {again:.1f} s ({second.last_line})")


if __name__ == "__main__":
    main()
