"""`redress backup` and `redress restore`: everything Redress holds, in one portable archive.

The archive is a zip of JSON lines, one member a table (`tables/councils.council.jsonl`: one row a
line, every column by its database name, keys sorted, rows in primary-key order), and
`manifest.json` listing every member with its row count and SHA-256. The same data gives the same
bytes on SQLite and PostgreSQL, so two archives can be compared by their manifests.

What is kept: councils, people (with their password hashes and their second-factor devices: the
authenticator app's TOTP key and the recovery codes, so nobody has to set up their app again), their
council days, API tokens (as hashes), the audit log and its chain, complaints, their events and
reference counters, the decisions library, documents (their versions, the disclosure register, the
councils' letter templates) and the reminders (preferences, runs, the sent log with its failures).
Each stored file a document version or letter template names is a member `files/<its name in the
storage>`, listed in the manifest with its size and SHA-256. Projections are not kept: restore
rebuilds them from the events. Sessions, sign-in throttling records and queued background tasks are
not kept either.

Restore checks the whole archive (every member listed, every hash and count, every row's columns,
every file a row names present with the SHA-256 its row recorded) before it writes anything, then
loads it in one transaction and puts the files back in the documents store under their own names: a
bad archive changes nothing (files written before a failure are removed again).
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
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
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
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "documents.document",
    "documents.documentversion",
    "documents.disclosure",
    "documents.lettertemplate",
    "reminders.reminderpreference",
    "reminders.dailyrun",
    "reminders.sentreminder",
    "reminders.runproblem",
    "people.person",
    "people.investigationfinding",
)
"""Every table kept, in an order that loads each row after the rows it refers to."""
FILE_TABLES = {"documents.documentversion": "file", "documents.lettertemplate": "file"}
"""Tables whose rows name a stored file: each file is kept as the member `files/<its name in the storage>`."""
FILES = "files/"
MIGRATED_APPS = {"councils", "complaints", "decisions", "documents", "reminders", "otp_totp", "otp_static"}
READ_CHUNK = 2000
WRITE_BATCH = 1000


class BackupError(DomainError):
    """The archive cannot be restored, or the database cannot take it: nothing was loaded."""

    status = 422


@dataclass(frozen=True, slots=True)
class Restored:
    tables: dict[str, int]
    files: int = 0


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
        for name, expected in _stored_files():
            members[FILES + name] = _write_file(archive, name, expected)
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


def _storage(label: str) -> Storage:
    field = _model(label)._meta.get_field(FILE_TABLES[label])
    assert isinstance(field, models.FileField)
    return field.storage


def _stored_files() -> Iterator[tuple[str, str | None]]:
    """Each stored file a row names (its name in the storage), with the SHA-256 its row gives, if it gives one."""
    for label, attname in FILE_TABLES.items():
        model = _model(label)
        for name, sha256 in model._base_manager.order_by("pk").values_list(attname, "sha256").iterator():
            if name:
                yield name, sha256


def _write_file(archive: zipfile.ZipFile, name: str, expected: str | None) -> dict[str, Any]:
    """Copy one stored file into the archive; BackupError if it is missing or no longer matches its row's SHA-256."""
    storage = _storage(next(iter(FILE_TABLES)))
    digest, size = hashlib.sha256(), 0
    try:
        with storage.open(name, "rb") as stored, archive.open(FILES + name, "w", force_zip64=True) as member:
            for chunk in iter(lambda: stored.read(1 << 20), b""):
                digest.update(chunk)
                member.write(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise BackupError(f"The stored file {name} is missing from the documents store, so the backup would lack "
                          "it: nothing was written.", code="file-missing") from None
    if expected is not None and digest.hexdigest() != expected:
        raise BackupError(f"The stored file {name} no longer matches the SHA-256 recorded when it was added (it was "
                          "changed in the store): nothing was written.", code="file-altered")
    return {"file": name, "size": size, "sha256": digest.hexdigest()}


def _migrations() -> dict[str, str]:
    applied = MigrationRecorder(connection).applied_migrations()
    latest: dict[str, str] = {}
    for app, name in sorted(applied):
        if app in MIGRATED_APPS:
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
        files = _checked_files(archive, manifest["members"])
        counts: dict[str, int] = {}
        written: list[str] = []
        try:
            with transaction.atomic():
                restore_check_empty()
                for label in TABLES:
                    counts[label] = _load(archive, label)
                _reset_sequences()
                _restore_files(archive, files, written)
        except DatabaseError as error:
            _remove(written)
            raise BackupError(f"{path} could not be loaded ({error}): nothing was loaded.", code="bad-archive") from None
        except BaseException:
            _remove(written)
            raise
    return Restored(counts, files=len(files))


def _checked_files(archive: zipfile.ZipFile, members: dict[str, Any]) -> list[str]:
    """Every file a row names is in the archive, with the SHA-256 the row recorded; no file is left over."""
    named: dict[str, str | None] = {}
    for label, attname in FILE_TABLES.items():
        with archive.open(_member(label)) as member:
            for line in member:
                row = json.loads(line)
                if row.get(attname):
                    named[row[attname]] = row.get("sha256")
    for name, expected in named.items():
        entry = members.get(FILES + name)
        if entry is None:
            raise BackupError(f"The archive lacks the stored file {name}, which a row names: nothing was loaded.",
                              code="bad-archive")
        if expected is not None and entry.get("sha256") != expected:
            raise BackupError(f"The stored file {name} in the archive does not match the SHA-256 recorded when it was "
                              "added: the archive was altered. Nothing was loaded.", code="altered")
    extra = sorted(n for n in members if n.startswith(FILES) and n[len(FILES):] not in named)
    if extra:
        raise BackupError(f"The archive holds files no row names ({', '.join(extra[:3])}): nothing was loaded.",
                          code="bad-archive")
    return list(named)


def _restore_files(archive: zipfile.ZipFile, names: list[str], written: list[str]) -> None:
    """Put each file back in the documents store under its own name (a file already there must be the same)."""
    storage = _storage(next(iter(FILE_TABLES)))
    for name in names:
        data = archive.read(FILES + name)
        if storage.exists(name):
            with storage.open(name, "rb") as there:
                if hashlib.sha256(there.read()).digest() != hashlib.sha256(data).digest():
                    raise BackupError(f"The documents store already holds a different file named {name}: restore into "
                                      "an empty store. Nothing was loaded.", code="store-not-empty")
            continue
        try:
            saved = storage.save(name, ContentFile(data))
        except (OSError, SuspiciousFileOperation) as error:
            raise BackupError(f"The stored file {name} could not be written ({error}): nothing was loaded.",
                              code="bad-archive") from None
        written.append(saved)
        if saved != name:
            raise BackupError(f"The documents store kept {name} as {saved}: restore into an empty store. "
                              "Nothing was loaded.", code="store-not-empty")


def _remove(names: list[str]) -> None:
    storage = _storage(next(iter(FILE_TABLES)))
    for name in names:
        storage.delete(name)


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
