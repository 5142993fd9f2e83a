"""After recording, in the browser: change details and officer, and 'What happened' with no choice; axe on each page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_create
from redress.councils.models import User
from tests.browser.conftest import axe_check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_changing_details_and_officer_and_choosing_nothing(page: Any, live_server: Any, manager: User, officer: User) -> None:
    today = timezone.localdate()
    for _ in range(2):
        complaint = complaint_create(
            council=officer.council, by=officer, complainant_name="Ms Sarah Walker", complainant_role="parent", child_name="Ellie",
            points=[{"id": "P1", "text": "Contact was cancelled", "about": "contact"}], received_on=today - dt.timedelta(days=3), today=today,
        )
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    expect(page.locator("#same-people")).to_contain_text("already has an open complaint")
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Change details").click()
    page.get_by_label("Email address").fill("sarah@example.com")
    page.get_by_label("Letter").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save details").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an address, or choose another way to contact them")
    axe_check(page)
    page.get_by_label("Email", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save details").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Details changed.")
    assert Complaint.objects.get(pk=complaint.pk).contact_preference == "email"

    with page.expect_navigation():
        page.get_by_role("link", name="Change officer").click()
    axe_check(page)
    page.get_by_label("Officer").select_option(str(manager.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Save officer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Officer changed")
    assert Complaint.objects.get(pk=complaint.pk).officer == manager

    with page.expect_navigation():
        page.get_by_role("button", name="Record an event").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what happened")
    axe_check(page)
