"""The Ombudsman's view: its decisions on our complaints, remedies and compliance, beside the published decisions."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from redress.complaints.models import Complaint
from redress.core.reports import reporting_year
from redress.councils.models import Council, Role, User
from redress.decisions.models import Decision
from redress.reports.ombudsman import authority_words
from tests.conftest import make_user
from tests.reports.conftest import python_facts


@pytest.fixture(autouse=True)
def on_today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC), tick=False):
        yield


def decision(reference: str, authority: str, outcome: str) -> Decision:
    text = f"Decision {reference} about {authority}"
    return Decision.objects.create(reference=reference, authority=authority, outcome=outcome, text=text,
                                   text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                                   decision_date=dt.date(2024, 5, 1), imported_at=timezone.now(),
                                   updated_at=timezone.now())


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_view_counts_what_the_ombudsman_decided_and_each_remedys_compliance(
    every_procedure_council: Council, recent: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    decision("23 000 001", "Allshire Council", "Upheld")
    decision("23 000 002", "Allshire Council", "Upheld")
    decision("23 000 003", "Allshire Council", "Not upheld")
    decision("23 000 004", "Otherby Borough Council", "Upheld")
    manager = make_user(every_procedure_council, Role.MANAGER, "manager@allshire.example")
    response = client_for(manager).get("/reports/ombudsman/")
    assert response.status_code == 200
    page = response.content.decode()
    facts = [f for _, data in recent for f in python_facts(data).facts]
    decided = Counter(f.value for f in facts if f.kind == "ombudsman" and f.key == "decided")
    remedies = Counter(f.value for f in facts if f.kind == "remedy")
    assert sum(decided.values()) >= 5 and sum(remedies.values()) >= 3  # the fixture reaches the Ombudsman
    assert response.context["view"].decided == dict(decided)
    assert response.context["view"].remedy_statuses == dict(remedies)
    assert f'id="upheld-rate">{round(100 * decided["upheld"] / sum(decided.values()))}%' in page
    due = remedies["done"] + remedies["late"] + remedies["overdue"]
    assert due > 0
    assert f'id="compliance">{round(100 * remedies["done"] / due)}%' in page
    assert len(response.context["view"].remedies) == sum(remedies.values())
    assert "Apologise to the family" in page and "Not upheld" in page
    assert "23 000 001" in page and "23 000 004" not in page  # another council's decision is not ours
    published = response.context["view"]
    assert (published.published_total, published.published_upheld, published.published_upheld_rate) == (3, 2, "67%")


def test_a_year_narrows_to_what_happened_in_it(
    every_procedure_council: Council, recent: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    reader = make_user(every_procedure_council, Role.READ_ONLY, "senior@allshire.example")
    response = client_for(reader).get("/reports/ombudsman/", {"year": "2024"})
    assert response.status_code == 200
    start, end = reporting_year(2024)
    facts = [f for _, data in recent for f in python_facts(data).facts]
    decided = Counter(f.value for f in facts if f.kind == "ombudsman" and f.key == "decided" and start <= f.on <= end)
    assert response.context["view"].decided == dict(decided)
    assert all(start <= (r.action.done or r.action.agreed) <= end for r in response.context["view"].remedies)


def test_the_council_name_is_matched_by_its_distinctive_words(every_procedure_council: Council) -> None:
    assert authority_words(every_procedure_council) == "Allshire"
    assert authority_words(Council(name="London Borough of Camden")) == "Camden"


def test_an_officer_cannot_see_it_and_a_bad_year_is_not_found(every_procedure_council: Council) -> None:
    officer = make_user(every_procedure_council, Role.OFFICER, "officer@allshire.example")
    manager = make_user(every_procedure_council, Role.MANAGER, "manager@allshire.example")
    assert client_for(officer).get("/reports/ombudsman/").status_code == 403
    assert client_for(manager).get("/reports/ombudsman/", {"year": "nineteen"}).status_code == 404


def test_another_council_sees_none_of_ours(
    every_procedure_council: Council, recent: list[tuple[Complaint, dict[str, Any]]], manager: User
) -> None:
    view = client_for(manager).get("/reports/ombudsman/").context["view"]
    assert (view.decided, view.remedies, view.remedy_statuses) == ({}, [], {})
