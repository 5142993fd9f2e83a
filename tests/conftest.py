"""Fixtures shared by the whole suite: the calendar, two councils and their people."""

from __future__ import annotations

from typing import Any

import pytest

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.councils.models import Council, Role, User


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return default_calendar()


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
