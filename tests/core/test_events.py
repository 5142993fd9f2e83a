"""Case files: every field kind, every bad input named by event and field, due periods, round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from redress.core.calendar import WorkingCalendar
from redress.core.engine import replay
from redress.core.events import (
    EVENT_FIELDS,
    CaseFileError,
    Due,
    Member,
    Recommendation,
    RecommendationDecision,
    Remedy,
    add_months,
    event_to_data,
    load_case_file,
    parse_case,
    parse_date,
    parse_due,
    parse_event,
    read_case_text,
)
from redress.core.rules import RuleViolation
from tests.core.cases import Raw, case_data, ev, received

D = dt.date

YAML_CASE = """\
procedure: children-england
council: Example Borough Council
today: 2023-10-02
points:
  - {id: P1, text: "The social work report was inaccurate", about: records}
events:
  - {date: 2023-09-04, type: complaint.received, complainant: {role: parent}, matter_on: 2023-08-01}
  - {date: 2023-09-15, type: stage1.responded, findings: {P1: upheld}, says: [findings, basis]}
"""


def refusal(data: Any) -> CaseFileError:
    """The error a case file's content is refused with (parsing, then the procedure)."""
    with pytest.raises(CaseFileError) as refused:
        replay(parse_case(data))
    return refused.value


# --- reading whole files ----------------------------------------------------------------------


def test_a_yaml_case_file_is_read_into_typed_events(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(YAML_CASE, encoding="utf-8")
    case = load_case_file(path)
    assert (case.procedure, case.council, case.today) == ("children-england", "Example Borough Council", D(2023, 10, 2))
    assert [p.id for p in case.points] == ["P1"]
    first, second = case.events
    assert (first.date, first.type, first.index) == (D(2023, 9, 4), "complaint.received", 0)
    assert first.get("matter_on") == D(2023, 8, 1)
    assert first.get("complainant") == {"role": "parent"}
    assert second.get("says") == ("findings", "basis")
    assert second.label == "event 2 (stage1.responded, 2023-09-15)"


def test_a_json_case_file_is_read_the_same_way(tmp_path: Path) -> None:
    data = read_case_text(YAML_CASE)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_case_file(path) == parse_case(data)


def test_a_json_file_is_read_as_json_only(tmp_path: Path) -> None:
    path = tmp_path / "case.JSON"
    path.write_text(YAML_CASE, encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"^not valid JSON: Expecting value at line 1$") as refused:
        load_case_file(path)
    assert refused.value.code == "malformed"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("events: [\n  {date: 2023-09-04\n", "not valid YAML at line 3: "),
        ("events:\n  - a\n - b\n", "not valid YAML at line 3: "),
        ("!!python/object:os.system {}\n", "not valid YAML at line 1: "),
    ],
)
def test_malformed_yaml_is_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(CaseFileError) as refused:
        read_case_text(text)
    assert refused.value.located().startswith(message)
    assert refused.value.code == "malformed"


def test_malformed_yaml_without_a_position_still_says_so() -> None:
    with pytest.raises(CaseFileError, match=r"^not valid YAML: malformed$"):
        read_case_text("events: \x00\n")


@pytest.mark.parametrize(
    "text", ["a: !!int x\n", "a: !!float x\n", "a: !!bool x\n", "a: !!timestamp x\n", "a: !!timestamp 2023-02-30\n"]
)
def test_yaml_with_a_value_its_tag_cannot_hold_is_malformed(text: str) -> None:
    with pytest.raises(CaseFileError, match=r"^not valid YAML: ") as refused:
        read_case_text(text)
    assert refused.value.code == "malformed"


def test_a_yaml_event_written_with_on_instead_of_date_is_told_to_use_date() -> None:
    # YAML 1.1 reads a bare `on` key as the boolean true.
    data = read_case_text("events:\n  - {on: 2023-09-04, type: complaint.received, complainant: {role: child}}\n")
    assert True in data["events"][0]
    with pytest.raises(CaseFileError) as refused:
        parse_case(data)
    assert refused.value.located() == "event 1 (complaint.received): the event has no date (write date:, not on:)"


@pytest.mark.parametrize(("text", "json_only"), [("[" * 3_000, False), ("[" * 3_000 + "]" * 3_000, True)])
def test_input_nested_too_deeply_to_read_is_refused(text: str, json_only: bool) -> None:
    with pytest.raises(CaseFileError, match=r"^not a case file: nested too deeply to read$"):
        read_case_text(text, json_only=json_only)


def test_dates_stay_text_in_yaml_so_an_impossible_date_is_reported_against_its_event() -> None:
    data = read_case_text("events:\n  - {date: 2023-02-30, type: complaint.received, complainant: {role: child}}\n")
    assert data["events"][0]["date"] == "2023-02-30"
    error = refusal(data)
    assert error.located() == "event 1 (complaint.received): date: 2023-02-30 is not a real date"
    assert error.code == "bad-date"


