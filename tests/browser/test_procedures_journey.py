"""A manager chooses the council's procedures, then records an adult social care complaint and takes it through its steps."""

from __future__ import annotations

from typing import Any

import pytest

from redress.complaints.models import Complaint
from redress.councils.models import Council, User
from tests.browser.conftest import axe_check, fill_date, record, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_manager_chooses_procedures_and_takes_an_adults_complaint_through_its_steps(
    page: Any, live_server: Any, manager: User, council: Council
) -> None:
    from playwright.sync_api import expect

    sign_in(page, live_server, manager)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Procedures").click()
    axe_check(page, every_impact=True)
    page.get_by_label("Children's social care complaints (England)").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save procedures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one procedure")
    axe_check(page, every_impact=True)
    for label in ("Children's social care complaints (England)", "Adult social care complaints (England)"):
        page.get_by_label(label).check()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "procedures-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "procedures-1280")
    with page.expect_navigation():
        page.get_by_role("button", name="Save procedures").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Your council runs 2 procedures")
    council.refresh_from_db()
    assert council.procedure_names == ("children-england", "adults-england")

    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Caseload").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Record a new complaint").click()
    expect(page.get_by_role("heading", name="Which procedure is the complaint under?")).to_be_visible()
    axe_check(page, every_impact=True)
    page.get_by_label("Adult social care complaints (England)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("3 working day clock to acknowledge it")
    page.get_by_label("Complainant's name").fill("Mrs Ruth Adebayo")
    page.get_by_label("Who is complaining").select_option("sufficient-interest")
    page.get_by_label("Name of the adult the complaint is about").fill("Mr Samuel Adebayo")
    fill_date(page, "received_on", "2026-03-02")
    page.locator("[name=point_1_text]").fill("My father's care package was cut without a review")
    page.locator("[name=point_1_about]").select_option("decision")
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "adults-new-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "adults-new-1280")
    with page.expect_navigation():
        page.get_by_role("button", name="Record complaint").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "recorded under Adult social care complaints (England)")
    expect(page.locator("main")).to_contain_text("Acknowledge the complaint")
    axe_check(page)

    record(page, "Record the acknowledgement", "2026-03-04", check=("[name=discussion_offered][value=yes]",),
           shows=("Acknowledgement sent",))
    record(page, "Record the response date agreed with the complainant", "2026-03-06", {"respond_by": "2026-05-29"},
           shows=("Response due by: Fri 29 May 2026",))
    record(page, "Record the response", "2026-05-20", {"finding_P1": "upheld", "remedy": "Care package restored"},
           check=("[name=ombudsman_rights][value=yes]",), shows=("Response sent", "No faults or risks"))
    expect(page.locator("main")).to_contain_text("Local stage")
    complaint = Complaint.objects.get(complainant_name="Mrs Ruth Adebayo")
    assert complaint.procedure == "adults-england"
    assert [e.type for e in complaint.events.order_by("sequence")] == [
        "complaint.received", "adults.acknowledged", "adults.response-period-agreed", "adults.responded"]
    screenshot(page, "adults-complaint-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
    screenshot(page, "adults-complaint-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Caseload").click()
    page.get_by_label("Procedure").select_option("adults-england")
    page.get_by_label("Status").select_option("")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#caseload-table")).to_contain_text(complaint.reference)
    expect(page.locator("#caseload-table")).to_contain_text("Adults (England)")
    axe_check(page)
    screenshot(page, "adults-caseload-1280")
