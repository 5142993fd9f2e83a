"""`redress import`: who records it (`--by`), the case-file reader `replay` uses, and the input limits."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from redress.cli import main
from redress.complaints.models import Complaint, Event
from redress.councils.models import AuditEntry, Council, User
from tests.conftest import make_user
from tests.core.test_limits import ALIAS_BOMB

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = EXAMPLES / "seed-kent-24002308.yaml"
BY = "manager@northshire.example"  # the seed files hold managers' decisions (closing a complaint)


def case_file(tmp_path: Path, name: str, events: str, extra: str = "") -> Path:
    path = tmp_path / name
    path.write_text(f"points:\n  - {{id: P1, text: Delay, about: delay}}\n{extra}events:\n{events}", encoding="utf-8")
    return path


def run_import(*files: Path, by: str = BY) -> tuple[str, CommandError | None]:
    """The import's report (its stdout) and the CommandError it ended with, if any."""
    out = io.StringIO()
    try:
        call_command("import", "--council", "northshire", "--by", by, *map(str, files), stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_the_import_records_the_operator_given_by_by(council: Council, manager: User) -> None:
    out, error = run_import(GOOD, by="MANAGER@northshire.example")
    assert error is None, out
    complaint = Complaint.objects.get()
    assert complaint.created_by == manager
    assert set(Event.objects.values_list("recorded_by", flat=True)) == {manager.pk}
    assert set(AuditEntry.objects.filter(object_type="complaint").values_list("actor", flat=True)) == {manager.pk}


def test_an_officer_cannot_import_a_file_holding_a_managers_decision(council: Council, officer: User) -> None:
    out, error = run_import(GOOD, by=officer.email)
    assert error is not None
    assert "Event 4 (complaint.closed): only a complaints manager can close the complaint" in out
    assert not Complaint.objects.exists()


def test_by_is_required(council: Council, officer: User) -> None:
    with pytest.raises(CommandError, match="the following arguments are required: --by"):
        call_command("import", "--council", "northshire", str(GOOD))
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@northshire.example", "--by: nobody has the email 'nobody@northshire.example'"),
        ("officer@southborough.example", "--by: officer@southborough.example is not in Northshire County Council"),
        ("readonly@northshire.example", "--by: readonly@northshire.example is read only; "
                                        "only an active complaints manager or officer can record complaints"),
        ("gone@northshire.example", "--by: gone@northshire.example has been switched off; "
                                    "only an active complaints manager or officer can record complaints"),
    ],
)
def test_by_must_be_an_active_caseworker_of_the_council(
    council: Council, officer: User, reader: User, other_officer: User, email: str, message: str
) -> None:
    gone = make_user(council, officer.role, "gone@northshire.example")
    gone.is_active = False
    gone.save()
    out, error = run_import(GOOD, by=email)
    assert error is not None and str(error) == message and error.returncode == 2
    assert out == "" and not Complaint.objects.exists()


