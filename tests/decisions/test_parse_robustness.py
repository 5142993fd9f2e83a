"""Arbitrary text and bytes never make the parser raise; small pieces of the reading, one by one."""

# The decisions' own typography (curly apostrophes, dashes) is kept and checked on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from redress.core.decisions import findings, parse_bytes, parse_decision, parse_html
from redress.core.decisions.findings import (
    apology_in,
    fault_found,
    injustice_found,
    ofsted_shared,
    other_bodies_in,
    reasons_in,
    stage_reached,
)
from redress.core.decisions.record import money_json
from redress.core.decisions.remedies import actions_in, payments_in
from redress.core.decisions.structure import parse_date
from redress.core.decisions.text import clean_lines, decode

SEED = (Path(__file__).resolve().parents[2] / "redress/decisions/fixtures/seeds/001_c5a7fa79304e3e98.txt").read_text()
PIECES = st.sampled_from(
    [
        "Kent County Council (24 002 308)\n", "Category : ", "Decision : Upheld\n", "Decision date : 31 Feb 2024\n",
        "Summary: ", "The Ombudsman's final decision:\n", "Final decision\n", "Agreed action\n", "  1. ", "    • ",
        "pay Mr X £", "1,000", " to ", "within four weeks", " of my final decision", ":\n", "\n", "stage 3 ",
        "Mr X ", "not ", "fault", "injustice", "Ofsted", "better placed", "the police", "<p>", "</li>", "<li>",
        "<script>", "Back to top\n", "08 012 345\n", "Investigator's decision on behalf of the Ombudsman\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    result = parse_decision(text)
    assert result is None or result.to_json() is not None
    parse_html(text)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parse_bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60))
