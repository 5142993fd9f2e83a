"""The papers in a real browser: upload, version, download, disclose, verify, and letters, each page checked with axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.councils.models import Council, User
from tests.browser.conftest import ARTIFACTS, axe_check, fill_date, screenshot, sign_in
from tests.complaints.conftest import import_history
from tests.documents.test_pages import STAGE1

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPORT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(name: str, content: bytes, media_type: str = "application/pdf") -> dict[str, Any]:
    return {"name": name, "mimeType": media_type, "buffer": content}


def _papers_screenshot(page: Any, name: str) -> None:
    """The documents and the disclosure register alone (from the Documents heading to the register's end)."""
    top = page.locator("#documents").bounding_box()
    end = page.locator("#disclosures ~ table").bounding_box()
    width, scrolled = page.viewport_size["width"], page.evaluate("window.scrollY")  # boxes are from the viewport
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": top["y"] + scrolled - 10, "width": width, "height": end["y"] + end["height"] - top["y"] + 20})


def test_a_document_is_uploaded_versioned_downloaded_disclosed_and_verified(
    page: Any, live_server: Any, council: Council, officer: User
) -> None:
    complaint = import_history(council, officer, data=STAGE1)
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/")
    page.get_by_role("link", name="Add a document").click()
    expect(page.get_by_role("heading", name="Add a document")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Add document").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    axe_check(page)
    page.get_by_label("Title").fill("Investigating officer's report")
    page.get_by_label("Report", exact=True).check()
    page.get_by_label("File").set_input_files(_file("report.png", REPORT, "image/png"))
    page.get_by_role("button", name="Add document").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("named as a PNG image, but its content is a PDF")
    page.get_by_label("File").set_input_files(_file("report.pdf", REPORT))
    page.get_by_role("button", name="Add document").click()
    expect(page.locator("#documents ~ .govuk-summary-card")).to_contain_text("Version 1")

    page.get_by_role("link", name="Add a version of Investigating officer's report").click()
    axe_check(page)
    page.get_by_label("File").set_input_files(_file("report-v2.pdf", REPORT + b"% v2\n"))
    page.get_by_role("button", name="Add version").click()
    expect(page.locator("main")).to_contain_text("Version 2")
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="report.pdf (version 1 of Investigating officer's report)").click()
    assert download.value.suggested_filename == "report.pdf"
    assert Path(download.value.path()).read_bytes() == REPORT

    page.get_by_role("link", name="Record a copy given").click()
    axe_check(page)
    page.get_by_label("What was given").select_option(label="Investigating officer's report, version 1 (report.pdf)")
    page.get_by_label("Ombudsman").check()
    fill_date(page, "disclosed_on", timezone.localdate().isoformat())
    page.get_by_role("button", name="Record it").click()
    expect(page.locator("#disclosures ~ table")).to_contain_text("Investigating officer's report, version 1")
    axe_check(page)
    screenshot(page, "complaint-papers-page")
    _papers_screenshot(page, "complaint-papers")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "complaint-papers-phone-page")
    _papers_screenshot(page, "complaint-papers-phone")
    # nothing wider than a phone: no sideways scrolling on the complaint page with its documents
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Check a copy").click()
    axe_check(page)
    page.get_by_label("A copy to check").set_input_files(_file("copy.pdf", REPORT))
    page.get_by_role("button", name="Check the copy").click()
    expect(page.locator("#verify-result")).to_contain_text("It matches 1 version exactly")
    expect(page.locator("main")).to_contain_text("to Ombudsman")
    axe_check(page)
    screenshot(page, "verify-match")
    page.get_by_label("A copy to check").set_input_files(_file("altered.pdf", REPORT + b"% altered\n"))
    page.get_by_role("button", name="Check the copy").click()
    expect(page.locator("#verify-result")).to_contain_text("matches no version Redress keeps")
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "verify-none-phone")


def test_the_letters_page_drafts_and_sends_a_letter(page: Any, live_server: Any, council: Council, officer: User) -> None:
    complaint = import_history(council, officer, data=STAGE1)
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/complaints/{complaint.pk}/letters/")
    expect(page.get_by_role("heading", name="Letters", exact=True)).to_be_visible()
    expect(page.locator("#letter-stage2-adjudication")).to_contain_text('follows "Stage 2 response sent", which is not recorded yet')
    axe_check(page)
    screenshot(page, "letters")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF draft of the stage 1 response").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    page.locator("#letter-stage1-response").get_by_role("button", name="Send the stage 1 response").click()
    expect(page.locator("main")).to_contain_text("Stage 1 response sent and kept as version 1")
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "letters-phone")
    page.goto(f"{live_server.url}/complaints/letters/templates/")
    axe_check(page)
