"""Reports at scale: N complaints over 10 councils in PostgreSQL (default 1,000,000), their reporting rows made in SQL.

Prints, each beside its baseline measured in the same run:
- one council's annual report (`council_annual_report`: this year and the year before, every section)
  beside a hand-written SQL aggregate of the same figures (target: at most 2x);
- the median server-side time of the managers' dashboard (target under 500 ms), beside /healthz.

The reporting rows (ReportComplaint, ReportFact) and projections are generated in bulk with
`generate_series` and `random()` (seeded), not by replaying histories: replaying a million
histories takes far longer than the benchmark is about. Its own database (`redress_bench_reports`
unless BENCH_DATABASE_URL says otherwise) is created and migrated on first use and reused after.

    python -m bench.bench_reports [--complaints N]      (or BENCH_REPORTS_COMPLAINTS=N python -m bench bench_reports)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from typing import Any

from bench.database import setup_django

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/redress_bench_reports")
COMPLAINTS = int(os.environ.get("BENCH_REPORTS_COMPLAINTS", "1000000"))
COUNCILS = 10
TODAY = dt.date(2026, 11, 23)
YEAR = 2024
REPEATS = 15


def _setup_django() -> None:
    if not BENCH_DATABASE_URL.startswith("postgres"):
        sys.exit("bench_reports needs PostgreSQL: set BENCH_DATABASE_URL to a postgres:// URL")
    setup_django(BENCH_DATABASE_URL)


# Each statement reads the complaints just made (ids above %(first)s) and writes one kind of row.
COMPLAINT_SQL = """
INSERT INTO complaints_complaint (council_id, reference, procedure, complainant_name, complainant_role, child_name,
    complainant_email, complainant_phone, complainant_address, contact_preference, points, officer_id, note, version,
    created_at)
SELECT c.id, 'BR-' || c.id || '-' || n, CASE WHEN n %% 5 = 0 THEN 'adults-england' ELSE 'children-england' END,
       'Complainant ' || n, 'parent', '', '', '', '', '', '[]'::jsonb, NULL, '', 3, now()
FROM generate_series(1, %(per_council)s) AS n CROSS JOIN (SELECT id FROM councils_council WHERE slug LIKE 'bench-%%') c
"""

REPORT_COMPLAINT_SQL = """
INSERT INTO reports_reportcomplaint (complaint_id, council_id, procedure, received_on, stage, status, closed_on, computed_on)
SELECT id, council_id, procedure, received_on, stage, status,
       CASE WHEN status <> 'open' THEN received_on + 40 + (random() * 200)::int END, %(today)s
FROM (
    SELECT id, council_id, procedure, %(today)s::date - (random() * 1825)::int AS received_on,
           CASE WHEN r < 0.70 THEN 1 WHEN r < 0.93 THEN 2 ELSE 3 END AS stage,
           CASE WHEN random() < 0.12 THEN 'open' WHEN random() < 0.95 THEN 'closed' ELSE 'withdrawn' END AS status
    FROM (SELECT id, council_id, procedure, random() AS r FROM complaints_complaint WHERE id > %(first)s) picked
) made
"""

PROJECTION_SQL = """
INSERT INTO complaints_projection (complaint_id, council_id, officer_id, procedure, stage, status, suspended, received_on,
    next_due, next_due_what, faults, risks, infos, warning_codes, open_actions, last_event_on, computed_on, search_text)
SELECT rc.complaint_id, rc.council_id,
       (SELECT u.id FROM councils_user u WHERE u.council_id = rc.council_id
        ORDER BY u.id OFFSET (rc.complaint_id %% 20) LIMIT 1),
       rc.procedure, rc.stage, rc.status, false, rc.received_on,
       CASE WHEN rc.status = 'open' AND random() < 0.8 THEN %(today)s::date + (random() * 40)::int - 15 END,
       'Stage 1 response', (random() < 0.2)::int, 0, 0,
       CASE WHEN random() < 0.1 THEN ' action.overdue ' ELSE '' END, (random() * 2)::int,
       rc.received_on + 30, %(today)s, 'br-' || rc.complaint_id