@pytest.mark.parametrize(
    ("name", "content", "message", "code"),
    [
        ("absent.yaml", None, "no such file", "no-file"),
        ("folder", "folder", "a folder, not a case file", "no-file"),
        ("latin1.yaml", b"council: \xe9\xff\n", "not a text file (UTF-8)", "malformed"),
        ("x" * 300 + ".yaml", None, "File name too long", "no-file"),
    ],
)
def test_files_that_cannot_be_read_are_refused(
    tmp_path: Path, name: str, content: str | bytes | None, message: str, code: str
) -> None:
    path = tmp_path / name
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(CaseFileError) as refused:
        load_case_file(path)
    assert refused.value.message == message  # the caller names the file
    assert refused.value.code == code


# --- the case as a whole ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message", "code"),
    [
        ([], "a case file must be a mapping with procedure, points and events", "not-a-case"),
        ({"events": [], "owner": "x"}, "unknown key 'owner'; a case file has procedure, council, today, points and events",
         "unknown-key"),
        ({"procedure": "wales", "events": []}, "unknown procedure 'wales'; known: children-england, adults-england, children-wales, housing-code, corporate-code",
         "bad-procedure"),
        ({"today": "2023-13-01", "events": []}, "today: 2023-13-01 is not a real date", "bad-date"),
        ({"points": {"P1": "x"}, "events": []}, "points must be a list of {id, text, about}", "bad-point"),
        ({"points": ["P1"], "events": []}, "point 1 must be a mapping {id, text, about}", "bad-point"),
        ({"points": [{"id": "P1", "text": "x", "about": "food"}], "events": []},
         "point P1: must be one of practice, decision, communication, records, data, staff-conduct, delay, contact, "
         "court, other, not 'food'", "bad-point"),
        ({"points": [{"id": "P1", "text": "x"}], "events": []}, "point P1: point 1 needs about", "bad-point"),
        ({"points": [{"id": "P1", "text": "a", "about": "delay"}, {"id": "P1", "text": "b", "about": "delay"}],
          "events": []}, "point P1 is listed twice", "bad-point"),
        ({"events": []}, "events must be a list with at least the complaint.received event", "no-events"),
        ({"events": {"date": "2023-09-04"}}, "events must be a list with at least the complaint.received event",
         "no-events"),
    ],
)
def test_a_case_that_is_not_one_is_refused(data: Any, message: str, code: str) -> None:
    with pytest.raises(CaseFileError) as refused:
        parse_case(data)
    assert refused.value.located() == message
    assert refused.value.code == code


def test_a_case_without_procedure_or_points_uses_the_defaults() -> None:
    case = parse_case({"events": [received("2023-09-04")]})
    assert (case.procedure, case.council, case.points, case.today) == ("children-england", "", (), None)


# --- the bad inputs of issue #3 item 6, each named by event and what is wrong --------------------

GOOD = [received("2023-09-04"), ev("2023-09-15", "stage1.responded", findings={"P1": "upheld"})]


