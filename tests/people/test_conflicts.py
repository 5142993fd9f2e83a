"""A conflict across the register is shown before the appointment is saved; a manager may record it with a
reason, and the warning stays on the complaint page. Too many open appointments is a risk there."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.test import Client

from redress.complaints.models import Complaint
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from redress.people.models import Person
from tests.complaints.conftest import date_of, import_history, on_today, signed_in  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]


def _appoint(client: Client, complaint: Complaint, role: str, person: str, **extra: str) -> Any:
    complaint.refresh_from_db()
    return client.post(f"/complaints/{complaint.pk}/record/stage2.appointed/", {
        **date_of("2024-02-13"), "role": role, "person": person, "involved": "no", "version": complaint.version, **extra})


def _appointed(complaint: Complaint) -> list[str]:
    return [e.data["person"] for e in complaint.events.filter(type="stage2.appointed").order_by("sequence")]


SAME_FIRM = "The investigating officer, Priya Shah, and the independent person, Jo Kestrel, are of the same firm"


def test_a_conflict_is_shown_before_saving_and_a_manager_may_record_it_with_a_reason(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    client = signed_in(manager)
    assert _appoint(client, complaint, "io", "Priya Shah").status_code == 302
    shown = _appoint(client, complaint, "ip", "Jo Kestrel")
    page = shown.content.decode()
    assert shown.status_code == 200
    assert "Not saved yet: this appointment has an independence conflict." in page and SAME_FIRM in page
    assert "Why appoint them despite the conflict?" in page
    assert _appointed(complaint) == ["Priya Shah"]
    saved = _appoint(client, complaint, "ip", "Jo Kestrel",
                     conflict_reason="No other independent person is free before the deadline")
    assert saved.status_code == 302
    assert _appointed(complaint) == ["Priya Shah", "Jo Kestrel"]
    event = complaint.events.get(type="stage2.appointed", data__role="ip").data
    assert event["conflict_reason"] == "No other independent person is free before the deadline"
    detail = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert SAME_FIRM in detail and "No other independent person is free before the deadline" in detail


def test_an_officer_cannot_record_a_conflicted_appointment(manager: User, officer: User, council: Council,
                                                           register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    client = signed_in(officer)
    assert _appoint(client, complaint, "io", "Priya Shah").status_code == 302
    page = _appoint(client, complaint, "ip", "Jo Kestrel", conflict_reason="Because").content.decode()
    assert "only a complaints manager can record it" in page
    assert _appointed(complaint) == ["Priya Shah"]


def test_the_register_refuses_an_ip_who_is_a_council_employee(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    client = signed_in(manager)
    response = client.post("/register/new/", {"name": "Bo Ray", "roles": ["ip"], "council_employee": "yes",
                                              "active": "yes"})
    assert "An independent person cannot be a member or officer of the council" in response.content.decode()
    assert complaint.version == 4


def _api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def test_the_api_refuses_a_conflict_without_a_managers_reason(manager: User, officer: User, council: Council,
                                                                register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    url = f"/api/v1/complaints/{complaint.pk}/events"
    io = {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Priya Shah"}
    assert _api(manager).post(url, json.dumps(io), content_type="application/json").status_code == 201
    ip = {**io, "role": "ip", "person": "Jo Kestrel"}
    refused = _api(manager).post(url, json.dumps(ip), content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "independence-conflict"
    assert SAME_FIRM in refused.json()["message"]
    by_officer = _api(officer).post(url, json.dumps({**ip, "conflict_reason": "x"}), content_type="application/json")
    assert by_officer.status_code == 403
    assert _appointed(complaint) == ["Priya Shah"]
    saved = _api(manager).post(url, json.dumps({**ip, "conflict_reason": "Only one free"}), content_type="application/json")
    assert saved.status_code == 201
    assert _appointed(complaint) == ["Priya Shah", "Jo Kestrel"]


def test_too_many_open_appointments_is_a_risk_on_the_complaint_page(
        manager: User, council: Council, register: dict[str, Person], settings: Any) -> None:
    settings.REDRESS_APPOINTMENT_LIMITS = {"northshire": 1}
    first, second = import_history(council, manager), import_history(council, manager)
    client = signed_in(manager)
    _appoint(client, first, "io", "Priya Shah")
    page = client.get(f"/complaints/{first.pk}/").content.decode()
    assert "holds 2 open appointments" not in page
    _appoint(client, second, "io", "Priya Shah")
    for complaint in (first, second):
        page = html.unescape(client.get(f"/complaints/{complaint.pk}/").content.decode())
        assert "Priya Shah holds 2 open appointments, more than the council's limit of 1" in page
    settings.REDRESS_APPOINTMENT_LIMITS = {"northshire": 2}
    assert "open appointments" not in client.get(f"/complaints/{first.pk}/").content.decode()


def test_the_adjudicator_who_sent_the_stage1_response_is_a_conflict_before_saving(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    import copy

    from tests.complaints.conftest import STAGE2_HISTORY

    data = copy.deepcopy(STAGE2_HISTORY)
    data["events"][1]["responded_by"] = "Helen Ward"
    complaint = import_history(council, manager, data)
    client = signed_in(manager)
    form = client.get(f"/complaints/{complaint.pk}/record/stage2.responded/").content.decode()
    assert '<option value="Helen Ward">Helen Ward (Adjudicating officer, council employee)</option>' in form
    page = client.post(f"/complaints/{complaint.pk}/record/stage2.responded/", {
        **date_of("2024-03-01"), "finding_P1": "upheld", "finding_P2": "not-upheld", "adjudicator": "Helen Ward",
        "version": complaint.version}).content.decode()
    assert "The adjudicating officer, Helen Ward, sent the Stage 1 response" in page and "Not saved yet" in page
    assert not complaint.events.filter(type="stage2.responded").exists()
