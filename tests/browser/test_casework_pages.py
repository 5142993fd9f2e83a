"""The caseload and the complaint page at a desktop's width and a phone's, and the API's docs page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.councils.models import User
from tests.browser.conftest import axe_check, screenshot, sign_in
from tests.complaints.conftest import STAGE2_HISTORY
from tests.complaints.test_pages import FULL_HISTORY

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TODAY = dt.date(2024, 7, 1)


def _complaints(manager: User) -> Complaint:
    assert manager.council is not None
    for n, name in enumerate(["Ms Ada Reed", "Mr Bilal Hussain-Fitzgerald", "Mrs Catherine Okonkwo-Smith"]):
        complaint_import(council=manager.council, by=manager, data=STAGE2_HISTORY, today=TODAY, complainant_name=name,
                         child_name=f"Child {n}", officer=manager)
    return complaint_import(council=manager.council, by=manager, data=FULL_HISTORY, today=TODAY,
                            complainant_name="Ms Dora Quayle", child_name="Evie", officer=manager)


def fits(page: Any, selector: str) -> None:
    """Nothing scrolls the page sideways, and each `selector` element is no wider than its column."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    widths = page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(e => [e.scrollWidth, e.parentElement.clientWidth])""",
        selector,
    )
    assert widths, selector
    assert all(width <= column for width, column in widths), widths


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_caseload_and_a_complaint_page_fit_the_screen(
    page: Any, live_server: Any, manager: User, viewport: dict[str, int]
) -> None:
    complaint = _complaints(manager)
    page.set_viewport_size(viewport)
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/complaints/")
    expect(page.locator("#caseload-table").get_by_role("link", name=complaint.reference)).to_be_visible()
    fits(page, "main table")  # the caseload and its Due soon
    axe_check(page, every_impact=True)
    name = "desktop" if viewport is DESKTOP else "phone"
    screenshot(page, f"caseload-{name}")

    page.locator("#caseload-table").get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ms Dora Quayle")
    expect(page.locator("#timeline ~ ol .app-timeline__event")).to_have_count(18)
    fits(page, "main table")
    axe_check(page, every_impact=True)
    screenshot(page, f"complaint-{name}")


def test_the_caseload_sorts_by_a_columns_link(page: Any, live_server: Any, manager: User) -> None:
    _complaints(manager)
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/complaints/")
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Next deadline ▲")
    page.get_by_role("link", name="Complainant").click()
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Complainant ▲")
    expect(page.locator("#caseload-table tbody tr").first).to_contain_text("Mr Bilal Hussain-Fitzgerald")
    page.get_by_role("link", name="Complainant").click()
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Complainant ▼")
    expect(page.locator("#caseload-table tbody tr").first).to_contain_text("Ms Dora Quayle")
    axe_check(page)


def test_the_api_docs_show_their_operations_under_the_sites_csp(page: Any, live_server: Any) -> None:
    """The page fixture fails the test on any console error, a CSP refusal among them."""
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".opblock").count() >= 5
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Redress API")
    page.locator(".opblock-summary").first.click()  # an operation opens, still within the CSP
    expect(page.locator(".opblock-body").first).to_be_visible()
    screenshot(page, "api-docs")


def test_on_a_phone_no_column_name_is_broken_inside_a_word(page: Any, live_server: Any, manager: User) -> None:
    """#17 walk: at 390px the stacked caseload rows read "Complaina / nt"; each name's longest word fits its box."""
    _complaints(manager)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/complaints/")
    too_narrow = page.evaluate("""() => {
        const canvas = document.createElement("canvas").getContext("2d");
        return [...document.querySelectorAll("main td[data-label]")].flatMap(cell => {
            const label = getComputedStyle(cell, "::before");
            canvas.font = label.font;
            const longest = Math.max(...cell.dataset.label.split(/\\s+/).map(word => canvas.measureText(word).width));
            return longest > parseFloat(label.width) ? [[cell.dataset.label, longest, label.width]] : [];
        });
    }""")
    assert page.locator("main td[data-label]").count() > 0
    assert too_narrow == []
    axe_check(page, every_impact=True)