@pytest.mark.parametrize(
    ("events", "located", "error_type"),
    [
        ([*GOOD, ev("2023-09-20", "stage9.appealed")],
         "event 3 (stage9.appealed): unknown event type 'stage9.appealed'; the types are listed in SCENARIOS.md",
         CaseFileError),
        ([ev("2023-09-01", "advocacy.offered"), *GOOD],
         "event 1 (advocacy.offered): A complaint's history starts with complaint.received; record the complaint first.",
         RuleViolation),
        ([*GOOD, received("2023-09-20")],
         "event 3 (complaint.received): The complaint was already received on 4 Sep 2023; a history has one "
         "complaint.received.", RuleViolation),
        ([*GOOD, ev("2023-09-10", "stage2.requested")],
         "event 3 (stage2.requested): dated 2023-09-10, before the event above it (2023-09-15); events must be in "
         "date order", CaseFileError),
        ([received("2023-09-04"), ev("2023-09-15", "stage1.responded", findings={"P2": "upheld"})],
         "event 2 (stage1.responded): There is no point P2 in this complaint; findings are for its points (P1).",
         RuleViolation),
        ([*GOOD, ev("2023-09-20", "stage3.requested")],
         "event 3 (stage3.requested): This can only be recorded after the Stage 2 response.", RuleViolation),
        ([*GOOD, ev("2023-09-20", "stage2.requested"), ev("2023-09-21", "stage3.panel-held")],
         "event 4 (stage3.panel-held): This can only be recorded after the request for a review panel.",
         RuleViolation),
        ([*GOOD, ev("2023-09-20", "stage1.extended")], "event 3 (stage1.extended): reason is missing", CaseFileError),
        ([*GOOD, ev("2023-09-20", "stage2.requested"), ev("2023-09-21", "stage2.statement-agreed"),
          ev("2023-09-22", "stage2.extended", reason="Busy", notified="yes")],
         "event 5 (stage2.extended): notified must be true or false, not 'yes'", CaseFileError),
        ([*GOOD, ev("2023-09-20", "stage2.requested"), ev("2023-09-21", "stage2.statement-agreed"),
          ev("2023-09-22", "stage2.extended", reason="Busy", notified=True, to_wd="65")],
         "event 5 (stage2.extended): to_wd must be a whole number, not '65'", CaseFileError),
        ([*GOOD, ev("2023-09-20", "stage2.requested"), ev("2023-09-21", "stage2.statement-agreed"),
          ev("2023-09-22", "stage2.extended", reason="Busy", notified=True, to_wd=70)],
         "event 5 (stage2.extended): Stage 2 can be extended to between 26 and 65 working days, not 70.", RuleViolation),
        ([received("2023-02-30")], "event 1 (complaint.received): date: 2023-02-30 is not a real date", CaseFileError),
        ([received("2023-09-04", matter_on="2023-06-31")],
         "event 1 (complaint.received): matter_on 2023-06-31 is not a real date", CaseFileError),
    ],
)
def test_every_bad_input_names_the_event_and_what_is_wrong(
    events: list[Raw], located: str, error_type: type[CaseFileError]
) -> None:
    error = refusal(case_data(*events))
    assert type(error) is error_type
    assert error.located() == located
    assert str(error) == located


