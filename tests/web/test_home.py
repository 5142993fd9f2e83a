"""The home page: the signed-in person's council and its figures, never another council's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.complaints.services import complaint_import
from redress.councils.models import Council, User

pytestmark = pytest.mark.django_db


def received(on: str) -> dict[str, Any]:
    return {
        "procedure": "children-england",
        "points": [{"id": "P1", "text": "The assessment took a year", "about": "delay"}],
        "events": [{"date": on, "type": "complaint.received", "complainant": {"role": "special-guardian"}}],
    }


def add_complaint(council: Council, by: User, on: str, officer: User | None = None) -> None:
    complaint_import(
        council=council, by=by, data=received(on), today=dt.date.fromisoformat(on), officer=officer
    )


def figures(html: str) -> list[str]:
    return [part.split("</span>")[0] for part in html.split('<span class="app-figure">')[1:]]


def test_home_counts_this_councils_open_overdue_and_assigned_complaints(
    client: Client, manager: User, officer: User, other_officer: User
) -> None:
    assert manager.council is not None and other_officer.council is not None
    add_complaint(manager.council, manager, "2024-01-08")  # long overdue
    add_complaint(manager.council, manager, "2024-01-09", officer=officer)  # overdue, officer's
    add_complaint(other_officer.council, other_officer, "2024-01-08", officer=other_officer)
    client.force_login(officer)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert figures(html) == ["2", "2", "1"]
    assert "Northshire County Council" in html and "Southborough" not in html
    assert "?status=open&amp;overdue=on" in html


def test_home_with_no_complaints_shows_noughts_and_no_empty_links(client: Client, officer: User) -> None:
    client.force_login(officer)
    html = client.get(reverse("web:home")).content.decode()
    assert figures(html) == ["0", "0", "0"]
    assert "See the overdue complaints" not in html
