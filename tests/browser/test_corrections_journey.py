"""A manager puts a wrongly recorded event right, and records the Ombudsman's decision, every page checked with axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.complaints.models import Event
from redress.complaints.services import complaint_import
from redress.councils.models import User
from tests.browser.conftest import axe_check, fill_date, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CASE = {
    "procedure": "children-england",
    "points": [{"id": "P1", "text": "The assessment took a year", "about": "delay"}],
    "events": [
        {"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "parent"}},
        {"date": "2024-01-10", "type": "advocacy.offered"},
        {"date": "2024-01-12", "type": "ombudsman.referred", "reference": "23 001 002"},
    ],
}


def test_correcting_removing_and_the_ombudsmans_decision(page: Any, live_server: Any, manager: User) -> None:
    assert manager.council is not None
    complaint = complaint_import(council=manager.council, by=manager, data=CASE, today=dt.date(2024, 1, 12),
                                 complainant_name="Ms Ada Reed")
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    page.get_by_role("link", name="Correct or remove this event (Advocacy offered").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Correct")
    axe_check(page)
    page.locator("[name=correction_reason]").fill("The offer was made a day later")
    fill_date(page, "date", "2024-01-11")
    page.locator("[name=provider]").fill("Coram Voice")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("because: The offer was made a day later")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Correct or remove this event (Ombudsman referred").click()
    page.get_by_role("link", name="Remove this event instead").click()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Remove this event").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the event should be removed")
    axe_check(page)
    screenshot(page, "remove-event-error")
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/record/ombudsman.decided/")
    fill_date(page, "date", "2024-01-11")  # before the last event (the referral, 12 Jan 2024): refused
    page.locator("[name=outcome][value=upheld]").check()
    page.locator("[name=fault][value=yes]").check()
    page.locator("[name=remedy_what_1]").fill("Apologise in writing")
    page.locator("[name=payment_amount_1]").fill("250")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("before the last event")
    axe_check(page)
    fill_date(page, "date", timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    expect(page.locator("#ombudsman + dl")).to_contain_text("Upheld, decided on")
    axe_check(page)
    screenshot(page, "complaint-ombudsman")
    assert [e.type for e in Event.objects.filter(complaint=complaint).order_by("sequence")][-2:] == [
        "event.corrected", "ombudsman.decided"]
