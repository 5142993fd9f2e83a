"""The decisions API: bearer token needed, search with filters, one decision by reference, 404 shape."""

from __future__ import annotations

import pytest
from django.test import Client

from redress.councils.models import User
from redress.councils.tokens import api_token_create
from redress.decisions.services import ImportOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(officer: User) -> Client:
    _, token = api_token_create(user=officer)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_is_needed(seeds: ImportOutcome) -> None:
    response = Client().get("/api/v1/decisions")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_search_with_words_and_filters(api: Client, library: ImportOutcome) -> None:
    body = api.get("/api/v1/decisions", {"q": "humiliation"}).json()
    assert body["count"] == 1 and body["pages"] == 1
    item = body["items"][0]
    assert item["reference"] == "19 011 904"
    assert item["payments_total_gbp"] == 300
    assert item["payments"][1] == {
        "amount_gbp": 100.0,
        "purpose": "for the frustration and confusion she experienced because of the Council’s handling of her stage three panel request",  # noqa: RUF001
    }
    assert "text" not in item
    body = api.get("/api/v1/decisions", {"decision": "Closed after initial enquiries"}).json()
    assert {item["reference"] for item in body["items"]} == {"24 002 308", "24 006 611"}
    body = api.get("/api/v1/decisions", {"category": "Education > Other", "decision": "Upheld"}).json()
    assert body == {"items": [], "count": 0, "count_cap": 1000, "page": 1, "pages": 1}


def test_pages(api: Client, library: ImportOutcome) -> None:
    from redress.decisions import api as decisions_api

    decisions_api.PAGE_SIZE, saved = 5, decisions_api.PAGE_SIZE
    try:
        first = api.get("/api/v1/decisions").json()
        assert (first["count"], first["pages"], len(first["items"])) == (13, 3, 5)
        last = api.get("/api/v1/decisions", {"page": 3}).json()
        assert len(last["items"]) == 3
        beyond = api.get("/api/v1/decisions", {"page": 99}).json()
        assert beyond["page"] == 3
    finally:
        decisions_api.PAGE_SIZE = saved


def test_bad_query_values_are_422_with_the_error_shape(api: Client, seeds: ImportOutcome) -> None:
    response = api.get("/api/v1/decisions", {"page": "0"})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-request"
    assert response.json()["message"].startswith("page:")


@pytest.mark.parametrize("reference", ["19%20011%20904", "19011904"])
def test_one_decision_by_reference_with_or_without_spaces(api: Client, seeds: ImportOutcome, reference: str) -> None:
    response = api.get(f"/api/v1/decisions/{reference}")
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == "19 011 904"
    assert body["decision"] == "Upheld" and body["decision_date"] == "2020-09-22"
    assert body["actions"][0] == {"action": "Apologise to Miss X in writing", "deadline": "within four weeks"}
    assert body["text"].startswith("Staffordshire County Council (19 011 904)")


@pytest.mark.parametrize("reference", ["99999999", "not-a-reference"])
def test_unknown_reference_is_404_with_message_and_code(api: Client, seeds: ImportOutcome, reference: str) -> None:
    response = api.get(f"/api/v1/decisions/{reference}")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found", "code": "not-found"}


def test_decisions_are_public_data_for_every_council(other_officer: User, seeds: ImportOutcome) -> None:
    _, token = api_token_create(user=other_officer)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/decisions/24002308")
    assert response.status_code == 200 and response.json()["authority"] == "Kent County Council"
