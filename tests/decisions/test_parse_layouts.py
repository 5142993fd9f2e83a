"""Fixtures written for each layout the parser must read, and for amounts that are not payments."""

# The decisions' own typography (curly apostrophes, dashes) is kept and checked on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from redress.core.decisions import Action, Decision, Payment, parse_bytes, parse_decision, parse_html
from redress.core.decisions.structure import heading_key
from redress.core.decisions.text import clean_lines, html_to_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Decision:
    decision = parse_bytes((FIXTURES / name).read_bytes())
    assert decision is not None
    return decision


def test_older_layout_group_deadlines_said_before_the_actions() -> None:
    d = fixture("older_layout.txt")
    assert (d.authority, d.reference) == ("Northshire County Council", "22 004 117")
    assert d.category == "Children's care services > Looked after children"
    assert (d.decision, d.decision_date) == ("Upheld", dt.date(2023, 3, 3))
    assert (d.fault, d.injustice, d.apology) == (True, True, True)
    assert d.payments == (
        Payment(Decimal(350), "to acknowledge the distress and frustration the delay caused her"),
        Payment(Decimal(150), "for her time and trouble in pursuing the complaint"),
    )
    assert d.payments_total_gbp == Decimal(500)
    assert d.actions == (
        Action("apologise to Mrs B for the delay", "within one month"),
        Action("pay Mrs B £350 to acknowledge the distress and frustration the delay caused her", "within one month"),
        Action("pay Mrs B £150 for her time and trouble in pursuing the complaint", "within one month"),
        Action(
            "review its arrangements for appointing investigating officers so stage two investigations finish "
            "within 65 working days",
            "within three months",
        ),
    )
    # "better placed" and "late" appear only in the standard role-and-powers paragraph.
    assert d.other_bodies == () and d.reasons_not_investigated == ()
    assert d.ofsted_shared is True
    assert d.stage_reached == 2  # "Mrs B did not ask for a stage three panel"
    assert d.text_complete is True


def test_newer_layout_single_lines_and_bullets() -> None:
    d = fixture("newer_layout.txt")
    assert (d.authority, d.reference, d.decision) == ("Eastmere Borough Council", "23 009 441", "Upheld")
    assert d.decision_date == dt.date(2023, 11, 14)
    assert d.summary is not None and d.summary.endswith("It has agreed to apologise and pay Mr D £250.")
    assert (d.fault, d.injustice, d.apology) == (True, True, True)
    assert d.payments == (Payment(Decimal(250), "for the distress caused"),)
    assert [action.deadline for action in d.actions] == ["within four weeks", "within four weeks", "within three months"]
    assert d.actions[0].action == "The Council will apologise to Mr D within four weeks of my final decision"
    assert d.other_bodies == ()  # the Information Commissioner appears only in role and powers
    assert d.ofsted_shared is True
    assert d.stage_reached == 2
    assert d.text_complete is True


def test_heading_without_category_decision_or_date() -> None:
    d = fixture("heading_only.txt")
    assert (d.authority, d.reference) == ("Southborough Council", "24 001 076")
    assert (d.category, d.decision, d.decision_date) == (None, None, None)
    assert d.reasons_not_investigated == ("premature",)
    assert (d.fault, d.injustice, d.apology) == (None, None, None)
    assert d.payments == () and d.actions == ()
    assert d.stage_reached == 2
    assert d.ofsted_shared is False
    assert d.text_complete is True


def test_mirror_copy_from_the_final_decision_line() -> None:
    d = fixture("mirror_final_decision.txt")
    assert (d.authority, d.reference, d.category, d.decision, d.decision_date) == (None,) * 5
    assert d.summary is not None and d.summary.startswith("Miss F complained about the Council’s refusal")
    assert d.fault is False
    assert d.injustice is None
    assert d.other_bodies == ("court",)  # "The family court is the right place for Miss F to challenge..."
    assert d.reasons_not_investigated == ()
    assert d.text_complete is True


def test_mirror_copy_from_a_summary_heading() -> None:
    d = fixture("mirror_summary.txt")
    assert (d.authority, d.reference, d.decision) == (None, None, None)
    assert d.summary is not None and d.summary.startswith("Mr G complained the Council did not carry out")
    assert (d.fault, d.injustice, d.apology) == (True, True, False)
    assert d.payments == (Payment(Decimal(400), "to acknowledge the frustration caused by the delay"),)
    assert d.actions == (
        Action("pay Mr G £400 to acknowledge the frustration caused by the delay", "within one month"),
        Action("complete the care plan review and send Mr G a copy", "within one month"),
    )
    assert d.stage_reached == 3
    assert d.text_complete is True


