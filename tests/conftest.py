"""Fixtures shared by the whole suite."""

from __future__ import annotations

from typing import Any

import pytest

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.councils.models import Council, Role, User


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return default_calendar()


# People and councils for the web and browser tests. (tests/complaints/ has its own.)

PASSWORD = "a-long-test-password"


def make_user(council: Council | None, role: Role, email: str) -> User:
    return User.objects.create_user(email, PASSWORD, council=council, role=role, first_name="Test")


@pytest.fixture
def council(db: Any) -> Council:
    return Council.objects.create(name="Northshire County Council", slug="northshire", reference_prefix="NC")


@pytest.fixture
def other_council(db: Any) -> Council:
    return Council.objects.create(name="Southborough Council", slug="southborough", reference_prefix="SB")


@pytest.fixture
def manager(council: Council) -> User:
    return make_user(council, Role.MANAGER, "manager@northshire.example")


@pytest.fixture
def officer(council: Council) -> User:
    return make_user(council, Role.OFFICER, "officer@northshire.example")


@pytest.fixture
def other_manager(other_council: Council) -> User:
    return make_user(other_council, Role.MANAGER, "manager@southborough.example")
