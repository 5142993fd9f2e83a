"""The parser on the wording of real decisions the seeds do not use (found on tests/decisions/real).

Each case is a sentence or a page's structure met in a published statement, cut down to what matters.
"""

# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from redress.core.decisions import Decision, Payment, parse_decision
from redress.core.decisions.findings import (
    apology_in,
    fault_found,
    harm_caused,
    injustice_found,
    other_bodies_in,
    reasons_in,
)


def summary_only(summary: str) -> Decision:
    decision = parse_decision(f"The Ombudsman's final decision\nSummary: {summary}\nThe complaint\nMr X complains.\n")
    assert decision is not None
    return decision


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("we will not investigate. the complaint concerns a decision made by the court.", "court-proceedings"),
        ("we will not investigate. the law prevents us from investigating matters that have been before the courts.", "court-proceedings"),
        ("we cannot investigate this complaint because it concerns matters which have been considered in court.", "court-proceedings"),
        ("we will not investigate. there is no sign of fault in how the council decided.", "insufficient-evidence-of-fault"),
        ("we will not investigate because we are unlikely to find fault.", "insufficient-evidence-of-fault"),
        ("we will not investigate. it is unlikely we would find fault or that an investigation would achieve a different outcome.", "no-different-outcome"),
        ("we will not investigate. it is unlikely an investigation would reach a different outcome.", "no-different-outcome"),
        (
            "we will not investigate because there is not enough evidence of fault, or of us being likely to achieve a different result.",
            "no-different-outcome",
        ),
        (
            "we will not investigate. there is insufficient evidence that the absence of the plan has caused mr x a significant personal injustice.",
            "no-significant-injustice",
        ),
        ("the fault did not cause the complainants significant injustice to warrant further pursuit of the complaint.", "no-significant-injustice"),
        ("we will not investigate. it is unlikely an investigation by the ombudsman would achieve anything more.", "no-worthwhile-outcome"),
        ("we will not investigate. a complaint about a subject access request is better considered by the ico.", "other-body-better-placed"),
        ("we will not investigate. the data matters are best considered by the information commissioner's office.", "other-body-better-placed"),
        ("we will not investigate. the ico, not the ombudsman, is the appropriate body to consider the complaint.", "other-body-better-placed"),
        ("the ombudsman will not investigate. this is because the complaint is made late.", "late"),
        ("we will not investigate. part of the complaint is late without good reason to investigate it now.", "late"),
        ("we will not investigate. i see no reason why an appeal could not be made, so the complaint is out of jurisdiction.", "outside-jurisdiction"),
        ("we were unable to investigate her complaint about the placement because the send tribunal had jurisdiction over this.", "outside-jurisdiction"),
        ("we will not investigate. we are satisfied with the actions the council has taken to waive charges.", "remedy-agreed"),
        ("the complaint was closed because the council took action to remedy the injustice.", "remedy-agreed"),
        ("the ombudsman will discontinue the investigation as it is unlikely we would recommend a significantly different remedy.", "remedy-agreed"),
        (
            "we have not investigated this part because the council has agreed to continue its investigation of these complaints "
            "via the statutory children's complaints procedure.",
            "premature",
        ),
    ],
)
def test_reasons_put_in_other_words(said: str, code: str) -> None:
    assert code in reasons_in(said, "", closed=False)


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("we will not investigate. it concerns matters that the council says have been considered in court.", "court-proceedings"),
        (
            "we will not investigate. there is no sign of fault in the council's decision not to consider her complaint whilst there "
            "are ongoing court proceedings.",
            "court-proceedings",
        ),
        ("we will not investigate this complaint. the ombudsman cannot achieve outcomes mr x seeks.", "no-worthwhile-outcome"),
        ("we found fault. the council has agreed to consider the complaint under the statutory complaints procedure.", "premature"),
    ],
)
def test_not_the_ombudsmans_reason(said: str, code: str) -> None:
    assert code not in reasons_in(said, "", closed=False)


@pytest.mark.parametrize(
    ("story", "bodies"),
    [
        ("it is reasonable for mr x to refer the matter to the ico, as it is better placed.", ["information-commissioner"]),
        ("the complaint would be better considered by the information commissioner's office than the ombudsman.", ["information-commissioner"]),
        ("the council will now offer mr b a fresh appeal right to the tribunal.", ["tribunal"]),
        ("we cannot investigate because the complainant appealed to the tribunal.", ["tribunal"]),
        ("we were unable to investigate because the send tribunal had jurisdiction over this.", ["tribunal"]),
        # named, not sent there
        ("the complainant, who i will refer to as miss x, says the council failed to inform the courts.", []),
        ("mrs x complains about delays in issuing a plan, following a tribunal decision in may 2024.", []),
        ("miss x's complaint shows there has been court action during which it could have been discussed.", []),
    ],
)
def test_other_bodies_in_real_wording(story: str, bodies: list[str]) -> None:
    assert other_bodies_in(story) == bodies