def test_decision_shaped_text_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    for parse in (parse_decision, parse_html):
        result = parse(text)
        if result is not None:
            result.to_json(include_text=True)
    parse_bytes(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_a_seed_cut_anywhere_never_raises(cut: int) -> None:
    result = parse_decision(SEED[:cut])
    if result is not None:
        assert result.reference == "19 011 904" or cut < 60


def test_decode_prefers_utf8_then_windows_1252() -> None:
    assert decode("£300 – ’".encode()) == "£300 – ’"
    assert decode("£300".encode("cp1252")) == "£300"
    assert decode(b"\x81\x8d\x8f\x90\x9d") is None  # bytes Windows-1252 leaves undefined
    assert decode(b"\x01\x02\x03\x04 text") is None  # control characters: binary
    assert decode(b"\xef\xbb\xbfwith a BOM") == "with a BOM"


def test_clean_lines_keep_the_page_characters_and_plain_ones_for_matching() -> None:
    (line,) = clean_lines("  • The Council’s\u00a0record\r\n\x07")
    assert (line.text, line.norm, line.indent, line.bullet) == ("The Council’s\u00a0record", "The Council's record", 2, True)
    assert clean_lines("Back to top\nPrint this page\nThese cookies enable the site.") == []
    assert clean_lines("x" * 500)[0].norm == "x" * 500


def test_dates_as_the_pages_write_them() -> None:
    assert parse_date("06 Jun 2024") == dt.date(2024, 6, 6)
    assert parse_date("6 September 2024") == dt.date(2024, 9, 6)
    assert parse_date("2024-06-06") == dt.date(2024, 6, 6)
    assert parse_date("31 Feb 2024") is None
    assert parse_date("6 Smarch 2024") is None
    assert parse_date("soon") is None


def test_fault_is_read_from_the_first_text_that_speaks_of_it() -> None:
    assert fault_found(["", "the council was at fault."]) is True
    assert fault_found(["i found no fault."]) is False
    assert fault_found(["there is insufficient evidence of fault."]) is None
    assert fault_found(["there was no fault in a. there was fault in b."]) is True
    assert fault_found(["maladministration causing injustice"]) is True
    assert injustice_found(["the fault did not cause significant injustice"]) is False
    assert injustice_found(["", "no mention"]) is None


def test_apology_from_actions_or_the_summary() -> None:
    assert apology_in(["apologise to mr x"], []) is True
    assert apology_in(["pay mr x £100"], ["the council should apologise"]) is False
    assert apology_in([], ["the council has agreed to apologise to mr x."]) is True
    assert apology_in([], ["the council apologised at stage 1."]) is None


def test_other_bodies_only_where_said_to_be_the_place_to_go() -> None:
    story = (
        "mr x could complain to the housing ombudsman. she can appeal to the tribunal. "
        "the hcpc is the right body. the police attended in 2019. the parliamentary and health service ombudsman "
        "is better placed. mr x could take this to the information commissioner."
    )
    assert other_bodies_in(story) == [
        "information-commissioner",
        "social-work-england",
        "tribunal",
        "housing-ombudsman",
        "parliamentary-ombudsman",
    ]
    assert other_bodies_in("the nhs trust is better placed to consider it.") == ["nhs"]


def test_each_reason_for_not_investigating() -> None:
    cases = {
        "premature": "we will not investigate because the complaint is premature.",
        "insufficient-evidence-of-fault": "we will not investigate: there is not enough evidence of fault.",
        "no-significant-injustice": "we will not investigate because there is no significant injustice.",
        "no-different-outcome": "we will not investigate as it is unlikely to lead to a different outcome.",
        "no-worthwhile-outcome": "we will not investigate as there is no worthwhile outcome.",
        "could-not-add": "we will not investigate because we could not add to the stage 2 investigation.",
        "other-body-better-placed": "we will not investigate as the ico is better placed.",
        "court-proceedings": "we will not investigate matters in court proceedings.",
        "late": "we will not investigate because the complaint is late: mr x waited too long.",
        "outside-jurisdiction": "we will not investigate, as the school is outside our jurisdiction.",
        "remedy-agreed": "we will not investigate as the council has already offered a suitable remedy.",
    }
    for code, text in cases.items():
        assert code in reasons_in(text, "", closed=False), code
    assert reasons_in("", "the council said the complaint was premature.", closed=False) == []
    assert reasons_in("", "mr x says it is premature. we will not investigate further.", closed=True) == []
    assert reasons_in("", "we consider it premature.", closed=True) == ["premature"]


def test_stage_reached_from_the_complainants_own_story() -> None:
    assert stage_reached("mr x asked for stages one and two.") == 2
    assert stage_reached("mr x did not ask for stage 3. mr x went to stage 2.") == 2
    assert stage_reached("ms m had a response at all three stages.") == 3
    assert stage_reached("ms y went to the review panel.") == 3
    assert stage_reached("a council must hold a stage 3 panel within 30 working days.") is None
    assert stage_reached("mr x reached stage four.") is None


def test_payments_need_a_recipient_or_an_agreed_action() -> None:
    (line,) = clean_lines("The Council should pay £200 to Mr X for his time and trouble.")
    assert [(p.amount_gbp, p.purpose) for p in payments_in([line])] == [(Decimal(200), "for his time and trouble")]
    (line,) = clean_lines("make a symbolic payment of £150.50 to Ms Y")
    assert [p.amount_gbp for p in payments_in([line], action_items=True)] == [Decimal("150.50")]
    (line,) = clean_lines("The Council offered Mrs Z a time and trouble payment of £75.")
    assert [p.amount_gbp for p in payments_in([line])] == [Decimal(75)]
    (line,) = clean_lines("The Council paid the school £2,000.")
    assert payments_in([line]) == []
    assert money_json(Decimal("150.50")) == 150.5


def test_actions_group_deadline_said_after_them() -> None:
    lines = clean_lines(
        "1. The Council should:\n    • apologise to Mr X;\n    • pay Mr X £100.\n"
        "2. The Council should do this within one month of my final decision.\n"
        "3. The Council should review its leaflet.\n"
    )
    actions = actions_in(lines)
    assert [(a.action, a.deadline) for a in actions] == [
        ("apologise to Mr X", "within one month"),
        ("pay Mr X £100", "within one month"),
        ("The Council should review its leaflet", None),
    ]
    assert actions_in([]) == []


def test_actions_lose_the_separator_that_joins_them() -> None:
    lines = clean_lines("Agreed action\n  • apologise to Mr X; and\n  • review its leaflet, or\n  • train its staff AND\n  • write to Ms Y.\n  • brand")
    assert [a.action for a in actions_in(lines[1:])] == [
        "apologise to Mr X", "review its leaflet", "train its staff", "write to Ms Y", "brand",
    ]


def test_the_ombudsman_saying_it_will_not_investigate_in_the_story() -> None:
    assert reasons_in("", "we consider it premature, so we will not investigate.", closed=False) == ["premature"]
    assert other_bodies_in("the policeman could take it elsewhere.") == []


def test_what_is_not_a_decision() -> None:
    assert parse_decision("12 345 678\nhello there") is None
    assert parse_decision("Category : Education\nDecision : Upheld\nnothing else") is not None
    assert parse_decision("x" * 2_000_001) is None
    assert parse_bytes(b"x" * 8_000_001) is None
    assert parse_decision("Summary: the weather is fine") is None


def test_html_line_breaks_and_self_closing_tags() -> None:
    html = "<p>Kent County Council (24 002 308)<br/>Category : Education &gt; Other<img src=\"x\"/><br>Decision : Upheld</p>"
    decision = parse_html(html)
    assert decision is not None and decision.category == "Education > Other"


def test_one_payment_when_two_patterns_read_the_same_words() -> None:
    (line,) = clean_lines("The Council offered Mrs Z a payment of £75 to Mrs Z.")
    assert [p.amount_gbp for p in payments_in([line])] == [Decimal(75)]
    (line,) = clean_lines("pay £250 for her time and trouble")
    assert [(p.amount_gbp, p.purpose) for p in payments_in([line], action_items=True)] == [
        (Decimal(250), "for her time and trouble")
    ]


def test_ofsted_sharing_is_read_in_each_sentence_that_names_ofsted() -> None:
    assert ofsted_shared("ofsted inspected the home. we will share this decision with ofsted.") is True
    assert ofsted_shared("ofsted inspected the home. ofsted rated it good.") is False


def test_stage_mentions_in_one_sentence_are_read_once() -> None:
    assert stage_reached("the council held stage 3 and stage 2 reviews for the area. mr x asked for stage 1.") == 1


def test_patterns_led_by_their_first_letters_find_what_they_would_without() -> None:
    guarded = [value for value in vars(findings).values() if isinstance(value, re.Pattern) and value.pattern.startswith("(?=[")]
    guarded += [pattern for _, pattern in findings._REASONS]
    seeds = Path(__file__).resolve().parents[2] / "redress/decisions/fixtures/seeds"
    texts = [path.read_text().lower() for path in sorted(seeds.glob("*.txt"))]
    texts += [(Path(__file__).parent / "fixtures" / name).read_text().lower() for name in ("closed_reasons.txt", "distractors.txt")]
    for pattern in guarded:
        plain = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1])
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern.pattern
