"""The library pages: sign-in needed, search with filters, a decision beside its record, statistics."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from redress.councils.models import User
from redress.decisions.services import ImportOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_in(officer: User) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.mark.parametrize("url", ["/decisions/", "/decisions/statistics/", "/decisions/19011904/"])
def test_pages_need_sign_in(seeds: ImportOutcome, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302 and "/sign-in" in response["Location"]


def test_search_lists_the_library_newest_first(client_in: Client, seeds: ImportOutcome) -> None:
    response = client_in.get("/decisions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 decisions" in html
    assert html.index("Kent County Council (24 002 308)") < html.index("Staffordshire County Council (19 011 904)")
    assert 'href="/decisions/19011904/"' in html


def test_search_by_words_and_filters(client_in: Client, library: ImportOutcome) -> None:
    html = client_in.get("/decisions/", {"q": "humiliation"}).content.decode()
    assert "1 decision<" in html and "Staffordshire County Council" in html
    html = client_in.get("/decisions/", {"other_body": "social-work-england", "has_payment": "no"}).content.decode()
    assert "1 decision<" in html and "Kent County Council" in html
    # 2023, upheld: Northshire, Eastmere, Oakfield and Fenwick.
    html = client_in.get("/decisions/", {"year": "2023", "outcome": "Upheld"}).content.decode()
    assert "4 decisions" in html
    html = client_in.get("/decisions/", {"year": "2023", "authority": "Oakfield Council"}).content.decode()
    assert "1 decision<" in html and "Oakfield Council (23 004 882)" in html


def test_pagination_keeps_the_filters(client_in: Client, library: ImportOutcome) -> None:
    from redress.decisions import views

    views.PAGE_SIZE, saved = 3, views.PAGE_SIZE
    try:
        html = client_in.get("/decisions/", {"outcome": "Not upheld"}).content.decode()
        assert "govuk-pagination" not in html
        # Eight decisions are upheld: three pages of three.
        html = client_in.get("/decisions/", {"outcome": "Upheld", "page": "2"}).content.decode()
        assert "Page 2 of 3" in html
        assert "outcome=Upheld&amp;page=1" in html
    finally:
        views.PAGE_SIZE = saved


def test_bad_filter_values_give_an_error_summary_and_no_results(client_in: Client, seeds: ImportOutcome) -> None:
    html = client_in.get("/decisions/", {"year": "1066", "other_body": "the-moon"}).content.decode()
    assert "There is a problem" in html
    assert "Select a valid choice. 1066 is not one of the available choices." in html
    assert "decisions</p>" not in html and "result-count" not in html


def test_a_decision_beside_its_record(client_in: Client, seeds: ImportOutcome) -> None:
    response = client_in.get("/decisions/19011904/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-summary-list" in html
    # The record sits in a third of the page: its keys go above their values, not beside them.
    assert 'class="govuk-summary-list govuk-summary-list--no-border app-summary-list--stacked"' in html
    assert "Staffordshire County Council" in html
    assert "£200 in recognition of the needless humiliation she felt at the ICPC" in html
    assert "£300 in all" in html
    assert "Apologise to Miss X in writing" in html and "(within four weeks)" in html
    assert '<h3 class="govuk-heading-s">Agreed action</h3>' in html
    assert "Back to top" not in html


def test_a_closed_decision_shows_bodies_and_reasons(client_in: Client, seeds: ImportOutcome) -> None:
    html = client_in.get("/decisions/24002308/").content.decode()
    assert "Information Commissioner, Social Work England" in html
    assert "Not enough evidence of fault" in html and "Another body is better placed" in html
    assert "Not said" in html


def test_a_reference_with_spaces_redirects_to_the_page(client_in: Client, seeds: ImportOutcome) -> None:
    response = client_in.get("/decisions/19%20011%20904/")
    assert response.status_code == 302 and response["Location"] == "/decisions/19011904/"


@pytest.mark.parametrize("reference", ["99999999", "not-a-reference"])
def test_unknown_reference_is_404(client_in: Client, seeds: ImportOutcome, reference: str) -> None:
    assert client_in.get(f"/decisions/{reference}/").status_code == 404


def test_statistics_as_svg_charts_with_tables_and_no_style_attributes(client_in: Client, library: ImportOutcome) -> None:
    response = client_in.get("/decisions/statistics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 6
    assert "style=" not in html and "<script>" not in html
    # Each chart's title is shown above it, not only inside the SVG.
    assert '<figcaption class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2" id="category-payments-caption">Median payment by category</figcaption>' in html
    # The charts and the seven-column tables scroll sideways in a box that takes keyboard focus.
    assert html.count('<div class="app-scroll') == 8
    assert '<div class="app-scroll govuk-!-margin-bottom-6" tabindex="0" role="region" aria-labelledby="by-fault-caption">' in html
    assert 'id="by-fault-caption">Remedies by the finding on fault</caption>' in html
    assert "Median payment by category" in html and "Remedies by the finding on fault" in html
    # Fault found in eight decisions; seven give a decision, all "Upheld" (the old report summary gives none).
    assert re.search(r"<th scope=\"row\" class=\"govuk-table__header\">Fault found</th>\s*<td[^>]*>8</td>\s*<td[^>]*>100%</td>", html)
    assert "within four weeks" in html
    assert "£600" in html


def test_statistics_of_an_empty_library(client_in: Client) -> None:
    html = client_in.get("/decisions/statistics/").content.decode()
    assert "No data yet." in html and "<svg" not in html


def test_more_matches_than_the_cap_are_said_not_counted(
    client_in: Client, library: ImportOutcome, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redress.decisions import selectors, views

    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    monkeypatch.setattr(views, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors.capped_count, "__defaults__", (3,))
    html = client_in.get("/decisions/").content.decode()
    assert "More than 3 decisions: add words or filters to narrow them" in html
