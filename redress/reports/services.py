"""Writing the reporting table. Called where the projection is written, in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from redress.core.reports import ComplaintFacts
from redress.reports.models import ReportComplaint, ReportFact

COPY_FROM = 1000  # facts; fewer (one complaint's event) go in by INSERT
FACT_ATTRIBUTES = ("complaint_id", "council_id", "procedure", "received_on", "kind", "key", "value", "on", "days")


FactRow = tuple[object, ...]
"""One fact's column values, in FACT_ATTRIBUTES' order (a rebuild writes a million: no model instances)."""


def reporting_rows(complaint_id: int, council_id: int, facts: ComplaintFacts) -> tuple[ReportComplaint, list[FactRow]]:
    """The unsaved rows of one complaint's facts."""
    row = ReportComplaint(complaint_id=complaint_id, council_id=council_id, procedure=facts.procedure,
                          received_on=facts.received_on, stage=facts.stage, status=facts.status,
                          closed_on=facts.ended_on, computed_on=facts.today)
    procedure, received_on = facts.procedure, facts.received_on
    children: list[FactRow] = [(complaint_id, council_id, procedure, received_on, f.kind, f.key, f.value, f.on, f.days)
                for f in facts.facts]
    return row, children


def reporting_replace(rows: Sequence[tuple[ReportComplaint, list[FactRow]]]) -> None:
    """Replace the reporting rows of these complaints (call inside the projection's transaction)."""
    ids = [row.complaint_id for row, _ in rows]
    ReportFact.objects.filter(complaint_id__in=ids).delete()
    ReportComplaint.objects.filter(complaint_id__in=ids).delete()
    ReportComplaint.objects.bulk_create([row for row, _ in rows])
    facts = [fact for _, children in rows for fact in children]
    if connection.vendor != "postgresql" or len(facts) < COPY_FROM:
        ReportFact.objects.bulk_create([ReportFact(**dict(zip(FACT_ATTRIBUTES, fact, strict=True))) for fact in facts],
                                       batch_size=5000)
        return
    # A rebuild's chunk is tens of thousands of facts: COPY takes them several times faster than INSERT.
    columns = ", ".join(connection.ops.quote_name(name) for name in FACT_ATTRIBUTES)  # the columns' own names
    sql = f"COPY {ReportFact._meta.db_table} ({columns}) FROM STDIN"
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copy:
        for fact in facts:
            copy.write_row(fact)


def reporting_refresh(*, complaint_id: int, council_id: int, facts: ComplaintFacts) -> None:
    """Replace one complaint's reporting rows with its facts now."""
    reporting_replace([reporting_rows(complaint_id, council_id, facts)])
