"""Fixtures for complaints: a complaint history and a helper to import it (councils and people: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.councils.models import Council, User

TODAY = dt.date(2024, 7, 1)
NOW = dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)  # mid-morning on TODAY, for the pages' tests


@pytest.fixture
def on_today() -> Iterator[None]:
    """Freeze the clock at NOW, so pages judge complaints as of TODAY."""
    with time_machine.travel(NOW, tick=False):
        yield


def signed_in(user: User) -> Client:
    """A test client signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


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


def date_of(iso: str, name: str = "date") -> dict[str, str]:
    """A date as the GOV.UK date input posts it: `<name>_day`, `<name>_month`, `<name>_year`."""
    day = dt.date.fromisoformat(iso)
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}
