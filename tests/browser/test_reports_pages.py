"""The reports in the browser: the annual report and the managers' dashboard, with axe, at 1280px and 390px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from redress.complaints.models import Complaint
from redress.councils.models import Council, Role
from tests.browser.conftest import axe_check, screenshot, sign_in
from tests.conftest import make_user
from tests.reports.conftest import every_procedure_council, generated  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 390, "height": 844}


def fits_the_window(page: Any) -> None:
    """Nothing makes the page itself scroll sideways (wide charts and tables scroll in their own box)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_annual_report_reads_at_both_widths(
    page: Any, live_server: Any, every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    senior = make_user(every_procedure_council, Role.READ_ONLY, "senior@allshire.example")
    sign_in(page, live_server, senior)
    with page.expect_navigation():
        page.get_by_role("link", name="Reports").click()
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