def test_old_report_summary_headed_by_the_reference_alone() -> None:
    d = fixture("report_summary.txt")
    assert (d.authority, d.reference, d.category, d.decision) == (None, "08 012 345", None, None)
    assert d.summary is not None and "Mrs H complained that the Council failed to provide the respite care" in d.summary
    assert (d.fault, d.injustice) == (True, True)  # "Maladministration causing injustice"
    assert d.payments == (
        Payment(Decimal(1500), "for the loss of respite care"),
        Payment(Decimal(250), "for her time and trouble"),
    )
    assert d.payments_total_gbp == Decimal(1750)
    assert len(d.actions) == 1 and d.actions[0].deadline == "within three months"
    assert d.stage_reached == 3  # "her complaint went to a review panel"
    assert d.text_complete is True


def test_text_cut_off_before_the_final_decision() -> None:
    d = fixture("cut_off.txt")
    assert (d.authority, d.reference, d.decision) == ("Westbury District Council", "21 015 902", "Upheld")
    assert d.text_complete is False
    assert d.fault is True  # from the summary
    assert d.injustice is True  # "to acknowledge the uncertainty caused", as in the real decisions' summaries
    assert d.payments == (Payment(Decimal(500), "to acknowledge the uncertainty caused"),)
    assert d.actions == ()
    assert d.ofsted_shared is None  # the part that would say it is missing
    assert d.stage_reached == 1
    assert d.text.endswith("The Council accepts it")


def test_saved_html_page_with_cookie_banner_and_page_furniture() -> None:
    d = fixture("saved_page.html")
    assert (d.authority, d.reference) == ("Oakfield Council", "23 004 882")
    assert d.category == "Children's care services > Fostering"
    assert (d.decision, d.decision_date) == ("Upheld", dt.date(2023, 12, 19))
    assert (d.fault, d.injustice, d.apology) == (True, True, True)
    assert d.payments == (
        Payment(Decimal(1000), "for the allowance she lost"),
        Payment(Decimal(250), "for the distress caused"),
    )
    assert [action.action for action in d.actions] == [
        "apologise to Ms N",
        "pay Ms N £1,000 for the allowance she lost",
        "pay Ms N £250 for the distress caused",
    ]
    assert {action.deadline for action in d.actions} == {"within four weeks"}
    assert d.stage_reached == 2
    for furniture in ("cookies", "Back to top", "Print this page", "dataLayer", "Home", "PO Box"):
        assert furniture not in d.text


def test_amounts_that_are_not_payments_to_the_complainant_are_left_out() -> None:
    d = fixture("distractors.txt")
    # Care charges, a late payment fee, rent arrears, what the council spent, what it paid foster
    # carers, and an offer she refused are all on the page; only the refund and the payment count.
    assert d.payments == (
        Payment(Decimal(3200), "for the respite care charges she should not have paid"),
        Payment(Decimal(300), "to acknowledge the distress and worry the charges caused her"),
    )
    assert d.payments_total_gbp == Decimal(3500)
    assert d.actions[1] == Action("cancel the £50 late payment fee", "within four weeks")
    assert d.apology is False


def test_closed_decision_reasons_and_other_bodies() -> None:
    d = fixture("closed_reasons.txt")
    assert d.decision == "Closed after initial enquiries"
    assert d.decision_date == dt.date(2024, 9, 2)
    assert d.other_bodies == ("police", "nhs", "parliamentary-ombudsman")
    assert d.reasons_not_investigated == (
        "no-worthwhile-outcome",
        "other-body-better-placed",
        "court-proceedings",
        "late",
        "remedy-agreed",
    )
    assert (d.fault, d.injustice) == (None, None)


def test_another_web_page_is_not_a_decision() -> None:
    assert parse_bytes((FIXTURES / "other_page.html").read_bytes()) is None


def test_parse_html_and_parse_decision_agree_on_a_page() -> None:
    html = (FIXTURES / "saved_page.html").read_text(encoding="utf-8")
    assert parse_html(html) == fixture("saved_page.html")
    assert parse_decision(html_to_text(html)) == parse_html(html)


def test_headings_are_read_in_any_case_even_with_a_dotless_i_or_long_s() -> None:
    lines = clean_lines("What I found\nWHAT WE FOUND:\nWhat \u0131 found\n\u017fummary\nThe complaint is about delay")
    assert [heading_key(line) for line in lines] == ["found", "found", "found", "summary", None]
