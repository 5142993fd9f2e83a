"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Every test here is marked `browser`; all of them are skipped, with the reason, when Chromium is not
installed (`apt-get install -y chromium`). Screenshots go to artifacts/ (not committed).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django then refuses database access from
# it unless told that is fine. The live server itself runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PASSWORD = "a-long-test-password"  # what tests/conftest.py's make_user gives everyone

# Flags that make Chromium start quickly and quietly on a build machine (see ../shared/STACK.md).
# Playwright gives each launch a fresh temporary profile (user data dir) of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page. The test fails if the page logged a console error (a CSP refusal, say)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"


def sign_in(page: Any, live_server: Any, user: Any, password: str = PASSWORD) -> None:
    """Sign in through the sign-in page as `user`, with a code from their (test) authenticator app,
    and land on the home page. The app is set up for them first if need be (tests/conftest.py)."""
    from tests.conftest import authenticator_app, current_code

    device = authenticator_app(user)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    enter_code(page, current_code(device))
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_load_state()


def enter_code(page: Any, code: str) -> None:
    """On the second step of signing in: type a code from the authenticator app and continue."""
    page.get_by_label("Code", exact=True).fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def axe_check(page: Any, *, every_impact: bool = False) -> None:
    """Run axe-core on the page once it has loaded; fail on any serious or critical violation.

    With `every_impact`, moderate and minor violations fail too, but for one: axe's best-practice
    `region` rule on GOV.UK's back link, which the Design System places before <main> on purpose.
    """
    page.wait_for_load_state()
    # Evaluated through the DevTools protocol, so the page's CSP (rightly) does not block it.
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    impacts = {"minor", "moderate", "serious", "critical"} if every_impact else {"serious", "critical"}
    problems = []
    for violation in results["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"]]
        if violation["id"] == "region":
            targets = [target for target in targets if target != ".govuk-back-link"]
        if violation["impact"] in impacts and targets:
            problems.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at {', '.join(targets[:3])}"
            )
    assert problems == [], "axe found accessibility problems:\n" + "\n".join(problems)


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def record(page: Any, title: str, date: str, fill: dict[str, str] | None = None, check: tuple[str, ...] = (),
           shows: tuple[str, ...] = ()) -> None:
    """From the complaint page: choose the event, fill its form, record it, and land back on the complaint.

    Each of `shows` must then be on the complaint page, which is checked with axe too.
    """
    from playwright.sync_api import expect

    with page.expect_navigation():
        page.get_by_role("button", name="Record an event").click()
    axe_check(page)
    page.get_by_label(title, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=15_000)
    fill_date(page, "date", date)
    for name, value in (fill or {}).items():
        if page.locator(f"[name={name}_day]").count():  # a GOV.UK date: panel_date, respond_by
            fill_date(page, name, value)
            continue
        field = page.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    for selector in check:
        page.locator(selector).check()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Record").click()
    assert page.locator(".govuk-error-summary").count() == 0, page.locator(".govuk-error-summary").all_inner_texts()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"{title}: recorded.", timeout=15_000)
    for words in shows:
        expect(page.locator("main")).to_contain_text(words)
    if shows:
        axe_check(page)


def fill_date(page: Any, name: str, iso: str) -> None:
    """Type a date into the GOV.UK day, month and year boxes."""
    year, month, day = iso.split("-")
    for part, value in (("day", day), ("month", month), ("year", year)):
        page.fill(f"[name={name}_{part}]", value.lstrip("0"))


def record_new_complaint(page: Any) -> Any:
    """From the caseload: record Ms Walker's complaint about Ellie (two points, one about conduct) and open it."""
    from playwright.sync_api import expect

    from redress.complaints.models import Complaint

    with page.expect_navigation():
        page.get_by_role("button", name="Record a new complaint").click()
    axe_check(page)
    page.get_by_label("Complainant's name").fill("Ms Sarah Walker")
    page.get_by_label("Who is complaining").select_option("parent")
    page.get_by_label("Child's name").fill("Ellie")
    fill_date(page, "received_on", "2026-01-05")
    page.locator("[name=point_1_text]").fill("Contact with my daughter was cancelled three times")
    page.locator("[name=point_1_about]").select_option("contact")
    page.locator("[name=point_2_text]").fill("The social worker was rude on the home visit")
    page.locator("[name=point_2_about]").select_option("staff-conduct")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Record complaint").click()
    expect(page.locator("main")).to_contain_text("Contact with my daughter was cancelled three times", timeout=15_000)
    expect(page.get_by_text("Social Work England").first).to_be_visible()
    axe_check(page)
    return Complaint.objects.get(complainant_name="Ms Sarah Walker")
