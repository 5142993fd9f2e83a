"""The complaints API's writes: roles per event, future dates, a busy database."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from redress.complaints.models import Complaint, Event
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY, import_history

pytestmark = pytest.mark.django_db


def _post(user: User, url: str, body: Any) -> Any:
    _, token = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(url, data=json.dumps(body), content_type="application/json")


def test_a_read_only_token_cannot_create_a_complaint(council: Council, reader: User) -> None:
    response = _post(reader, "/api/v1/complaints", STAGE2_HISTORY)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Complaint.objects.exists()


def test_an_officer_cannot_post_a_file_holding_a_managers_decision(council: Council, officer: User, manager: User) -> None:
    refusal = {"date": "2024-02-20", "type": "stage3.refused", "reason": "Nothing more to add"}
    history = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-19", "type": "stage2.responded",
               "findings": {"P1": "not-upheld", "P2": "not-upheld"}}, {"date": "2024-02-19", "type": "stage3.requested"}, refusal]}
    response = _post(officer, "/api/v1/complaints", history)
    assert response.status_code == 403, response.content
    assert response.json() == {"message": "Event 7 (stage3.refused): only a complaints manager can refuse a review panel",
                               "code": "forbidden"}
    assert not Complaint.objects.exists()
    assert _post(manager, "/api/v1/complaints", history).status_code == 201


def test_a_receipt_after_today_is_a_clear_422_not_a_500(council: Council, officer: User) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    history = {**STAGE2_HISTORY, "events": [{**STAGE2_HISTORY["events"][0], "date": tomorrow.isoformat()}]}
    response = _post(officer, "/api/v1/complaints", history)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "future-date"
    assert f"{tomorrow.day} {tomorrow:%b %Y}" in response.json()["message"]
    assert not Complaint.objects.exists()


def test_appending_an_event_after_today_is_a_clear_422(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _post(officer, f"/api/v1/complaints/{complaint.pk}/events", {"date": tomorrow.isoformat(), "type": "advocacy.offered"})
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "future-date"
    assert Event.objects.filter(complaint=complaint).count() == 4
