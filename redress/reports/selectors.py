"""Reads of the reporting table: the annual report's figures as SQL aggregates."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Max

from redress.complaints.procedures import ALL_CLOCKS, procedure_title
from redress.core.reports import AnnualReport, Counts, annual_report, reporting_year
from redress.core.reports.annual import PERCENTILES
from redress.councils.models import Council
from redress.reports.models import ReportComplaint, ReportFact

# Nearest rank in whole numbers (rank * 10 >= n * tenths), so both databases round as the core does.
DAYS_SQL = """
WITH done AS (
    SELECT key, days,
           ROW_NUMBER() OVER (PARTITION BY key ORDER BY days) AS rank,
           COUNT(*) OVER (PARTITION BY key) AS n
    FROM {table}
    WHERE council_id = %s AND procedure = %s AND received_on BETWEEN %s AND %s
      AND kind = 'clock' AND value IN ('met', 'late') AND days IS NOT NULL
)
SELECT key, {columns} FROM done GROUP BY key
"""


def annual_counts(*, council: Council, procedure: str, year: int) -> Counts:
    """The counts of the complaints under `procedure` received in the reporting year starting in `year`."""
    start, end = reporting_year(year)
    where = {"council": council, "procedure": procedure, "received_on__range": (start, end)}
    complaints = ReportComplaint.objects.filter(**where).count()
    if not complaints:
        return Counts()
    grouped = ReportFact.objects.filter(**where).values_list("kind", "key", "value").annotate(n=Count("*")).order_by()
    facts = {(kind, key, value): n for kind, key, value, n in grouped}
    columns = ", ".join(f"MIN(CASE WHEN rank * 10 >= n * {tenths} THEN days END)" for tenths in PERCENTILES.values())
    with connection.cursor() as cursor:
        cursor.execute(DAYS_SQL.format(table=ReportFact._meta.db_table, columns=columns),
                       [council.pk, procedure, start, end])
        days = {key: dict(zip(PERCENTILES, values, strict=True)) for key, *values in cursor.fetchall()}
    return Counts(complaints, facts, days)


def council_annual_report(*, council: Council, procedure: str, year: int, threshold: int) -> AnnualReport:
    """The council's annual report for `procedure` and the year starting 1 April `year`, with the year before."""
    this_year = annual_counts(council=council, procedure=procedure, year=year)
    year_before = annual_counts(council=council, procedure=procedure, year=year - 1)
    start, end = reporting_year(year)
    computed = ReportComplaint.objects.filter(
        council=council, procedure=procedure, received_on__range=(start, end)).aggregate(on=Max("computed_on"))["on"]
    return annual_report(this_year, year_before, council=council.name, procedure=procedure,
                         procedure_title=procedure_title(procedure), year=year, clock_titles={name: clock.title for name, clock in ALL_CLOCKS.items()},
                         threshold=threshold, computed_on=computed)

