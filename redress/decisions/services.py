"""Writing to the library: `decisions_import`, idempotent by reference.

A decision already in the library with the same text is left alone ("unchanged"); with a
different text it is replaced ("updated"); a new reference is added ("new"). Anything that cannot
be a library entry is refused with its reason, and nothing is written for it.

Each batch is one transaction. New decisions go in with COPY on PostgreSQL (a bulk INSERT spends
longer quoting the texts than the database spends storing them). Two imports adding the same new
reference at the same moment cannot both win: the loser's batch fails on the unique reference,
is rolled back, and is tried again, when it finds the other's row and compares texts as usual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, connections, models, transaction

from redress.core.commands.decisions_parse import expand, read_file
from redress.core.decisions import Decision as Record
from redress.core.decisions import parse_bytes
from redress.decisions.models import Decision, codes_text
from redress.decisions.search import search_words

SEEDS_DIR = Path(__file__).resolve().parent / "fixtures" / "seeds"
BATCH_SIZE = 500
ANALYZE_AFTER = 1000
PARSE_WINDOW = 2000
ATTEMPTS = 3
PARALLEL_WRITES_FROM = 5000
NOT_A_DECISION = "not a decision statement"
NO_REFERENCE = "no reference: a copy without the decision's heading cannot be matched to a published decision"
UPDATED_FIELDS = [
    "authority", "category", "outcome", "decision_date", "summary", "fault", "injustice", "apology", "payments",
    "payments_total_gbp", "actions", "other_bodies", "reasons_not_investigated", "ofsted_shared", "stage_reached",
    "text_complete", "text", "text_sha256", "search_words", "source", "updated_at",
]
COPIED_FIELDS = [f for f in Decision._meta.concrete_fields if not f.primary_key]
# The record's fields the table holds to a length: a longer one (a category of a thousand
# characters, say) means the file is not a decision as published, and is refused, not cut.
LENGTH_LIMITS = {
    f.attname: (str(f.verbose_name), f.max_length)
    for f in COPIED_FIELDS
    if isinstance(f, models.CharField) and f.max_length and f.attname != "source"
}
SOURCE_LIMIT = Decision._meta.get_field("source").max_length or 500


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file read: its record, or why it has none.

    `fields` are the model's fields for the record (`decision_fields`), when they were worked out
    where the file was parsed: in a worker process, so that the process writing to the database
    does nothing else while the database builds the search terms.
    """

    source: str
    record: Record | None
    problem: str | None = None
    fields: dict[str, Any] | None = None

    @property
    def model_fields(self) -> dict[str, Any]:
        assert self.record is not None
        return self.fields if self.fields is not None else decision_fields(self.record)


@dataclass(slots=True)
class ImportOutcome:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def extend(self, other: ImportOutcome) -> None:
        for name in ("new", "updated", "unchanged", "refused"):
            getattr(self, name).extend(getattr(other, name))

    @property
    def total(self) -> int:
        return len(self.new) + len(self.updated) + len(self.unchanged) + len(self.refused)


def decision_fields(record: Record) -> dict[str, Any]:
    """The model's fields for a parsed record (everything but the bookkeeping dates)."""
    data = record.to_json()
    return {
        "reference": record.reference,
        "authority": record.authority,
        "category": record.category,
        "outcome": record.decision,
        "decision_date": record.decision_date,
        "summary": record.summary,
        "fault": record.fault,
        "injustice": record.injustice,
        "apology": record.apology,
        "payments": data["payments"],
        "payments_total_gbp": record.payments_total_gbp,
        "actions": data["actions"],
        "other_bodies": codes_text(record.other_bodies),
        "reasons_not_investigated": codes_text(record.reasons_not_investigated),
        "ofsted_shared": record.ofsted_shared,
        "stage_reached": record.stage_reached,
        "text_complete": record.text_complete,
        "text": record.text,
        "text_sha256": hashlib.sha256(record.text.encode("utf-8")).hexdigest(),
        "search_words": search_words(record.text),
    }


def parse_file(path: Path) -> Parsed:
    """One file read and parsed (a top-level function, so worker processes can run it)."""
    try:
        data = read_file(path)
    except OSError as error:
        return Parsed(str(path), None, f"cannot read the file: {error.strerror or error}")
    record = parse_bytes(data)
    return Parsed(str(path), record, fields=decision_fields(record) if record and record.reference else None)