# --- one event at a time: every field kind ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "located", "code"),
    [
        ("complaint.received", "event 1: an event must be a mapping with a date and a type", "not-a-mapping"),
        ({"date": "2023-09-04"}, "event 1: the event has no type", "no-type"),
        ({"type": 7, "date": "2023-09-04"}, "event 1: unknown event type 7; the types are listed in SCENARIOS.md",
         "unknown-type"),
        ({"type": ["complaint.received"], "date": "2023-09-04"},
         "event 1: unknown event type ['complaint.received']; the types are listed in SCENARIOS.md", "unknown-type"),
        ({"type": "complaint.received", "complainant": {"role": "parent"}},
         "event 1 (complaint.received): the event has no date", "no-date"),
        ({"type": "complaint.received", "on": "2023-09-04", "complainant": {"role": "parent"}},
         "event 1 (complaint.received): the event has no date (write date:, not on:)", "no-date"),
        ({"type": "complaint.received", True: "2023-09-04", "complainant": {"role": "parent"}},
         "event 1 (complaint.received): the event has no date (write date:, not on:)", "no-date"),
        ({"type": "stage2.requested", "date": "4/9/2023"},
         "event 1 (stage2.requested): date: '4/9/2023' is not a date in the form YYYY-MM-DD", "bad-date"),
        ({"type": "stage2.requested", "date": "1989-12-31"},
         "event 1 (stage2.requested): date: 1989-12-31 is outside the years Redress can count (1990 to 2100)",
         "bad-date"),
        ({"type": "stage2.requested", "date": "2023-09-04", "reason": "x"},
         "event 1 (stage2.requested): unknown field 'reason'; stage2.requested takes no fields", "unknown-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reasons": "x"},
         "event 1 (stage1.extended): unknown field 'reasons'; stage1.extended takes reason", "unknown-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reason": "  "},
         "event 1 (stage1.extended): reason must not be empty", "bad-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reason": ["a"]},
         "event 1 (stage1.extended): reason must be text", "bad-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reason": True},
         "event 1 (stage1.extended): reason must be text", "bad-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reason": "x" * 10_001},
         "event 1 (stage1.extended): reason is longer than 10,000 characters", "bad-field"),
        ({"type": "stage1.extended", "date": "2023-09-04", "reason": "ok", "note": ""},
         "event 1 (stage1.extended): note must not be empty", "bad-field"),
        ({"type": "stage2.extended", "date": "2023-09-04", "reason": "x", "notified": True, "to_wd": True},
         "event 1 (stage2.extended): to_wd must be a whole number, not True", "bad-field"),
        ({"type": "stage2.appointed", "date": "2023-09-04", "role": "adjudicator", "person": "A"},
         "event 1 (stage2.appointed): role must be one of io, ip, not 'adjudicator'", "bad-field"),
        ({"type": "complaint.received", "date": "2023-09-04", "complainant": "parent"},
         "event 1 (complaint.received): complainant must be a mapping with the complainant's role, e.g. {role: parent}",
         "bad-field"),
        ({"type": "complaint.received", "date": "2023-09-04", "complainant": {"role": "parent", "age": 9}},
         "event 1 (complaint.received): complainant has unknown field 'age'; it takes role and name", "bad-field"),
        ({"type": "complaint.received", "date": "2023-09-04", "complainant": {"name": "Ann"}},
         "event 1 (complaint.received): complainant needs a role (one of child, parent, parental-responsibility, "
         "foster-carer, care-leaver, special-guardian, adoption-party, sufficient-interest, other)", "bad-field"),
        ({"type": "stage1.responded", "date": "2023-09-04", "findings": ["P1"]},
         "event 1 (stage1.responded): findings must be a mapping of point to outcome, e.g. {P1: upheld}", "bad-field"),
        ({"type": "stage1.responded", "date": "2023-09-04", "findings": {"P1": "won"}},
         "event 1 (stage1.responded): findings for P1: must be one of upheld, partly-upheld, not-upheld, "
         "not-investigated, not 'won'", "bad-field"),
        ({"type": "stage1.responded", "date": "2023-09-04", "findings": {}, "says": "findings"},
         "event 1 (stage1.responded): says must be a list of what the letter contains (findings, basis, remedy)",
         "bad-field"),
        ({"type": "stage1.responded", "date": "2023-09-04", "findings": {}, "says": ["apology"]},
         "event 1 (stage1.responded): says must be one of findings, basis, remedy, not 'apology'", "bad-field"),
        ({"type": "stage2.statement-agreed", "date": "2023-09-04", "points": "P1"},
         "event 1 (stage2.statement-agreed): points must be a list of point ids", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {}, "recommendations": ["R1"]},
         "event 1 (stage2.responded): recommendations must be a list of {id, what, [accepted], [due]}", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {}, "recommendations": [{"id": "R1"}]},
         "event 1 (stage2.responded): recommendations recommendation R1 needs what", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {}, "recommendations": [{"what": "x"}]},
         "event 1 (stage2.responded): recommendations recommendation needs id", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {},
          "recommendations": [{"id": "R1", "what": "x", "owner": "y"}]},
         "event 1 (stage2.responded): recommendations recommendation R1 has unknown field 'owner'; it takes accepted, "
         "due, id, what", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {},
          "recommendations": [{"id": "R1", "what": "x"}, {"id": "R1", "what": "y"}]},
         "event 1 (stage2.responded): recommendations lists recommendation R1 twice", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {},
          "recommendations": [{"id": "R1", "what": "x", "accepted": "yes"}]},
         "event 1 (stage2.responded): recommendations must be true or false, not 'yes'", "bad-field"),
        ({"type": "stage2.responded", "date": "2023-09-04", "findings": {},
          "recommendations": [{"id": "R1", "what": "x", "due": "soon"}]},
         "event 1 (stage2.responded): recommendations 'soon' is not a date or a period; write a date (YYYY-MM-DD) "
         "or a period such as \"20 WD\", \"4 weeks\", \"1 month\", \"90 days\"", "bad-field"),
        ({"type": "stage3.responded", "date": "2023-09-04", "decisions": [{"PR1": True}]},
         "event 1 (stage3.responded): decisions must be a mapping of recommendation id to {accepted, reason, [due]}",
         "bad-field"),
        ({"type": "stage3.responded", "date": "2023-09-04", "decisions": {"PR1": True}},
         "event 1 (stage3.responded): decisions must be for PR1: {accepted, reason, [due]}", "bad-field"),
        ({"type": "stage3.responded", "date": "2023-09-04", "decisions": {"PR1": {"reason": "x"}}},
         "event 1 (stage3.responded): decisions the decision on PR1 needs accepted", "bad-field"),
        ({"type": "stage3.responded", "date": "2023-09-04", "decisions": {"PR1": {"accepted": False, "reason": ["a"]}}},
         "event 1 (stage3.responded): decisions for PR1: reason must be text", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld",
          "payments": [{"id": "M1", "amount_gbp": 5, "purpose": {"a": 1}}]},
         "event 1 (ombudsman.decided): payments payment M1: purpose must be text", "bad-field"),
        ({"type": "stage3.panel-held", "date": "2023-09-04", "members": "Ann"},
         "event 1 (stage3.panel-held): members must be a list of panel members (names, or {name, involved})",
         "bad-field"),
        ({"type": "stage3.panel-held", "date": "2023-09-04", "members": [{"involved": True}]},
         "event 1 (stage3.panel-held): members a panel member needs name", "bad-field"),
        ({"type": "stage3.panel-scheduled", "date": "2023-09-04"},
         "event 1 (stage3.panel-scheduled): panel_date is missing", "missing-field"),
        ({"type": "offer.made", "date": "2023-09-04", "id": "O1", "what": "x"},
         "event 1 (offer.made): an offer needs either until (a date) or window (a period), not both", "bad-field"),
        ({"type": "offer.made", "date": "2023-09-04", "id": "O1", "what": "x", "until": "2023-12-01",
          "window": "90 days"},
         "event 1 (offer.made): an offer needs either until (a date) or window (a period), not both", "bad-field"),
        ({"type": "action.agreed", "date": "2023-09-04", "id": "A1", "what": "x", "due": "0 WD"},
         "event 1 (action.agreed): due a period of zero ('0 WD') is not a due date", "bad-field"),
        ({"type": "action.agreed", "date": "2023-09-04", "id": "A1", "what": "x", "due": 20},
         "event 1 (action.agreed): due 20 is not a date or a period; write a date (YYYY-MM-DD) or a period such as "
         "\"20 WD\", \"4 weeks\", \"1 month\", \"90 days\"", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "fault"},
         "event 1 (ombudsman.decided): outcome must be one of upheld, not-upheld, closed-after-initial-enquiries, "
         "not 'fault'", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld", "actions": [{"id": "A1"}]},
         "event 1 (ombudsman.decided): actions action A1 needs what", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld", "actions": ["apologise"]},
         "event 1 (ombudsman.decided): actions must be a list of {id, what, due}", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld", "payments": [{"id": "M1"}]},
         "event 1 (ombudsman.decided): payments payment M1 needs amount_gbp", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld", "payments": [100]},
         "event 1 (ombudsman.decided): payments must be a list of {id, amount_gbp, purpose, due}", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld",
          "payments": [{"id": "M1", "amount_gbp": -5}]},
         "event 1 (ombudsman.decided): payments payment M1: amount_gbp must be a number of pounds, not -5", "bad-field"),
        ({"type": "ombudsman.decided", "date": "2023-09-04", "outcome": "upheld",
          "payments": [{"id": "M1", "amount_gbp": "100"}]},
         "event 1 (ombudsman.decided): payments payment M1: amount_gbp must be a number of pounds, not '100'",
         "bad-field"),
    ],
)
def test_a_bad_event_says_which_event_and_what_is_wrong(raw: Any, located: str, code: str) -> None:
    with pytest.raises(CaseFileError) as refused:
        parse_event(raw, 0)
    assert refused.value.located() == located
    assert refused.value.code == code


