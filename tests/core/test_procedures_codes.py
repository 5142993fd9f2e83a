"""housing-code and corporate-code (the Ombudsmen's Complaint Handling Codes), procedure.changed and procedure.likely-wrong.

Table-driven: each row would fail if a limit, an extension rule or a warning broke. Both codes share one
shape (`procedures/two_stage`), so most rows run for each, with its own event and clock names.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from redress.core.calendar import default_calendar
from redress.core.clocks import clock_named, compute_deadline
from redress.core.commands.replay import render
from redress.core.definitions import ClockError
from redress.core.engine import Report, replay
from redress.core.events import CaseFileError, parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.rules import check_history, next_events
from redress.core.table import RuleViolation
from tests.core.cases import POINTS, ev

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = dt.date
CODES = {"housing-code": "housing", "corporate-code": "corporate"}


def _case(procedure: str, *events: dict[str, Any], today: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"procedure": procedure, "points": POINTS, "events": list(events)}
    if today:
        data["today"] = today
    return data


def _report(procedure: str, *events: dict[str, Any], today: str | None = None) -> Report:
    return replay(parse_case(_case(procedure, *events, today=today)))


def _received(date: str = "2024-05-03", role: str = "other", **fields: Any) -> dict[str, Any]:
    return ev(date, "complaint.received", complainant={"role": role}, **fields)


# --- limits -------------------------------------------------------------------------------------

# Fri 3 May 2024 is the start; Mon 6 May and Mon 27 May 2024 are bank holidays.
LIMITS = [
    ("acknowledgement", 5, None, D(2024, 5, 13)),
    ("stage1.response", 10, 20, D(2024, 5, 20)),
    ("stage2.acknowledgement", 5, None, D(2024, 5, 13)),
    ("stage2.response", 20, 40, D(2024, 6, 4)),
]


@pytest.mark.parametrize("procedure", CODES)
@pytest.mark.parametrize(("clock", "limit", "ceiling", "due"), LIMITS, ids=[row[0] for row in LIMITS])
def test_each_code_clock_has_its_limit_and_ceiling(procedure: str, clock: str, limit: int, ceiling: int | None,
                                                   due: dt.date) -> None:
    definition = clock_named(f"{procedure}.{clock}")
    assert (definition.limit_wd, definition.max_wd) == (limit, ceiling)
    assert compute_deadline(definition, D(2024, 5, 3), default_calendar()).due == due
    assert procedure_named(procedure).clocks[definition.name] is definition
    assert definition.source.startswith(("Housing Ombudsman Complaint Handling Code", "LGSCO Complaint Handling Code"))


@pytest.mark.parametrize("procedure", CODES)
def test_the_clocks_start_from_the_codes_steps(procedure: str) -> None:
    p = CODES[procedure]
    starts = {c.name.removeprefix(procedure + "."): c.starts_on for c in procedure_named(procedure).clocks.values()}
    assert starts == {"acknowledgement": "complaint.received", "stage1.response": f"{p}.acknowledged",
                      "stage2.acknowledgement": f"{p}.stage2.requested", "stage2.response": f"{p}.stage2.acknowledged"}


def test_the_housing_code_cites_its_paragraphs() -> None:
    docs = {name: clock.source for name, clock in procedure_named("housing-code").clocks.items()}
    assert "para 6.2" in docs["housing-code.acknowledgement"]
    assert "para 6.3" in docs["housing-code.stage1.response"] and "para 6.4" in docs["housing-code.stage1.response"]
    assert "para 6.11" in docs["housing-code.stage2.acknowledgement"]
    assert "project decision" in docs["housing-code.stage2.response"]  # the +20 ceiling is not confirmed


EXTENSIONS = [  # stage, to_wd given, the limit it gives
    (1, None, 20), (1, 11, 11), (1, 20, 20), (2, None, 40), (2, 21, 21), (2, 40, 40),
]


def _to_stage2(p: str) -> list[dict[str, Any]]:
    return [ev("2024-05-07", f"{p}.acknowledged"), ev("2024-05-08", f"{p}.stage1.responded", findings={"P1": "upheld"}),
            ev("2024-05-09", f"{p}.stage2.requested"), ev("2024-05-10", f"{p}.stage2.acknowledged")]


@pytest.mark.parametrize("procedure", CODES)
@pytest.mark.parametrize(("stage", "to_wd", "limit"), EXTENSIONS)
def test_each_stage_extends_by_up_to_its_limit(procedure: str, stage: int, to_wd: int | None, limit: int) -> None:
    p = CODES[procedure]
    before = [ev("2024-05-07", f"{p}.acknowledged")] if stage == 1 else _to_stage2(p)
    fields = {"reason": "Complex", "reasons_told": True} | ({"to_wd": to_wd} if to_wd else {})
    report = _report(procedure, _received(), *before, ev("2024-05-13", f"{p}.stage{stage}.extended", **fields))
    clock = report.clock(f"{procedure}.stage{stage}.response")
    assert clock is not None and clock.limit_wd == limit
    assert report.codes() == set()


BEYOND = [(1, 21, "Stage 1 can be extended by up to 10 working days, to between 11 and 20 working days in all, not 21"),
          (1, 10, "to between 11 and 20 working days in all, not 10"),
          (2, 41, "Stage 2 can be extended by up to 20 working days, to between 21 and 40 working days in all, not 41"),
          (2, 20, "to between 21 and 40 working days in all, not 20")]


@pytest.mark.parametrize("procedure", CODES)
@pytest.mark.parametrize(("stage", "to_wd", "message"), BEYOND)
def test_an_extension_beyond_the_limit_is_refused_naming_the_event_and_rule(procedure: str, stage: int, to_wd: int,
                                                                           message: str) -> None:
    p = CODES[procedure]
    before = [ev("2024-05-07", f"{p}.acknowledged")] if stage == 1 else _to_stage2(p)
    extension = ev("2024-05-13", f"{p}.stage{stage}.extended", to_wd=to_wd, reason="Complex", reasons_told=True)
    with pytest.raises(RuleViolation) as refused:
        _report(procedure, _received(), *before, extension)
    assert message in refused.value.message
    assert refused.value.code == f"stage{stage}-extension-within-limit"
    assert refused.value.located().startswith(f"event {len(before) + 2} ({p}.stage{stage}.extended): ")
    with pytest.raises(ClockError):
        clock_named(f"{procedure}.stage{stage}.response").limit_for(to_wd + 40)


# --- warnings -----------------------------------------------------------------------------------


def _warning_rows(p: str, c: str) -> list[tuple[str, list[dict[str, Any]], str | None, set[str]]]:
    answered = ev("2024-05-08", f"{p}.stage1.responded", findings={"P1": "upheld"})
    return [
        ("acknowledged on day 5", [ev("2024-05-13", f"{p}.acknowledged")], "2024-05-13", set()),
        ("acknowledged on day 6", [ev("2024-05-14", f"{p}.acknowledged")], "2024-05-14", {f"{c}.acknowledgement.late"}),
        ("no acknowledgement by day 6", [], "2024-05-14", {f"{c}.acknowledgement.overdue"}),
        ("stage 1 on day 10 of the acknowledgement", [
            ev("2024-05-07", f"{p}.acknowledged"), ev("2024-05-21", f"{p}.stage1.responded", findings={"P1": "upheld"})],
         None, set()),
        ("stage 1 on day 11", [
            ev("2024-05-07", f"{p}.acknowledged"), ev("2024-05-22", f"{p}.stage1.responded", findings={"P1": "upheld"})],
         None, {f"{c}.stage1.response.late"}),
        ("stage 1 unanswered on day 11", [ev("2024-05-07", f"{p}.acknowledged")], "2024-05-22",
         {f"{c}.stage1.response.overdue"}),
        ("stage 1 extended with reasons, answered on day 20", [
            ev("2024-05-07", f"{p}.acknowledged"),
            ev("2024-05-10", f"{p}.stage1.extended", reason="Survey", reasons_told=True),
            ev("2024-06-05", f"{p}.stage1.responded", findings={"P1": "upheld"})], None, set()),
        ("stage 1 extended with reasons, answered on day 21", [
            ev("2024-05-07", f"{p}.acknowledged"),
            ev("2024-05-10", f"{p}.stage1.extended", reason="Survey", reasons_told=True),
            ev("2024-06-06", f"{p}.stage1.responded", findings={"P1": "upheld"})], None, {f"{c}.stage1.response.late"}),
        ("stage 1 extended without the reasons told", [
            ev("2024-05-07", f"{p}.acknowledged"), ev("2024-05-10", f"{p}.stage1.extended", reason="Survey")],
         "2024-05-10", {f"{p}.extension.unexplained"}),
        ("stage 2 asked for once stage 1 is overdue", [
            ev("2024-05-07", f"{p}.acknowledged"), ev("2024-05-22", f"{p}.stage2.requested")], "2024-05-22",
         {f"{c}.stage1.response.overdue"}),
        ("stage 2 acknowledged on day 6", [
            ev("2024-05-07", f"{p}.acknowledged"), answered, ev("2024-05-09", f"{p}.stage2.requested"),
            ev("2024-05-17", f"{p}.stage2.acknowledged")], None, {f"{c}.stage2.acknowledgement.late"}),
        ("stage 2 on day 20 of its acknowledgement, with the Ombudsman", [
            *_to_stage2(p), ev("2024-06-10", f"{p}.stage2.responded", findings={"P1": "upheld"}, ombudsman_details=True)],
         None, set()),
        ("stage 2 on day 21", [
            *_to_stage2(p), ev("2024-06-11", f"{p}.stage2.responded", findings={"P1": "upheld"}, ombudsman_details=True)],
         None, {f"{c}.stage2.response.late"}),
        ("stage 2 extended to 40 with reasons, answered on day 40", [
            *_to_stage2(p), ev("2024-05-13", f"{p}.stage2.extended", reason="Survey", reasons_told=True),
            ev("2024-07-08", f"{p}.stage2.responded", findings={"P1": "upheld"}, ombudsman_details=True)], None, set()),
        ("stage 2 extended without the reasons told", [
            *_to_stage2(p), ev("2024-05-13", f"{p}.stage2.extended", reason="Survey")], "2024-05-13",
         {f"{p}.extension.unexplained"}),
        ("a final response without the Ombudsman's details", [
            *_to_stage2(p), ev("2024-05-20", f"{p}.stage2.responded", findings={"P1": "upheld"})], None,
         {f"{p}.response.no-ombudsman-details"}),
        ("stage 2 refused with the Ombudsman's details", [
            ev("2024-05-07", f"{p}.acknowledged"), answered, ev("2024-05-09", f"{p}.stage2.requested"),
            ev("2024-05-10", f"{p}.stage2.refused", reason="Excluded", ombudsman_details=True)], "2024-12-01",
         {f"{p}.stage2.refused"}),
        ("stage 2 refused without them", [
            ev("2024-05-07", f"{p}.acknowledged"), answered, ev("2024-05-09", f"{p}.stage2.requested"),
            ev("2024-05-10", f"{p}.stage2.refused", reason="Excluded")], None,
         {f"{p}.stage2.refused", f"{p}.response.no-ombudsman-details"}),
        ("referred before stage 2", [ev("2024-05-07", f"{p}.acknowledged"), answered,
                                     ev("2024-05-09", "ombudsman.referred")], None, {f"{p}.referral.premature"}),
        ("referred after the final response", [
            *_to_stage2(p), ev("2024-05-20", f"{p}.stage2.responded", findings={"P1": "upheld"}, ombudsman_details=True),
            ev("2024-05-21", "ombudsman.referred")], None, set()),
        ("referred after a refusal", [
            ev("2024-05-07", f"{p}.acknowledged"), answered, ev("2024-05-09", f"{p}.stage2.requested"),
            ev("2024-05-10", f"{p}.stage2.refused", reason="Excluded", ombudsman_details=True),
            ev("2024-05-13", "ombudsman.referred")], None, {f"{p}.stage2.refused"}),
        ("withdrawn, so nothing is overdue", [ev("2024-05-07", f"{p}.acknowledged"),
                                              ev("2024-05-08", "complaint.withdrawn")], "2024-12-01", set()),
    ]


WARNINGS = [(procedure, *row) for procedure, p in CODES.items() for row in _warning_rows(p, procedure)]


@pytest.mark.parametrize(("procedure", "name", "events", "today", "codes"), WARNINGS,
                         ids=[f"{row[0]}: {row[1]}" for row in WARNINGS])
def test_code_warnings(procedure: str, name: str, events: list[dict[str, Any]], today: str | None,
                       codes: set[str]) -> None:
    report = _report(procedure, _received(), *events, today=today)
    assert report.codes() == codes
    assert report.early_referral is None
    assert report.procedure == procedure and report.procedure_changes == ()


def test_a_refusal_says_what_the_code_requires_and_stage_2_findings_are_kept() -> None:
    p = "housing"
    report = _report("housing-code", _received(), *_to_stage2(p),
                     ev("2024-05-20", f"{p}.stage2.responded", findings={"P1": "not-upheld"}, ombudsman_details=True))
    assert report.findings == {"P1": {1: "upheld", 2: "not-upheld"}} and report.stage == 2
    refused = _report("housing-code", _received(), ev("2024-05-07", "housing.acknowledged"),
                      ev("2024-05-08", "housing.stage1.responded", findings={"P1": "upheld"}),
                      ev("2024-05-09", "housing.stage2.requested"), ev("2024-05-10", "housing.stage2.refused", reason="X"))
    messages = {w.code: w.message for w in refused.warnings}
    assert "the Housing Ombudsman" in messages["housing.stage2.refused"]
    assert messages["housing.response.no-ombudsman-details"] == (
        "The refusal of Stage 2 of 10 May 2024 does not record giving the resident the details of the Housing Ombudsman")


def _refusal_rows(p: str) -> list[tuple[str, list[dict[str, Any]], str]]:
    ack = ev("2024-05-07", f"{p}.acknowledged")
    answered = ev("2024-05-08", f"{p}.stage1.responded", findings={"P1": "upheld"})
    request = ev("2024-05-09", f"{p}.stage2.requested")
    return [
        ("acknowledged twice", [ack, ev("2024-05-08", f"{p}.acknowledged")], "before the acknowledgement"),
        ("stage 1 extended before the acknowledgement", [ev("2024-05-07", f"{p}.stage1.extended", reason="x")],
         "after the acknowledgement"),
        ("stage 1 extended twice", [ack, ev("2024-05-08", f"{p}.stage1.extended", reason="x", reasons_told=True),
                                    ev("2024-05-09", f"{p}.stage1.extended", reason="x", reasons_told=True)],
         "before an extension of Stage 1"),
        ("stage 1 answered twice", [ack, answered, ev("2024-05-09", f"{p}.stage1.responded", findings={"P1": "upheld"})],
         "before the Stage 1 response"),
        ("stage 2 before stage 1 is answered or late", [ack, ev("2024-05-08", f"{p}.stage2.requested")],
         "Stage 2 can be asked for once the Stage 1 response is sent or its deadline (21 May 2024) has passed"),
        ("stage 2 with no acknowledgement at all", [ev("2024-05-08", f"{p}.stage2.requested")],
         "not yet set: the complaint has not been acknowledged"),
        ("stage 2 acknowledged before the request", [ack, answered, ev("2024-05-09", f"{p}.stage2.acknowledged")],
         "after the Stage 2 request"),
        ("stage 2 extended before its acknowledgement", [ack, answered, request,
                                                        ev("2024-05-10", f"{p}.stage2.extended", reason="x")],
         "after the Stage 2 acknowledgement"),
        ("refused after the acknowledgement", [*_to_stage2(p), ev("2024-05-13", f"{p}.stage2.refused", reason="x")],
         "before the Stage 2 acknowledgement"),
        ("answered after a refusal", [ack, answered, request, ev("2024-05-10", f"{p}.stage2.refused", reason="x"),
                                      ev("2024-05-13", f"{p}.stage2.responded", findings={"P1": "upheld"})],
         "before the refusal of Stage 2"),
        ("a finding for an unknown point", [ack, ev("2024-05-08", f"{p}.stage1.responded", findings={"P9": "upheld"})],
         "There is no point P9"),
        ("a children's event", [ev("2024-05-07", "stage1.responded", findings={"P1": "upheld"})],
         "is not an event of the procedure"),
        ("the other code's event", [ev("2024-05-07", f"{'corporate' if p == 'housing' else 'housing'}.acknowledged")],
         "is not an event of the procedure"),
    ]


REFUSALS = [(procedure, *row) for procedure, p in CODES.items() for row in _refusal_rows(p)]


@pytest.mark.parametrize(("procedure", "name", "events", "message"), REFUSALS,
                         ids=[f"{row[0]}: {row[1]}" for row in REFUSALS])
def test_code_events_out_of_place_are_refused_saying_why(procedure: str, name: str, events: list[dict[str, Any]],
                                                         message: str) -> None:
    with pytest.raises(RuleViolation, match=re.escape(message)):
        _report(procedure, _received(), *events)


def test_a_housing_event_in_the_childrens_procedure_is_refused() -> None:
    with pytest.raises(RuleViolation, match=r"housing\.acknowledged is not an event of the procedure children-england"):
        _report("children-england", _received(), ev("2024-05-07", "housing.acknowledged"))


# --- procedure.changed ----------------------------------------------------------------------------

MOVE = ev("2024-05-10", "procedure.changed", to="children-england", reason="A statutory representation")


def test_a_change_stops_the_old_clocks_and_starts_the_new_as_if_received_that_day() -> None:
    report = _report("corporate-code", _received(role="parent"), ev("2024-05-07", "corporate.acknowledged"), MOVE,
                     today="2024-05-28")
    clocks = {c.name: c for c in report.clocks}
    assert list(clocks) == ["corporate-code.acknowledgement", "corporate-code.stage1.response", "stage1.response"]
    assert clocks["corporate-code.acknowledgement"].status == "met"
    assert (clocks["corporate-code.stage1.response"].status, clocks["corporate-code.stage1.response"].done) == (
        "stopped", None)
    assert clocks["stage1.response"].start == D(2024, 5, 10) and clocks["stage1.response"].status == "overdue"
    assert report.procedure == "children-england" and report.stage == 1
    assert [c.to_json() for c in report.procedure_changes] == [
        {"date": "2024-05-10", "from": "corporate-code", "to": "children-england", "reason": "A statutory representation"}]
    data = report.to_json()
    assert data["procedure"] == "children-england" and data["procedure_changes"][0]["from"] == "corporate-code"


def test_an_old_clock_overdue_when_the_change_stops_it_stays_a_fault() -> None:
    late_move = {**MOVE, "date": "2024-05-31"}
    report = _report("corporate-code", _received(), ev("2024-05-07", "corporate.acknowledged"), late_move)
    assert "corporate-code.stage1.response.overdue" in report.codes()


def test_after_a_change_events_are_judged_by_the_new_table() -> None:
    history = [_received(role="parent"), ev("2024-05-07", "corporate.acknowledged"), MOVE]
    report = _report("corporate-code", *history, ev("2024-05-20", "stage1.responded", findings={"P1": "upheld"}))
    assert report.clock("stage1.response") is not None and report.codes() == set()
    with pytest.raises(RuleViolation) as refused:
        _report("corporate-code", *history, ev("2024-05-20", "corporate.stage1.responded", findings={"P1": "upheld"}))
    assert refused.value.code == "not-in-procedure" and "children-england" in refused.value.message
    with pytest.raises(RuleViolation, match=r"stage1\.responded is not an event of the procedure corporate-code"):
        _report("corporate-code", *history[:2], ev("2024-05-20", "stage1.responded", findings={"P1": "upheld"}))


def test_next_events_offers_the_new_procedures_events_after_a_change() -> None:
    case = parse_case(_case("corporate-code", _received(), ev("2024-05-07", "corporate.acknowledged")))
    before = next_events(case.points, case.events, D(2024, 5, 8), procedure="corporate-code")
    assert "corporate.stage1.responded" in before and "procedure.changed" in before and "stage1.responded" not in before
    moved = parse_case(_case("corporate-code", _received(), ev("2024-05-07", "corporate.acknowledged"), MOVE))
    after = next_events(moved.points, moved.events, D(2024, 5, 13), procedure="corporate-code")
    assert "stage1.responded" in after and "advocacy.offered" in after
    assert not any(kind.startswith("corporate.") for kind in after)


@pytest.mark.parametrize(("to", "code", "message"), [
    ("scotland", "change-to-known-procedure",
     "There is no procedure 'scotland'; the procedures are children-england, adults-england, children-wales, "
     "housing-code, corporate-code."),
    ("corporate-code", "change-to-another-procedure",
     "The complaint is already under the procedure corporate-code; a change names another one."),
])
def test_an_unknown_or_same_procedure_is_refused_naming_the_event_and_rule(to: str, code: str, message: str) -> None:
    change = ev("2024-05-10", "procedure.changed", to=to, reason="Moved")
    with pytest.raises(RuleViolation) as refused:
        _report("corporate-code", _received(), change)
    assert (refused.value.code, refused.value.message) == (code, message)
    assert refused.value.located() == f"event 2 (procedure.changed): {message}"
    assert isinstance(refused.value, CaseFileError)


@pytest.mark.parametrize("missing", ["to", "reason"])
def test_a_change_needs_its_procedure_and_reason(missing: str) -> None:
    change = {k: v for k, v in MOVE.items() if k != missing}
    with pytest.raises(CaseFileError, match=f"event 2 \\(procedure.changed\\): {missing} is missing"):
        parse_case(_case("corporate-code", _received(), change))


def test_a_change_is_refused_while_suspended_or_closed() -> None:
    suspended = ev("2024-05-08", "procedure.suspended", reason="Court", notified=True)
    with pytest.raises(RuleViolation, match=r"record procedure\.resumed first"):
        _report("corporate-code", _received(), suspended, MOVE)
    with pytest.raises(RuleViolation, match="closed"):
        _report("corporate-code", _received(), ev("2024-05-08", "complaint.closed"), MOVE)


def test_a_procedure_left_and_entered_again_starts_afresh() -> None:
    back = ev("2024-05-14", "procedure.changed", to="corporate-code", reason="Not about a child after all")
    report = _report("corporate-code", _received(), ev("2024-05-07", "corporate.acknowledged"), MOVE, back,
                     ev("2024-05-15", "corporate.acknowledged"), today="2024-05-15")
    assert report.procedure == "corporate-code" and [c.to for c in report.procedure_changes] == [
        "children-england", "corporate-code"]
    assert report.clock("corporate-code.stage1.response").start == D(2024, 5, 15)  # type: ignore[union-attr]
    assert report.clock("stage1.response").status == "stopped"  # type: ignore[union-attr]


def test_the_old_procedures_judgements_are_kept_once_as_history() -> None:
    late = _received(matter_on="2023-01-02")
    report = _report("adults-england", late, ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
                     ev("2024-05-08", "procedure.changed", to="children-england", reason="About a child"),
                     today="2024-05-09")
    undecided = [w for w in report.warnings if w.code == "complaint.time-limit.undecided"]
    assert len(undecided) == 1  # judged by both procedures, reported once


def test_routes_are_not_repeated_when_a_complaint_comes_back_to_the_childrens_procedure() -> None:
    points = [{"id": "P1", "text": "The social worker was rude", "about": "staff-conduct"}]
    data = {"procedure": "children-england", "points": points, "events": [
        _received(), ev("2024-05-07", "procedure.changed", to="corporate-code", reason="x"),
        ev("2024-05-08", "procedure.changed", to="children-england", reason="y")]}
    report = replay(parse_case(data))
    assert [w.code for w in report.warnings].count("route.social-work-england") == 1


def test_the_text_report_names_the_procedure_and_the_change() -> None:
    plain = render(_report("housing-code", _received()))
    assert "Procedure: housing-code" in plain.splitlines()
    moved = render(_report("corporate-code", _received(role="parent", service="children-social-care"),
                           ev("2024-05-07", "corporate.acknowledged"), MOVE)).splitlines()
    assert ("Procedure: children-england since Fri 10 May 2024, moved from corporate-code: "
            "A statutory representation") in moved
    assert any(line.startswith("  corporate-code.stage1.response ") for line in moved)  # clocks by name after a change
    assert any("procedure.likely-wrong" in line and line.endswith("(resolved on Fri 10 May 2024)") for line in moved)


def test_check_history_follows_a_change() -> None:
    case = parse_case(_case("corporate-code", _received(), MOVE))
    state = check_history(case.points, case.events, procedure="corporate-code")
    assert state.procedure.name == "children-england" and state.stage == 1


# --- procedure.likely-wrong -------------------------------------------------------------------------

STATUTORY = ["child", "parent", "parental-responsibility", "foster-carer", "care-leaver", "special-guardian",
             "adoption-party", "sufficient-interest"]


@pytest.mark.parametrize("role", STATUTORY)
def test_a_childrens_complaint_by_a_statutory_complainant_under_the_corporate_code_is_likely_wrong(role: str) -> None:
    report = _report("corporate-code", _received(role=role, service="children-social-care"))
    (warning,) = [w for w in report.warnings if w.code == "procedure.likely-wrong"]
    assert (warning.severity, warning.date, warning.resolved) == ("risk", D(2024, 5, 3), None)
    assert "s26(3)" in warning.message and "consider it under the statutory children's procedure" in warning.message


@pytest.mark.parametrize(("procedure", "role", "service"), [
    ("corporate-code", "other", "children-social-care"),
    ("corporate-code", "parent", "adult-social-care"),
    ("corporate-code", "parent", "housing"),
    ("corporate-code", "parent", None),
    ("housing-code", "parent", "children-social-care"),
    ("children-england", "parent", "children-social-care"),
])
def test_likely_wrong_is_not_raised_otherwise(procedure: str, role: str, service: str | None) -> None:
    fields = {"service": service} if service else {}
    assert "procedure.likely-wrong" not in _report(procedure, _received(role=role, **fields)).codes()


def test_likely_wrong_is_resolved_by_moving_to_the_childrens_procedure_and_stays_otherwise() -> None:
    received = _received(role="parent", service="children-social-care")
    moved = _report("corporate-code", received, MOVE)
    (warning,) = [w for w in moved.warnings if w.code == "procedure.likely-wrong"]
    assert warning.resolved == D(2024, 5, 10) and "until 10 May 2024" in warning.message
    assert moved.to_json()["warnings"][0]["resolved"] == "2024-05-10"
    elsewhere = _report("corporate-code", received,
                        ev("2024-05-10", "procedure.changed", to="housing-code", reason="Housing after all"))
    (kept,) = [w for w in elsewhere.warnings if w.code == "procedure.likely-wrong"]
    assert kept.resolved is None


def test_service_must_be_one_of_the_known_ones() -> None:
    with pytest.raises(CaseFileError, match="service must be one of children-social-care, adult-social-care, housing, other"):
        parse_case(_case("corporate-code", _received(service="schools")))


# --- the examples ---------------------------------------------------------------------------------

EXAMPLE_WARNINGS = {
    "housing-on-time.yaml": set(),
    "housing-late.yaml": {"housing-code.acknowledgement.late", "housing-code.stage1.response.late"},
    "housing-extension-unexplained.yaml": {"housing.extension.unexplained"},
    "housing-stage2-refused.yaml": {"housing.stage2.refused", "housing.response.no-ombudsman-details"},
    "housing-stage2-overdue.yaml": {"housing-code.stage2.response.overdue", "housing.referral.premature"},
    "corporate-on-time.yaml": set(),
    "corporate-late.yaml": {"corporate-code.stage1.response.overdue", "corporate-code.stage2.acknowledgement.overdue"},
    "corporate-extension-unexplained.yaml": {"corporate.extension.unexplained", "corporate.response.no-ombudsman-details"},
    "corporate-likely-wrong.yaml": {"procedure.likely-wrong"},
    "corporate-moved-to-children.yaml": {"procedure.likely-wrong"},
}


def test_every_code_example_is_listed() -> None:
    on_disk = {p.name for pattern in ("housing-*.yaml", "corporate-*.yaml") for p in EXAMPLES.glob(pattern)}
    assert on_disk == set(EXAMPLE_WARNINGS)


@pytest.mark.parametrize(("name", "codes"), sorted(EXAMPLE_WARNINGS.items()), ids=sorted(EXAMPLE_WARNINGS))
def test_each_code_example_replays_with_its_warnings(name: str, codes: set[str]) -> None:
    report = replay(parse_case(yaml.safe_load((EXAMPLES / name).read_text())))
    assert report.codes() == codes


def test_the_moved_example_is_resolved_and_under_the_childrens_procedure() -> None:
    report = replay(parse_case(yaml.safe_load((EXAMPLES / "corporate-moved-to-children.yaml").read_text())))
    assert report.procedure == "children-england"
    assert [w.resolved for w in report.warnings] == [D(2026, 4, 14)]
    assert report.clock("stage1.response").status == "met"  # type: ignore[union-attr]


def test_every_clock_title_is_its_own_so_a_list_of_every_clock_is_unambiguous() -> None:
    from redress.core.clocks import CLOCKS

    titles = [clock.title for clock in CLOCKS.values()]
    assert len(set(titles)) == len(titles)
    assert CLOCKS["housing-code.stage1.response"].title == "Stage 1 response (Housing Code)"
