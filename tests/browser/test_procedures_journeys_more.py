"""Wales's children's procedure and the two Complaint Handling Codes, each walked through its stages in the browser.

As test_procedures_journey.py does for adults-england: a complaint recorded under the procedure at intake,
every stage's events recorded through their own forms (an extension by the manager among them), the
complaint page naming its stages, the caseload filtered by the procedure; axe on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from redress.complaints.models import Complaint
from redress.councils.models import Council, User
from tests.browser.conftest import axe_check, fill_date, record, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@dataclass(frozen=True)
class Step:
    title: str
    date: str
    fill: dict[str, str] = field(default_factory=dict)
    check: tuple[str, ...] = ()
    shows: tuple[str, ...] = ()
    event: str = ""


@dataclass(frozen=True)
class Journey:
    procedure: str
    title: str
    short: str
    role: str
    intake: str
    first_stage: str
    steps: tuple[Step, ...]
    service: str = ""


YES = "[value=yes]"
WALES = Journey(
    "children-wales", "Children's social services representations (Wales)", "Children's (Wales)", "parent",
    "2 working day clock to acknowledge it", "Local resolution", (
        Step("Record the acknowledgement", "2026-10-06", shows=("Acknowledgement sent", "Local resolution"),
             event="wales.acknowledged"),
        Step("Record the end of local resolution", "2026-10-16", {"finding_P1": "not-upheld"},
             check=(f"[name=resolved]{YES.replace('yes', 'no')}",), shows=("Local resolution ended",),
             event="wales.local-resolution-ended"),
        Step("Record a request for a formal investigation", "2026-10-19", shows=("Formal investigation",),
             event="wales.investigation-requested"),
        Step("Extend the formal investigation", "2026-10-26", {"to_wd": "40", "reason": "Three staff to interview"},
             check=(f"[name=notified]{YES}",), shows=("Formal investigation extended",),
             event="wales.investigation-extended"),
        Step("Record the formal investigation response", "2026-11-20", {"finding_P1": "upheld"},
             check=(f"[name=ombudsman_rights]{YES}",), shows=("Formal investigation response sent", "No faults or risks"),
             event="wales.investigation-responded"),
    ))
HOUSING = Journey(
    "housing-code", "Housing complaints (the Housing Ombudsman's Complaint Handling Code)", "Housing (Code)", "other",
    "5 working day clock to acknowledge it", "Stage 1", (
        Step("Record the acknowledgement", "2026-10-07", shows=("Acknowledgement sent",), event="housing.acknowledged"),
        Step("Extend Stage 1", "2026-10-12", {"to_wd": "15", "reason": "Waiting for the contractor's report"},
             check=(f"[name=reasons_told]{YES}",), shows=("Stage 1 extended",), event="housing.stage1.extended"),
        Step("Record the Stage 1 response", "2026-10-26", {"finding_P1": "upheld"}, shows=("Stage 1 response sent",),
             event="housing.stage1.responded"),
        Step("Record a request for Stage 2", "2026-10-27", shows=("Stage 2 requested",), event="housing.stage2.requested"),
        Step("Record the acknowledgement of the Stage 2 request", "2026-10-29", shows=("Stage 2 request acknowledged",),
             event="housing.stage2.acknowledged"),
        Step("Record the Stage 2 (final) response", "2026-11-20", {"finding_P1": "upheld"},
             check=(f"[name=ombudsman_details]{YES}",), shows=("Stage 2 response sent", "No faults or risks"),
             event="housing.stage2.responded"),
    ), service="housing")
CORPORATE = Journey(
    "corporate-code", "Corporate complaints (the LGSCO's Complaint Handling Code)", "Corporate (Code)", "other",
    "5 working day clock to acknowledge it", "Stage 1", (
        Step("Record the acknowledgement", "2026-10-07", shows=("Acknowledgement sent",), event="corporate.acknowledged"),
        Step("Record the Stage 1 response", "2026-10-20", {"finding_P1": "partly-upheld"},
             shows=("Stage 1 response sent",), event="corporate.stage1.responded"),
        Step("Record a request for Stage 2", "2026-10-21", shows=("Stage 2 requested",),
             event="corporate.stage2.requested"),
        Step("Record the acknowledgement of the Stage 2 request", "2026-10-23", shows=("Stage 2 request acknowledged",),
             event="corporate.stage2.acknowledged"),
        Step("Extend Stage 2", "2026-11-02", {"to_wd": "30", "reason": "The service manager is away"},
             check=(f"[name=reasons_told]{YES}",), shows=("Stage 2 extended",), event="corporate.stage2.extended"),
        Step("Record the Stage 2 (final) response", "2026-11-27", {"finding_P1": "upheld"},
             check=(f"[name=ombudsman_details]{YES}",), shows=("Stage 2 response sent", "No faults or risks"),
             event="corporate.stage2.responded"),
    ), service="other")


@pytest.mark.parametrize("journey", [WALES, HOUSING, CORPORATE], ids=lambda j: j.procedure)
def test_a_complaint_is_taken_through_each_stage_of_its_procedure(
    page: Any, live_server: Any, manager: User, council: Council, journey: Journey
) -> None:
    from playwright.sync_api import expect

    council.procedures = f"children-england {journey.procedure}"
    council.save(update_fields=["procedures"])
    sign_in(page, live_server, manager)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Caseload").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Record a new complaint").click()
    page.get_by_label(journey.title).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text(journey.intake)
    page.get_by_label("Complainant's name").fill("Mx Rhian Pryce")
    page.get_by_label("Who is complaining").select_option(journey.role)
    if journey.procedure == "children-wales":
        page.locator("[name=child_name]").fill("Dylan")
    if journey.service:
        page.locator("[name=service]").select_option(journey.service)
    fill_date(page, "received_on", "2026-10-05")
    page.locator("[name=point_1_text]").fill("Nobody answered my letters for a month")
    page.locator("[name=point_1_about]").select_option("communication")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Record complaint").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"recorded under {journey.title}")
    expect(page.locator("main")).to_contain_text(journey.first_stage)
    axe_check(page)

    for step in journey.steps:
        record(page, step.title, step.date, step.fill, check=step.check, shows=step.shows)
    complaint = Complaint.objects.get(complainant_name="Mx Rhian Pryce")
    assert complaint.procedure == journey.procedure
    assert [e.type for e in complaint.events.order_by("sequence")] == [
        "complaint.received", *(step.event for step in journey.steps)]
    screenshot(page, f"{journey.procedure}-complaint-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
    screenshot(page, f"{journey.procedure}-complaint-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Caseload").click()
    page.get_by_label("Procedure").select_option(journey.procedure)
    page.get_by_label("Status").select_option("")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#caseload-table")).to_contain_text(complaint.reference)
    expect(page.locator("#caseload-table")).to_contain_text(journey.short)
    axe_check(page)
