"""API tokens: they expire, can be listed and revoked, and die when their user is switched off."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from redress.councils import people
from redress.councils.errors import DomainError
from redress.councils.models import ApiToken, AuditEntry, Council, Role, User
from redress.councils.tokens import api_token_create, api_token_revoke, api_token_user

pytestmark = pytest.mark.django_db


def _api(token: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/complaints").status_code


def test_a_token_expires_after_the_days_the_setting_gives(officer: User) -> None:
    made = timezone.now()
    with override_settings(API_TOKEN_DAYS=30):
        record, token = api_token_create(user=officer, name="reports")
    assert abs(record.expires_at - (made + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    assert api_token_user(token) == officer
    ApiToken.objects.filter(pk=record.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api_token_user(token) is None
    assert _api(token) == 401


def test_the_default_expiry_is_90_days(officer: User) -> None:
    record, _ = api_token_create(user=officer)
    assert abs(record.expires_at - record.created_at - dt.timedelta(days=90)) < dt.timedelta(minutes=1)


def test_revoking_a_token_stops_it_and_is_audited(officer: User) -> None:
    record, token = api_token_create(user=officer, name="reports")
    api_token_revoke(token=record, by=officer)
    assert api_token_user(token) is None
    entry = AuditEntry.objects.get(action="api-token.revoked")
    assert (entry.actor, entry.object_id, entry.data["prefix"]) == (officer, str(record.pk), record.prefix)
    with pytest.raises(DomainError, match="already revoked"):
        api_token_revoke(token=record, by=officer)
    assert AuditEntry.objects.filter(action="api-token.revoked").count() == 1


def test_switching_someone_off_revokes_their_tokens_so_switching_back_on_revives_none(
    council: Council, manager: User, officer: User
) -> None:
    _, token = api_token_create(user=officer)
    _, managers_token = api_token_create(user=manager)
    people.person_update(council=council, by=manager, person=officer, role=Role.OFFICER, active=False)
    people.person_update(council=council, by=manager, person=officer, role=Role.OFFICER, active=True)
    assert api_token_user(token) is None
    assert api_token_user(managers_token) == manager
    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()
    changed = AuditEntry.objects.filter(action="user.changed").order_by("id").first()
    assert changed is not None and changed.data == {"active": False, "api_tokens_revoked": 1}


def test_the_command_lists_and_revokes_tokens(officer: User, other_officer: User) -> None:
    record, token = api_token_create(user=officer, name="nightly report")
    other, _ = api_token_create(user=other_officer)
    out = io.StringIO()
    call_command("api-token", "list", "--user", officer.email, stdout=out)
    listing = out.getvalue()
    assert record.prefix in listing and "nightly report" in listing and "active" in listing
    assert other.prefix not in listing
    out = io.StringIO()
    call_command("api-token", "list", stdout=out)
    assert other.prefix in out.getvalue()
    out = io.StringIO()
    call_command("api-token", "revoke", str(record.pk), stdout=out)
    assert "revoked" in out.getvalue() and api_token_user(token) is None
    out = io.StringIO()
    call_command("api-token", "list", "--user", officer.email, stdout=out)
    assert "revoked" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["revoke", "999999"], "No API token with the id 999999"),
        (["revoke", "seven"], "invalid int value"),
        (["list", "--user", "nobody@example.org"], "No user with the email address nobody@example.org"),
    ],
)
def test_the_command_explains_bad_input(officer: User, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("api-token", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_command_revokes_every_token_of_a_user(officer: User) -> None:
    tokens = [api_token_create(user=officer)[1] for _ in range(2)]
    call_command("api-token", "revoke", "--user", officer.email, stdout=io.StringIO())
    assert [api_token_user(token) for token in tokens] == [None, None]
    with pytest.raises(CommandError, match="Give a token's id or --user"):
        call_command("api-token", "revoke", stdout=io.StringIO())


def test_the_tokens_page_lists_makes_and_revokes_ones_own_tokens(officer: User, client: Client) -> None:
    mine, _ = api_token_create(user=officer, name="nightly report")
    client.force_login(officer)
    page = client.get("/account/tokens/")
    assert page.status_code == 200
    assert mine.prefix in page.content.decode() and "nightly report" in page.content.decode()
    made = client.post("/account/tokens/", {"name": "spreadsheet"})
    assert made.status_code == 200
    record = ApiToken.objects.get(name="spreadsheet")
    shown = made.content.decode()
    token = shown.split('id="new-token">')[1].split("<")[0]
    assert token.startswith(record.prefix) and api_token_user(token) == officer
    assert client.get("/account/tokens/").content.decode().count(token) == 0  # shown only once
    revoked = client.post(f"/account/tokens/{record.pk}/revoke/")
    assert revoked.status_code == 302
    assert api_token_user(token) is None
    assert "Revoked" in client.get("/account/tokens/").content.decode()


def test_the_tokens_page_refuses_a_blank_name_and_makes_nothing(officer: User, client: Client) -> None:
    client.force_login(officer)
    page = client.post("/account/tokens/", {"name": "  "})
    html = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in html
    assert "Enter what the token is for" in html and 'href="#id_name"' in html
    assert not ApiToken.objects.exists()


def test_nobody_sees_or_revokes_another_persons_token(officer: User, other_officer: User, manager: User, client: Client) -> None:
    theirs, token = api_token_create(user=other_officer, name="theirs")
    colleagues, colleagues_token = api_token_create(user=manager, name="colleague's")
    client.force_login(officer)
    page = client.get("/account/tokens/").content.decode()
    assert theirs.prefix not in page and colleagues.prefix not in page
    assert client.post(f"/account/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/account/tokens/{colleagues.pk}/revoke/").status_code == 404
    assert api_token_user(token) == other_officer and api_token_user(colleagues_token) == manager
    client.logout()
    assert client.get("/account/tokens/").status_code == 302


def test_a_person_of_no_council_gets_no_token(db: None) -> None:
    lost = User.objects.create_user("lost@example.org", "a-long-test-password")
    with pytest.raises(DomainError, match="belongs to no council"):
        api_token_create(user=lost)
    assert not ApiToken.objects.exists() and not AuditEntry.objects.exists()
