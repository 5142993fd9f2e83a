"""The reporting facts of a complaint and the annual report counted from them (pure core)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bench.histories import mixed_histories
from redress.core.calendar import default_calendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.reports import (
    ComplaintFacts,
    Counts,
    annual_report,
    complaint_facts,
    count_facts,
    learning_kind,
    nearest_rank,
    reporting_year,
)
from tests.core.cases import case_data, ev, received

TWO_POINTS = [{"id": "P1", "text": "x", "about": "records"}, {"id": "P2", "text": "y", "about": "delay"}]


def facts_of(*events: dict[str, Any], today: str, points: list[dict[str, Any]] | None = None) -> ComplaintFacts:
    case = parse_case(case_data(*events, points=TWO_POINTS if points is None else points))
    report = replay(case, today=dt.date.fromisoformat(today))
    return complaint_facts(case, report, default_calendar())


def triples(facts: ComplaintFacts) -> list[tuple[str, str, str]]:
    return sorted((f.kind, f.key, f.value) for f in facts.facts)


def test_a_stage1_complaint_answered_late_gives_its_facts() -> None:
    facts = facts_of(
        received("2024-05-01", via="email"),
        ev("2024-05-29", "stage1.responded", findings={"P1": "upheld", "P2": "not-upheld"}),
        today="2024-06-03",
    )
    got = triples(facts)
    assert ("received", "role", "parent") in got
    assert ("received", "via", "email") in got
    assert ("received", "about", "records") in got and ("received", "about", "delay") in got
    assert ("received", "stage", "1") in got
    assert ("outcome", "stage 1", "upheld") in got and ("outcome", "stage 1", "not-upheld") in got
    clock = next(f for f in facts.facts if f.kind == "clock" and f.key == "stage1.response")
    assert (clock.value, clock.days, clock.on) == ("late", 18, dt.date(2024, 5, 29))  # 2-29 May, less 6 and 27 May
    # the complainant's window to ask for Stage 2 is their time: not a council timeliness figure
    assert not any(f.kind == "clock" and f.key == "stage2.request-window" for f in facts.facts)


def test_extension_suspension_panel_recommendations_and_ombudsman_are_facts() -> None:
    facts = facts_of(
        received("2024-04-02"),
        ev("2024-04-05", "stage1.extended", reason="Complex"),
        ev("2024-04-25", "stage1.responded", findings={"P1": "not-upheld", "P2": "not-upheld"}),
        ev("2024-05-01", "stage2.requested"),
        ev("2024-05-03", "stage2.statement-agreed"),
        ev("2024-05-07", "procedure.suspended", reason="Court", notified=True),
        ev("2024-05-20", "procedure.resumed", reason="Over", notified=True),
        ev("2024-06-10", "stage2.responded", findings={"P1": "upheld", "P2": "partly-upheld"},
           recommendations=[{"id": "R1", "what": "Apologise in writing", "accepted": True, "due": "20 WD"},
                            {"id": "R2", "what": "Change the policy", "accepted": False}]),
        ev("2024-06-12", "stage3.requested"),
        ev("2024-06-14", "stage3.refused", reason="No"),
        ev("2024-07-01", "ombudsman.referred"),
        ev("2024-09-02", "ombudsman.decided", outcome="upheld", fault=True, injustice=True,
           actions=[{"id": "O1", "what": "Pay £300 for distress", "due": "1 month"}]),
        ev("2024-09-10", "action.completed", id="O1"),
        today="2024-10-01",
    )
    got = triples(facts)
    assert ("extension", "stage1.response", "extended") in got
    assert ("suspension", "stage2.response", "paused") in got
    assert ("panel", "requested", "yes") in got and ("panel", "refused", "yes") in got
    assert ("panel", "held", "yes") not in got
    assert got.count(("recommendation", "stage 2", "made")) == 2
    assert got.count(("recommendation", "stage 2", "accepted")) == 1
    assert ("recommendation", "stage 2", "overdue") in got  # R1, 20 WD from 10 June, not done by 1 October
    assert ("ombudsman", "referred", "yes") in got and ("ombudsman", "decided", "upheld") in got
    assert ("remedy", "remedy", "done") in got
    assert ("learning", "payment", "ombudsman") in got and ("learning", "apology", "stage2") in got
    assert facts.stage == 3 and facts.status == "open"


@pytest.mark.parametrize(("what", "kind"), [
    ("Pay £250 for time and trouble", "payment"), ("Apologise to the family", "apology"),
    ("Amend the assessment record", "records"), ("Train the team on consent", "training"),
    ("Change the policy on contact", "policy"), ("Review practice on visits", "practice"),
    ("Write to the complainant", "communication"), ("Something else", "other"),
])
def test_learning_kind_sorts_actions_by_what_they_change(what: str, kind: str) -> None:
    assert learning_kind(what) == kind


@pytest.mark.parametrize(("values", "median", "p90"), [
    ([], None, None), ([7], 7, 7), ([1, 2], 1, 2), ([1, 2, 3], 2, 3), (list(range(1, 11)), 5, 9),
    (list(range(1, 12)), 6, 10),
])
def test_nearest_rank_percentiles(values: list[int], median: int | None, p90: int | None) -> None:
    assert (nearest_rank(values, 5), nearest_rank(values, 9)) == (median, p90)


def test_the_reporting_year_runs_1_april_to_31_march_and_counts_only_its_receipts() -> None:
    assert reporting_year(2024) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    on_edges = [facts_of(received(day), today="2025-05-01", points=TWO_POINTS[:1])
                for day in ("2024-03-28", "2024-04-01", "2025-03-31", "2025-04-01")]
    counts = count_facts(on_edges, year=2024, procedure="children-england")
    assert counts.complaints == 2
    assert counts.count("received", "role", "parent") == 2
    assert count_facts(on_edges, year=2024, procedure="adults-england").complaints == 0


def test_small_numbers_are_suppressed_and_the_report_says_so() -> None:
    this_year = Counts(7, {("received", "role", "parent"): 6, ("received", "role", "child"): 1,
                           ("clock", "stage1.response", "met"): 3, ("ombudsman", "decided", "not-upheld"): 5},
                       {"stage1.response": {"median": 4, "90th percentile": 9}})
    before = Counts(4, {("received", "role", "parent"): 4})
    report = annual_report(this_year, before, council="Test", procedure="children-england",
                           procedure_title="Children", year=2024, clock_titles={"stage1.response": "Stage 1 response"})
    received_rows = {row.label: row for row in report.sections[0].rows}
    assert received_rows["Representations received"].this_year.text == "7"
    assert received_rows["Representations received"].year_before.text == "fewer than 5"
    assert received_rows["Complainant: Parent"].this_year.value == 6
    assert received_rows["Complainant: Child"].this_year.value is None
    assert received_rows["Complainant: Child"].this_year.text == "fewer than 5"
    days = {row.label: row for row in next(s for s in report.sections if s.id == "days").rows}
    assert days["Stage 1 response: median"].this_year.text == "fewer than 5 responses"
    assert "fewer than 5" in report.suppression_note
    assert report.period == "1 April 2024 to 31 March 2025"
    ombudsman = {row.label: row for row in next(s for s in report.sections if s.id == "ombudsman").rows}
    assert ombudsman["Decided: Not upheld"].this_year.text == "5"
    higher = annual_report(this_year, before, council="Test", procedure="children-england", procedure_title="C",
                           year=2024, clock_titles={}, threshold=2)
    assert {r.label: r for r in higher.sections[0].rows}["Representations received"].year_before.text == "4"


def test_every_count_in_the_report_is_a_count_of_the_facts() -> None:
    """For generated histories of every procedure, the report's rows are the facts counted."""
    calendar = default_calendar()
    facts = []
    for data in mixed_histories(60):
        case = parse_case(data)
        facts.append(complaint_facts(case, replay(case, today=dt.date(2024, 6, 1), calendar=calendar), calendar))
    for procedure in {f.procedure for f in facts}:
        for year in (2019, 2020, 2021, 2022):
            counts = count_facts(facts, year=year, procedure=procedure)
            start, end = reporting_year(year)
            mine = [f for f in facts if f.procedure == procedure and start <= f.received_on <= end]
            assert counts.complaints == len(mine)
            report = annual_report(counts, Counts(), council="T", procedure=procedure, procedure_title="",
                                   year=year, clock_titles={}, threshold=0)
            for section in report.sections:
                for row in section.rows:
                    if row.key is not None:
                        assert row.this_year.value == sum(
                            1 for f in mine for fact in f.facts if (fact.kind, fact.key, fact.value) == row.key)


def test_a_closed_or_withdrawn_complaint_says_when_it_ended() -> None:
    closed = facts_of(received("2024-05-01"), ev("2024-05-10", "complaint.withdrawn", reason="Resolved"),
                      today="2024-06-01")
    assert (closed.status, closed.ended_on) == ("withdrawn", dt.date(2024, 5, 10))
    still_open = facts_of(received("2024-05-01"), today="2024-06-01")
    assert still_open.ended_on is None
    as_it_stood = facts_of(received("2024-05-01"), ev("2024-05-10", "complaint.closed"), today="2024-05-09")
    assert (as_it_stood.status, as_it_stood.ended_on) == ("open", None)
