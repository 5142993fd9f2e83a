"""The reports in the browser: the annual report and the managers' dashboard, with axe, at 1280px and 390px."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from redress.complaints.models import Complaint
from redress.councils.models import Council, Role
from tests.browser.conftest import axe_check, screenshot, sign_in
from tests.conftest import make_user
from tests.reports.conftest import every_procedure_council, generated, recent  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 390, "height": 844}


def fits_the_window(page: Any) -> None:
    """Nothing makes the page itself scroll sideways (wide charts and tables scroll in their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_annual_report_reads_at_both_widths(
    page: Any, live_server: Any, every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]]  # noqa: F811
) -> None:
    senior = make_user(every_procedure_council, Role.READ_ONLY, "senior@allshire.example")
    sign_in(page, live_server, senior)
    with page.expect_navigation():
        page.get_by_role("link", name="Reports").click()
    with page.expect_navigation():
        page.get_by_role("link", name="The annual report").click()
    page.get_by_label("Year (1 April to 31 March)").select_option("2021")
    with page.expect_navigation():
        page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", name="Annual report on complaints, 2021-22")).to_be_visible()
    expect(page.locator("#table-received")).to_contain_text("Representations received")
    expect(page.locator("svg[aria-labelledby='chart-received-title']")).to_be_visible()
    axe_check(page, every_impact=True)
    fits_the_window(page)
    screenshot(page, "reports-annual-1280")
    page.set_viewport_size(PHONE)
    axe_check(page, every_impact=True)
    fits_the_window(page)
    screenshot(page, "reports-annual-390")
    with page.expect_download() as download:
        page.get_by_role("link", name="Spreadsheet (XLSX) of the annual report 2021-22").click()
    assert download.value.suggested_filename == "allshire-council-children-england-annual-report-2021-22.xlsx"


def test_the_dashboard_and_the_ombudsmans_view_read_at_both_widths(
    page: Any, live_server: Any, every_procedure_council: Council, recent: list[tuple[Complaint, dict[str, Any]]]  # noqa: F811
) -> None:
    manager = make_user(every_procedure_council, Role.MANAGER, "manager@allshire.example")
    with time_machine.travel(dt.datetime(2025, 6, 30, 9, tzinfo=dt.UTC), tick=True):  # the day the histories were judged
        dashboard_journey(page, live_server, manager)


def dashboard_journey(page: Any, live_server: Any, manager: Any) -> None:
    sign_in(page, live_server, manager)
    with page.expect_navigation():
        page.get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.locator("#by-stage")).to_contain_text("Stage 1")
    axe_check(page, every_impact=True)
    fits_the_window(page)
    screenshot(page, "reports-dashboard-1280")
    stage2 = page.locator("#by-stage a").nth(1)
    figure = int(stage2.inner_text().split()[0])
    with page.expect_navigation():
        stage2.click()
    expect(page.locator("#result-count")).to_have_text(f"{figure} complaint{'s' if figure != 1 else ''}")
    page.go_back()
    page.set_viewport_size(PHONE)
    axe_check(page, every_impact=True)
    fits_the_window(page)
    screenshot(page, "reports-dashboard-390")
    with page.expect_navigation():
        page.get_by_role("link", name="The Ombudsman's view").click()
    expect(page.locator("#compliance")).to_be_visible()
    axe_check(page, every_impact=True)
    fits_the_window(page)
    screenshot(page, "reports-ombudsman-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page, every_impact=True)
    screenshot(page, "reports-ombudsman-1280")