@pytest.mark.parametrize("amount", [float("nan"), float("inf")])
def test_a_payment_must_be_a_finite_number_of_pounds(amount: float) -> None:
    raw = ev("2023-09-04", "ombudsman.decided", outcome="upheld", payments=[{"id": "M1", "amount_gbp": amount}])
    with pytest.raises(CaseFileError) as refused:
        parse_event(raw, 0)
    assert refused.value.located() == (
        f"event 1 (ombudsman.decided): payments payment M1: amount_gbp must be a number of pounds, not {amount!r}"
    )
    # YAML and JSON both read such numbers.
    assert read_case_text("a: .nan\n")["a"] != read_case_text("a: .nan\n")["a"]
    assert read_case_text('{"a": Infinity}', json_only=True)["a"] == float("inf")


def test_an_event_without_an_index_is_reported_without_a_place() -> None:
    with pytest.raises(CaseFileError) as refused:
        parse_event({"type": "stage1.extended", "date": "2023-09-04"})
    assert refused.value.located() == "reason is missing"
    assert parse_event({"type": "stage2.requested", "date": "2023-09-04"}).label == "(stage2.requested, 2023-09-04)"


def test_every_field_kind_is_read_into_its_type() -> None:
    assert parse_event(received("2023-09-04", matter_on="2022-01-31", via="email", note="By email")).fields == {
        "complainant": {"role": "parent"}, "matter_on": D(2022, 1, 31), "via": "email", "note": "By email",
    }
    named = parse_event(ev("2023-09-04", "complaint.received", complainant={"role": "child", "name": "Sam"}))
    assert named.get("complainant") == {"role": "child", "name": "Sam"}
    assert parse_event(ev("2023-09-04", "stage1.extended", reason=42)).get("reason") == "42"
    assert parse_event(ev("2023-09-04", "stage2.extended", reason="r", notified=False, to_wd=40)).fields == {
        "reason": "r", "notified": False, "to_wd": 40,
    }
    assert parse_event(ev("2023-09-04", "stage1.responded", findings={1: "upheld"})).get("findings") == {"1": "upheld"}
    assert parse_event(ev("2023-09-04", "stage2.statement-agreed", points=["P1", 2])).get("points") == ("P1", "2")
    responded = parse_event(ev("2023-09-04", "stage2.responded", findings={"P1": "upheld"}, recommendations=[
        {"id": "R1", "what": "Apologise", "accepted": True, "due": "4 weeks"},
        {"id": "R2", "what": "Train", "accepted": None, "due": ""},
    ]))
    assert responded.get("recommendations") == (
        Recommendation("R1", "Apologise", True, Due("4 weeks", count=4, unit="weeks")),
        Recommendation("R2", "Train", None, None),
    )
    decided = parse_event(ev("2023-09-04", "stage3.responded", decisions={
        "PR1": {"accepted": False, "reason": " No budget "}, "PR2": {"accepted": True, "due": "2023-12-01"},
    }))
    assert decided.get("decisions") == {
        "PR1": RecommendationDecision(False, "No budget"),
        "PR2": RecommendationDecision(True, "", Due("2023-12-01", on=D(2023, 12, 1))),
    }
    held = parse_event(ev("2023-09-04", "stage3.panel-held", members=["Ann", {"name": "Bo", "involved": True}]))
    assert held.get("members") == (Member("Ann"), Member("Bo", True))
    ombudsman = parse_event(ev("2023-09-04", "ombudsman.decided", outcome="upheld", fault=True, injustice=True,
                               actions=[{"id": "O1", "what": "Apologise", "due": "1 month"}],
                               payments=[{"id": "O2", "amount_gbp": 1250, "purpose": "distress", "due": "3 months"},
                                         {"id": "O3", "amount_gbp": 99.5}]))
    assert ombudsman.get("actions") == (Remedy("O1", "Apologise", Due("1 month", count=1, unit="months")),)
    assert ombudsman.get("payments") == (
        Remedy("O2", "Pay £1,250 for distress", Due("3 months", count=3, unit="months"), 1250.0, "distress"),
        Remedy("O3", "Pay £99.50", None, 99.5, ""),
    )