FROM reports_reportcomplaint rc WHERE rc.complaint_id > %(first)s
"""

FACT_COLUMNS = 'complaint_id, council_id, procedure, received_on, kind, key, value, "on", days'
FACT_SQL = [
    # who, how, how far, where now; what the points were about (one to three)
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, v.kind, v.key, v.value, rc.received_on, NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL (VALUES
         ('received', 'stage', rc.stage::text),
         ('received', 'role', (ARRAY['parent', 'child', 'foster-carer', 'other'])[1 + (random() * 3)::int]),
         ('received', 'via', (ARRAY['email', 'phone', 'letter', 'web', 'not-recorded'])[1 + (random() * 4)::int]),
         ('received', 'status', rc.status)) AS v(kind, key, value)
       WHERE rc.complaint_id > %(first)s""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'received', 'about',
              (ARRAY['practice', 'decision', 'communication', 'records', 'delay', 'contact'])[1 + (random() * 5)::int],
              rc.received_on, NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL generate_series(1, 1 + (rc.complaint_id %% 3)) AS p
       WHERE rc.complaint_id > %(first)s""",
    # outcomes: each point at each stage reached
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'outcome', 'stage ' || s,
              (ARRAY['upheld', 'partly-upheld', 'not-upheld'])[1 + (random() * 2)::int], rc.received_on, NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL generate_series(1, rc.stage) AS s
            CROSS JOIN LATERAL generate_series(1, 1 + (rc.complaint_id %% 3)) AS p
       WHERE rc.complaint_id > %(first)s""",
    # a clock a stage: met four times in five, with the working days taken
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'clock',
              (ARRAY['stage1.response', 'stage2.response', 'stage3.response'])[s],
              CASE WHEN random() < 0.8 THEN 'met' ELSE 'late' END, rc.received_on + 30 * s, 3 + (random() * 40)::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL generate_series(1, rc.stage) AS s
       WHERE rc.complaint_id > %(first)s""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'extension', 'stage1.response', 'extended',
              rc.received_on, NULL::int
       FROM reports_reportcomplaint rc WHERE rc.complaint_id > %(first)s AND random() < 0.2""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'panel', v.key, 'yes', rc.received_on + 90,
              NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL (VALUES ('requested'), ('scheduled'), ('held')) AS v(key)
       WHERE rc.complaint_id > %(first)s AND rc.stage = 3""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'recommendation', 'stage 2', v.value,
              rc.received_on + 60, NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL (VALUES ('made'), ('accepted'),
            ((ARRAY['done', 'late', 'open', 'overdue'])[1 + (random() * 3)::int])) AS v(value)
       WHERE rc.complaint_id > %(first)s AND rc.stage >= 2""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, v.kind, v.key, v.value, rc.received_on + 200,
              NULL::int
       FROM reports_reportcomplaint rc CROSS JOIN LATERAL (VALUES ('ombudsman', 'referred', 'yes'),
            ('ombudsman', 'decided', (ARRAY['upheld', 'not-upheld'])[1 + (random())::int]),
            ('remedy', 'remedy', (ARRAY['done', 'late', 'overdue'])[1 + (random() * 2)::int])) AS v(kind, key, value)
       WHERE rc.complaint_id > %(first)s AND random() < 0.05""",
    """SELECT rc.complaint_id, rc.council_id, rc.procedure, rc.received_on, 'learning',
              (ARRAY['apology', 'records', 'practice', 'training', 'policy', 'payment'])[1 + (random() * 5)::int],
              'council', rc.received_on + 20, NULL::int
       FROM reports_reportcomplaint rc WHERE rc.complaint_id > %(first)s""",
]


