"""Fixtures for councils' own tests (the councils and their people come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from redress.councils.models import Council, Role, User
from tests.conftest import make_user


@pytest.fixture
def other_manager(other_council: Council) -> User:
    return make_user(other_council, Role.MANAGER, "manager@southborough.example")
