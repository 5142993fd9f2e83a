"""`redress backup` and `redress restore`: everything Redress holds, in one portable archive.

The archive is a zip of JSON lines, one member a table (`tables/councils.council.jsonl`: one row a
line, every column by its database name, keys sorted, rows in primary-key order), and
`manifest.json` listing every member with its row count and SHA-256. The same data gives the same
bytes on SQLite and PostgreSQL, so two archives can be compared by their manifests.

What is kept: councils, people (with their password hashes), their council days, API tokens (as
hashes), the audit log and its chain, complaints, their events and reference counters, and the
decisions library. Projections are not kept: restore rebuilds them from the events. Sessions and
queued background tasks are not kept either. A store of documents joins by adding its table to
TABLES and its files as further members (`files/...`), each listed in the manifest with its SHA-256.

Restore checks the whole archive (every member listed, every hash and count, every row's columns)
before it writes anything, then loads it in one transaction: a bad archive changes nothing.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from redress.councils.errors import DomainError

FORMAT = "redress-backup"
VERSION = 1
MANIFEST = "manifest.json"
TABLES = (
    "councils.council",
    "councils.user",
    "councils.councilholiday",
    "councils.apitoken",
    "councils.auditchain",
    "councils.auditentry",
    "complaints.complaint",
    "complaints.referencecounter",
    "complaints.event",
    "decisions.decision",
    "people.person",
    "people.investigationfinding",
)
"""Every table kept, in an order that loads each row after the rows it refers to."""
READ_CHUNK = 2000
WRITE_BATCH = 1000


class BackupError(DomainError):
    """The archive cannot be restored, or the database cannot take it: nothing was loaded."""

    status = 422


@dataclass(frozen=True, slots=True)
class Restored:
    tables: dict[str, int]


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def _member(label: str) -> str:
    return f"tables/{label}.jsonl"


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.generated]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _lines(model: type[models.Model]) -> Iterator[bytes]:
    fields = _columns(model)
    names = [f.attname for f in fields]
    rows = model._base_manager.order_by("pk").values_list(*names)
    for row in rows.iterator(chunk_size=READ_CHUNK):
        record = {name: _encode(value) for name, value in zip(names, row, strict=True)}
        yield json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def backup_write(*, output: Path | IO[bytes]) -> dict[str, Any]:
    """Write every table into a new archive at `output`; return its manifest."""
    members: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive, transaction.atomic():
        # One transaction, so every table is read as it stood at one moment (on PostgreSQL).
        for label in TABLES:
            digest, rows = hashlib.sha256(), 0
            with archive.open(_member(label), "w", force_zip64=True) as member:
                for line in _lines(_model(label)):
                    digest.update(line)
                    member.write(line)
                    rows += 1
            members[_member(label)] = {"table": label, "rows": rows, "sha256": digest.hexdigest()}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "made_at": timezone.now().isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": _migrations(),
            "members": members,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _migrations() -> dict[str, str]:
    applied = MigrationRecorder(connection).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in sorted(applied):
        if app in {"councils", "complaints", "decisions"}:
            latest[app] = max(latest.get(app, ""), name)
    return latest


def restore_check_empty() -> None:
    """Refuse a database that already holds anything a restore would write."""
    held = {label: _model(label)._base_manager.count() for label in TABLES}
    held = {label: count for label, count in held.items() if count}
    if held:
        listed = ", ".join(f"{count:,} {label.split('.')[1]} rows" for label, count in held.items())
        raise BackupError(f"The database is not empty (it holds {listed}). Restore only into a new, "
                          "migrated database: nothing was loaded.", code="not-empty")


def backup_read(path: Path) -> Restored:
    """Load the archive at `path` into this (empty) database, all or nothing."""
    restore_check_empty()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a Redress backup ({error}): nothing was loaded.", code="bad-archive") from None
    with archive:
        manifest = _checked_manifest(archive, path)
        for name, entry in manifest["members"].items():
            _check_member(archive, name, entry)
        counts: dict[str, int] = {}
        try:
            with transaction.atomic():
                restore_check_empty()
                for label in TABLES:
                    counts[label] = _load(archive, label)
                _reset_sequences()
        except DatabaseError as error:
            raise BackupError(f"{path} could not be loaded ({error}): nothing was loaded.", code="bad-archive") from None
    return Restored(counts)


def _checked_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError(f"{path} has no manifest.json, so it is not a Redress backup: nothing was loaded.",
                          code="bad-archive") from None
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"{path}: manifest.json cannot be read ({error}): nothing was loaded.",
                          code="bad-archive") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Redress backup (its manifest says otherwise): nothing was loaded.",
                          code="bad-archive")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{path} is a version {manifest.get('version')} backup; this Redress reads version "
                          f"{VERSION}: nothing was loaded.", code="bad-archive")
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(isinstance(e, dict) for e in members.values()):
        raise BackupError(f"{path}: the manifest lists no members: nothing was loaded.", code="bad-archive")
    missing = [_member(label) for label in TABLES if _member(label) not in members]
    unlisted = sorted(set(archive.namelist()) - set(members) - {MANIFEST})
    absent = sorted(set(members) - set(archive.namelist()))
    for problem, names in (("lacks", missing), ("holds members its manifest does not list:", unlisted),
                           ("lacks members its manifest lists:", absent)):
        if names:
            raise BackupError(f"{path} {problem} {', '.join(names)}: nothing was loaded.", code="bad-archive")
    return manifest


def _check_member(archive: zipfile.ZipFile, name: str, entry: dict[str, Any]) -> None:
    """The member's SHA-256 and row count are the manifest's, and every row is an object of known columns."""
    label = entry.get("table")
    known = {f.attname for f in _columns(_model(label))} if label in TABLES else None
    digest, rows = hashlib.sha256(), 0
    try:
        with archive.open(name) as member:
            for number, line in enumerate(member, start=1):
                digest.update(line)
                rows += 1
                if known is not None:
                    _check_row(name, number, line, known)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise BackupError(f"{name} cannot be read ({error}): nothing was loaded.", code="bad-archive") from None
    if digest.hexdigest() != entry.get("sha256"):
        raise BackupError(f"{name} does not match its SHA-256 in the manifest: the archive was altered or damaged. "
                          "Nothing was loaded.", code="altered")
    if known is not None and rows != entry.get("rows"):
        raise BackupError(f"{name} holds {rows:,} rows; the manifest says {entry.get('rows')}: nothing was loaded.",
                          code="altered")


def _check_row(name: str, number: int, line: bytes, known: set[str]) -> None:
    try:
        row = json.loads(line)
    except ValueError:
        raise BackupError(f"{name} line {number} is not JSON: nothing was loaded.", code="bad-archive") from None
    if not isinstance(row, dict):
        raise BackupError(f"{name} line {number} is not a row: nothing was loaded.", code="bad-archive")
    unknown = sorted(set(row) - known)
    if unknown:
        raise BackupError(f"{name} line {number} has columns this Redress does not know ({', '.join(unknown)}): "
                          "restore it with the version that made it. Nothing was loaded.", code="bad-archive")


def _load(archive: zipfile.ZipFile, label: str) -> int:
    model = _model(label)
    fields = {f.attname: f for f in _columns(model)}
    batch: list[models.Model] = []
    count = 0
    with archive.open(_member(label)) as member:
        for line in member:
            row = json.loads(line)
            values = {name: _decode(fields[name], value) for name, value in row.items()}
            batch.append(model(**values))
            if len(batch) >= WRITE_BATCH:
                count += _insert(model, batch)
                batch = []
    return count + (_insert(model, batch) if batch else 0)


def _insert(model: type[models.Model], rows: list[models.Model]) -> int:
    """Insert the rows exactly as stored: raw, as `loaddata` does, so no time is stamped afresh."""
    fields = _columns(model)
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    for start in range(0, len(rows), size):
        model._base_manager._insert(rows[start:start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
    return len(rows)


def _decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    try:
        return field.to_python(value)
    except Exception as error:  # a ValidationError, or a value of the wrong kind
        raise BackupError(f"{field.model._meta.label_lower}.{field.attname}: {value!r} cannot be read ({error}): "
                          "nothing was loaded.", code="bad-archive") from None


def _reset_sequences() -> None:
    """After rows are loaded with their own ids, new rows must be numbered after them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [_model(label) for label in TABLES])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
