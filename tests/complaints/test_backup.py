"""`redress backup` and `redress restore`: a whole round trip, and archives that must load nothing."""

from __future__ import annotations

import hashlib
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from redress.complaints.backup import TABLES, backup_write
from redress.complaints.history import history_verify
from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.services import complaint_record_event
from redress.councils.models import AuditEntry, Council, User
from redress.councils.services import council_holiday_add
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import TODAY, import_history
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

VOID = {"date": "2024-07-01", "type": "event.voided", "event": 4, "reason": "Recorded early"}


class _Undo(Exception):
    pass


def _fill() -> None:
    council = Council.objects.create(name="Northshire County Council", slug="northshire", reference_prefix="NC")
    manager = make_user(council, "manager", "manager@northshire.example")  # type: ignore[arg-type]
    complaint = import_history(council, manager)
    complaint_record_event(complaint=complaint, event=VOID, by=manager, today=TODAY)
    import_history(council, manager)
    council_holiday_add(council=council, day=TODAY.replace(month=8), name="Council day", by=manager, today=TODAY)
    api_token_create(user=manager)


def _archive_of_rows_since_undone(path: Path) -> dict[str, object]:
    """An archive of `_fill`'s rows, which are then rolled back so the database is empty again."""
    manifest: dict[str, object] = {}
    try:
        with transaction.atomic():
            _fill()
            manifest.update(backup_write(output=path))
            manifest["hashes"] = sorted(Event.objects.values_list("hash", flat=True))
            raise _Undo
    except _Undo:
        pass
    assert not Council.objects.exists()
    return manifest


def _rewrite(source: Path, target: Path, change: dict[str, bytes], *, fix_manifest: bool) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            if name == "manifest.json":
                continue
            data = change.get(name, old.read(name))
            if fix_manifest:
                manifest["members"][name]["sha256"] = hashlib.sha256(data).hexdigest()
                manifest["members"][name]["rows"] = data.count(b"\n")
            new.writestr(name, data)
        new.writestr("manifest.json", json.dumps(manifest))


def test_a_backup_restores_into_an_empty_database_with_nothing_lost(tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    before = _archive_of_rows_since_undone(archive)
    out = StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "Restored 1 councils, 1 people, 2 complaints, 9 events" in out.getvalue()
    assert "History whole" in out.getvalue()
    assert sorted(Event.objects.values_list("hash", flat=True)) == before["hashes"]
    assert Projection.objects.count() == 2
    assert history_verify().findings == []
    again = backup_write(output=tmp_path / "again.zip")
    assert {n: (m["rows"], m["sha256"]) for n, m in again["members"].items()} == {
        n: (m["rows"], m["sha256"]) for n, m in before["members"].items()}  # type: ignore[attr-defined]
    assert User.objects.get().check_password("a-long-test-password")
    council = Council.objects.get()
    fresh = make_user(council, "officer", "new@northshire.example")  # type: ignore[arg-type]
    import_history(council, fresh)  # new rows are numbered after the restored ones
    assert history_verify().findings == []


def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path, council: Council, manager: User) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", "--output", str(archive), stdout=StringIO())
    with pytest.raises(CommandError, match=r"The database is not empty .*nothing was loaded"):
        call_command("restore", str(archive))
    assert Council.objects.count() == 1


def test_backup_will_not_overwrite_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "backup.zip"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(existing))
    assert existing.read_bytes() == b"keep me"


def _event_line_changed(archive: Path) -> bytes:
    with zipfile.ZipFile(archive) as old:
        return old.read("tables/complaints.event.jsonl").replace(b"not-upheld", b"upheld", 1)


@pytest.mark.parametrize(("damage", "message"), [
    ("not-a-zip", "is not a Redress backup"),
    ("altered-member", "does not match its SHA-256 in the manifest"),
    ("unknown-column", "has columns this Redress does not know"),
    ("duplicate-row", "could not be loaded"),
    ("hash-recomputed-but-event-altered", None),
])
def test_a_bad_or_altered_archive_loads_nothing(tmp_path: Path, damage: str, message: str | None) -> None:
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    _archive_of_rows_since_undone(good)
    events = "tables/complaints.event.jsonl"
    if damage == "not-a-zip":
        bad.write_bytes(b"PK\x03\x04 not really")
    elif damage == "altered-member":
        _rewrite(good, bad, {events: _event_line_changed(good)}, fix_manifest=False)
    elif damage == "unknown-column":
        with zipfile.ZipFile(good) as old:
            line = old.read(events).split(b"\n")[0]
        _rewrite(good, bad, {events: line.replace(b'{"', b'{"extra":1,"', 1) + b"\n"}, fix_manifest=True)
    elif damage == "duplicate-row":
        with zipfile.ZipFile(good) as old:
            rows = old.read(events)
        _rewrite(good, bad, {events: rows + rows.split(b"\n")[0] + b"\n"}, fix_manifest=True)
    else:
        _rewrite(good, bad, {events: _event_line_changed(good)}, fix_manifest=True)
    if message is None:  # the archive is consistent but the history in it was changed: loaded, and verify says so
        with pytest.raises(SystemExit) as exit_:
            call_command("restore", str(bad), stdout=StringIO(), stderr=StringIO())
        assert exit_.value.code == 1
        assert [f.problem.kind for f in history_verify().findings] == ["altered"]
        return
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(bad))
    assert not Council.objects.exists() and not Complaint.objects.exists() and not AuditEntry.objects.exists()


def test_every_table_of_the_apps_is_kept_or_rebuilt() -> None:
    """A new model must be added to the backup (or said to be rebuilt): this fails until it is."""
    from django.apps import apps

    rebuilt = {"complaints.projection"}
    ours = {m._meta.label_lower for app in ("councils", "complaints", "decisions", "people")
            for m in apps.get_app_config(app).get_models()}
    assert ours - rebuilt == set(TABLES)
