"""The main journeys in a real browser, each page checked with axe."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from redress.councils.models import AuditEntry, CouncilHoliday, User
from tests.browser.conftest import axe_check, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_signing_in_shows_the_home_page_with_gov_uk_frontend_running(
    page: Any, live_server: Any, officer: User
) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    axe_check(page)
    screenshot(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")  # focused by JS
    axe_check(page)
    screenshot(page, "sign-in-errors")

    sign_in(page, live_server, officer)
    assert page.get_by_role("heading", name="Children's social care complaints").is_visible()
    assert page.locator(".app-header__council").inner_text() == "Northshire County Council"
    classes = page.evaluate("document.body.className")
    assert "js-enabled" in classes and "govuk-frontend-supported" in classes  # the nonce'd script ran
    axe_check(page)
    screenshot(page, "home")


def test_working_out_a_deadline_shows_the_due_date_and_why(page: Any, live_server: Any, officer: User) -> None:
    sign_in(page, live_server, officer)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Deadlines").click()
    assert page.get_by_role("heading", name="Working out a deadline").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Work out the deadline").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    screenshot(page, "deadlines-errors")

    page.get_by_label("Stage 1 response").check()
    page.get_by_label("Day", exact=True).fill("5")
    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_role("button", name="Work out the deadline").click()
    assert page.locator("#due-date").inner_text().startswith("Due Monday 22 May 2023")
    assert "Coronation" in page.locator("#explanation").inner_text()
    rows = page.locator("#skipped tbody tr")
    assert rows.count() == 7
    assert "Mon 8 May 2023" in rows.nth(2).inner_text()
    axe_check(page)
    screenshot(page, "deadlines-answer")


def test_a_manager_adds_and_removes_a_council_day(page: Any, live_server: Any, manager: User) -> None:
    sign_in(page, live_server, manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Bank holidays").click()
    axe_check(page)
    page.get_by_label("Day", exact=True).fill("15")
    page.get_by_label("Month", exact=True).fill("5")
    page.get_by_label("Year", exact=True).fill("2023")
    page.get_by_label("Name", exact=True).fill("Flood closure")
    page.get_by_role("button", name="Add the day").click()
    assert page.locator(".govuk-notification-banner--success").is_visible()
    assert "Flood closure" in page.locator("#holidays").inner_text()
    assert CouncilHoliday.objects.filter(council=manager.council, day=dt.date(2023, 5, 15)).exists()
    axe_check(page)
    screenshot(page, "bank-holidays-added")

    page.goto(f"{live_server.url}/deadlines/?clock=stage1.response&start_day=5&start_month=5&start_year=2023")
    assert page.locator("#due-date").inner_text().startswith("Due Tuesday 23 May 2023")

    page.goto(f"{live_server.url}/bank-holidays/?year=2023")
    page.get_by_role("button", name="Remove Flood closure").click()
    assert "is a working day again" in page.locator(".govuk-notification-banner").inner_text()
    assert not CouncilHoliday.objects.exists()
    assert AuditEntry.objects.filter(action="holiday.removed").count() == 1


def test_an_officer_sees_the_calendar_without_the_forms(page: Any, live_server: Any, officer: User) -> None:
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/bank-holidays/?year=2023")
    assert page.get_by_role("heading", name="Bank holidays 2023").is_visible()
    assert page.get_by_role("button", name="Add the day").count() == 0
    axe_check(page)
    screenshot(page, "bank-holidays-officer")


def test_the_navigation_collapses_into_a_menu_on_a_phone(page: Any, live_server: Any, officer: User) -> None:
    sign_in(page, live_server, officer)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/deadlines/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    menu.click()
    assert page.get_by_role("navigation", name="Menu").get_by_role("link", name="Bank holidays").is_visible()
    axe_check(page)
    screenshot(page, "deadlines-phone")
