"""Fixtures for complaints: two councils with their people, and a complaint history helper."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.councils.models import Council, Role, User

TODAY = dt.date(2024, 7, 1)


@pytest.fixture
def council(db: Any) -> Council:
    return Council.objects.create(name="Northshire County Council", slug="northshire", reference_prefix="NC")


@pytest.fixture
def other_council(db: Any) -> Council:
    return Council.objects.create(name="Southborough Council", slug="southborough", reference_prefix="SB")


def make_user(council: Council | None, role: Role, email: str) -> User:
    return User.objects.create_user(email, "a-long-test-password", council=council, role=role, first_name="Test")


@pytest.fixture
def manager(council: Council) -> User:
    return make_user(council, Role.MANAGER, "manager@northshire.example")


@pytest.fixture
def officer(council: Council) -> User:
    return make_user(council, Role.OFFICER, "officer@northshire.example")


@pytest.fixture
def reader(council: Council) -> User:
    return make_user(council, Role.READ_ONLY, "readonly@northshire.example")


@pytest.fixture
def other_officer(other_council: Council) -> User:
    return make_user(other_council, Role.OFFICER, "officer@southborough.example")


STAGE2_HISTORY: dict[str, Any] = {
    "procedure": "children-england",
    "points": [
        {"id": "P1", "text": "The kinship assessment took a year", "about": "delay"},
        {"id": "P2", "text": "The assessor was rude", "about": "staff-conduct"},
    ],
    "events": [
        {"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "special-guardian"}},
        {"date": "2024-01-22", "type": "stage1.responded", "findings": {"P1": "not-upheld", "P2": "not-upheld"}},
        {"date": "2024-02-05", "type": "stage2.requested"},
        {"date": "2024-02-12", "type": "stage2.statement-agreed"},
    ],
}


def import_history(council: Council, by: User | None, data: dict[str, Any] = STAGE2_HISTORY, **extra: Any) -> Complaint:
    return complaint_import(council=council, by=by, data=data, today=TODAY, **extra)