def parse_files(files: Sequence[Path], *, jobs: int = 1) -> Iterator[Parsed]:
    """The files parsed in order, by `jobs` worker processes (parsing is pure and CPU-bound)."""
    if jobs <= 1 or len(files) < 64:
        yield from map(parse_file, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for start in range(0, len(files), PARSE_WINDOW):  # a window at a time keeps memory bounded
            yield from pool.map(parse_file, files[start : start + PARSE_WINDOW], chunksize=32)


def parse_paths(paths: Sequence[str | Path]) -> Iterator[Parsed]:
    """Each file named, or in a folder named, read and parsed; a missing path is one refusal."""
    for name in paths:
        if not Path(name).exists():
            yield Parsed(str(name), None, "no such file or folder")
            continue
        yield from map(parse_file, expand([str(name)]))


def _refusal(item: Parsed, seen: dict[str, str]) -> str | None:
    if item.problem is not None:
        return item.problem
    if item.record is None:
        return NOT_A_DECISION
    if item.record.reference is None:
        return NO_REFERENCE
    if item.record.reference in seen:
        return f"the same decision ({item.record.reference}) as {seen[item.record.reference]}, earlier in this import"
    for name, (label, limit) in LENGTH_LIMITS.items():
        value = item.model_fields.get(name)
        if isinstance(value, str) and len(value) > limit:
            return f"its {label} is {len(value):,} characters long, more than the {limit} a published decision's can be"
    return None


def _source(path: str) -> str:
    """Where a decision came from, as stored: the end of a very long path, which names the file."""
    return path if len(path) <= SOURCE_LIMIT else "…" + path[-(SOURCE_LIMIT - 1) :]


def _insert(rows: list[dict[str, Any]]) -> None:
    """New decisions' fields into new rows: by COPY on PostgreSQL, by bulk INSERT elsewhere."""
    if connection.vendor != "postgresql":
        Decision.objects.bulk_create([Decision(**row) for row in rows], batch_size=BATCH_SIZE)
        return
    from psycopg.types.json import Jsonb  # the PostgreSQL driver, present only where it is used

    columns = [field.attname for field in COPIED_FIELDS]
    wrap = {field.attname for field in COPIED_FIELDS if isinstance(field, models.JSONField)}
    sql = f"COPY {Decision._meta.db_table} ({', '.join(connection.ops.quote_name(f.column) for f in COPIED_FIELDS)}) FROM STDIN"
    # Driver errors from COPY become Django's (IntegrityError and the rest), as from any query.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([Jsonb(row[name]) if name in wrap else row[name] for name in columns])


def _write_batch(rows: dict[str, tuple[str, dict[str, Any]]], now: dt.datetime) -> ImportOutcome:
    """One batch in one transaction: what it added, updated and left alone."""
    outcome = ImportOutcome()
    with transaction.atomic():
        existing = {
            d.reference: d
            for d in Decision.objects.select_for_update().filter(reference__in=list(rows)).only("id", "reference", "text_sha256")
        }
        created: list[dict[str, Any]] = []
        changed: list[Decision] = []
        for reference, (source, fields) in rows.items():
            current = existing.get(reference)
            if current is None:
                created.append({**fields, "source": _source(source), "imported_at": now, "updated_at": now})
                outcome.new.append(source)
            elif current.text_sha256 == fields["text_sha256"]:
                outcome.unchanged.append(source)
            else:
                for name, value in fields.items():
                    setattr(current, name, value)
                current.source, current.updated_at = _source(source), now
                changed.append(current)
                outcome.updated.append(source)
        _insert(created)
        Decision.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH_SIZE)
    return outcome


def _write(batch: list[Parsed], now: dt.datetime) -> ImportOutcome:
    """Write a batch, trying again if another import added one of its references meanwhile."""
    rows = {item.record.reference: (item.source, item.model_fields) for item in batch if item.record and item.record.reference}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _write_batch(rows, now)
        except IntegrityError:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _batches(items: Iterable[Parsed], outcome: ImportOutcome, batch_size: int) -> Iterator[list[Parsed]]:
    """The items that can be library entries, in batches; the rest refused into `outcome`."""
    seen: dict[str, str] = {}
    batch: list[Parsed] = []
    for item in items:
        reason = _refusal(item, seen)
        if reason is not None:
            outcome.refused.append((item.source, reason))
            continue
        assert item.record is not None and item.record.reference is not None
        seen[item.record.reference] = item.source
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def writers_for(files: int) -> int:
    """How many connections should write an import of this many files.

    On PostgreSQL the database's own work (reading each text into search terms) is the slowest
    part of a large import, so two connections share it; SQLite allows one writer at a time.
    """
    return 2 if connection.vendor == "postgresql" and files >= PARALLEL_WRITES_FROM else 1


def _close_thread_connection(barrier: threading.Barrier) -> None:
    barrier.wait()  # one of these per thread: each waits until every thread holds one
    connections.close_all()


def decisions_import(
    *, items: Iterable[Parsed], now: dt.datetime, batch_size: int = BATCH_SIZE, writers: int = 1
) -> ImportOutcome:
    """Add or update library entries from parsed files, in batches, each batch in one transaction.

    With `writers` above 1, batches are written by that many threads, each on its own database
    connection (so each batch commits on its own, as it does with one writer); their outcomes
    are gathered in the order the batches were made.
    """
    outcome = ImportOutcome()
    batches = _batches(items, outcome, batch_size)
    if writers <= 1:
        for batch in batches:
            outcome.extend(_write(batch, now))
    else:
        with ThreadPoolExecutor(max_workers=writers, thread_name_prefix="decisions-import") as pool:
            try:
                pending: deque[Future[ImportOutcome]] = deque()
                for batch in batches:
                    pending.append(pool.submit(_write, batch, now))  # on the thread's own connection
                    while len(pending) > 2 * writers:  # a few batches in hand, not the whole import
                        outcome.extend(pending.popleft().result())
                while pending:
                    outcome.extend(pending.popleft().result())
            finally:
                barrier = threading.Barrier(writers, timeout=60)
                for _ in range(writers):
                    pool.submit(_close_thread_connection, barrier)
    if len(outcome.new) + len(outcome.updated) >= ANALYZE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the planner guesses from an empty table
            cursor.execute("ANALYZE decisions_decision")
    return outcome


def load_seed_decisions(*, now: dt.datetime) -> ImportOutcome:
    """The five published decisions Redress was made from, for the demo and a first look."""
    return decisions_import(items=parse_paths([SEEDS_DIR]), now=now)
