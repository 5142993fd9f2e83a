"""#17's proof: one complaint from receipt to the Ombudsman's decision and closure through the pages only,
signed in as a complaints manager, every page checked with axe, on a desktop and on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.complaints.models import Event, Projection
from redress.complaints.wording import WARNING_TITLES
from redress.councils.models import AuditEntry, User
from tests.browser.conftest import axe_check, record, record_new_complaint, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HISTORY = [
    "complaint.received", "stage1.responded", "stage2.requested", "stage2.statement-agreed", "stage2.appointed",
    "stage2.appointed", "stage2.extended", "stage2.responded", "stage3.requested", "action.completed",
    "stage3.panel-scheduled", "stage3.panel-held", "stage3.panel-reported", "stage3.responded", "action.completed",
    "event.corrected", "ombudsman.referred", "ombudsman.decided", "complaint.closed",
]


def _go_to_the_caseload(page: Any) -> None:
    """Through the menu, which a phone folds behind its Menu button."""
    menu = page.get_by_role("navigation", name="Menu")
    toggle = menu.get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
    with page.expect_navigation():
        menu.get_by_role("link", name="Caseload").click()
    axe_check(page)


def _correct_the_investigating_officers_name(page: Any) -> None:
    """The IO was recorded as "Quin Ash": a manager puts it right, with the reason."""
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Correct or remove this event \(.*3 Feb 2026\)$")).click()
    axe_check(page)
    page.locator("[name=correction_reason]").fill("The investigating officer's name was misspelt")
    page.locator("[name=person]").fill("Quinn Ash")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the correction").click()
    expect(page.locator("main")).to_contain_text("because: The investigating officer's name was misspelt")
    expect(page.locator("main")).to_contain_text("Investigating officer: Quinn Ash")
    axe_check(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_one_complaint_from_receipt_to_the_ombudsman_and_closure_through_the_pages(
    page: Any, live_server: Any, manager: User, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate().isoformat()
    sign_in(page, live_server, manager)
    axe_check(page)
    _go_to_the_caseload(page)
    complaint = record_new_complaint(page)
    assert re.search(rf"/complaints/{complaint.pk}/$", page.url)

    record(page, "Record the Stage 1 response", "2026-01-15", {"finding_P1": "upheld", "finding_P2": "not-upheld"},
           check=("[name=says][value=findings]", "[name=says][value=basis]", "[name=says][value=remedy]"),
           shows=("P1: Upheld; P2: Not upheld", "the findings, the basis for them, the remedy"))
    record(page, "Record a request for Stage 2", "2026-01-26", shows=("Stage 2 requested",))
    record(page, "Record that the statement of complaint was agreed", "2026-02-02", shows=("Statement of complaint agreed",))
    record(page, "Appoint an investigating officer or independent person", "2026-02-03", {"person": "Quin Ash"},
           check=("[name=role][value=io]", "[name=council_employee][value=no]", "[name=involved][value=no]"),
           shows=("Investigating officer: Quin Ash",))
    record(page, "Appoint an investigating officer or independent person", "2026-02-04", {"person": "Rae Bond"},
           check=("[name=role][value=ip]", "[name=council_employee][value=no]", "[name=involved][value=no]"),
           shows=("Independent person: Rae Bond",))
    record(page, "Extend Stage 2", "2026-02-20", {"to_wd": "65", "reason": "Several staff to interview"},
           check=("[name=notified][value=yes]",), shows=("Several staff to interview", "65 working days"))
    record(page, "Record the Stage 2 adjudication", "2026-04-20",
           {"finding_P1": "upheld", "finding_P2": "not-upheld", "rec_what_1": "Apologise in writing", "rec_due_1": "20 WD"},
           check=("[name=rec_accepted_1][value=yes]",), shows=("R1 Apologise in writing (accepted",))
    record(page, "Record a request for a review panel", "2026-04-27", shows=("Review panel requested",))
    record(page, "Record that an action was completed", "2026-04-28", {"id": "R1", "evidence": "Letter sent by the Director"},
           shows=("Letter sent by the Director",))
    record(page, "Set the panel date", "2026-04-30", {"panel_date": "2026-05-20", "member_1": "Hilary Stone",
                                                      "member_2": "Raj Mehta", "member_3": "Ann O'Neill"},
           shows=("Wed 20 May 2026",))
    record(page, "Record that the panel met", "2026-05-20", {"member_1": "Hilary Stone", "member_2": "Raj Mehta",
                                                              "member_3": "Ann O'Neill"},
           shows=("Hilary Stone, Raj Mehta, Ann O'Neill",))
    record(page, "Record the panel's report", "2026-05-26",
           {"finding_P1": "upheld", "finding_P2": "upheld", "rec_id_1": "PR1", "rec_what_1": "Review how visits are arranged",
            "rec_id_2": "PR2", "rec_what_2": "Move the family to another team"},
           shows=("PR1 Review how visits are arranged", "PR2 Move the family to another team"))
    record(page, "Record the council's final response", "2026-06-10",
           {"due_PR1": "12 weeks", "reason_PR2": "The current team knows the family and has made the changes"},
           check=("[name=decision_PR1][value=yes]", "[name=decision_PR2][value=no]"),
           shows=("PR1 Review how visits are arranged: accepted, due 12 weeks",
                  "PR2 Move the family to another team: rejected. The current team knows the family"))
    record(page, "Record that an action was completed", "2026-07-01", {"id": "PR1", "evidence": "Visit arrangements reviewed"},
           shows=("PR1 Review how visits are arranged", "Visit arrangements reviewed"))
    _correct_the_investigating_officers_name(page)
    record(page, "Record a referral to the Ombudsman", today, {"reference": "26 001 234"},
           shows=("Awaiting the Ombudsman's decision", "26 001 234"))
    record(page, "Record the Ombudsman's decision", today,
           {"reference": "26 001 234", "remedy_what_1": "Apologise for the cancelled contact", "payment_amount_1": "250",
            "payment_purpose_1": "the distress caused"},
           check=("[name=outcome][value=upheld]", "[name=fault][value=yes]", "[name=injustice][value=yes]"),
           shows=("Upheld, decided on", "OA1 Apologise for the cancelled contact", "Pay £250 for the distress caused"))
    record(page, "Close the complaint", today, {"reason": "The Ombudsman's case is decided"},
           shows=("The Ombudsman's case is decided",))

    main = page.locator("main")
    expect(main.locator(".govuk-summary-list").first).to_contain_text("Stage 3")
    expect(main.locator(".govuk-summary-list").first).to_contain_text("Closed")
    expect(page.locator("#ombudsman + dl")).to_contain_text("Upheld, decided on")
    text = main.inner_text()
    assert [code for code in WARNING_TITLES if code in text] == []
    assert re.findall(r"\b[a-z0-9]+(?:\.[a-z0-9-]+){2}\b", text) == []
    screenshot(page, f"full-journey-{width}")

    projection = Projection.objects.get(pk=complaint.pk)
    assert (projection.stage, projection.status, projection.faults, projection.risks) == (3, "closed", 0, 0)
    events = list(Event.objects.filter(complaint=complaint).order_by("sequence"))
    assert [e.type for e in events] == HISTORY
    assert events[4].data["person"] == "Quin Ash"  # the history keeps the mistake and its correction
    correction = events[15].data
    assert (correction["event"], correction["reason"], correction["replacement"]["person"]) == (
        events[4].sequence, "The investigating officer's name was misspelt", "Quinn Ash")
    assert {e.recorded_by_id for e in events} == {manager.pk}
    assert AuditEntry.objects.filter(object_id=str(complaint.pk), actor=manager).count() >= len(events)
