"""`redress replay`: the readable report, --json, --today, and one-line errors with exit 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from redress.cli import main
from redress.core.engine import replay
from redress.core.events import load_case_file

SCENARIOS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "scenarios"
needs_scenarios = pytest.mark.skipif(not SCENARIOS.exists(), reason="../shared/conformance is not beside the checkout")
SCENARIO_FILES = sorted(p.name for p in SCENARIOS.glob("*.yaml")) if SCENARIOS.exists() else []


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["replay", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@needs_scenarios
@pytest.mark.parametrize("name", SCENARIO_FILES)
def test_json_is_exactly_the_engines_report(capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = SCENARIOS / name
    code, out, err = run(capsys, str(path), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == replay(load_case_file(path)).to_json()


@needs_scenarios
def test_the_readable_report_has_the_stage_clocks_warnings_and_early_referral(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(SCENARIOS / "c1-stage1-late.yaml"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "As of Wed 10 Aug 2022, Example Borough Council"
    assert "Stage 2, open" in lines
    assert "Clocks" in lines
    # Received Sat 4 Jun 2022, extended to 20 WD: Thu 2 and Fri 3 Jun were bank holidays but come before the
    # start; Mon 6 Jun is day 1, so day 20 is Fri 1 Jul. Responded Mon 4 Jul: 1 WD late.
    assert any(line.split() == ["Stage", "1", "response", "Sat", "4", "Jun", "2022", "20", "WD", "Fri", "1", "Jul",
                                "2022", "Mon", "4", "Jul", "2022", "late", "by", "1", "WD"] for line in lines)
    assert "  fault  stage1.response.late: Stage 1 response sent 1 working day after its deadline (1 Jul 2022)" in lines
    assert lines[-1] == "Early referral to the Ombudsman: Not eligible: the Stage 2 response has not been sent."
    assert "Actions" not in lines and "Offers" not in lines


@needs_scenarios
def test_the_readable_report_lists_actions_and_offers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SCENARIOS / "c3-promises.yaml"))
    assert code == 0
    lines = out.splitlines()
    assert "Actions" in lines and "Offers" in lines
    assert any(line.split()[:2] == ["A1", "Amend"] and line.endswith("late by 5 WD") for line in lines)
    assert any(line.split()[:1] == ["O1"] and line.endswith("withdrawn") for line in lines)


def _write(tmp_path: Path, data: object, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False) if name.endswith(".yaml") else json.dumps(data))
    return path


CASE = {
    "council": "Example Council",
    "points": [{"id": "P1", "text": "No reply", "about": "communication"}],
    "events": [
        {"date": "2023-09-04", "type": "complaint.received", "complainant": {"role": "child"}},
        {"date": "2023-09-20", "type": "stage1.responded", "findings": {"P1": "upheld"}},
        {"date": "2023-09-21", "type": "complaint.closed"},
    ],
}


def test_today_judges_the_complaint_as_it_stood(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write(tmp_path, CASE)
    # As of Fri 15 Sep 2023 the response (Wed 20 Sep) had not been sent: due Mon 18 Sep, still running.
    code, out, _ = run(capsys, str(path), "--today", "2023-09-15", "--json")
    data = json.loads(out)
    assert (code, data["today"], data["status"]) == (0, "2023-09-15", "open")
    assert data["clocks"][0]["status"] == "running"
    code, out, _ = run(capsys, str(path), "--json")
    data = json.loads(out)
    assert (data["today"], data["status"], data["early_referral"]) == ("2023-09-21", "closed", None)
    assert data == replay(load_case_file(path), today=dt.date(2023, 9, 21)).to_json()


def test_a_quiet_case_says_it_has_no_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiet = {"events": [{"date": "2023-09-04", "type": "complaint.received", "complainant": {"role": "parent"}},
                        {"date": "2023-09-05", "type": "procedure.suspended", "reason": "Court", "notified": True}]}
    code, out, _ = run(capsys, str(_write(tmp_path, quiet, "quiet.json")))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "As of Tue 5 Sep 2023"
    assert "Stage 1, open (suspended)" in lines
    assert "Warnings: none" in lines
    assert any(line.split()[-1:] == ["paused"] and " - " in line for line in lines)


def test_a_closed_case_has_no_early_referral_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, str(_write(tmp_path, CASE)))
    assert code == 0
    assert "Stage 1, closed" in out.splitlines()
    assert "Early referral" not in out


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("none", ["absent.yaml"], "redress replay: {dir}/absent.yaml: no such file"),
        ("none", ["."], "redress replay: .: a folder, not a case file"),
        ("malformed", ["case.yaml"], "redress replay: {dir}/case.yaml: not valid YAML at line 3: "),
        ("valid", ["case.yaml", "--today", "2023-02-30"],
         "redress replay: '2023-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2023-05-05"),
        ("valid", ["case.yaml", "--today", "yesterday"], "redress replay: 'yesterday' is not a date"),
        ("running", ["case.yaml", "--today", "2101-06-01"], "redress replay: {dir}/case.yaml: cannot judge the complaint as "
         "of 2101-06-01: 2101-06-01 is outside the calendar, which covers 1990 to 2100"),
        ("invalid", ["case.yaml"], "redress replay: {dir}/case.yaml: event 2 (stage3.requested): This can only be "
         "recorded after the Stage 2 response."),
        ("unknown", ["case.yaml"], "redress replay: {dir}/case.yaml: event 2 (stage4.requested): unknown event type "
         "'stage4.requested'; the types are listed in SCENARIOS.md"),
        ("none", [], "redress replay: the following arguments are required: file"),
        ("valid", ["case.yaml", "--csv"], "redress replay: unrecognized arguments: --csv"),
    ],
)
def test_every_error_is_one_line_on_stderr_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    setup: str, args: list[str], message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    received = CASE["events"][0]  # type: ignore[index]
    if setup == "malformed":
        (tmp_path / "case.yaml").write_text("events:\n  - {date: 2023-09-04, type: [\n")
    elif setup == "valid":
        _write(tmp_path, CASE)
    elif setup == "running":
        _write(tmp_path, {"events": [received]})
    elif setup == "invalid":
        _write(tmp_path, {"events": [received, {"date": "2023-09-05", "type": "stage3.requested"}]})
    elif setup == "unknown":
        _write(tmp_path, {"events": [received, {"date": "2023-09-05", "type": "stage4.requested"}]})
    args = [str(tmp_path / a) if a in ("absent.yaml", "case.yaml") else a for a in args]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and len(err.splitlines()) == 1
    assert err.startswith(message.format(dir=tmp_path))
    assert "Traceback" not in err