def _generate(count: int) -> None:
    """Make `count` complaints over COUNCILS councils, with projections and reporting rows, unless already there."""
    from django.db import connection, transaction

    from redress.complaints.models import Complaint
    from redress.councils.models import Council, Role, User

    councils = []
    for i in range(COUNCILS):
        council, _ = Council.objects.get_or_create(
            slug=f"bench-{i}", defaults={"name": f"Bench Council {i}", "reference_prefix": f"B{i}",
                                         "procedures": "children-england adults-england"})
        councils.append(council)
        for n in range(20):
            User.objects.get_or_create(email=f"officer{n}@bench-{i}.example",
                                       defaults={"council": council, "role": Role.OFFICER, "first_name": f"Officer {n}"})
        User.objects.get_or_create(email=f"manager@bench-{i}.example", defaults={"council": council, "role": Role.MANAGER})
    have = Complaint.objects.filter(council__slug__startswith="bench-").count()
    if have >= count:
        return
    began = time.perf_counter()
    per_council = (count - have) // COUNCILS
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM complaints_complaint")
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setseed(0.2026)")
        params: dict[str, Any] = {"first": first, "per_council": per_council, "today": TODAY}
        steps = [("complaints", COMPLAINT_SQL), ("reporting complaints", REPORT_COMPLAINT_SQL), ("projections", PROJECTION_SQL)]
        steps += [(f"facts {n + 1} of {len(FACT_SQL)}", f"INSERT INTO reports_reportfact ({FACT_COLUMNS}) {sql}")
                  for n, sql in enumerate(FACT_SQL)]
        for label, sql in steps:
            cursor.execute(sql, params)
            print(f"  {label}: {cursor.rowcount:,} rows ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load (statistics, visibility map)


HAND_WRITTEN_SQL = """
SELECT received_on >= %(this_start)s, kind, key, value, count(*)
FROM reports_reportfact
WHERE council_id = %(council)s AND procedure = %(procedure)s AND received_on BETWEEN %(before_start)s AND %(this_end)s
GROUP BY 1, 2, 3, 4
"""
HAND_WRITTEN_DAYS = """
SELECT received_on >= %(this_start)s, key, percentile_disc(0.5) WITHIN GROUP (ORDER BY days),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY days)
FROM reports_reportfact
WHERE council_id = %(council)s AND procedure = %(procedure)s AND received_on BETWEEN %(before_start)s AND %(this_end)s
  AND kind = 'clock' AND value IN ('met', 'late') AND days IS NOT NULL
GROUP BY 1, 2
"""
HAND_WRITTEN_COUNT = """
SELECT received_on >= %(this_start)s, count(*) FROM reports_reportcomplaint
WHERE council_id = %(council)s AND procedure = %(procedure)s AND received_on BETWEEN %(before_start)s AND %(this_end)s
GROUP BY 1
"""


def _signed_in(client: Any, user: Any) -> Any:
    """A client signed in as `user` with the second factor given (as if from their authenticator app)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from redress.web.middleware import IdleSessionMiddleware

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Bench authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[IdleSessionMiddleware.KEY] = int(time.time() // 60)
    session.save()
    return client


def _timed(run: Any, repeats: int = REPEATS) -> float:
    run()  # warm: the planner's caches and the pages read once
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_reports")
    parser.add_argument("--complaints", type=int, default=COMPLAINTS, help="how many complaints (default %(default)s)")
    options = parser.parse_args(argv if argv is not None else [])
    if options.complaints < COUNCILS * 10:
        sys.exit(f"--complaints must be at least {COUNCILS * 10}")
    _setup_django()
    from django.db import connection
    from django.test import Client

    from redress.core.reports import reporting_year
    from redress.councils.models import Council, User
    from redress.reports.models import ReportComplaint, ReportFact
    from redress.reports.selectors import council_annual_report

    _generate(options.complaints)
    council = Council.objects.get(slug="bench-3")
    total = ReportComplaint.objects.count()
    facts = ReportFact.objects.count()
    mine = ReportComplaint.objects.filter(council=council, procedure="children-england",
                                          received_on__range=reporting_year(YEAR)).count()
    print(f"{total:,} complaints over {COUNCILS} councils, {facts:,} reporting facts; "
          f"{council.name} received {mine:,} children's complaints in {YEAR}-{(YEAR + 1) % 100:02d}")

    this_start, this_end = reporting_year(YEAR)
    params = {"council": council.pk, "procedure": "children-england", "this_start": this_start, "this_end": this_end,
              "before_start": reporting_year(YEAR - 1)[0]}

    def hand_written() -> None:
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN_COUNT, params)
            cursor.fetchall()
            cursor.execute(HAND_WRITTEN_SQL, params)
            cursor.fetchall()
            cursor.execute(HAND_WRITTEN_DAYS, params)
            cursor.fetchall()

    def annual() -> None:
        council_annual_report(council=council, procedure="children-england", year=YEAR, threshold=5)

    baseline = _timed(hand_written)
    report = _timed(annual)
    print(f"hand-written SQL aggregate of the same figures: median {baseline:.1f} ms")
    print(f"annual report (council_annual_report, both years, every section): median {report:.1f} ms "
          f"(target at most 2x; {report / baseline:.2f}x)")

    manager = User.objects.get(email="manager@bench-3.example")
    client = _signed_in(Client(), manager)

    def get(url: str) -> Any:
        def run() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return run

    import time_machine

    with time_machine.travel(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, tzinfo=dt.UTC), tick=True):
        trivial = _timed(get("/healthz"))
        board = _timed(get("/reports/"))
        officer = User.objects.filter(council=council, role="officer").order_by("pk").first()
        assert officer is not None
        narrowed = _timed(get(f"/reports/?procedure=children-england&months=12&officer={officer.pk}"))
    print(f"trivial view (/healthz): median {trivial:.1f} ms")
    print(f"managers' dashboard: median {board:.1f} ms (target < 500 ms; {board / 500:.2f} of it; {board / trivial:.0f}x the trivial view)")
    print(f"dashboard for one officer, one procedure, 12 months: median {narrowed:.1f} ms (target < 500 ms)")


if __name__ == "__main__":
    main(sys.argv[1:])
