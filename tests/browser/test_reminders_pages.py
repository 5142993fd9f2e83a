"""Reminders in the browser: Due soon on the caseload, the full Due soon list, and the failures page (axe on each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.core.calendar import default_calendar
from redress.councils.models import Council, User
from redress.reminders.run import daily_run
from tests.browser.conftest import axe_check, screenshot, sign_in
from tests.reminders.conftest import FakeChannel

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def _received(council: Council, by: User, officer: User, working_days_ago: int, name: str) -> Complaint:
    """A complaint received `working_days_ago` working days before today: Stage 1 is due 10 after receipt."""
    today = timezone.localdate()
    calendar, received = default_calendar(), today
    while calendar.working_days_after(received, today) < working_days_ago:
        received -= dt.timedelta(days=1)
    data = {"procedure": "children-england",
            "points": [{"id": "P1", "text": "Contact was cancelled", "about": "contact"}],
            "events": [{"date": received.isoformat(), "type": "complaint.received", "complainant": {"role": "parent"}}]}
    return complaint_import(council=council, by=by, data=data, today=today, officer=officer, complainant_name=name)


def test_due_soon_on_the_caseload_and_the_failures_page(
        page: Any, live_server: Any, manager: User, officer: User, council: Council) -> None:
    from playwright.sync_api import expect

    soon = _received(council, manager, officer, 7, "Ms Ada Reed")  # due in 3 working days
    late = _received(council, manager, officer, 14, "Mr Bilal Hussain-Fitzgerald")  # 4 working days overdue
    calm = _received(council, manager, officer, 0, "Mrs Cat Okonkwo")  # due in 10: beyond the thresholds
    channel = FakeChannel()
    channel.fail = {officer.email}
    with override_settings(REDRESS_REMINDER_THRESHOLDS='{"nowhere": {"clock_due": [5]}}'):
        daily_run(today=timezone.localdate(), channel=channel, now=timezone.now() - dt.timedelta(minutes=1))

    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/complaints/")
    due_soon = page.locator("#due-soon")
    expect(due_soon).to_contain_text(soon.reference)
    expect(due_soon).to_contain_text("In 3 working days")
    expect(due_soon).to_contain_text(late.reference)
    expect(due_soon).to_contain_text("Overdue by 4 working days")
    expect(due_soon).not_to_contain_text(calm.reference)
    expect(page.locator("#caseload-table")).to_contain_text(calm.reference)
    axe_check(page, every_impact=True)
    screenshot(page, "caseload-due-soon-1280")
    page.set_viewport_size(PHONE)
    axe_check(page, every_impact=True)
    screenshot(page, "caseload-due-soon-390")
    page.set_viewport_size(DESKTOP)

    with page.expect_navigation():
        page.get_by_role("link", name="All of the council's due soon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Due soon")
    expect(page.locator("#due-soon")).to_contain_text(late.reference)
    axe_check(page, every_impact=True)

    page.goto(f"{live_server.url}/reminders/failures/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminders not sent")
    expect(page.locator("#problems")).to_contain_text("names a council 'nowhere' that does not exist")
    failures = page.locator("#failures")
    expect(failures).to_contain_text(officer.email)
    expect(failures).to_contain_text("connection refused")
    expect(failures).to_contain_text(late.reference)
    axe_check(page, every_impact=True)
    screenshot(page, "reminder-failures-1280")
    page.set_viewport_size(PHONE)
    axe_check(page, every_impact=True)
    screenshot(page, "reminder-failures-390")
