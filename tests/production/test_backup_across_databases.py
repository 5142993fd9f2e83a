"""A backup taken on SQLite restores on PostgreSQL, and that one's backup restores on SQLite, with nothing lost.

Each step runs the `redress` command in a subprocess against its own database (the demo data, with
corrections, tokens and a council day added), as an operator would. Skipped when PostgreSQL is not
reachable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest

ADMIN_URL = os.environ.get("REDRESS_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REPORTS = (  # a digest of every complaint's replay report, as of today
    "import hashlib, json; from django.utils import timezone; "
    "from redress.complaints.models import Complaint; from redress.complaints.selectors import case_data; "
    "from redress.core.engine import replay; from redress.core.events import parse_case; "
    "from redress.councils.selectors import council_calendar; "
    "out = {}\n"
    "for c in Complaint.objects.order_by('council__slug', 'reference'):\n"
    "    r = replay(parse_case(case_data(c, list(c.events.order_by('sequence')))), today=timezone.localdate(), "
    "calendar=council_calendar(c.council))\n"
    "    out[c.council.slug + '/' + c.reference] = hashlib.sha256(json.dumps(r.to_json(), sort_keys=True, default=str)"
    ".encode()).hexdigest()\n"
    "print(json.dumps(out))"
)
EXTRA = (
    "from redress.councils.models import Council, User; "
    "from redress.councils.tokens import api_token_create; "
    "from redress.councils.services import council_holiday_add; import datetime as dt; "
    "m = User.objects.get(email='manager@northshire.example'); "
    "api_token_create(user=m); "
    "council_holiday_add(council=m.council, day=dt.date(2025, 12, 29), name='Council day', by=m, today=dt.date(2025, 12, 1))\n"
    # a document with two versions and a disclosure, and a reminder that failed: their rows and the files' bytes
    "from django.utils import timezone; from redress.complaints.models import Complaint; "
    "from redress.documents.services import document_add, disclosure_record; "
    "from redress.reminders.models import SentReminder; "
    "c = Complaint.objects.filter(council=m.council).order_by('reference').first(); "
    "v = document_add(complaint=c, by=m, name='report.pdf', content=b'%PDF-1.4\\n1 0 obj<<>>endobj\\ntrailer<<>>\\n%%EOF\\n', "
    "title='IO report', kind='report'); "
    "document_add(complaint=c, by=m, name='notes.txt', content=b'Second version\\n', document=v.document); "
    "disclosure_record(complaint=c, by=m, version=v, recipient='ombudsman', disclosed_on=timezone.localdate(), "
    "today=timezone.localdate()); "
    "SentReminder.objects.create(complaint=c, council=m.council, reminder='clock:stage1.response', threshold='5', "
    "recipient=f'user:{m.pk}', day=dt.date(2025, 12, 1), role='officer', user=m, message='Due soon', status='failed', "
    "attempts=1, last_error='SMTP 451')"
)
DEVICE = (  # the manager's authenticator app after the restore: the same key (the demo's published one)
    "from django_otp.plugins.otp_totp.models import TOTPDevice; "
    "print(TOTPDevice.objects.get(user__email='manager@northshire.example', confirmed=True).key)"
)
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("production")]


def _postgres() -> object:
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable at {ADMIN_URL}: {error}")


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDRESS_", "DJANGO_", "DATABASE_URL"))}
    env.update(REDRESS_DEBUG="true", REDRESS_TESTING="true", DATABASE_URL=url, REDRESS_MEDIA_ROOT=MEDIA[url])
    return env


MEDIA: dict[str, str] = {}
"""Each database's own documents store (another machine's), by its URL."""


def _redress(url: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "redress", *args], env=_env(url), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _members(archive: Path) -> dict[str, tuple[int, str]]:
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    return {name: (entry.get("rows", entry.get("size")), entry["sha256"]) for name, entry in manifest["members"].items()}


def test_sqlite_to_postgresql_and_back_loses_nothing(tmp_path: Path) -> None:
    admin = _postgres()
    name = f"redress_roundtrip_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[attr-defined]
    postgres = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    first, back = f"sqlite:///{tmp_path / 'first.sqlite3'}", f"sqlite:///{tmp_path / 'back.sqlite3'}"
    for url, folder in ((first, "first"), (postgres, "postgres"), (back, "back")):
        MEDIA[url] = str(tmp_path / f"media-{folder}")
    try:
        _redress(first, "migrate", "--noinput", "-v0")
        _redress(first, "demo")
        _redress(first, "shell", "--no-imports", "-c", EXTRA)
        _redress(first, "backup", "--output", str(tmp_path / "first.zip"))
        reports = json.loads(_redress(first, "shell", "--no-imports", "-c", REPORTS))

        _redress(postgres, "migrate", "--noinput", "-v0")
        assert "History whole" in _redress(postgres, "restore", str(tmp_path / "first.zip"))
        _redress(postgres, "backup", "--output", str(tmp_path / "postgres.zip"))
        assert json.loads(_redress(postgres, "shell", "--no-imports", "-c", REPORTS)) == reports

        _redress(back, "migrate", "--noinput", "-v0")
        assert "History whole" in _redress(back, "restore", str(tmp_path / "postgres.zip"))
        _redress(back, "backup", "--output", str(tmp_path / "back.zip"))
        assert json.loads(_redress(back, "shell", "--no-imports", "-c", REPORTS)) == reports
        keys = {_redress(url, "shell", "--no-imports", "-c", DEVICE).strip() for url in (first, postgres, back)}
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        admin.close()  # type: ignore[attr-defined]
    members = _members(tmp_path / "first.zip")
    assert members["tables/complaints.event.jsonl"][0] > 500 and members["tables/councils.apitoken.jsonl"][0] == 1
    assert _members(tmp_path / "postgres.zip") == members  # every row, every hash: byte for byte the same
    assert _members(tmp_path / "back.zip") == members
    assert len(reports) > 80
    assert len(keys) == 1  # the same authenticator app on every database
    files = {n for n in members if n.startswith("files/")}
    assert len(files) == 2 and members["tables/reminders.sentreminder.jsonl"][0] == 1
    for name in files:  # each store holds the same bytes under the same name
        stored = {(tmp_path / f"media-{where}" / name.removeprefix("files/")).read_bytes()
                  for where in ("first", "postgres", "back")}
        assert len(stored) == 1
