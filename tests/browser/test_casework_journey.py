"""A complaint from receipt to closure in the browser, every page checked with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest

from redress.complaints.models import Projection
from redress.councils.models import User
from tests.browser.conftest import axe_check, record, record_new_complaint, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_complaint_from_receipt_to_closure(page: Any, live_server: Any, manager: User) -> None:
    sign_in(page, live_server, manager)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Caseload").click()
    axe_check(page)
    complaint = record_new_complaint(page)  # P2 is routed to Social Work England
    assert re.search(rf"/complaints/{complaint.pk}/$", page.url)

    record(page, "Record the Stage 1 response", "2026-01-15", {"finding_P1": "upheld", "finding_P2": "not-upheld"},
           check=("[name=says][value=findings]", "[name=says][value=basis]", "[name=says][value=remedy]"))
    record(page, "Record a request for Stage 2", "2026-01-26")
    record(page, "Record that the statement of complaint was agreed", "2026-02-02")
    record(page, "Appoint an investigating officer or independent person", "2026-02-03", {"person": "Quinn Ash"},
           check=("[name=role][value=io]", "[name=council_employee][value=no]", "[name=involved][value=no]"))
    record(page, "Appoint an investigating officer or independent person", "2026-02-03", {"person": "Rae Bond"},
           check=("[name=role][value=ip]", "[name=council_employee][value=no]", "[name=involved][value=no]"))
    record(page, "Extend Stage 2", "2026-02-20", {"to_wd": "65", "reason": "Several staff to interview"},
           check=("[name=notified][value=yes]",))
    record(page, "Record the Stage 2 adjudication", "2026-04-20",
           {"finding_P1": "upheld", "finding_P2": "not-upheld", "rec_what_1": "Apologise in writing", "rec_due_1": "20 WD"},
           check=("[name=rec_accepted_1][value=yes]",))
    record(page, "Record a request for a review panel", "2026-04-27")
    record(page, "Record that an action was completed", "2026-04-28", {"id": "R1", "evidence": "Letter sent by the Director"})
    record(page, "Set the panel date", "2026-04-30", {"panel_date": "2026-05-20", "member_1": "Hilary Stone",
                                                      "member_2": "Raj Mehta", "member_3": "Ann O'Neill"})
    record(page, "Record that the panel met", "2026-05-20", {"member_1": "Hilary Stone", "member_2": "Raj Mehta",
                                                              "member_3": "Ann O'Neill"})
    record(page, "Record the panel's report", "2026-05-26", {"finding_P1": "upheld", "finding_P2": "upheld",
                                                              "rec_id_1": "PR1", "rec_what_1": "Review how visits are arranged"})
    record(page, "Record the council's final response", "2026-06-10", {"due_PR1": "12 weeks"},
           check=("[name=decision_PR1][value=yes]",))
    record(page, "Record that an action was completed", "2026-07-01", {"id": "PR1", "evidence": "Visit arrangements reviewed"})
    record(page, "Close the complaint", "2026-07-10", {"reason": "All three stages complete"})

    projection = Projection.objects.get(pk=complaint.pk)
    assert (projection.stage, projection.status, projection.faults, projection.risks) == (3, "closed", 0, 0)
    clocks = page.locator("#clocks + table tbody tr")
    assert clocks.count() == 8
    assert "late" not in page.locator("#clocks + table").inner_text().lower()
    assert page.locator("#actions + table .govuk-tag").all_inner_texts() == ["Done", "Done"]
    screenshot(page, "complaint-closed")
