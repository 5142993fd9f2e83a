"""Casework at council scale: 100,000 complaints (about 1.5 million events) in PostgreSQL.

Prints, beside a trivial view of the same app measured in the same run:
- the median server-side time of one officer's caseload page (target under 300 ms);
- the median time of a complaint page (target under 150 ms);
- `rebuild-projections` for all 100,000 complaints (target under 2 minutes).

Uses its own database (`redress_bench` on the local PostgreSQL unless BENCH_DATABASE_URL says
otherwise), created and migrated on first use; the complaints are generated once and reused.
`BENCH_COMPLAINTS` sets how many (default 100,000).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time

from bench.database import setup_django

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/redress_bench")
COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "100000"))
TODAY = dt.date(2026, 11, 23)
REPEATS = 25


def _setup_django() -> None:
    setup_django(BENCH_DATABASE_URL)


def _generate(council_name: str, count: int) -> None:
    """Insert `count` complaints with realistic histories, in bulk, unless already there."""
    from django.db import transaction

    from bench.histories import history
    from redress.complaints.history import event_fields
    from redress.complaints.models import Complaint, Event
    from redress.core.calendar import default_calendar
    from redress.core.history import chain_hash
    from redress.councils.models import Council, Role, User

    council, _ = Council.objects.get_or_create(name=council_name, defaults={"slug": "bench", "reference_prefix": "BN"})
    have = Complaint.objects.filter(council=council).count()
    if have >= count:
        return
    officers = [
        User.objects.get_or_create(email=f"officer{i}@bench.example", defaults={"council": council, "role": Role.OFFICER})[0]
        for i in range(40)
    ]
    rng = random.Random(2026)
    calendar = default_calendar()
    began = time.perf_counter()
    batch = 2000
    for start in range(have, count, batch):
        complaints, histories = [], []
        for n in range(start, min(count, start + batch)):
            received = TODAY - dt.timedelta(days=rng.randint(5, 3 * 365))
            case = history(rng, calendar, received, events=(6, 24))
            events = [e for e in case["events"] if dt.date.fromisoformat(e["date"]) <= TODAY]
            complaints.append(Complaint(council=council, reference=f"BN-{n:06d}", complainant_name=f"Complainant {n}",
                                        complainant_role="parent", points=case["points"], officer=officers[n % len(officers)],
                                        version=len(events)))
            histories.append(events)
        with transaction.atomic():
            Complaint.objects.bulk_create(complaints)
            rows = [Event(complaint=c, sequence=i, date=dt.date.fromisoformat(e["date"]), type=e["type"], data=e)
                    for c, events in zip(complaints, histories, strict=True) for i, e in enumerate(events, start=1)]
            previous = ""
            for event in rows:  # chained as the services chain them, so `redress verify` finds them whole
                previous = chain_hash(event_fields(event), "" if event.sequence == 1 else previous)
                event.hash = previous
            Event.objects.bulk_create(rows, batch_size=5000)
        done = min(count, start + batch)
        print(f"  generated {done:,} of {count:,} complaints ({time.perf_counter() - began:.0f} s)", file=sys.stderr, end="\r")
    print(file=sys.stderr)


def _median_ms(client: object, url: str) -> float:
    get = client.get  # type: ignore[attr-defined]
    response = get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        get(url)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    _setup_django()
    from django.test import Client

    from redress.complaints.models import Complaint, Event
    from redress.complaints.projections import projections_rebuild
    from redress.councils.models import Council, User

    _generate("Bench County Council", COMPLAINTS)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would on a live database after a bulk load
    council = Council.objects.get(name="Bench County Council")
    events = Event.objects.filter(complaint__council=council).count()
    print(f"{COMPLAINTS:,} complaints, {events:,} events in {BENCH_DATABASE_URL.split('@')[-1]}")

    began = time.perf_counter()
    projections_rebuild(council=council, today=TODAY, jobs=os.cpu_count() or 1)
    rebuild = time.perf_counter() - began
    print(f"rebuild-projections ({os.cpu_count()} processes): {rebuild:.1f} s for {COMPLAINTS:,} complaints (target < 120 s; ratio {rebuild / 120:.2f})")

    officer = User.objects.get(email="officer7@bench.example")
    client = Client()
    client.force_login(officer)
    trivial = _median_ms(client, "/healthz")
    caseload = _median_ms(client, "/complaints/?officer=me&status=open")
    complaint = Complaint.objects.filter(council=council).order_by("-version").first()
    assert complaint is not None
    page = _median_ms(client, f"/complaints/{complaint.pk}/")
    print(f"trivial view (/healthz): median {trivial:.1f} ms")
    print(f"officer's caseload page: median {caseload:.1f} ms (target < 300 ms; {caseload / trivial:.1f}x the trivial view)")
    print(f"complaint page ({complaint.version} events): median {page:.1f} ms (target < 150 ms; {page / trivial:.1f}x the trivial view)")


if __name__ == "__main__":
    main()