def test_fault_not_found_where_only_unlikely_or_no_sign() -> None:
    assert fault_found(["there is no sign of fault in the council's decision."]) is None
    assert fault_found(["we are unlikely to find fault with the council's actions."]) is None
    assert fault_found(["the council was not at fault. nor was it significantly at fault in its reply."]) is False


def test_harm_said_not_caused_is_no_injustice() -> None:
    assert harm_caused("this caused her distress.") is True
    assert harm_caused("the delay did not cause distress. ms x said it caused her upset.") is False


def test_injustice_denied_with_the_person_named_and_not_found_in_want_of_evidence() -> None:
    assert injustice_found(["the fault did not cause mr x significant injustice."]) is False
    assert injustice_found(["the identified fault did not cause the complainants significant injustice."]) is False
    assert injustice_found(["there is insufficient evidence that it caused mr x a significant personal injustice."]) is None


@pytest.mark.parametrize(
    ("summary", "fault", "injustice"),
    [
        ("The Council failed to provide care. The Council should pay Miss X £1500 to recognise the distress caused.", True, True),
        ("The Council did not invite Mrs B to a meeting. The Council’s apology is satisfactory remedy for the injustice caused.", True, True),
        ("There was delay by the Council when issuing the plan. This caused injustice because D waited longer.", True, True),
        ("The Council delayed. The Council caused unnecessary time, trouble and distress. To put this right it will apologise.", True, True),
        ("We found fault. Ms X suffered significant uncertainty due to this fault.", True, True),
        ("There was fault. This caused avoidable distress and uncertainty for which the Council agreed to apologise.", True, True),
        # the complainant's account, not a finding
        ("Miss X complained the Council failed to act. Miss X said this caused her avoidable distress.", None, None),
        # not investigated: nothing found
        ("We will not investigate. The Council failed to reply but has now apologised, which is a suitable remedy.", None, None),
        ("The Council failed to reply.", None, None),
    ],
)
def test_findings_put_in_other_words(summary: str, fault: bool | None, injustice: bool | None) -> None:
    decision = summary_only(summary)
    assert (decision.fault, decision.injustice) == (fault, injustice)


@pytest.mark.parametrize(
    ("said", "apology"),
    [
        ("the council has already apologised and awarded full relief, which is a suitable remedy.", True),
        ("the agreed action provides a suitable remedy in addition to the explanation and apology already provided by the council.", True),
        ("the council has agreed to remedy this injustice by: apologising to miss y; making a payment.", True),
        ("an apology, payment to mr b and training for officers is satisfactory remedy.", True),
        ("the ombudsman recommends the council provides an apology.", True),
        ("it has agreed to offer a financial remedy and formally apologise for this.", True),
        ("however, it did not apologise to ms e for the uncertainty caused.", None),
        ("mrs x wants an apology and a remedy.", None),
        ("the council apologised at stage 1.", None),
    ],
)
def test_apology_said_in_other_words(said: str, apology: bool | None) -> None:
    assert apology_in([], [said]) is apology


def test_payment_to_the_complainants_son_and_a_list_of_amounts() -> None:
    decision = summary_only(
        "The Council should pay Miss X’s son £1000 to recognise the uncertainty he has been caused. The Council agreed to pay her "
        "£500 for the uncertainty caused by the delays, £3,000 for her child’s potential missed education and £100 for the frustration."
    )
    assert decision.payments == (
        Payment(Decimal(1000), "to recognise the uncertainty he has been caused"),
        Payment(Decimal(500), "for the uncertainty caused by the delays"),
        Payment(Decimal(3000), "for her child’s potential missed education"),
        Payment(Decimal(100), "for the frustration"),
    )


def test_a_category_pages_list_of_statements() -> None:
    decision = parse_decision(
        "  • Warrington Council (19 011 636)\n\n    Statement Not upheld School transport 11-Jun-2020\n\n"
        "    Summary: There was no fault by the Council.\n"
    )
    assert decision is not None
    assert (decision.authority, decision.reference) == ("Warrington Council", "19 011 636")
    assert (decision.decision, decision.category, decision.decision_date) == ("Not upheld", "School transport", dt.date(2020, 6, 11))
    assert decision.fault is False


@pytest.mark.parametrize(
    ("ending", "complete"),
    [
        ("Final decision\nWe will not investigate Ms X’s complaint because there was a right of ap\n", False),
        ("Final decision\nWe will not investigate because he can appeal to the Planning Inspector.\nInvestigator's decision on\n", True),
        ("Final decision\nWe will not investigate because he can appeal.\nInvestigator's decision on behalf of the Ombudsman\n", True),
        ("Final decision\nWe will not investigate because he can appeal.\n", True),
    ],
)
def test_a_final_decision_cut_short_is_not_complete(ending: str, complete: bool) -> None:
    decision = parse_decision(
        "Cheshire East Council (24 019 174)\nThe Ombudsman's final decision\nSummary: We will not investigate.\n" + ending
    )
    assert decision is not None
    assert decision.text_complete is complete
    assert decision.ofsted_shared is (False if complete else None)
