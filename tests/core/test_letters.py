"""The letters' contents, worked out from the history (pure: no database, no rendering)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from redress.core.engine import replay
from redress.core.events import load_case_file, parse_case
from redress.core.letters.catalogue import CATALOGUE, compose, letter_of, letters_of, template_fields
from redress.core.letters.model import LetterRefused, Parties
from redress.core.procedures.registry import PROCEDURES
from tests.core.cases import ev, received

PARTIES = Parties(council="Northshire County Council", reference="NC-2024-0001", complainant_name="Ms A Parent",
                  complainant_address="1 High Street, Northtown NT1 1AA", child_name="B")
POINTS = [{"id": "P1", "text": "The assessment took a year", "about": "delay"},
          {"id": "P2", "text": "The report was wrong", "about": "records"}]
RESPONDED = ev("2024-05-16", "stage1.responded", findings={"P1": "upheld", "P2": "not-upheld"},
               basis="We read the file and spoke to the team", remedy="An apology and a new assessment by July")

FULL = [
    received("2024-05-02"),
    ev("2024-05-03", "stage1.extended", reason="An advocate is needed"),
    RESPONDED,
    ev("2024-05-20", "procedure.suspended", reason="A police investigation", notified=True),
    ev("2024-05-22", "procedure.resumed", reason="The police finished"),
    ev("2024-05-23", "stage2.requested"),
    ev("2024-05-30", "stage2.statement-agreed"),
    ev("2024-05-31", "stage2.appointed", role="io", person="Quinn Ash"),
    ev("2024-06-20", "stage2.extended", to_wd=40, reason="Many witnesses", notified=True),
    ev("2024-07-10", "stage2.responded", findings={"P1": "upheld", "P2": "partly-upheld"},
       recommendations=[{"id": "R1", "what": "Train the team", "accepted": True, "due": "20 WD"}]),
    ev("2024-07-15", "stage3.requested"),
    ev("2024-07-16", "stage3.panel-scheduled", panel_date="2024-08-01", members=["Ann Lee", "Bo Chan"]),
    ev("2024-08-01", "stage3.panel-held"),
    ev("2024-08-05", "stage3.panel-reported", recommendations=[{"id": "PR1", "what": "Pay £200"}]),
    ev("2024-08-20", "stage3.responded", decisions={"PR1": {"accepted": True, "due": "2024-09-30"}}),
    ev("2024-09-02", "ombudsman.referred", reference="24 001 234"),
    ev("2024-12-02", "ombudsman.decided", outcome="upheld", fault=True, injustice=True,
       payments=[{"id": "LP1", "amount_gbp": 300, "purpose": "distress", "due": "1 month"}]),
]


def _compose(kind: str, events: list[dict[str, Any]], today: str = "2024-12-10", points: Any = POINTS) -> Any:
    case = parse_case({"procedure": "children-england", "points": points, "events": events})
    day = dt.date.fromisoformat(today)
    return compose(letter_of("children-england", kind), case=case, report=replay(case, today=day), parties=PARTIES,
                   today=day)


def test_children_england_has_every_letter_of_the_issue() -> None:
    assert [letter.kind for letter in letters_of("children-england")] == [
        "acknowledgement", "stage1-response", "stage1-extension", "stage2-statement", "stage2-extension",
        "stage2-adjudication", "stage3-invitation", "stage3-final-response", "suspension", "resumption",
        "ombudsman-remedy"]


@pytest.mark.parametrize("kind", [letter.kind for letter in letters_of("children-england")])
def test_every_letter_fills_from_a_full_history_with_only_its_documented_fields(kind: str) -> None:
    letter = _compose(kind, FULL)
    assert set(letter.context) <= set(template_fields(letter.letter))
    assert letter.context["reference"] == "NC-2024-0001" and letter.context["complainant_address"] == [
        "1 High Street", "Northtown NT1 1AA"]
    assert letter.context["sections"], "every letter has a body"


def test_the_stage1_letter_gives_the_stage2_window_end_in_the_council_calendar() -> None:
    # Responded Thu 16 May 2024; 20 working days, skipping the Spring bank holiday (Mon 27 May): Fri 14 Jun.
    letter = _compose("stage1-response", [received("2024-05-02"), RESPONDED], today="2024-05-16")
    assert letter.context["stage2_by"] == "Fri 14 Jun 2024"
    body = " ".join(line for s in letter.context["sections"] for line in s["lines"])
    assert "you may ask for your complaint to be considered at stage 2" in body.lower()
    assert "by Fri 14 Jun 2024" in body
    assert [p["finding_text"] for p in letter.context["points"]] == ["Upheld", "Not upheld"]
    assert "Information Commissioner" in body  # P2 is about records
    assert letter.says() == ("findings", "basis", "remedy")


@pytest.mark.parametrize(("fields", "named"), [
    ({"findings": {"P1": "not-upheld"}, "basis": "Read the file"}, "P2 has no finding"),
    ({"findings": {"P1": "not-upheld", "P2": "not-upheld"}}, "the basis for the findings is empty"),
    ({"findings": {"P1": "upheld", "P2": "partly-upheld"}, "basis": "Read it"}, "P1, P2 are upheld but no remedy"),
])
def test_the_stage1_letter_is_refused_naming_what_it_lacks(fields: dict[str, Any], named: str) -> None:
    with pytest.raises(LetterRefused) as refused:
        _compose("stage1-response", [received("2024-05-02"), ev("2024-05-16", "stage1.responded", **fields)],
                 today="2024-05-16")
    assert named in refused.value.message and refused.value.code == "stage1-letter-incomplete"


def test_a_letter_before_its_step_is_refused() -> None:
    with pytest.raises(LetterRefused, match=r"follows stage2\.responded"):
        _compose("stage2-adjudication", [received("2024-05-02")], today="2024-05-03")


def test_an_unknown_letter_names_the_procedures_letters() -> None:
    with pytest.raises(LetterRefused, match="its letters are acknowledgement, stage1-response"):
        letter_of("children-england", "birthday-card")


def test_letters_give_due_dates_worked_out_by_the_engine() -> None:
    adjudication = _compose("stage2-adjudication", FULL)
    assert adjudication.context["recommendations"] == [
        {"id": "R1", "what": "Train the team", "accepted": "yes", "due": "Wed 7 Aug 2024"}]
    assert adjudication.context["stage3_by"] == "Wed 7 Aug 2024"
    final = _compose("stage3-final-response", FULL)
    assert final.context["recommendations"][0]["due"] == "Mon 30 Sep 2024"
    assert "0300 061 0614" in " ".join(final.context["sections"][-1]["lines"])
    remedy = _compose("ombudsman-remedy", FULL)
    assert remedy.context["remedies"] == [{"id": "LP1", "what": "Pay £300 for distress", "amount": "£300.00",
                                           "due": "Thu 2 Jan 2025"}]


def test_a_judged_letter_says_only_what_its_template_uses() -> None:
    letter = _compose("stage1-response", [received("2024-05-02"), RESPONDED], today="2024-05-16")
    assert letter.says(["points", "remedy"]) == ("findings", "remedy")
    assert letter.says(["sections"]) == ("findings", "basis", "remedy")
    assert _compose("acknowledgement", FULL).says() == ()


def test_every_procedure_with_letters_names_events_of_its_own_table() -> None:
    for (procedure, _kind), letter in CATALOGUE.items():
        assert letter.follows in PROCEDURES[procedure].table, (procedure, letter.kind)


SEEDS = sorted(Path("examples").glob("seed-*.yaml"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_fills_each_letter_whose_step_it_reached(path: Path) -> None:
    case = load_case_file(path)
    report = replay(case)
    today = report.today
    reached = {e.type for e in case.events}
    produced = 0
    for letter in letters_of("children-england"):
        if letter.follows not in reached:
            continue
        try:
            compose(letter, case=case, report=report, parties=PARTIES, today=today)
            produced += 1
        except LetterRefused as refused:  # only the Stage 1 letter may be refused, for what its history lacks
            assert letter.kind == "stage1-response" and refused.code == "stage1-letter-incomplete"
    assert produced >= 2


# --- the engine judges the Stage 1 response from the letter sent -------------------------------------

SHA = "ab" * 32
TYPED_SHORT = ev("2024-05-16", "stage1.responded", findings={"P1": "upheld", "P2": "not-upheld"}, says=["findings"])


def _report(*events: dict[str, Any]) -> Any:
    return replay(parse_case({"procedure": "children-england", "points": POINTS, "events": list(events)}))


def test_a_complete_letter_sent_outweighs_a_typed_says() -> None:
    assert "stage1.response.incomplete" in _report(received("2024-05-02"), TYPED_SHORT).codes()
    sent = {"date": "2024-05-16", "type": "letter.sent", "kind": "stage1-response", "sha256": SHA,
            "says": ["findings", "basis", "remedy"]}
    assert "stage1.response.incomplete" not in _report(received("2024-05-02"), TYPED_SHORT, sent).codes()


def test_a_letter_sent_without_the_basis_is_the_fault_whatever_was_typed() -> None:
    typed_full = ev("2024-05-16", "stage1.responded", findings={"P1": "upheld", "P2": "not-upheld"})
    sent = {"date": "2024-05-17", "type": "letter.sent", "kind": "stage1-response", "sha256": SHA,
            "says": ["findings", "remedy"]}
    report = _report(received("2024-05-02"), typed_full, sent)
    [warning] = [w for w in report.warnings if w.code == "stage1.response.incomplete"]
    assert warning.message == "The Stage 1 letter sent on 17 May 2024 does not give the basis for the findings"
    assert warning.date == dt.date(2024, 5, 17)


def test_another_letter_does_not_judge_the_stage1_response() -> None:
    sent = {"date": "2024-05-16", "type": "letter.sent", "kind": "acknowledgement", "sha256": SHA}
    assert "stage1.response.incomplete" in _report(received("2024-05-02"), TYPED_SHORT, sent).codes()


def test_a_letter_before_its_step_or_of_no_such_kind_is_refused() -> None:
    from redress.core.table import RuleViolation

    early = {"date": "2024-05-03", "type": "letter.sent", "kind": "stage1-response", "sha256": SHA}
    with pytest.raises(RuleViolation, match=r"stage 1 response is sent after stage1\.responded"):
        _report(received("2024-05-02"), early)
    unknown = {"date": "2024-05-03", "type": "letter.sent", "kind": "postcard", "sha256": SHA}
    with pytest.raises(RuleViolation, match="no letter postcard in the procedure children-england"):
        _report(received("2024-05-02"), unknown)


def test_a_letter_sent_keeps_a_later_conflict_put_right_in_its_place() -> None:
    # The dropped Stage 1 warning sits before the conflict's: the conflict's index must move with it.
    report = _report(
        received("2024-05-02"), TYPED_SHORT, ev("2024-05-20", "stage2.requested"),
        ev("2024-05-21", "stage2.appointed", role="io", person="Kit", involved=True),
        {"date": "2024-05-22", "type": "letter.sent", "kind": "stage1-response", "sha256": SHA},
        ev("2024-05-23", "stage2.appointed", role="io", person="Lou"),
    )
    conflict = next(w for w in report.warnings if w.code == "independence.conflict")
    assert conflict.resolved == dt.date(2024, 5, 23)
    assert "stage1.response.incomplete" not in report.codes()


def test_adults_england_letters_are_catalogue_entries_alone() -> None:
    case = parse_case({"procedure": "adults-england", "points": POINTS[:1], "events": [
        received("2024-05-02"), ev("2024-05-03", "adults.acknowledged", discussion_offered=True),
        ev("2024-06-03", "adults.responded", findings={"P1": "upheld"}, remedy="An apology")]})
    report = replay(case, today=dt.date(2024, 6, 3))
    letter = compose(letter_of("adults-england", "response"), case=case, report=report, parties=PARTIES,
                     today=dt.date(2024, 6, 3))
    assert letter.context["points"][0]["finding_text"] == "Upheld" and letter.context["remedy"] == "An apology"
    assert [s["heading"] for s in letter.context["sections"]] == ["Our findings", "What we will do", "The Ombudsman"]
    sent = {"date": "2024-06-04", "type": "letter.sent", "kind": "response", "sha256": SHA}
    events = [received("2024-05-02"), ev("2024-06-03", "adults.responded", findings={"P1": "upheld"}), sent]
    replay(parse_case({"procedure": "adults-england", "points": POINTS[:1], "events": events}))  # allowed
    from redress.core.table import RuleViolation

    with pytest.raises(RuleViolation, match="its letters are acknowledgement, response"):
        replay(parse_case({"procedure": "adults-england", "points": POINTS[:1],
                           "events": [*events[:2], {**sent, "kind": "stage1-response"}]}))
