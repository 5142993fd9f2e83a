"""A complaints manager manages the council's people; nobody else can, and no other council's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from redress.councils import people
from redress.councils.errors import DomainError
from redress.councils.models import AuditEntry, Council, Role, User


def test_a_manager_adds_a_person_with_a_one_time_password(council: Council, manager: User) -> None:
    person, password = people.person_add(council=council, by=manager, email=" New.Officer@Northshire.example ",
                                         first_name="Nia", last_name="Owen", role=Role.OFFICER)
    assert (person.email, person.council, person.role) == ("new.officer@northshire.example", council, Role.OFFICER)
    assert len(password) >= 20 and person.check_password(password) and password not in person.password
    entry = AuditEntry.objects.get(action="user.added")
    assert (entry.actor, entry.object_id, entry.data["role"]) == (manager, str(person.pk), "officer")


@pytest.mark.parametrize("whose", ["officer", "other_officer"])
def test_an_email_address_in_use_anywhere_is_only_said_to_be_unusable(
    council: Council, manager: User, officer: User, other_officer: User, client: Client, whose: str
) -> None:
    email = {"officer": officer, "other_officer": other_officer}[whose].email
    with pytest.raises(DomainError) as refused:
        people.person_add(council=council, by=manager, email=email.upper(), first_name="X", last_name="", role=Role.OFFICER)
    assert (refused.value.message, refused.value.code) == (people.EMAIL_UNUSABLE, "email-unusable")
    client.force_login(manager)
    page = client.post("/people/new/", {"email": email, "first_name": "X", "role": "officer"}).content.decode()
    assert people.EMAIL_UNUSABLE in page and 'href="#id_email"' in page
    assert not {"account", "council", "already"} & set(people.EMAIL_UNUSABLE.lower().split())
    assert not AuditEntry.objects.filter(action="user.added").exists()
    assert User.objects.filter(email=email).get().council == {"officer": officer, "other_officer": other_officer}[whose].council


@pytest.mark.parametrize("who", ["officer", "reader", "other_manager"])
def test_only_a_manager_of_the_same_council_manages_people(
    council: Council, officer: User, reader: User, other_council: Council, who: str
) -> None:
    by = {"officer": officer, "reader": reader,
          "other_manager": User.objects.create_user("m@sb.example", "a-long-test-password", council=other_council, role=Role.MANAGER)}[who]
    with pytest.raises(PermissionDenied):
        people.person_add(council=council, by=by, email="x@northshire.example", first_name="X", last_name="", role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        people.person_update(council=council, by=by, person=officer, role=Role.MANAGER, active=True)
    officer.refresh_from_db()
    assert officer.role == Role.OFFICER


def test_the_last_active_manager_cannot_be_demoted_or_switched_off(council: Council, manager: User, officer: User) -> None:
    with pytest.raises(DomainError, match="at least one active complaints manager"):
        people.person_update(council=council, by=manager, person=manager, role=Role.OFFICER, active=True)
    with pytest.raises(DomainError, match="at least one active complaints manager"):
        people.person_update(council=council, by=manager, person=manager, role=Role.MANAGER, active=False)
    people.person_update(council=council, by=manager, person=officer, role=Role.MANAGER, active=True)
    people.person_update(council=council, by=manager, person=manager, role=Role.READ_ONLY, active=True)
    manager.refresh_from_db()
    assert manager.role == Role.READ_ONLY
    assert list(AuditEntry.objects.filter(action="user.changed").values_list("data", flat=True)) == [
        {"role": "read-only"}, {"role": "manager"},
    ]


def test_switching_access_off_stops_sign_in(council: Council, manager: User, officer: User, client: Client) -> None:
    people.person_update(council=council, by=manager, person=officer, role=Role.OFFICER, active=False)
    assert not client.login(email=officer.email, password="a-long-test-password")


def test_people_pages_for_a_manager(council: Council, manager: User, officer: User, client: Client) -> None:
    client.force_login(manager)
    page = client.get("/people/")
    assert page.status_code == 200 and officer.email in page.content.decode()
    added = client.post("/people/new/", {"email": "nia@northshire.example", "first_name": "Nia", "role": "officer"})
    assert added.status_code == 200 and "One-time password" in added.content.decode()
    assert User.objects.get(email="nia@northshire.example").council == council
    changed = client.post(f"/people/{officer.pk}/", {"role": "read-only", "active": "yes"})
    assert changed.status_code == 302
    officer.refresh_from_db()
    assert officer.role == Role.READ_ONLY


def test_people_forms_show_errors_and_save_nothing(council: Council, manager: User, client: Client) -> None:
    client.force_login(manager)
    page = client.post("/people/new/", {"email": "not-an-email", "first_name": "", "role": ""})
    body = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in body
    assert "Enter an email address in the correct format" in body and "Choose a role" in body
    assert 'href="#id_role_0"' in body and 'id="id_role_0"' in body  # the summary links to the first radio
    assert 'id="-error"' not in body and body.count('id="id_role-error"') == 1
    assert User.objects.count() == 1
    refused = client.post(f"/people/{manager.pk}/", {"role": "officer", "active": "yes"})
    assert "at least one active complaints manager" in refused.content.decode()


def test_people_pages_are_the_managers_and_scoped_to_the_council(
    council: Council, officer: User, other_officer: User, client: Client
) -> None:
    client.force_login(officer)
    assert client.get("/people/").status_code == 403
    assert client.post("/people/new/", {"email": "x@y.example", "first_name": "X", "role": "manager"}).status_code == 403
    other_manager = User.objects.create_user("m@sb.example", "a-long-test-password", council=other_officer.council, role=Role.MANAGER)
    client.force_login(other_manager)
    assert client.get(f"/people/{officer.pk}/").status_code == 404
    assert client.post(f"/people/{officer.pk}/", {"role": "manager", "active": "yes"}).status_code == 404
    client.logout()
    assert client.get("/people/").status_code == 302
