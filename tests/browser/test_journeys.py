"""The main journeys in a real browser, each page checked with axe.

Assertions about the page go through Playwright's `expect`, which waits for the page to settle
(after a click the next page may still be loading).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from redress.councils.models import AuditEntry, CouncilHoliday, User
from tests.browser.conftest import axe_check, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def menu(page: Any) -> Any:
    return page.get_by_role("navigation", name="Menu")


def test_signing_in_shows_the_home_page_with_gov_uk_frontend_running(
    page: Any, live_server: Any, officer: User
) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    axe_check(page)
    screenshot(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # GOV.UK Frontend's JavaScript ran
    axe_check(page)
    screenshot(page, "sign-in-errors")

    sign_in(page, live_server, officer)
    expect(page.get_by_role("heading", name="Children's social care complaints")).to_be_visible()
    expect(page.locator(".app-header__council")).to_have_text("Northshire County Council")
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    axe_check(page)
    screenshot(page, "home")


def test_working_out_a_deadline_shows_the_due_date_and_why(
    page: Any, live_server: Any, officer: User
) -> None:
    sign_in(page, live_server, officer)
    menu(page).get_by_role("link", name="Deadlines").click()
    expect(page.get_by_role("heading", name="Working out a deadline")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Work out the deadline").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a clock")
    axe_check(page)
    screenshot(page, "deadlines-errors")

    page.get_by_label("Stage 1 response (10 working").check()  # not the Codes' "Stage 1 response (Housing Code)"
    page.get_by_label("Day", exact=True).fill("5")
    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_role("button", name="Work out the deadline").click()
    expect(page.locator("#due-date h2")).to_have_text("Due Monday 22 May 2023")
    expect(page.locator("#explanation")).to_contain_text("Coronation of Charles III")
    rows = page.locator("#skipped tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.nth(2)).to_contain_text("Mon 8 May 2023")
    axe_check(page)
    screenshot(page, "deadlines-answer")


def test_a_manager_adds_and_removes_a_council_day(page: Any, live_server: Any, manager: User) -> None:
    sign_in(page, live_server, manager)
    menu(page).get_by_role("link", name="Bank holidays").click()
    expect(page.get_by_role("heading", name="Add a council day")).to_be_visible()
    axe_check(page)
    page.get_by_label("Day", exact=True).fill("15")
    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_label("Name", exact=True).fill("Flood closure")
    page.get_by_role("button", name="Add the day").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Flood closure is now a non-working day"
    )
    expect(page.locator("#holidays")).to_contain_text("Flood closure")
    assert CouncilHoliday.objects.filter(council=manager.council, day=dt.date(2023, 5, 15)).exists()
    axe_check(page)
    screenshot(page, "bank-holidays-added")

    page.goto(f"{live_server.url}/deadlines/?clock=stage1.response&start_day=5&start_month=5&start_year=2023")
    expect(page.locator("#due-date h2")).to_have_text("Due Tuesday 23 May 2023")

    page.goto(f"{live_server.url}/bank-holidays/?year=2023")
    page.get_by_role("button", name="Remove Flood closure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is a working day again")
    assert not CouncilHoliday.objects.exists()
    assert AuditEntry.objects.filter(action="holiday.removed").count() == 1


def test_an_officer_sees_the_calendar_without_the_forms(page: Any, live_server: Any, officer: User) -> None:
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/bank-holidays/?year=2023")
    expect(page.get_by_role("heading", name="Bank holidays 2023")).to_be_visible()
    expect(page.get_by_role("button", name="Add the day")).to_have_count(0)
    axe_check(page)
    screenshot(page, "bank-holidays-officer")


def test_the_navigation_collapses_into_a_menu_on_a_phone(page: Any, live_server: Any, officer: User) -> None:
    sign_in(page, live_server, officer)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/deadlines/")
    link = menu(page).get_by_role("link", name="Bank holidays")
    expect(link).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(link).to_be_visible()
    axe_check(page)
    screenshot(page, "deadlines-phone")


def test_the_caseload_and_a_complaint_page_pass_axe(page: Any, live_server: Any, manager: User) -> None:
    from redress.complaints.services import complaint_import

    assert manager.council is not None
    case = {
        "procedure": "children-england",
        "points": [{"id": "P1", "text": "The assessment took a year", "about": "delay"}],
        "events": [{"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "parent"}}],
    }
    complaint = complaint_import(
        council=manager.council,
        by=manager,
        data=case,
        today=dt.date(2024, 1, 8),
        complainant_name="Ms Ada Reed",
    )
    sign_in(page, live_server, manager)
    menu(page).get_by_role("link", name="Caseload").click()
    expect(page.locator("#caseload-table").get_by_role("link", name=complaint.reference)).to_be_visible()
    axe_check(page)
    screenshot(page, "caseload")
    page.locator("#caseload-table").get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ms Ada Reed")
    axe_check(page)
    screenshot(page, "complaint")
