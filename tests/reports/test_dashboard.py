"""The managers' dashboard: each figure links to the caseload showing exactly the complaints it counts."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from redress.complaints.models import Complaint, Projection
from redress.complaints.pages import caseload_rows
from redress.complaints.services import complaint_assign
from redress.councils.models import Council, Role, User
from redress.reports.dashboard import months_back
from tests.conftest import make_user
from tests.reports.conftest import TODAY

FIGURE = re.compile(r'<a class="govuk-link" data-figure[^>]*href="([^"]+)">(\d+)')
COUNT = re.compile(r'<p class="govuk-body" id="result-count">(\d+) complaint')


@pytest.fixture(autouse=True)
def on_today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def people(every_procedure_council: Council, recent: list[tuple[Complaint, dict[str, Any]]]) -> dict[str, User]:
    """A manager, a senior manager and two officers; the officers have a third of the complaints each."""
    manager = make_user(every_procedure_council, Role.MANAGER, "manager@allshire.example")
    officers = [make_user(every_procedure_council, Role.OFFICER, f"officer{i}@allshire.example") for i in (1, 2)]
    for index, (complaint, _) in enumerate(recent):
        if index % 3 < 2:
            complaint_assign(complaint=complaint, officer=officers[index % 3], by=manager, today=TODAY)
    senior = make_user(every_procedure_council, Role.READ_ONLY, "senior@allshire.example")
    return {"manager": manager, "senior": senior, "officer1": officers[0], "officer2": officers[1]}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def figures(page: str) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(value)) for href, value in FIGURE.findall(page)]


def check_every_link(client: Client, page: str) -> int:
    """Follow each figure's link; the caseload must count the same number. Returns how many were checked."""
    checked = {}
    for href, value in figures(page):
        if href in checked:
            assert checked[href] == value
            continue
        response = client.get(href)
        assert response.status_code == 200, href
        body = response.content.decode()
        assert "govuk-error-summary" not in body, href
        found = COUNT.search(body)
        assert found is not None and int(found.group(1)) == value, (href, value, found and found.group(1))
        checked[href] = value
    return len(checked)


def test_every_figure_links_to_the_complaints_it_counts(people: dict[str, User]) -> None:
    client = client_for(people["manager"])
    response = client.get("/reports/")
    assert response.status_code == 200
    page = response.content.decode()
    shown = figures(page)
    assert sum(value for _, value in shown) > 100  # real figures, not zeros
    assert check_every_link(client, page) > 60
    for section in ("by-stage", "by-rag", "months", "officers", "actions", "ombudsman", "due-soon"):
        assert f'id="{section}"' in page
    assert 'id="clock-stage1.response"' in page and 'id="clock-stage2.response"' in page


def test_the_filters_narrow_every_figure_and_the_links_agree(people: dict[str, User]) -> None:
    client = client_for(people["senior"])
    officer = people["officer1"]
    response = client.get("/reports/", {"procedure": "children-england", "months": "12", "officer": officer.pk})
    page = response.content.decode()
    assert page.count("Complaints received each month") >= 1
    assert len(re.findall(r'<th scope="row" class="govuk-table__header">\w+ \d{4}</th><td', page)) >= 12
    check_every_link(client, page)
    open_for_officer = Projection.objects.filter(officer=officer, status="open", procedure="children-england").count()
    assert sum(value for href, value in figures(page) if "stage=" in href) == open_for_officer


def test_red_amber_green_counts_match_the_caseloads_colours(people: dict[str, User], every_procedure_council: Council) -> None:
    page = client_for(people["manager"]).get("/reports/").content.decode()
    shown = {re.search(r"rag=(\w+)", href).group(1): value for href, value in figures(page) if "rag=" in href}  # type: ignore[union-attr]
    rows = caseload_rows(list(Projection.objects.filter(council=every_procedure_council)),
                         council=every_procedure_council, today=TODAY)
    colours = [row.rag for row in rows if row.projection.status == "open"]
    expected = {colour: colours.count(colour) for colour in ("red", "amber", "green")}
    expected["none"] = colours.count("blue") + colours.count("grey")  # open, with no council deadline running
    assert shown == expected
    assert sum(shown.values()) > 0


def test_received_by_month_covers_24_months_ending_this_month() -> None:
    months = months_back(dt.date(2025, 6, 30), 24)
    assert (months[0], months[-1], len(months)) == (dt.date(2023, 7, 1), dt.date(2025, 6, 1), 24)
    assert months_back(dt.date(2025, 1, 15), 2) == [dt.date(2024, 12, 1), dt.date(2025, 1, 1)]


def test_an_officer_cannot_see_the_dashboard(people: dict[str, User]) -> None:
    assert client_for(people["officer1"]).get("/reports/").status_code == 403


def test_another_council_sees_only_its_own(people: dict[str, User], manager: User) -> None:
    page = client_for(manager).get("/reports/").content.decode()
    assert sum(value for _, value in figures(page)) == 0


@pytest.mark.parametrize("query", [{"procedure": "nope"}, {"months": "7"}, {"officer": "999999"}])
def test_a_bad_filter_is_explained_and_the_page_still_shows(manager: User, query: dict[str, str]) -> None:
    response = client_for(manager).get("/reports/", query)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(("query", "message"), [
    ({"rag": "purple"}, "The colour must be red, amber, green or none"),
    ({"received": "May 2024"}, "The month received must be like 2024-05"),
    ({"clock": "no.such"}, "There is no such clock"),
    ({"due_within": "0"}, "Due within must be 1 to 60 working days"),
])
def test_a_bad_dashboard_link_on_the_caseload_is_explained(manager: User, query: dict[str, str], message: str) -> None:
    response = client_for(manager).get("/complaints/", query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_caseload_says_what_a_dashboard_link_narrowed_it_to(manager: User) -> None:
    body = client_for(manager).get("/complaints/", {"status": "", "received": "2022-05"}).content.decode()
    assert "Only the complaints counted on the dashboard: received in May 2022." in body
    assert '<input type="hidden" name="received" value="2022-05"' in body
