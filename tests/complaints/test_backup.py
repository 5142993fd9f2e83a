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
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.complaints.backup import TABLES, backup_write
from redress.complaints.history import history_verify
from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.services import complaint_record_event
from redress.councils.models import AuditEntry, Council, User
from redress.councils.services import council_holiday_add
from redress.councils.tokens import api_token_create
from redress.documents.models import Document, DocumentVersion, document_storage
from redress.documents.services import disclosure_record, document_add, letter_template_upload
from redress.reminders.models import DailyRun, ReminderPreference, RunProblem, SendStatus, SentReminder
from tests.complaints.conftest import TODAY, import_history
from tests.conftest import TEST_TOTP_KEY, authenticator_app, make_user
from tests.documents.conftest import PDF, docx_bytes

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
    authenticator_app(manager)  # the person's authenticator app (TOTP) ...
    recovery = StaticDevice.objects.create(user=manager, name="Recovery codes", confirmed=True)
    recovery.token_set.create(token="recoverycode1")  # ... and a recovery code
    first = document_add(complaint=complaint, by=manager, name="report.pdf", content=PDF, title="IO report",
                         kind="report", event_sequence=2)
    document_add(complaint=complaint, by=manager, name="report.pdf", content=PDF + b"% v2\n", document=first.document)
    disclosure_record(complaint=complaint, by=manager, version=first, recipient="complainant",
                      disclosed_on=timezone.localdate(), today=timezone.localdate())
    letter_template_upload(council=council, by=manager, procedure="children-england", kind="acknowledgement",
                           name="ours.docx", content=docx_bytes("Dear {{ complainant_name }}"))
    ReminderPreference.objects.create(user=manager, delivery="digest", paused=True)
    run = DailyRun.objects.create(today=TODAY, finished_at=timezone.now(), sent=1, failed=1)
    SentReminder.objects.create(complaint=complaint, council=council, reminder="clock:stage1.response", threshold="5",
                                recipient=f"user:{manager.pk}", day=TODAY, role="officer", user=manager,
                                message="Due soon", run=run, status=SendStatus.SENT, sent_at=timezone.now())
    SentReminder.objects.create(complaint=complaint, council=council, reminder="clock:stage1.response", threshold="2",
                                recipient=f"user:{manager.pk}", day=TODAY, role="officer", user=manager,
                                message="Due soon", run=run, status=SendStatus.FAILED, attempts=1,
                                last_error="SMTP 451: try later", next_attempt_at=timezone.now())
    RunProblem.objects.create(council=council, run=run, message="An unknown council in the thresholds: nowhere")


def _archive_of_rows_since_undone(path: Path) -> dict[str, object]:
    """An archive of `_fill`'s rows, which are then rolled back so the database is empty again."""
    manifest: dict[str, object] = {}
    try:
        with transaction.atomic():
            _fill()
            manifest.update(backup_write(output=path))
            manifest["hashes"] = sorted(Event.objects.values_list("hash", flat=True))
            manifest["files"] = {v.file.name: _read(v) for v in DocumentVersion.objects.all()}
            raise _Undo
    except _Undo:
        pass
    assert not Council.objects.exists()
    _empty_the_store()
    return manifest


def _read(version: DocumentVersion) -> bytes:
    with version.file.open("rb") as handle:
        return bytes(handle.read())


