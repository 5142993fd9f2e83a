"""The decisions library over JSON: search with filters, and one decision by reference.

Decisions are public data: any valid token may read them, whatever its council.
"""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from redress.api.errors import errors
from redress.decisions.selectors import (
    COUNT_CAP,
    DecisionFilters,
    capped_count,
    decision_by_reference,
    decision_search,
)

router = Router()
PAGE_SIZE = 20


class PaymentOut(Schema):
    amount_gbp: float
    purpose: str | None


class ActionOut(Schema):
    action: str
    deadline: str | None


class DecisionOut(Schema):
    reference: str
    authority: str | None
    category: str | None
    decision: str | None
    decision_date: str | None
    summary: str | None
    fault: bool | None
    injustice: bool | None
    apology: bool | None
    payments: list[PaymentOut]
    payments_total_gbp: float | None
    actions: list[ActionOut]
    other_bodies: list[str]
    reasons_not_investigated: list[str]
    ofsted_shared: bool | None
    stage_reached: int | None
    text_complete: bool


class DecisionDetailOut(DecisionOut):
    text: str


class DecisionPage(Schema):
    items: list[DecisionOut]
    count: int = Field(description="matches, counted no further than count_cap + 1")
    count_cap: int
    page: int
    pages: int


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="words, all of which must appear")
    category: str | None = Field(None, max_length=200, description="the full category, e.g. Children's care services > Child protection")
    decision: str | None = Field(None, max_length=100, description="Upheld, Not upheld, Closed after initial enquiries, ...")
    page: int = Field(1, ge=1, le=100_000)


@router.get("", response={200: DecisionPage, **errors()}, summary="Search the published Ombudsman decisions")
def decision_list(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    decisions = decision_search(DecisionFilters(query=query.q, category=query.category or None, outcome=query.decision or None))
    count = capped_count(decisions)
    pages = max(1, math.ceil(count / PAGE_SIZE))
    start = (min(query.page, pages) - 1) * PAGE_SIZE
    return {
        "items": [decision.to_json() for decision in decisions[start : start + PAGE_SIZE]],
        "count": count,
        "count_cap": COUNT_CAP,
        "page": min(query.page, pages),
        "pages": pages,
    }


@router.get("/{reference}", response={200: DecisionDetailOut, **errors(404)}, summary="One decision, by reference")
def decision_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    """The reference as published (`19 011 904`, URL-encoded) or without spaces (`19011904`)."""
    decision = decision_by_reference(reference)
    if decision is None:
        raise Http404(f"No decision {reference!r} in the library")
    return {**decision.to_json(), "text": decision.text}
