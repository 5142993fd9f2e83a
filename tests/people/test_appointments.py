"""Appointments choose from the register: in the forms, the API and case-file import; bad input refused whole."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client

from redress.complaints.models import Complaint
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from redress.people.models import Person
from tests.complaints.conftest import STAGE2_HISTORY, date_of, import_history, on_today, signed_in  # noqa: F401
from tests.people.conftest import add_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]


def _api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def _post_event(user: User, complaint: Complaint, event: dict[str, Any]) -> Any:
    return _api(user).post(f"/api/v1/complaints/{complaint.pk}/events", json.dumps(event), content_type="application/json")


def _appointed(complaint: Complaint) -> list[dict[str, Any]]:
    return [e.data for e in complaint.events.filter(type="stage2.appointed").order_by("sequence")]


def test_the_form_offers_the_register_and_records_the_person_and_their_declaration(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    client = signed_in(manager)
    page = client.get(f"/complaints/{complaint.pk}/record/stage2.appointed/").content.decode()
    assert '<option value="Priya Shah">Priya Shah (Investigating officer)</option>' in page
    assert "Old Name" not in page  # switched off
    assert "Is this person a member or officer of the council?" not in page  # the register says
    response = client.post(f"/complaints/{complaint.pk}/record/stage2.appointed/", {
        **date_of("2024-02-13"), "role": "io", "person": "Priya Shah", "involved": "no",
        "declaration": "I have never worked with the family", "version": complaint.version})
    assert response.status_code == 302, response.content.decode()
    assert _appointed(complaint) == [{
        "date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Priya Shah",
        "council_employee": False, "involved": False, "declaration": "I have never worked with the family",
        "person_id": register["io2"].pk}]
    detail = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "I have never worked with the family" in detail


@pytest.mark.parametrize(("event", "code", "message"), [
    ({"role": "io", "person": "Jane Doe"}, "not-in-register",
     "Jane Doe is not in your council's register of investigators and panel"),
    ({"role": "ip", "person": "Priya Shah"}, "role-not-allowed",
     "Priya Shah may not be the independent person: the register allows them as investigating officer"),
    ({"role": "io", "person": "Old Name"}, "not-in-register", "Old Name is switched off in the register"),
])
def test_an_appointment_the_register_does_not_allow_is_refused_and_saves_nothing(
        manager: User, council: Council, register: dict[str, Person], event: dict[str, Any], code: str,
        message: str) -> None:
    complaint = import_history(council, manager)
    response = _post_event(manager, complaint, {"date": "2024-02-13", "type": "stage2.appointed", **event})
    assert response.status_code == 422
    assert response.json()["code"] == code and message in response.json()["message"]
    complaint.refresh_from_db()
    assert complaint.version == 4 and not _appointed(complaint)


def test_a_person_of_another_council_is_refused(manager: User, council: Council, other_council: Council,
                                                register: dict[str, Person]) -> None:
    theirs = add_person(other_council, "Priya Shah", "io")
    complaint = import_history(council, manager)
    response = _post_event(manager, complaint, {"date": "2024-02-13", "type": "stage2.appointed", "role": "io",
                                                "person": "Priya Shah", "person_id": theirs.pk})
    assert response.status_code == 422
    assert f"person {theirs.pk} is not in your council's register" in response.json()["message"]
    assert not _appointed(complaint)


def test_a_second_io_is_refused_unless_it_says_whom_it_replaces(manager: User, council: Council,
                                                                register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    first = {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Priya Shah"}
    assert _post_event(manager, complaint, first).status_code == 201
    second = {**first, "person": "Alex Morgan"}
    refused = _post_event(manager, complaint, second)
    assert refused.status_code == 422 and refused.json()["code"] == "second-appointee"
    assert "Priya Shah is already the investigating officer" in refused.json()["message"]
    wrong = _post_event(manager, complaint, {**second, "replaces": "Sam Okafor"})
    assert "Sam Okafor is not the investigating officer (Priya Shah is)" in wrong.json()["message"]
    assert len(_appointed(complaint)) == 1
    assert _post_event(manager, complaint, {**second, "replaces": "priya shah"}).status_code == 201
    assert [a["person"] for a in _appointed(complaint)] == ["Priya Shah", "Alex Morgan"]


STAGE3 = [
    {"date": "2024-03-01", "type": "stage2.responded", "findings": {"P1": "upheld", "P2": "not-upheld"}},
    {"date": "2024-03-04", "type": "stage3.requested"},
]


def _at_stage3(council: Council, by: User) -> Complaint:
    data = copy.deepcopy(STAGE2_HISTORY)
    data["events"] += STAGE3
    return import_history(council, by, data)


@pytest.mark.parametrize(("members", "message"), [
    (["Ruth Evans", "Tom Hale"], "a review panel has three members, the first its chair (SI 2006/1738 reg 19): 2 were given"),
    (["Ruth Evans", "Tom Hale", "Nia Price", "Ed Stone"], "4 were given"),
    (["Tom Hale", "Ruth Evans", "Nia Price"], "Tom Hale may not be the review panel chair"),
    (["Ruth Evans", "Tom Hale", "Tom Hale"], "Tom Hale is named twice on the panel"),
    (["Ruth Evans", "Tom Hale", "Someone Else"], "Someone Else is not in your council's register"),
])
def test_a_panel_must_be_three_from_the_register_chaired_by_a_chair(
        manager: User, council: Council, register: dict[str, Person], members: list[str], message: str) -> None:
    complaint = _at_stage3(council, manager)
    response = _post_event(manager, complaint, {"date": "2024-03-05", "type": "stage3.panel-scheduled",
                                                "panel_date": "2024-04-01", "members": members})
    assert response.status_code == 422 and message in response.json()["message"]
    assert not complaint.events.filter(type="stage3.panel-scheduled").exists()


def test_a_panel_from_the_register_is_recorded_with_each_members_declaration(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    complaint = _at_stage3(council, manager)
    response = signed_in(manager).post(f"/complaints/{complaint.pk}/record/stage3.panel-scheduled/", {
        **date_of("2024-03-05"), **date_of("2024-04-01", "panel_date"), "member_1": "Ruth Evans", "member_2": "Tom Hale",
        "member_3": "Nia Price", "member_2_involved": "no", "member_2_declaration": "I chaired a 2019 review of the team",
        "version": complaint.version})
    assert response.status_code == 302, response.content.decode()
    event = complaint.events.get(type="stage3.panel-scheduled").data
    assert event["members"] == [
        {"name": "Ruth Evans", "person_id": register["chair"].pk},
        {"name": "Tom Hale", "declaration": "I chaired a 2019 review of the team", "person_id": register["m1"].pk},
        {"name": "Nia Price", "person_id": register["m2"].pk}]


def test_importing_a_case_file_matches_names_and_reports_the_unmatched(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    data = copy.deepcopy(STAGE2_HISTORY)
    data["events"] += [{"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "priya  shah"},
                       {"date": "2024-02-13", "type": "stage2.appointed", "role": "ip", "person": "Jane Doe"}]
    with pytest.raises(DomainError) as refused:
        import_history(council, manager, data)
    assert refused.value.message.startswith("Event 6 (stage2.appointed): Jane Doe is not in your council's register")
    assert not Complaint.objects.exists() and Person.objects.count() == len(register)
    data["events"][-1]["person"] = "Sam Okafor"
    complaint = import_history(council, manager, data)
    assert [(a["person"], a["person_id"]) for a in _appointed(complaint)] == [
        ("Priya Shah", register["io2"].pk), ("Sam Okafor", register["ip"].pk)]


def test_a_council_with_no_register_takes_names_as_typed(manager: User, council: Council) -> None:
    complaint = import_history(council, manager)
    response = _post_event(manager, complaint, {"date": "2024-02-13", "type": "stage2.appointed", "role": "io",
                                                "person": "Anyone At All"})
    assert response.status_code == 201
    assert "person_id" not in _appointed(complaint)[0]
