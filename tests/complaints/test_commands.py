"""The casework commands: demo, import, export and rebuild-projections, as a council's admin runs them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from redress.complaints.demo import DEMO_PASSWORD, demo_totp_code, load_demo
from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.projections import projections_rebuild
from redress.complaints.selectors import complaint_report
from redress.complaints.services import projection_fields
from redress.councils.models import Council, Role, User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2026, 11, 23)


def _projection_values(complaint: Complaint) -> dict[str, object]:
    view = complaint_report(complaint, today=TODAY)
    return projection_fields(complaint, view.report, view.case, TODAY)


def test_the_demo_loads_two_councils_with_complaints_at_every_stage_once() -> None:
    first = load_demo(today=TODAY)
    assert [line.split(":")[0] for line in first] == ["Decisions library", "Northshire County Council", "Southborough Council"]
    assert first[0] == "Decisions library: 5 published decisions (the seeds)"
    northshire = Council.objects.get(slug="northshire")
    assert User.objects.get(email="manager@northshire.example").check_password(DEMO_PASSWORD)
    assert User.objects.filter(council=northshire).count() == 6  # and io@, ip@: appointed from the register
    counts = {c.name: Complaint.objects.filter(council=c).count() for c in Council.objects.all()}
    assert all(35 <= n <= 60 for n in counts.values()), counts
    stages = set(Projection.objects.values_list("stage", "status"))
    assert {(1, "open"), (2, "open"), (3, "open"), (3, "closed")} <= stages
    assert Projection.objects.filter(suspended=True).exists()
    seeds = Complaint.objects.filter(council=northshire, complainant_name__contains="Ombudsman")
    assert seeds.count() == 5
    assert northshire.procedure_names[:2] == ("children-england", "adults-england")
    assert Council.objects.get(slug="southborough").procedure_names == ("children-england",)
    adults = Projection.objects.filter(council=northshire, procedure="adults-england")
    assert adults.count() == 3 and {p.status for p in adults} == {"open"}
    assert adults.filter(warning_codes__contains=" adults-england.acknowledgement.late ").count() == 1
    for other in northshire.procedure_names[2:]:  # corporate-code, once the core knows it
        assert Projection.objects.filter(council=northshire, procedure=other).count() == 2
    events = Event.objects.count()
    again = load_demo(today=TODAY)
    assert again == [f"{name}: already loaded, left unchanged" for name in ("Northshire County Council", "Southborough Council")]
    assert Event.objects.count() == events
    for complaint in Complaint.objects.all()[:20]:
        projection = Projection.objects.filter(pk=complaint.pk).values(*_projection_values(complaint)).get()
        assert projection == _projection_values(complaint)


def test_the_demo_command_prints_the_sign_ins(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo")
    out = capsys.readouterr().out
    assert f"password for all: {DEMO_PASSWORD}" in out and "manager@southborough.example" in out


def test_import_loads_each_file_and_refuses_bad_ones_naming_them(council: Council, manager: User, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("events: [{date: 2024-01-08, type: stage2.requested}]\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 file refused"):
        call_command("import", "--council", "northshire", "--by", "manager@northshire.example", str(EXAMPLES / "seed-kent-24002308.yaml"), str(bad))
    out = capsys.readouterr().out
    assert "Imported 1 of 2 files into Northshire County Council." in out
    assert f"refused  {bad}:" in out
    assert list(Complaint.objects.values_list("reference", flat=True)) == ["NC-2024-0001"]


def test_import_into_an_unknown_council_says_which_there_are(council: Council) -> None:
    with pytest.raises(CommandError, match=r"No council called 'Nowhere'\. The councils are: Northshire County Council"):
        call_command("import", "--council", "Nowhere", "--by", "manager@northshire.example", str(EXAMPLES / "seed-kent-24002308.yaml"))
    assert not Complaint.objects.exists()


def test_export_writes_the_councils_caseload_as_csv_and_xlsx(council: Council, manager: User, other_council: Council,
                                                             tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_user(other_council, Role.MANAGER, "manager@southborough.example")
    call_command("import", "--council", "northshire", "--by", "manager@northshire.example", str(EXAMPLES / "seed-kent-24002308.yaml"))
    call_command("import", "--council", "southborough", "--by", "manager@southborough.example", str(EXAMPLES / "seed-kingston-20010224.yaml"))
    capsys.readouterr()
    call_command("export", "--council", "northshire")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "Reference" and [r[0] for r in rows[1:]] == ["NC-2024-0001"]
    target = tmp_path / "caseload.xlsx"
    call_command("export", "--council", "southborough", "--format", "xlsx", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and [c.value for c in sheet["A"]][1:] == ["SB-2020-0001"]


def test_rebuild_projections_puts_back_what_the_engine_says(council: Council, manager: User,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import", "--council", "northshire", "--by", "manager@northshire.example", str(EXAMPLES / "seed-rotherham-23013019.yaml"))
    complaint = Complaint.objects.get()
    Projection.objects.filter(pk=complaint.pk).update(stage=1, faults=0, next_due=None, warning_codes="")
    call_command("rebuild-projections", "--council", "northshire", "--jobs", "2")
    assert "Rebuilt 1 projection in " in capsys.readouterr().out
    assert projections_rebuild(council=council, today=TODAY) == 1
    projection = Projection.objects.filter(pk=complaint.pk).values(*_projection_values(complaint)).get()
    assert projection == _projection_values(complaint)
    assert projection["stage"] == 3 and " stage2.response.late " in str(projection["warning_codes"])


def test_a_rebuild_in_worker_processes_gives_the_same_projections(council: Council, manager: User) -> None:
    for name in ("seed-rotherham-23013019.yaml", "seed-medway-21010819.yaml", "seed-kent-24002308.yaml"):
        call_command("import", "--council", "northshire", "--by", "manager@northshire.example", str(EXAMPLES / name))
    projections_rebuild(council=council, today=TODAY, chunk=2)
    alone = list(Projection.objects.order_by("pk").values())
    Projection.objects.all().delete()
    assert projections_rebuild(council=council, today=TODAY, chunk=2, jobs=2) == 3
    assert list(Projection.objects.order_by("pk").values()) == alone


def test_a_demo_user_signs_in_with_the_demo_password_and_the_demo_apps_code(client: Any,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    load_demo(today=TODAY)
    call_command("demo", "--code")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit() and code == demo_totp_code()
    assert client.post("/sign-in/", {"email": "officer@northshire.example", "password": DEMO_PASSWORD}).status_code == 302
    assert client.get("/")["Location"] == "/sign-in/two-factor/"  # the app is already set up
    assert client.post("/sign-in/two-factor/", {"code": code})["Location"] == "/"
    assert client.get("/").status_code == 200
