"""The decisions library in the browser: search with filters, a decision beside its record, statistics.

Every page is checked with axe at every impact, at 1280px and at a phone's 390px. Each navigation is
waited for, and assertions go through Playwright's `expect`, which waits for the page to settle.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from redress.councils.models import User
from redress.decisions.services import load_seed_decisions
from tests.browser.conftest import axe_check, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def seeds(db: Any) -> None:
    """The five seed decisions, and no statistics cached from another test's library."""
    cache.clear()
    outcome = load_seed_decisions(now=NOW)
    assert len(outcome.new) == 5, outcome


def results(page: Any) -> Any:
    """The headings of the decisions listed, one link each."""
    return page.locator("#result-count + ul > li h2")


def search(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()


def fits_the_window(page: Any) -> None:
    """Nothing makes the page itself scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def every_choice_shows_whole(page: Any) -> None:
    """Each list of the search form is wide enough for its longest choice: the one chosen is not cut off."""
    cut = page.evaluate(
        """() => [...document.querySelectorAll('form select')].flatMap(select => {
            const style = getComputedStyle(select), measure = document.createElement('canvas').getContext('2d');
            measure.font = style.font;
            const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [...select.options].filter(o => measure.measureText(o.text).width > room).map(o => o.text);
        })"""
    )
    assert cut == []


def test_searching_the_library_by_words_and_filters(
    page: Any, live_server: Any, officer: User, seeds: None
) -> None:
    sign_in(page, live_server, officer)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Decisions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ombudsman decisions")
    expect(page.locator("#result-count")).to_have_text("5 decisions")
    expect(results(page)).to_have_count(5)
    expect(results(page).first).to_have_text("Kent County Council (24 002 308)")  # newest first
    fits_the_window(page)
    every_choice_shows_whole(page)
    axe_check(page, every_impact=True)
    screenshot(page, "decisions")

    # A word in one seed only.
    page.get_by_label("Words").fill("humiliation")
    search(page)
    expect(page.locator("#result-count")).to_have_text("1 decision")
    expect(results(page)).to_have_text(["Staffordshire County Council (19 011 904)"])
    expect(page.get_by_label("Words")).to_have_value("humiliation")
    axe_check(page, every_impact=True)

    with page.expect_navigation():
        page.get_by_role("link", name="Clear").click()
    expect(page.locator("#result-count")).to_have_text("5 decisions")
    expect(page.get_by_label("Words")).to_have_value("")

    # Filters, one at a time, each narrowing the list.
    page.get_by_label("Category").select_option("Children's care services > Child protection")
    search(page)
    expect(page.locator("#result-count")).to_have_text("2 decisions")
    expect(results(page)).to_have_text(
        ["Royal Borough of Kingston upon Thames (20 010 224)", "Staffordshire County Council (19 011 904)"]
    )
    page.get_by_label("Decision", exact=True).select_option("Upheld")
    search(page)
    expect(page.locator("#result-count")).to_have_text("2 decisions")
    page.get_by_label("Payment").select_option("yes")
    search(page)
    expect(page.locator("#result-count")).to_have_text("1 decision")
    expect(results(page)).to_have_text(["Staffordshire County Council (19 011 904)"])
    expect(page.locator("#result-count + ul > li").first).to_contain_text("payments £300")
    expect(page.get_by_label("Category")).to_have_value("Children's care services > Child protection")
    axe_check(page, every_impact=True)
    screenshot(page, "decisions-filtered")

    page.get_by_label("Payment").select_option("no")
    search(page)
    expect(results(page)).to_have_text(["Royal Borough of Kingston upon Thames (20 010 224)"])

    # Nothing matches: said plainly, with no list.
    page.get_by_label("Words").fill("humiliation")
    search(page)
    expect(page.locator("#result-count")).to_have_text("0 decisions")
    expect(page.get_by_text("No decisions match. Try fewer words or filters.")).to_be_visible()
    axe_check(page, every_impact=True)


def test_a_decision_shows_its_record_beside_the_text(
    page: Any, live_server: Any, officer: User, seeds: None
) -> None:
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/decisions/?q=humiliation")
    with page.expect_navigation():
        page.get_by_role("link", name="Staffordshire County Council (19 011 904)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staffordshire County Council")
    expect(page.locator(".govuk-caption-l")).to_have_text("Ombudsman decision 19 011 904")
    assert page.url == f"{live_server.url}/decisions/19011904/"

    record = page.locator(".govuk-summary-list")

    def field(key: str) -> Any:
        return record.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=key)).locator("dd")

    expect(field("Category")).to_have_text("Children's care services > Child protection")
    expect(field("Decision")).to_have_text("Upheld")
    expect(field("Date")).to_have_text("22 September 2020")
    expect(field("Fault")).to_have_text("Yes")
    expect(field("Payments").locator("li")).to_have_text(
        [
            "£200 in recognition of the needless humiliation she felt at the ICPC",
            "£100 for the frustration and confusion she experienced because of the Council\u2019s handling of her stage "
            "three panel request",
        ]
    )
    expect(field("Payments")).to_contain_text("£300 in all")
    expect(field("Agreed actions").locator("li").first).to_have_text(
        "Apologise to Miss X in writing (within four weeks)"
    )
    text = page.locator(".govuk-grid-column-two-thirds")
    expect(text.get_by_role("heading", name="The decision")).to_be_visible()
    expect(text.get_by_role("heading", name="Agreed action", exact=True)).to_be_visible()
    expect(text).to_contain_text("needlessly humiliating Miss X at a Child Protection Conference")

    # Beside: the record on the left, the text on the right, their tops level.
    left, right = record.bounding_box(), text.bounding_box()
    assert left["x"] + left["width"] <= right["x"]
    assert abs(page.get_by_role("heading", name="The record").bounding_box()["y"] - right["y"]) < 5
    # Each key sits above its value: no key is squeezed beside it and broken mid-word.
    category = field("Category").bounding_box()
    assert record.locator("dt", has_text="Category").bounding_box()["y"] + 10 < category["y"]
    fits_the_window(page)
    axe_check(page, every_impact=True)
    screenshot(page, "decision")

    # A decision the Ombudsman closed: the other bodies and the reasons, and no payment.
    page.goto(f"{live_server.url}/decisions/24%20002%20308/")  # as written, with spaces: redirected
    expect(page).to_have_url(f"{live_server.url}/decisions/24002308/")
    expect(field("Decision")).to_have_text("Closed after initial enquiries")
    expect(field("Payments")).to_have_text("None")
    expect(field("Other bodies")).to_have_text("Information Commissioner, Social Work England")
    expect(field("Not investigated because")).to_contain_text("Not enough evidence of fault")
    axe_check(page, every_impact=True)

    with page.expect_navigation():
        page.get_by_role("link", name="All decisions").click()
    expect(page.locator("#result-count")).to_have_text("5 decisions")


def test_the_statistics_draw_each_chart_above_its_data_table(
    page: Any, live_server: Any, officer: User, seeds: None
) -> None:
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/decisions/")
    with page.expect_navigation():
        page.get_by_role("link", name="See what faults cost").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What faults cost")
    expect(page.locator("main")).to_contain_text("Remedies in the 5 published decisions in the library.")

    titles = [
        "Median payment by category",
        "Share upheld by category",
        "Median payment by finding on fault",
        "Share upheld by finding on fault",
        "Most common agreed actions",
        "Most common deadlines",
    ]
    expect(page.locator("figure figcaption")).to_have_text(titles)
    charts = page.locator("svg.app-chart")
    expect(charts).to_have_count(6)
    for title in titles:
        expect(page.get_by_role("img", name=f"{title} (the data is in the table below)")).to_be_visible()
    expect(charts.first.locator("text")).to_contain_text(
        ["Children's care services > Child protection", "£300"]
    )

    # The charts draw in the service's font, each label ends before its bar and each value inside the chart.
    assert "system-ui" in charts.first.locator("text").first.evaluate("t => getComputedStyle(t).fontFamily")
    outside = charts.evaluate_all(
        """svgs => svgs.flatMap(svg => {
            const barsFrom = +svg.querySelector('rect').getAttribute('x'), width = svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].filter(t => {
                const box = t.getBBox();
                return box.x + box.width > (box.x < barsFrom ? barsFrom : width);
            }).map(t => `${svg.querySelector('title').id}: ${t.textContent}`);
        })"""
    )
    assert outside == []

    by_fault = page.get_by_role("table", name="Remedies by the finding on fault")
    expect(by_fault.locator("thead th")).to_have_text(
        ["Finding", "Decisions", "Upheld", "With payment", "Lower quartile", "Median", "Upper quartile"]
    )
    expect(by_fault.get_by_role("row", name=re.compile("^Fault found")).locator("td")).to_have_text(
        ["2", "100%", "2", "£400", "£500", "£600"]
    )
    by_category = page.get_by_role("table", name="Remedies by category")
    expect(by_category.locator("tbody tr")).to_have_count(4)
    deadlines = page.get_by_role("table", name="Most common deadlines")
    expect(deadlines.get_by_role("row", name="within four weeks")).to_contain_text("4")
    fits_the_window(page)
    axe_check(page, every_impact=True)
    screenshot(page, "statistics")


def test_the_decisions_pages_fit_a_phone(page: Any, live_server: Any, officer: User, seeds: None) -> None:
    sign_in(page, live_server, officer)
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/decisions/?category=Children%27s+care+services+%3E+Child+protection")
    expect(page.locator("#result-count")).to_have_text("2 decisions")
    fits_the_window(page)  # (a phone is too narrow for the longest names in the lists: those are cut off)
    axe_check(page, every_impact=True)
    screenshot(page, "decisions-phone")

    page.goto(f"{live_server.url}/decisions/19011904/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staffordshire County Council")
    # One column: the record, then the text.
    record = page.locator(".govuk-summary-list").bounding_box()
    assert (
        record["y"] + record["height"] <= page.get_by_role("heading", name="The decision").bounding_box()["y"]
    )
    fits_the_window(page)
    axe_check(page, every_impact=True)
    screenshot(page, "decision-phone")

    page.goto(f"{live_server.url}/decisions/statistics/")
    expect(page.locator("svg.app-chart")).to_have_count(6)
    fits_the_window(page)
    # The wide table and the charts scroll sideways in their own box, which a keyboard can reach.
    box = page.get_by_role("region", name="Remedies by category")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())
    chart = page.get_by_role("region", name="Median payment by category")
    assert chart.evaluate("b => b.scrollWidth > b.clientWidth")
    axe_check(page, every_impact=True)
    screenshot(page, "statistics-phone")
