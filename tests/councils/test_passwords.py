"""Passwords: a one-time password expires and must be changed at first sign-in; everyone can change
theirs; a complaints manager can reset someone's, and that is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.utils import timezone

from redress.councils import people
from redress.councils.models import AuditEntry, Council, Role, User
from tests.conftest import set_up_app

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
NEW = "a-brand-new-password-2026"


def _add(council: Council, manager: User) -> tuple[User, str]:
    return people.person_add(council=council, by=manager, email="nia@northshire.example", first_name="Nia",
                             last_name="Owen", role=Role.OFFICER)


def _change(client: Client, current: str, new: str = NEW, again: str | None = None) -> Any:
    return client.post("/account/password/", {"current_password": current, "new_password": new,
                                              "new_password_again": new if again is None else again})


def test_a_one_time_password_must_be_changed_at_first_sign_in(council: Council, manager: User, client: Client) -> None:
    person, one_time = _add(council, manager)
    signed_in = client.post("/sign-in/", {"email": person.email, "password": one_time})
    assert signed_in.status_code == 302
    assert client.get("/")["Location"] == "/sign-in/two-factor/set-up/"  # the second factor comes first
    set_up, _ = set_up_app(client, person)
    assert set_up.status_code == 200 and "Your recovery codes" in set_up.content.decode()
    for page in ("/", "/complaints/", "/account/tokens/"):
        assert client.get(page)["Location"] == "/account/password/", page
    form = client.get("/account/password/")
    assert form.status_code == 200 and "one-time password" in form.content.decode()
    assert 'type="password"' in form.content.decode() and 'autocomplete="new-password"' in form.content.decode()
    changed = _change(client, one_time)
    assert changed.status_code == 302 and changed["Location"] == "/"
    person.refresh_from_db()
    assert person.check_password(NEW) and not person.must_change_password
    assert person.one_time_password_expires_at is None
    assert client.get("/").status_code == 200  # still signed in
    entry = AuditEntry.objects.get(action="user.password-changed")
    assert (entry.actor, entry.object_id) == (person, str(person.pk))


def test_the_one_time_password_cannot_be_kept(council: Council, manager: User, client: Client) -> None:
    person, one_time = _add(council, manager)
    client.force_login(person)
    page = _change(client, one_time, new=one_time).content.decode()
    assert "must be different from your current password" in page
    person.refresh_from_db()
    assert person.must_change_password


def test_signing_out_is_allowed_before_changing(council: Council, manager: User, client: Client) -> None:
    person, _ = _add(council, manager)
    client.force_login(person)
    assert client.post("/sign-out/")["Location"] == "/sign-in/"


def test_a_one_time_password_expires_after_the_days_the_setting_gives(council: Council, manager: User) -> None:
    with override_settings(ONE_TIME_PASSWORD_DAYS=3):
        person, _ = _add(council, manager)
    assert person.one_time_password_expires_at is not None
    assert abs(person.one_time_password_expires_at - timezone.now() - dt.timedelta(days=3)) < dt.timedelta(minutes=1)


def test_the_default_is_seven_days(council: Council, manager: User) -> None:
    person, _ = _add(council, manager)
    assert person.one_time_password_expires_at is not None
    assert abs(person.one_time_password_expires_at - timezone.now() - dt.timedelta(days=7)) < dt.timedelta(minutes=1)


def test_an_expired_one_time_password_is_refused_with_whom_to_ask(council: Council, manager: User, client: Client) -> None:
    person, one_time = _add(council, manager)
    User.objects.filter(pk=person.pk).update(one_time_password_expires_at=timezone.now() - dt.timedelta(seconds=1))
    page = client.post("/sign-in/", {"email": person.email, "password": one_time})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Your one-time password has expired: ask your complaints manager for a new one" in html
    assert "_auth_user_id" not in client.session
    wrong = client.post("/sign-in/", {"email": person.email, "password": "not-the-password-at-all"}).content.decode()
    assert "expired" not in wrong and "Enter a correct email address and password" in wrong


def test_everyone_can_change_their_own_password(officer: User, client: Client) -> None:
    client.force_login(officer)
    assert client.get("/account/password/").status_code == 200
    assert client.get("/")["Content-Type"].startswith("text/html")
    for current, new, again, message in [
        ("not-my-password-at-all", NEW, None, "Your current password is not right"),
        (PASSWORD, "short", None, "This password is too short"),
        (PASSWORD, NEW, "something-else-entirely", "Enter the same new password twice"),
        ("", "", "", "Enter your current password"),
    ]:
        html = _change(client, current, new, again).content.decode()
        assert message in html and "There is a problem" in html, message
        officer.refresh_from_db()
        assert officer.check_password(PASSWORD)
    assert _change(client, PASSWORD).status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW)
    assert client.get("/").status_code == 200


def test_a_manager_resets_someones_password_and_it_is_audited(
    council: Council, manager: User, officer: User, client: Client
) -> None:
    client.force_login(manager)
    page = client.post(f"/people/{officer.pk}/password/")
    html = page.content.decode()
    assert page.status_code == 200 and "One-time password" in html
    shown = html.split('id="one-time-password">')[1].split("<")[0]
    officer.refresh_from_db()
    assert officer.check_password(shown) and not officer.check_password(PASSWORD)
    assert officer.must_change_password and officer.one_time_password_expires_at is not None
    entry = AuditEntry.objects.get(action="user.password-reset")
    assert (entry.actor, entry.object_id) == (manager, str(officer.pk))
    assert shown not in str(entry.data)


def test_only_a_manager_of_the_same_council_resets_a_password(
    council: Council, officer: User, reader: User, other_officer: User, client: Client
) -> None:
    with pytest.raises(PermissionDenied):
        people.person_password_reset(council=council, by=reader, person=officer)
    client.force_login(reader)
    assert client.post(f"/people/{officer.pk}/password/").status_code == 403
    other_manager = User.objects.create_user("m@sb.example", PASSWORD, council=other_officer.council, role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        people.person_password_reset(council=council, by=other_manager, person=officer)
    client.force_login(other_manager)
    assert client.post(f"/people/{officer.pk}/password/").status_code == 404
    assert client.get(f"/people/{officer.pk}/password/").status_code == 405
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and not officer.must_change_password
    assert not AuditEntry.objects.filter(action="user.password-reset").exists()


@pytest.mark.parametrize(("new", "message"), [
    ("elevenchars", "This password is too short. It must contain at least 12 characters"),
    ("password1234", "This password is too common"),
    ("462819375046", "This password is entirely numeric"),
    ("nia@northshire.example", "The password is too similar to the email address"),
])
def test_a_new_password_must_pass_the_password_rules(council: Council, manager: User, client: Client, new: str,
                                                     message: str) -> None:
    person, one_time = _add(council, manager)
    client.force_login(person)
    page = _change(client, one_time, new=new).content.decode()
    assert message in page
    person.refresh_from_db()
    assert person.check_password(one_time) and person.must_change_password
