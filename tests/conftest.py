"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from redress.core.calendar import WorkingCalendar, default_calendar


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return default_calendar()