def test_a_bad_by_on_the_command_line_is_one_line_and_exit_2(
    council: Council, officer: User, manager: User, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import", "--council", "northshire", "--by", "nobody@x.example", str(GOOD)])
    assert exited.value.code == 2
    assert capsys.readouterr().err == "CommandError: --by: nobody has the email 'nobody@x.example'\n"


def test_an_alias_bomb_is_refused_at_once_and_the_rest_of_the_batch_imported(
    council: Council, officer: User, manager: User, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB, encoding="utf-8")
    started = time.perf_counter()
    out, error = run_import(bomb, GOOD)
    assert time.perf_counter() - started < 10
    assert error is not None and error.returncode == 2
    assert f"  refused  {bomb}: not valid YAML at line 2: aliases (*name) are not allowed in a case file" in out.splitlines()
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2023-02-30", "event 1 (complaint.received): date: 2023-02-30 is not a real date"),
        ("2023-13-01", "event 1 (complaint.received): date: 2023-13-01 is not a real date"),
        ("0000-01-01", "event 1 (complaint.received): date: 0000-01-01 is not a real date"),
        ("2023-09-04 10:00:00", "event 1 (complaint.received): date: '2023-09-04 10:00:00' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_date_replay_refuses_is_refused_by_import_too_and_the_batch_goes_on(
    council: Council, officer: User, manager: User, tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str, message: str
) -> None:
    bad = case_file(tmp_path, "bad.yaml", f"  - {{date: {date}, type: complaint.received, complainant: {{role: parent}}}}\n")
    assert main(["replay", str(bad)]) == 2
    assert capsys.readouterr().err == f"redress replay: {bad}: {message}\n"
    out, error = run_import(bad, GOOD)
    assert error is not None and error.returncode == 2
    assert f"  refused  {bad}: {message}" in out.splitlines()
    assert Complaint.objects.count() == 1


def test_a_json_case_file_is_read_by_the_same_reader(council: Council, manager: User, tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{"points": [], "events": [{"date": "2023-02-30", "type": "complaint.received"}', encoding="utf-8")
    out, error = run_import(path)
    assert error is not None
    assert f"  refused  {path}: not valid JSON: Expecting ',' delimiter at line 1" in out.splitlines()


@pytest.mark.parametrize(
    ("setting", "value", "events", "extra", "message"),
    [
        ("REDRESS_MAX_EVENTS_PER_COMPLAINT", 1,
         "  - {date: 2024-01-08, type: complaint.received, complainant: {role: parent}}\n"
         "  - {date: 2024-01-09, type: advocacy.offered}\n", "",
         "the file has 2 events; one complaint may have at most 1"),
        ("REDRESS_MAX_POINTS", 1, "  - {date: 2024-01-08, type: complaint.received, complainant: {role: parent}}\n",
         "", "the file has 2 points; one complaint may have at most 1"),
        ("REDRESS_MAX_TEXT_LENGTH", 100,
         "  - {date: 2024-01-08, type: complaint.received, complainant: {role: parent}, via: " + "x" * 101 + "}\n", "",
         "via is longer than 100 characters"),
        ("REDRESS_MAX_BODY_BYTES", 100, "  - {date: 2024-01-08, type: complaint.received, complainant: {role: parent}}\n",
         "council: " + "x" * 100 + "\n", "the file is "),
        ("REDRESS_MAX_POINTS", 50,
         '  - {date: 2024-01-08, type: complaint.received, complainant: {role: parent}, note: "a\\0b"}\n', "",
         "note contains a NUL character (\\u0000), which cannot be stored; remove it"),
    ],
)
def test_a_file_over_a_limit_is_refused_naming_it(
    council: Council, officer: User, manager: User, tmp_path: Path, settings: Settings,
    setting: str, value: int, events: str, extra: str, message: str,
) -> None:
    setattr(settings, setting, value)
    path = case_file(tmp_path, "big.yaml", events, extra)
    if setting == "REDRESS_MAX_POINTS" and value == 1:
        path.write_text(path.read_text().replace("points:\n", "points:\n  - {id: P2, text: Rude, about: practice}\n"))
    out, error = run_import(path)
    assert error is not None and error.returncode == 2
    refused = [line for line in out.splitlines() if line.startswith("  refused")]
    assert len(refused) == 1 and message in refused[0], out
    assert not Complaint.objects.exists()


def test_a_refusal_of_the_service_for_the_operator_is_a_refused_line(
    council: Council, officer: User, manager: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whichever way the service refuses (a domain rule, or a role the operator lacks), the batch goes on.
    def refuse(**_: Any) -> Any:
        raise PermissionDenied("Only a complaints manager can record stage2.extended")

    monkeypatch.setattr("redress.complaints.management.commands.import.complaint_import", refuse)
    out, error = run_import(GOOD)
    assert error is not None and error.returncode == 2
    assert f"  refused  {GOOD}: Only a complaints manager can record stage2.extended" in out.splitlines()


@pytest.mark.parametrize(("name", "procedure"), [("adults-on-time.yaml", "adults-england"),
                                                 ("wales-on-time.yaml", "children-wales")])
def test_a_procedure_the_council_does_not_run_is_refused_and_nothing_saved(
    council: Council, manager: User, name: str, procedure: str
) -> None:
    out, error = run_import(EXAMPLES / name)
    assert error is not None
    assert f"your council does not run the procedure {procedure}" in out
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(("name", "procedure"), [("adults-on-time.yaml", "adults-england"),
                                                 ("wales-on-time.yaml", "children-wales")])
def test_a_procedure_the_council_runs_is_imported(council: Council, manager: User, name: str, procedure: str) -> None:
    council.procedures = f"children-england {procedure}"
    council.save(update_fields=["procedures"])
    out, error = run_import(EXAMPLES / name)
    assert error is None, out
    complaint = Complaint.objects.get()
    assert complaint.procedure == procedure
    assert complaint.projection.procedure == procedure
