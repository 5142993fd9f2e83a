"""Rebuilding projections in bulk: after a calendar change, nightly, or by hand.

Projections are caches of the engine's answer. A rebuild reads each complaint's event data as plain
values (no model objects), replays it, and replaces the council's projections (and their reporting
rows, redress.reports) chunk by chunk.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django_tasks import task

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.services import projection_fields
from redress.core.calendar import WorkingCalendar, calendar_with
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.reports import complaint_facts
from redress.councils.models import Council
from redress.councils.selectors import council_calendar
from redress.reports.services import reporting_replace, reporting_rows

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


def projections_rebuild(*, council: Council, today: dt.date, chunk: int = CHUNK, jobs: int = 1) -> int:
    """Recompute every projection of `council` from its events; returns how many were rebuilt.

    With `jobs` above 1 the replays run in that many worker processes while this one reads the next
    chunk of events and writes the last chunk's projections (for the command line, not for requests).
    """
    calendar = council_calendar(council)
    ids = list(Complaint.objects.filter(council=council).order_by("pk").values_list("pk", flat=True))
    with _replayer(jobs, sorted(calendar.council_days.items()), today) as project:
        pending: tuple[Sequence[int], Iterator[dict[str, Any]]] | None = None
        for chunk_ids in _batches(ids, chunk):
            work = project(_read_chunk(chunk_ids))
            if pending is not None:
                _write_chunk(*pending)
            pending = (chunk_ids, work)
        if pending is not None:
            _write_chunk(*pending)
    if connection.vendor == "postgresql" and len(ids) >= ANALYZE_AFTER:
        # The planner's statistics would otherwise describe the table before the rebuild until
        # autovacuum comes round, and the caseload's index plans depend on them.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Projection._meta.db_table}")
    return len(ids)


def _read_chunk(chunk_ids: Sequence[int]) -> list[tuple[_Complaint, list[dict[str, Any]]]]:
    rows = Complaint.objects.filter(pk__in=chunk_ids).order_by("pk").values_list(
        "pk", "council_id", "officer_id", "reference", "complainant_name", "child_name", "procedure", "points"
    )
    complaints = [_Complaint(*row) for row in rows]
    histories: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if connection.vendor == "postgresql":
        # One JSON array a complaint, decoded once, rather than a row and a decode per event.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT complaint_id, json_agg(data ORDER BY sequence) FROM {Event._meta.db_table} "
                "WHERE complaint_id = ANY(%s) GROUP BY complaint_id",
                [list(chunk_ids)],
            )
            histories.update(cursor.fetchall())
    else:
        events = Event.objects.filter(complaint_id__in=chunk_ids).order_by("complaint_id", "sequence")
        for complaint_id, data in events.values_list("complaint_id", "data"):
            histories[complaint_id].append(data)
    return [(complaint, histories[complaint.pk]) for complaint in complaints]


def _write_chunk(chunk_ids: Sequence[int], fields: Iterator[dict[str, Any]]) -> None:
    projections, reporting = [], []
    for values in fields:
        facts = values.pop("facts")
        projections.append(Projection(**values))
        reporting.append(reporting_rows(values["complaint_id"], values["council_id"], facts))
    with transaction.atomic():
        Projection.objects.filter(pk__in=chunk_ids).delete()
        Projection.objects.bulk_create(projections)
        reporting_replace(reporting)


_worker_calendar: WorkingCalendar | None = None
_worker_days: list[tuple[dt.date, str]] = []
_worker_nations: dict[str, WorkingCalendar] = {}
_worker_today: dt.date | None = None


def _start_worker(council_days: list[tuple[dt.date, str]], today: dt.date) -> None:
    global _worker_calendar, _worker_today, _worker_days
    _worker_calendar, _worker_today, _worker_days = calendar_with(council_days), today, council_days
    _worker_nations.clear()


def _calendar_of(nation: str) -> WorkingCalendar:
    """The council's calendar in a procedure's nation's working days (England's is the one made at the start)."""
    assert _worker_calendar is not None
    if nation == _worker_calendar.nation:
        return _worker_calendar
    if nation not in _worker_nations:
        _worker_nations[nation] = WorkingCalendar(dict(_worker_days), nation=nation)
    return _worker_nations[nation]


def _project(item: tuple[_Complaint, list[dict[str, Any]]]) -> dict[str, Any]:
    """One complaint's projection columns and reporting facts: pure computation, no database (it may run in a worker)."""
    complaint, events = item
    assert _worker_calendar is not None and _worker_today is not None
    case = parse_case({"procedure": complaint.procedure, "points": complaint.points, "events": events})
    calendar = _calendar_of(procedure_named(case.procedure).nation)
    report = replay(case, today=_worker_today, calendar=calendar)
    fields = projection_fields(complaint, report, case, _worker_today)
    return {"complaint_id": complaint.pk, **fields, "facts": complaint_facts(case, report, calendar)}


@contextmanager
def _replayer(
    jobs: int, council_days: list[tuple[dt.date, str]], today: dt.date
) -> Iterator[Callable[[list[tuple[_Complaint, list[dict[str, Any]]]]], Iterator[dict[str, Any]]]]:
    """A function from a chunk to its projections: here, or spread over `jobs` worker processes."""
    if jobs <= 1:
        _start_worker(council_days, today)
        yield lambda items: iter([_project(item) for item in items])
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(council_days, today)) as pool:
        yield lambda items: pool.map(_project, items, chunksize=max(1, len(items) // (jobs * 4)))


@task()
def council_projections_rebuild(council_id: int, today: str) -> int:
    """Background task: rebuild a council's projections after its calendar changed."""
    council = Council.objects.get(pk=council_id)
    return projections_rebuild(council=council, today=dt.date.fromisoformat(today))


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