# --- due dates and periods ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("20 WD", 20, "wd"), ("20 wd", 20, "wd"), ("1 working day", 1, "wd"), ("5 working days", 5, "wd"),
        ("4 weeks", 4, "weeks"), ("1 week", 1, "weeks"), ("12 weeks", 12, "weeks"),
        ("1 month", 1, "months"), ("3 months", 3, "months"), ("90 days", 90, "days"), ("1 day", 1, "days"),
        (" 20  WD ", 20, "wd"),
    ],
)
def test_due_periods_are_read(text: str, count: int, unit: str) -> None:
    due = parse_due(text)
    assert (due.text, due.count, due.unit, due.on) == (text.strip(), count, unit, None)


@pytest.mark.parametrize(
    ("text", "start", "expected", "why"),
    [
        # 20 WD from Mon 4 Sep 2023: four whole weeks, no bank holiday, so Mon 2 Oct.
        ("20 WD", D(2023, 9, 4), D(2023, 10, 2), "working days"),
        # 20 WD from Fri 15 Dec 2023: Mon 18-Fri 22 (5), Wed 27-Fri 29 (8, skipping Christmas and Boxing Day),
        # Tue 2 Jan 2024 (9, skipping New Year's Day) ... Fri 5 Jan (12), then Mon 8-Fri 12 (17), Mon 15-Wed 17 (20).
        ("20 WD", D(2023, 12, 15), D(2024, 1, 17), "working days over Christmas"),
        ("4 weeks", D(2023, 9, 4), D(2023, 10, 2), "calendar weeks"),
        ("90 days", D(2021, 9, 10), D(2021, 12, 9), "20 + 31 + 30 + 9 days"),
        ("1 month", D(2023, 1, 31), D(2023, 2, 28), "31 Jan + 1 month is the last day of February"),
        ("1 month", D(2024, 1, 31), D(2024, 2, 29), "and 29 Feb in a leap year"),
        ("3 months", D(2023, 11, 30), D(2024, 2, 29), "over a year end"),
        ("1 month", D(2023, 12, 15), D(2024, 1, 15), "into the next year"),
        ("2024-03-01", D(2023, 1, 1), D(2024, 3, 1), "a date is itself"),
    ],
)
def test_due_periods_resolve_from_the_event_date(
    calendar: WorkingCalendar, text: str, start: dt.date, expected: dt.date, why: str
) -> None:
    assert parse_due(text).resolve(start, calendar) == expected, why


def test_a_due_date_may_be_a_date_object() -> None:
    assert parse_due(D(2024, 3, 1)) == Due("2024-03-01", on=D(2024, 3, 1))


