"""The five published Ombudsman decisions as acceptance tests (DOMAIN.md section 8).

Each case file in examples/ tells a seed's story; the engine must report what the decision shows
went wrong, and nothing it should not. Expected dates and working-day counts were worked out by
hand from the England and Wales bank holidays (see the comments).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from redress.core.engine import Report, replay
from redress.core.events import load_case_file

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def report_of(name: str) -> Report:
    return replay(load_case_file(EXAMPLES / name))


def codes_by_severity(report: Report, severity: str) -> set[str]:
    return {w.code for w in report.warnings if w.severity == severity}


def test_every_seed_has_a_case_file() -> None:
    assert len(sorted(EXAMPLES.glob("seed-*.yaml"))) == 5


def test_medway_statement_delay_late_panel_suspension_and_early_referral() -> None:
    report = report_of("seed-medway-21010819.yaml")
    statement = report.clock("stage2.statement")
    # Requested Mon 10 Dec 2018 + 10 WD = Mon 24 Dec 2018; agreed Mon 30 Sep 2019.
    assert statement is not None and (statement.due, statement.status) == (dt.date(2018, 12, 24), "late")
    assert statement.late_wd > 150
    panel = report.clock("stage3.panel")
    # Requested Mon 2 Dec 2019 + 30 WD (25, 26 Dec and 1 Jan skipped) = Thu 16 Jan 2020; never held.
    assert panel is not None and (panel.due, panel.status) == (dt.date(2020, 1, 16), "overdue")
    assert {"stage2.statement.late", "stage3.panel.overdue"} <= codes_by_severity(report, "fault")
    assert {"stage3.panel.scheduled-late", "early-referral.ineligible"} == codes_by_severity(report, "risk")
    # Suspended after the panel was already past due: it stays past due, and the notice was recorded.
    assert "suspension.unnotified" not in report.codes()
    assert panel.deadline.pauses[0].remaining_wd is None
    assert report.early_referral is not None
    assert (report.early_referral.eligible, report.early_referral.failing) == (False, ("not-all-upheld",))


def test_staffordshire_late_clocks_incomplete_letter_early_withdrawal_and_uncorrected_records() -> None:
    report = report_of("seed-staffordshire-19011904.yaml")
    stage1 = report.clock("stage1.response")
    # Received Thu 15 Feb 2018 + 10 WD = Thu 1 Mar 2018; responded Thu 14 Jun 2018 (Easter and two May
    # bank holidays in between): 71 working days late.
    assert stage1 is not None and (stage1.due, stage1.status, stage1.late_wd) == (dt.date(2018, 3, 1), "late", 71)
    faults = codes_by_severity(report, "fault")
    assert {"stage1.response.late", "stage1.response.incomplete", "offer.withdrawn-early",
            "stage3.panel.overdue", "action.overdue"} <= faults
    incomplete = next(w for w in report.warnings if w.code == "stage1.response.incomplete")
    assert "basis" in incomplete.message and "remedy" in incomplete.message
    assert "stage3.panel.scheduled-late" in codes_by_severity(report, "risk")
    amend = next(a for a in report.actions if a.id == "A1")
    assert (amend.status, amend.due) == ("overdue", dt.date(2018, 4, 9))
    # The late panel request had a recorded decision, so it is not reported as outside its window.
    assert "stage3.request.outside-window" not in report.codes()
    payments = [a for a in report.actions if a.source == "ombudsman" and a.id.startswith("O-P")]
    assert [a.what for a in payments] == ["Pay £200 for the humiliation at the conference",
                                          "Pay £100 for the handling of the panel request"]
    assert all(a.due == dt.date(2020, 10, 20) for a in payments)  # 22 Sep 2020 + 4 weeks


def test_rotherham_lateness_in_working_days_and_recommendations_tracked() -> None:
    report = report_of("seed-rotherham-23013019.yaml")
    stage2, panel = report.clock("stage2.response"), report.clock("stage3.panel")
    # The decision measured 38 working days late at Stage 2 and 17 in holding the panel.
    assert stage2 is not None and (stage2.status, stage2.late_wd) == ("late", 38)
    assert panel is not None and (panel.status, panel.late_wd) == ("late", 17)
    actions = {a.id: a for a in report.actions}
    # Accepted in July 2023 with no due date given: due 20 WD later (project default), done in March 2024.
    assert (actions["R2"].due, actions["R2"].status) == (dt.date(2023, 8, 16), "late")
    assert actions["PR2"].status == "overdue"
    assert actions["R1"].status == "done"
    assert {"stage2.response.late", "stage3.panel.late", "action.late", "action.overdue"} <= codes_by_severity(report, "fault")
    assert "stage2.request.outside-window" not in report.codes()  # a decision on the late request is recorded


def test_kingston_has_no_false_alarms() -> None:
    report = report_of("seed-kingston-20010224.yaml")
    assert report.warnings == ()
    assert report.status == "closed" and report.early_referral is None
    assert all(a.status == "done" for a in report.actions)
    contact = next(a for a in report.actions if a.id == "PR1")
    assert "did not attend" in contact.evidence


def test_kent_points_are_routed_to_the_right_bodies() -> None:
    report = report_of("seed-kent-24002308.yaml")
    routes = {w.code: w.message for w in report.warnings}
    assert set(routes) == {"route.social-work-england", "route.information-commissioner"}
    assert routes["route.social-work-england"].startswith("P3 ")
    assert routes["route.information-commissioner"].startswith("P1 ")
    assert all(w.severity == "info" for w in report.warnings)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_replays_from_the_command_line(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from redress.cli import main

    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("As of ") and "Clocks" in out
