"""The reporting table is kept by the projection, and its SQL aggregates agree with replaying each history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bench.histories import PROCEDURES
from redress.complaints.models import Complaint
from redress.complaints.projections import projections_rebuild
from redress.complaints.services import complaint_record_event
from redress.core.reports import count_facts
from redress.councils.models import Council, User
from redress.reports.models import ReportComplaint, ReportFact
from redress.reports.selectors import annual_counts
from tests.reports.conftest import TODAY, python_facts

YEARS = range(2018, 2025)


def assert_sql_agrees_with_replay(council: Council, generated: list[tuple[Complaint, dict[str, Any]]],
                                  today: dt.date = TODAY) -> int:
    facts = [python_facts(data, today) for _, data in generated]
    compared = 0
    for procedure in PROCEDURES:
        for year in YEARS:
            expected = count_facts(facts, year=year, procedure=procedure)
            got = annual_counts(council=council, procedure=procedure, year=year)
            assert got == expected, (procedure, year)
            compared += expected.complaints
    return compared


def test_the_sql_report_agrees_exactly_with_counting_replayed_histories(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    compared = assert_sql_agrees_with_replay(every_procedure_council, generated)
    assert compared == len(generated)  # every history falls in one of the years, so every one was compared
    kinds = set(ReportFact.objects.values_list("kind", flat=True))
    assert {"received", "outcome", "clock", "extension", "suspension", "panel", "recommendation",
            "ombudsman", "remedy", "learning"} <= kinds  # the generator reaches every section
    assert set(ReportComplaint.objects.values_list("procedure", flat=True)) == set(PROCEDURES)


def test_a_rebuild_replaces_the_rows_and_still_agrees(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    later = dt.date(2026, 1, 5)  # open clocks and actions have gone overdue since
    before = ReportFact.objects.count()
    ReportFact.objects.filter(kind="received").delete()  # a damaged table is put right by the rebuild
    assert projections_rebuild(council=every_procedure_council, today=later, chunk=70) == len(generated)  # chunks of over 1,000 facts: COPY on PostgreSQL
    assert ReportComplaint.objects.count() == len(generated)
    assert set(ReportComplaint.objects.values_list("computed_on", flat=True)) == {later}
    assert ReportFact.objects.count() == before
    assert_sql_agrees_with_replay(every_procedure_council, generated, later)


def test_recording_an_event_updates_the_rows_in_the_same_transaction(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], manager: User
) -> None:
    complaint, data = next((c, d) for c, d in generated
                           if d["procedure"] == "children-england" and d["events"][-1]["type"] != "complaint.closed"
                           and not any(e["type"].startswith("ombudsman") for e in d["events"]))
    manager.council = every_procedure_council
    manager.save()
    event = {"date": TODAY.isoformat(), "type": "ombudsman.referred"}
    complaint_record_event(complaint=complaint, event=event, by=manager, today=TODAY)
    facts = ReportFact.objects.filter(complaint=complaint)
    assert facts.filter(kind="ombudsman", key="referred", on=TODAY).count() == 1
    expected = sorted((f.kind, f.key, f.value, f.on, f.days)
                      for f in python_facts({**data, "events": [*data["events"], event]}).facts)
    assert sorted(facts.values_list("kind", "key", "value", "on", "days")) == expected


def test_a_refused_event_leaves_the_rows_as_they_were(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], manager: User
) -> None:
    from redress.councils.errors import DomainError

    complaint, _ = generated[0]
    manager.council = every_procedure_council
    manager.save()
    rows = sorted(ReportFact.objects.filter(complaint=complaint).values_list("kind", "key", "value", "on"))
    with pytest.raises(DomainError):
        complaint_record_event(complaint=complaint, event={"date": TODAY.isoformat(), "type": "stage3.panel-held"},
                               by=manager, today=TODAY)
    assert sorted(ReportFact.objects.filter(complaint=complaint).values_list("kind", "key", "value", "on")) == rows


def test_another_councils_complaints_are_not_counted(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], other_council: Council
) -> None:
    for year in YEARS:
        assert annual_counts(council=other_council, procedure="children-england", year=year).complaints == 0