@pytest.mark.parametrize("value", ["soon", "20", "20 fortnights", "-1 month", "", None, 3.5, "2024-02-30"])
def test_anything_else_is_not_a_due_date(value: Any) -> None:
    with pytest.raises(ValueError, match=r"is not (a date or a period|a real date)"):
        parse_due(value)


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month() -> None:
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2023, 3, 31), 1) == D(2023, 4, 30)
    assert add_months(D(2023, 12, 31), 2) == D(2024, 2, 29)
    assert add_months(D(2023, 5, 15), 12) == D(2024, 5, 15)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-09-04", D(2023, 9, 4)), (" 2023-09-04 ", D(2023, 9, 4)), (D(2023, 9, 4), D(2023, 9, 4)),
     (dt.datetime(2023, 9, 4, 10, 30), D(2023, 9, 4))],  # noqa: DTZ001 - a naive datetime from a YAML !!timestamp
)
def test_dates_are_read_from_text_or_dates(value: Any, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2023-9-4", "20230904", 20230904, None, "2101-01-01"])
def test_anything_else_is_not_a_date(value: Any) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


# --- back to the case-file form -----------------------------------------------------------------

RICH: dict[str, Raw] = {
    "complaint.received": received("2023-09-04", matter_on="2022-08-01", via="phone", note="Called the duty desk"),
    "complaint.time-limit-decision": ev("2023-09-04", "complaint.time-limit-decision", accepted=False,
                                        reason="Over a year", discretion_considered=True),
    "eligibility.decided": ev("2023-09-04", "eligibility.decided", eligible=True, basis="Parent",
                              child_views_taken=True),
    "advocacy.offered": ev("2023-09-04", "advocacy.offered", provider="NYAS"),
    "advocacy.appointed": ev("2023-09-04", "advocacy.appointed"),
    "stage1.extended": ev("2023-09-04", "stage1.extended", reason="Complex"),
    "stage1.responded": ev("2023-09-04", "stage1.responded", findings={"P1": "upheld", "P2": "not-investigated"},
                           says=["findings", "remedy"], remedy="An apology"),
    "stage2.requested": ev("2023-09-04", "stage2.requested"),
    "stage2.request-decision": ev("2023-09-04", "stage2.request-decision", accepted=False, reason="Too late"),
    "stage2.statement-agreed": ev("2023-09-04", "stage2.statement-agreed", points=["P1", "P2"]),
    "stage2.appointed": ev("2023-09-04", "stage2.appointed", role="io", person="Quinn Ash", council_employee=True,
                           involved=False),
    "stage2.extended": ev("2023-09-04", "stage2.extended", to_wd=40, reason="Witnesses", notified=True),
    "stage2.responded": ev("2023-09-04", "stage2.responded", findings={"P1": "partly-upheld"}, recommendations=[
        {"id": "R1", "what": "Apologise", "accepted": True, "due": "4 weeks"},
        {"id": "R2", "what": "Train", "accepted": False}, {"id": "R3", "what": "Review"}]),
    "stage3.requested": ev("2023-09-04", "stage3.requested", note="By letter"),
    "stage3.request-decision": ev("2023-09-04", "stage3.request-decision", accepted=True, reason="Fair"),
    "stage3.refused": ev("2023-09-04", "stage3.refused", reason="No"),
    "stage3.panel-scheduled": ev("2023-09-04", "stage3.panel-scheduled", panel_date="2023-10-01",
                                 members=["Ann", {"name": "Bo", "involved": True}]),
    "stage3.panel-held": ev("2023-09-04", "stage3.panel-held", members=["Ann", "Cy"]),
    "stage3.panel-reported": ev("2023-09-04", "stage3.panel-reported", findings={"P1": "upheld"},
                                recommendations=[{"id": "PR1", "what": "Apologise", "due": "2023-12-01"}]),
    "stage3.responded": ev("2023-09-04", "stage3.responded", decisions={
        "PR1": {"accepted": True, "due": "20 WD"}, "PR2": {"accepted": False, "reason": "Cost"},
        "PR3": {"accepted": False}}),
    "procedure.suspended": ev("2023-09-04", "procedure.suspended", reason="Court", notified=True),
    "procedure.resumed": ev("2023-09-04", "procedure.resumed", reason="Court over"),
    "offer.made": ev("2023-09-04", "offer.made", id="O1", what="A new panel", window="90 days"),
    "offer.withdrawn": ev("2023-09-04", "offer.withdrawn", id="O1", reason="Mistake"),
    "offer.taken-up": ev("2023-09-04", "offer.taken-up", id="O1"),
    "action.agreed": ev("2023-09-04", "action.agreed", id="A1", what="Amend", due="2023-10-01", source="stage1"),
    "action.completed": ev("2023-09-04", "action.completed", id="A1", evidence="Screenshot"),
    "ombudsman.referred": ev("2023-09-04", "ombudsman.referred", early=True, council_agreed=False,
                             reference="19 011 904"),
    "ombudsman.decided": ev("2023-09-04", "ombudsman.decided", outcome="upheld", fault=True, injustice=False,
                            actions=[{"id": "LA1", "what": "Apologise", "due": "1 month"}, {"id": "LA2", "what": "Fix"}],
                            payments=[{"id": "LP1", "amount_gbp": 300, "purpose": "distress", "due": "3 months"},
                                      {"id": "LP2", "amount_gbp": 50.25}],
                            reference="19 011 904"),
    "complaint.withdrawn": ev("2023-09-04", "complaint.withdrawn", reason="Resolved informally"),
    "complaint.closed": ev("2023-09-04", "complaint.closed"),
    "letter.sent": {"date": "2023-09-04", "type": "letter.sent", "kind": "stage1-response", "sha256": "0123456789abcdef" * 4,
                    "says": ["findings", "basis"], "document": 3, "version": 2},
    "adults.acknowledged": ev("2023-09-04", "adults.acknowledged", discussion_offered=True),
    "adults.response-period-agreed": ev("2023-09-04", "adults.response-period-agreed", respond_by="2023-12-01",
                                        explained=True),
    "adults.responded": ev("2023-09-04", "adults.responded", findings={"P1": "upheld"}, remedy="Apology",
                           ombudsman_rights=True),
    "wales.acknowledged": ev("2023-09-04", "wales.acknowledged"),
    "wales.local-resolution-ended": ev("2023-09-04", "wales.local-resolution-ended", resolved=False,
                                       findings={"P1": "not-upheld"}),
    "wales.investigation-requested": ev("2023-09-04", "wales.investigation-requested"),
    "wales.investigation-extended": ev("2023-09-04", "wales.investigation-extended", to_wd=40, reason="Witnesses away",
                                       notified=True),
    "wales.investigation-responded": ev("2023-09-04", "wales.investigation-responded", findings={"P1": "upheld"},
                                        ombudsman_rights=True),
    "procedure.changed": ev("2023-09-04", "procedure.changed", to="children-england", reason="A parent's complaint"),
    **{f"{prefix}.{kind}": ev("2023-09-04", f"{prefix}.{kind}", **fields) for prefix in ("housing", "corporate")
       for kind, fields in {
           "acknowledged": {},
           "stage1.extended": {"to_wd": 15, "reason": "Contractor's report", "reasons_told": True},
           "stage1.responded": {"findings": {"P1": "upheld"}},
           "stage2.requested": {},
           "stage2.refused": {"reason": "Outside the policy", "ombudsman_details": True},
           "stage2.acknowledged": {},
           "stage2.extended": {"to_wd": 30, "reason": "Survey", "reasons_told": False},
           "stage2.responded": {"findings": {"P1": "not-upheld"}, "ombudsman_details": True},
       }.items()},
}
RICH_EXTRA = [
    ev("2023-09-04", "offer.made", id="O2", what="A meeting", until="2023-12-31"),
    ev("2023-09-04", "complaint.received", complainant={"role": "child", "name": "Sam"}),
    ev("2023-09-04", "complaint.received", complainant={"role": "parent"}, service="children-social-care"),
]


def test_every_event_type_has_a_rich_example() -> None:
    assert set(RICH) == set(EVENT_FIELDS)


@pytest.mark.parametrize("raw", [*RICH.values(), *RICH_EXTRA], ids=lambda r: r["type"])
def test_an_event_survives_the_round_trip_to_its_case_file_form(raw: Raw) -> None:
    event = parse_event(raw, 4)
    data = event_to_data(event)
    assert parse_event(data, 4) == event
    assert json.loads(json.dumps(data)) == data  # plain JSON-ready data
    assert data["date"] == "2023-09-04"


def test_the_case_file_form_is_the_form_it_was_written_in() -> None:
    assert event_to_data(parse_event(RICH["ombudsman.decided"])) == {
        "date": "2023-09-04", "type": "ombudsman.decided", "outcome": "upheld", "fault": True, "injustice": False,
        "actions": [{"id": "LA1", "what": "Apologise", "due": "1 month"}, {"id": "LA2", "what": "Fix"}],
        "payments": [{"id": "LP1", "amount_gbp": 300.0, "purpose": "distress", "due": "3 months"},
                     {"id": "LP2", "amount_gbp": 50.25}],
        "reference": "19 011 904",
    }
    assert event_to_data(parse_event(RICH["stage3.panel-scheduled"]))["members"] == ["Ann", {"name": "Bo", "involved": True}]


def test_dates_and_periods_are_still_read_once_the_cache_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from redress.core import events

    # Empty caches of this test's own: another test (a generated history) may have read the same strings.
    monkeypatch.setattr(events, "CACHE_LIMIT", 0)
    monkeypatch.setattr(events, "_DATES", {})
    monkeypatch.setattr(events, "_DUES", {})
    assert events.parse_date("2031-02-03") == dt.date(2031, 2, 3)
    assert events.parse_due("17 WD").count == 17
    assert events._DATES == {} and events._DUES == {}
