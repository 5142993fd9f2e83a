"""The five published decisions, every field checked against what the text says (read by hand).

Judgement calls, so a reader can check them:
- Medway 21 010 819 has no "Final decision" heading; the text still ends at the investigator's
  signature, so it is complete. It makes no finding on fault ("I have ended our investigation").
  The complainant asked for stage 3 (December 2019), so the procedure reached stage 3.
- Kingston 20 010 224 is "Upheld" (the council's own investigation upheld complaints), but the
  Ombudsman's only words on fault are "this is not the result of fault by the Council": False.
- Rotherham 23 013 019: the £300 the council offered is included in the £600, so it is not a
  third payment; no apology is among the agreed actions, so apology is False.
- Kent 24 002 308 was closed without investigation: fault and injustice are not decided (None).
  It went to the council's "stage two review".
"""

# The decisions' own typography (curly apostrophes, dashes) is kept and checked on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from redress.core.decisions import Action, Decision, Payment, parse_bytes

SEEDS = Path(__file__).resolve().parents[2] / "redress" / "decisions" / "fixtures" / "seeds"


def seed(name: str) -> Decision:
    decision = parse_bytes((SEEDS / name).read_bytes())
    assert decision is not None
    return decision


def test_there_are_five_seeds() -> None:
    assert len(sorted(SEEDS.glob("*.txt"))) == 5


def test_medway_premature_complaint_ended_without_finding() -> None:
    d = seed("000_2350db2eb00bf640.txt")
    assert d.authority == "Medway Council"
    assert d.reference == "21 010 819"
    assert d.category == "Children's care services > Other"
    assert d.decision == "Not upheld"
    assert d.decision_date == dt.date(2022, 1, 18)
    assert d.summary is not None
    assert d.summary.startswith("Ms X complained the Council’s children’s services harassed her")
    assert d.summary.endswith("The Council has agreed to re-make its offer of a stage 3 panel to Ms X.")
    assert d.fault is None
    assert d.injustice is None
    assert d.apology is None
    assert d.payments == ()
    assert d.payments_total_gbp is None
    assert d.actions == ()
    assert d.other_bodies == ()
    assert d.reasons_not_investigated == ("premature",)
    assert d.ofsted_shared is False
    assert d.stage_reached == 3
    assert d.text_complete is True


def test_staffordshire_fault_two_payments_and_two_groups_of_actions() -> None:
    d = seed("001_c5a7fa79304e3e98.txt")
    assert d.authority == "Staffordshire County Council"
    assert d.reference == "19 011 904"
    assert d.category == "Children's care services > Child protection"
    assert d.decision == "Upheld"
    assert d.decision_date == dt.date(2020, 9, 22)
    assert d.summary == (
        "Miss X complains about the way the Council handled a safeguarding referral about her children. "
        "The Council was at fault for needlessly humiliating Miss X at a Child Protection Conference and for "
        "its handling of her request for a stage three panel. The Council should apologise, pay Miss X £300, "
        "and take action to improve its service."
    )
    assert d.fault is True
    assert d.injustice is True
    assert d.apology is True
    assert d.payments == (
        Payment(Decimal(200), "in recognition of the needless humiliation she felt at the ICPC"),
        Payment(
            Decimal(100),
            "for the frustration and confusion she experienced because of the Council’s handling of her "
            "stage three panel request",
        ),
    )
    assert d.payments_total_gbp == Decimal(300)
    assert d.actions == (
        Action("Apologise to Miss X in writing", "within four weeks"),
        Action(
            "Amend the Council’s records to remove or highlight the errors identified by the Investigating Officer",
            "within four weeks",
        ),
        Action("Pay Miss X £200 in recognition of the needless humiliation she felt at the ICPC", "within four weeks"),
        Action(
            "Pay Miss X £100 for the frustration and confusion she experienced because of the Council’s handling "
            "of her stage three panel request",
            "within four weeks",
        ),
        Action(
            "Provide evidence to the Ombudsman of specific learning or changes to practice resulting from the "
            "learning event recommended by the stage two investigation",
            "within 12 weeks",
        ),
        Action(
            "Remind relevant staff that a stage 1 complaint response should include: what it upholds or does not "
            "uphold; the basis for that decision; what the remedy will be for any upheld complaints",
            "within 12 weeks",
        ),
    )
    assert d.other_bodies == ()
    assert d.reasons_not_investigated == ()
    assert d.ofsted_shared is True
    assert d.stage_reached == 3
    assert d.text_complete is True