def _empty_the_store() -> None:
    """The rolled-back rows' files stay in the store; a restore onto another machine starts without them."""
    storage = document_storage()
    for folder in ("documents", "templates"):
        if storage.exists(folder):
            for path in sorted(Path(storage.path(folder)).rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            Path(storage.path(folder)).rmdir()


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
    assert "2 document versions (3 stored files, each matching its SHA-256), 1 authenticator apps" in out.getvalue()
    assert "History whole" in out.getvalue()
    for version in DocumentVersion.objects.all():  # the stored files' bytes came back, under their own names
        assert _read(version) == before["files"][version.file.name]  # type: ignore[index]
    assert Document.objects.get().versions.count() == 2 and Document.objects.get().complaint.disclosures.count() == 1
    assert SentReminder.objects.get(status=SendStatus.FAILED).last_error == "SMTP 451: try later"
    assert RunProblem.objects.count() == 1 and ReminderPreference.objects.get().paused
    assert TOTPDevice.objects.get().key == TEST_TOTP_KEY and StaticDevice.objects.get().token_set.count() == 1
    assert sorted(Event.objects.values_list("hash", flat=True)) == before["hashes"]
    assert Projection.objects.count() == 2
    assert history_verify().findings == []
    again = backup_write(output=tmp_path / "again.zip")
    assert again["members"] == before["members"]  # identical manifests: every table's rows and every file's bytes
    assert User.objects.get().check_password("a-long-test-password")
    council = Council.objects.get()
    fresh = make_user(council, "officer", "new@northshire.example")  # type: ignore[arg-type]
    import_history(council, fresh)  # new rows are numbered after the restored ones
    assert history_verify().findings == []


def test_after_a_restore_a_person_signs_in_with_the_same_authenticator_app(tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    _archive_of_rows_since_undone(archive)
    call_command("restore", str(archive), stdout=StringIO())
    from django.test import Client

    client = Client()
    assert client.post("/sign-in/", {"email": "manager@northshire.example", "password": "a-long-test-password"}).status_code == 302
    assert client.get("/complaints/")["Location"].startswith("/sign-in/two-factor/?")  # asked for a code, not to set up
    code = TOTP(bytes.fromhex(TEST_TOTP_KEY)).token()  # what the person's phone shows now, from the key it was given
    assert client.post("/sign-in/two-factor/", {"code": f"{code:06d}"}).status_code == 302
    assert client.get("/complaints/").status_code == 200
    other = Client()
    other.post("/sign-in/", {"email": "manager@northshire.example", "password": "a-long-test-password"})
    assert other.post("/sign-in/two-factor/", {"code": "recoverycode1"}).status_code == 302  # the recovery code too
    assert other.get("/complaints/").status_code == 200


def _version_file_changed(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as old:
        name = next(n for n in old.namelist() if n.startswith("files/documents/"))
        return {name: old.read(name).replace(b"%PDF-1.4", b"%PDF-1.5")}


def test_a_stored_file_altered_in_the_archive_loads_nothing(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.zip", tmp_path / "bad.zip"
    _archive_of_rows_since_undone(good)
    _rewrite(good, bad, _version_file_changed(good), fix_manifest=True)  # the manifest agrees, the version's row does not
    with pytest.raises(CommandError, match="does not match the SHA-256 recorded when it was added"):
        call_command("restore", str(bad))
    assert not Council.objects.exists() and not DocumentVersion.objects.exists()
    assert not document_storage().exists("documents")  # no file was put in the store
    _rewrite(good, bad, _version_file_changed(good), fix_manifest=False)
    with pytest.raises(CommandError, match="does not match its SHA-256 in the manifest"):
        call_command("restore", str(bad))


def test_a_backup_refuses_a_stored_file_that_is_missing_or_changed(tmp_path: Path, council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    version = document_add(complaint=complaint, by=manager, name="report.pdf", content=PDF, title="IO report",
                           kind="report")
    Path(version.file.path).write_bytes(PDF + b"changed")
    with pytest.raises(CommandError, match="no longer matches the SHA-256"):
        call_command("backup", "--output", str(tmp_path / "a.zip"))
    Path(version.file.path).unlink()
    with pytest.raises(CommandError, match="is missing from the documents store"):
        call_command("backup", "--output", str(tmp_path / "b.zip"))
    assert not (tmp_path / "a.zip").exists() and not (tmp_path / "b.zip").exists()


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

    rebuilt = {"complaints.projection", "reports.reportcomplaint", "reports.reportfact"}  # rebuilt on restore
    apps_kept = ("councils", "complaints", "decisions", "documents", "reminders", "people", "reports", "otp_totp", "otp_static")
    ours = {m._meta.label_lower for app in apps_kept
            for m in apps.get_app_config(app).get_models()}
    assert ours - rebuilt == set(TABLES)
