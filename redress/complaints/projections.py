"""Rebuilding projections in bulk: after a calendar change, nightly, or by hand.

Projections are caches of the engine's answer. A rebuild reads each complaint's event data as plain
values (no model objects), replays it, and replaces the council's projections chunk by chunk.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django_tasks import task

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.services import projection_fields
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.councils.models import Council
from redress.councils.selectors import council_calendar

CHUNK = 2000
ANALYZE_AFTER = 10_000


@dataclass(frozen=True, slots=True)
class _Complaint:
    """The columns of a complaint a projection needs, read as plain values (no model objects)."""

    pk: int
    council_id: int
    officer_id: int | None
    reference: str
    complainant_name: str
    child_name: str
    procedure: str
    points: list[dict[str, str]]


def projections_rebuild(*, council: Council, today: dt.date, chunk: int = CHUNK) -> int:
    """Recompute every projection of `council` from its events; returns how many were rebuilt."""
    calendar = council_calendar(council)
    ids = list(Complaint.objects.filter(council=council).order_by("pk").values_list("pk", flat=True))
    for chunk_ids in _batches(ids, chunk):
        rows = Complaint.objects.filter(pk__in=chunk_ids).order_by("pk").values_list(
            "pk", "council_id", "officer_id", "reference", "complainant_name", "child_name", "procedure", "points"
        )
        complaints = [_Complaint(*row) for row in rows]
        histories: dict[int, list[dict[str, Any]]] = defaultdict(list)
        events = Event.objects.filter(complaint_id__in=chunk_ids).order_by("complaint_id", "sequence")
        for complaint_id, data in events.values_list("complaint_id", "data"):
            histories[complaint_id].append(data)
        projections = []
        for complaint in complaints:
            data = {"procedure": complaint.procedure, "points": complaint.points, "events": histories[complaint.pk]}
            case = parse_case(data)
            report = replay(case, today=today, calendar=calendar)
            fields = projection_fields(complaint, report, case, today)  # type: ignore[arg-type]
            projections.append(Projection(complaint_id=complaint.pk, **fields))
        with transaction.atomic():
            Projection.objects.filter(pk__in=chunk_ids).delete()
            Projection.objects.bulk_create(projections)
    if connection.vendor == "postgresql" and len(ids) >= ANALYZE_AFTER:
        # The planner's statistics would otherwise describe the table before the rebuild until
        # autovacuum comes round, and the caseload's index plans depend on them.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Projection._meta.db_table}")
    return len(ids)


@task()
def council_projections_rebuild(council_id: int, today: str) -> int:
    """Background task: rebuild a council's projections after its calendar changed."""
    council = Council.objects.get(pk=council_id)
    return projections_rebuild(council=council, today=dt.date.fromisoformat(today))


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
