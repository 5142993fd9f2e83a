"""The register in a real browser: a manager appoints from the register and sees a conflict before saving; the
IO signs in, records findings per point and uploads the report. axe on every page; screenshots at 1280 and 390."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from redress.councils.models import Council, User
from redress.documents.models import Document
from redress.people.models import InvestigationFinding, Person
from tests.browser.conftest import PASSWORD, axe_check, enter_code, screenshot, sign_in
from tests.complaints.conftest import import_history
from tests.people.conftest import add_person, appointed_user

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
REPORT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _both_widths(page: Any, name: str) -> None:
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
    screenshot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def _appoint(page: Any, role: str, person: str) -> None:
    page.get_by_role("button", name="Record an event").click()
    page.get_by_label("Appoint an investigating officer or independent person", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Appoint an investigating officer or independent person")).to_be_visible()
    page.get_by_label(role, exact=True).check()
    page.get_by_label("Who is appointed?").select_option(person)
    page.locator("[name=involved][value=no]").check()
    axe_check(page)


def test_a_manager_appoints_from_the_register_and_sees_a_conflict_before_saving(
        page: Any, live_server: Any, council: Council, manager: User) -> None:
    add_person(council, "Priya Shah", "io", organisation="Kestrel Reviews")
    add_person(council, "Jo Kestrel", "ip", organisation="Kestrel Reviews")
    add_person(council, "Sam Okafor", "ip", organisation="Independent Voices")
    complaint = import_history(council, manager)
    sign_in(page, live_server, manager)
    page.get_by_role("link", name="Investigators and panel").click()
    expect(page.get_by_role("heading", name="Investigators and panel")).to_be_visible()
    axe_check(page)
    _both_widths(page, "register")
    page.get_by_role("link", name="Add someone").click()
    page.get_by_role("button", name="Add to the register").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's name")
    axe_check(page)

    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    _appoint(page, "Investigating officer", "Priya Shah")
    page.locator("[name=declaration]").fill("I have not worked with this family or team")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("recorded")

    _appoint(page, "Independent person", "Jo Kestrel")
    page.get_by_role("button", name="Record").click()
    expect(page.locator("#conflicts")).to_contain_text("Not saved yet: this appointment has an independence conflict")
    expect(page.locator("main")).to_contain_text("are of the same firm (Kestrel Reviews)")
    axe_check(page)
    _both_widths(page, "appointment-conflict")
    assert [e.data["person"] for e in complaint.events.filter(type="stage2.appointed")] == ["Priya Shah"]
    page.get_by_label("Why appoint them despite the conflict?").fill("Nobody else is free before the deadline")
    page.get_by_role("button", name="Record").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("recorded")
    expect(page.locator("#warnings ~ ul")).to_contain_text("are of the same firm (Kestrel Reviews)")
    axe_check(page)
    assert [e.data["person"] for e in complaint.events.filter(type="stage2.appointed")] == ["Priya Shah", "Jo Kestrel"]


def test_the_io_signs_in_records_findings_and_uploads_the_report(
        page: Any, live_server: Any, council: Council, manager: User) -> None:
    from redress.complaints.services import complaint_record_event
    from tests.complaints.conftest import TODAY
    from tests.conftest import authenticator_app, current_code

    person = add_person(council, "Priya Shah", "io", organisation="Kestrel Reviews")
    complaint = import_history(council, manager)
    other = import_history(council, manager)
    complaint_record_event(complaint=complaint, by=manager, today=TODAY, event={
        "date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Priya Shah"})
    user = appointed_user(person, "io@northshire.example")

    device = authenticator_app(user)  # set up before signing in, as sign_in does
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, current_code(device))
    page.wait_for_url(f"{live_server.url}/work/")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    expect(page.locator("main")).to_contain_text(complaint.reference)
    expect(page.locator("main")).not_to_contain_text(other.reference)
    axe_check(page)
    _both_widths(page, "my-work")
    # the caseload and a complaint they are not appointed to are not found (asked with the browser's own session)
    assert page.request.get(f"{live_server.url}/complaints/").status == 404
    assert page.request.get(f"{live_server.url}/work/{other.pk}/").status == 404
    page.get_by_role("link", name=complaint.reference).first.click()
    expect(page.get_by_role("heading", name=f"Complaint {complaint.reference}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("The kinship assessment took a year")
    axe_check(page)
    page.get_by_role("button", name="Record findings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a finding for at least one point")
    axe_check(page)
    page.get_by_label("P1: The kinship assessment took a year").select_option("upheld")
    page.get_by_label("Why (P1)").fill("A year is far longer than the assessment needed")
    page.get_by_label("P2: The assessor was rude").select_option("not-upheld")
    page.get_by_role("button", name="Record findings").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Your findings are recorded")
    assert {(f.point, f.finding) for f in InvestigationFinding.objects.all()} == {("P1", "upheld"), ("P2", "not-upheld")}

    page.get_by_label("Your report").set_input_files({"name": "report.pdf", "mimeType": "application/pdf",
                                                      "buffer": REPORT})
    page.get_by_role("button", name="Upload report").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("version 1 uploaded")
    expect(page.locator("#papers ~ ul")).to_contain_text("Investigating officer's report (Priya Shah), version 1")
    axe_check(page)
    _both_widths(page, "work-complaint")
    assert Document.objects.get(complaint=complaint).created_by == user
    assert Person.objects.get(pk=person.pk).user == user