def test_rotherham_payments_include_the_earlier_offer_not_beside_it() -> None:
    d = seed("002_091ca16f16f8c5da.txt")
    assert d.authority == "Rotherham Metropolitan Borough Council"
    assert d.reference == "23 013 019"
    assert d.category == "Children's care services > Looked after children"
    assert d.decision == "Upheld"
    assert d.decision_date == dt.date(2024, 6, 6)
    assert d.summary is not None
    assert d.summary.startswith("Mr X complained about the Council’s investigation under the statutory")
    assert d.summary.endswith("to acknowledge the distress, frustration and uncertainty this caused.")
    assert d.fault is True
    assert d.injustice is True
    assert d.apology is False
    assert [payment.amount_gbp for payment in d.payments] == [Decimal(100), Decimal(600)]
    assert d.payments[0].purpose == (
        "to acknowledge the frustration caused to him by the Council’s delays in completing both stage two and "
        "stage three of the statutory children’s complaints procedure"
    )
    assert d.payments[1].purpose == (
        "to acknowledge the distress, frustration and uncertainty caused by the Council’s delay in carrying out "
        "recommendations following both stage 2 and stage 3 of the statutory complaints procedure"
    )
    assert d.payments_total_gbp == Decimal(700)
    assert [action.deadline for action in d.actions] == ["within one month"] * 5
    assert d.actions[0].action.startswith("pay Mr X £100 to acknowledge the frustration")
    assert d.actions[1].action.endswith(
        "This payment includes the £300 the Council has already offered in recognition of the injustice caused "
        "by complaints upheld through the statutory children’s complaints procedure"
    )
    assert d.actions[2].action.startswith("write to Mr X or offer him a meeting")
    assert d.actions[3].action.startswith("remind relevant staff to use caution when copying and pasting")
    assert d.actions[4].action == "explain how it intends to quality assure social care documents going forward"
    assert d.other_bodies == ()
    assert d.reasons_not_investigated == ()
    assert d.ofsted_shared is True
    assert d.stage_reached == 3
    assert d.text_complete is True


def test_kingston_newer_layout_upheld_without_fault_by_the_council() -> None:
    d = seed("003_915c1a5c6cadf57c.txt")
    assert d.authority == "Royal Borough of Kingston upon Thames"
    assert d.reference == "20 010 224"
    assert d.category == "Children's care services > Child protection"
    assert d.decision == "Upheld"
    assert d.decision_date == dt.date(2021, 6, 21)
    assert d.summary == (
        "An independent investigation upheld some of Ms M’s complaints about contact with her children. "
        "The Council accepted the findings and recommendations. Contact has still not taken place, but this "
        "is not the result of fault by the Council."
    )
    assert d.fault is False
    assert d.injustice is None
    assert d.apology is None
    assert d.payments == ()
    assert d.payments_total_gbp is None
    assert d.actions == ()
    assert d.other_bodies == ()
    assert d.reasons_not_investigated == ()
    assert d.ofsted_shared is False
    assert d.stage_reached == 3
    assert d.text_complete is True


def test_kent_closed_with_other_bodies_better_placed() -> None:
    d = seed("004_137518ef3d5868ae.txt")
    assert d.authority == "Kent County Council"
    assert d.reference == "24 002 308"
    assert d.category == "Education > Other"
    assert d.decision == "Closed after initial enquiries"
    assert d.decision_date == dt.date(2024, 7, 15)
    assert d.summary == (
        "We will not investigate Miss X’s complaints about the Council’s children’s social care involvement "
        "regarding her children. There is insufficient evidence of fault to warrant an investigation by the "
        "Ombudsman. In addition, Miss X could take some of her complaints to the Information Commissioner’s "
        "Office and Social Work England."
    )
    assert d.fault is None
    assert d.injustice is None
    assert d.apology is None
    assert d.payments == ()
    assert d.payments_total_gbp is None
    assert d.actions == ()
    assert d.other_bodies == ("information-commissioner", "social-work-england")
    assert d.reasons_not_investigated == ("insufficient-evidence-of-fault", "other-body-better-placed")
    assert d.ofsted_shared is False
    assert d.stage_reached == 2
    assert d.text_complete is True


@pytest.mark.parametrize("name", ["000_2350db2eb00bf640.txt", "001_c5a7fa79304e3e98.txt", "003_915c1a5c6cadf57c.txt"])
def test_page_furniture_is_not_in_the_text(name: str) -> None:
    text = seed(name).text
    for furniture in ("Back to top", "Print this page", "LGO logogram", "Required cookies", "Google Analytics"):
        assert furniture not in text
    assert text.splitlines()[-1] == "Investigator's decision on behalf of the Ombudsman"


def test_json_shape_of_a_seed() -> None:
    data = seed("001_c5a7fa79304e3e98.txt").to_json()
    assert data["decision_date"] == "2020-09-22"
    assert data["payments"][0] == {
        "amount_gbp": 200,
        "purpose": "in recognition of the needless humiliation she felt at the ICPC",
    }
    assert data["payments_total_gbp"] == 300
    assert data["actions"][0] == {"action": "Apologise to Miss X in writing", "deadline": "within four weeks"}
    assert "text" not in data
    assert seed("001_c5a7fa79304e3e98.txt").to_json(include_text=True)["text"].startswith("Staffordshire")
