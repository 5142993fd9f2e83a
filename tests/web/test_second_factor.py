"""The second factor: set up at first sign-in (QR code, recovery codes), asked for at every sign-in,
reset by a complaints manager; bearer tokens for the API are not affected."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.councils.models import AuditEntry, User
from redress.councils.tokens import api_token_create
from tests.conftest import authenticator_app, current_code, give_code, set_up_app
from tests.web.conftest import PASSWORD
from tests.web.test_login_required import ALL_PATHS, OPEN

pytestmark = pytest.mark.django_db
STEPS = {"/sign-in/two-factor/", "/sign-in/two-factor/set-up/"}


def password_only(client: Client, user: User) -> None:
    """The first step of signing in, through the sign-in page."""
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_first_sign_in_sets_up_an_app_from_a_qr_code(client: Client, officer: User) -> None:
    password_only(client, officer)
    assert client.get("/complaints/")["Location"] == "/sign-in/two-factor/set-up/?next=%2Fcomplaints%2F"
    page = client.get("/sign-in/two-factor/set-up/")
    html = page.content.decode()
    assert page.status_code == 200 and "Set up your authenticator app" in html
    assert 'aria-label="Menu"' not in html  # no menu until the second step is passed
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None and "<path" in svg.group(0)
    assert "style=" not in svg.group(0) and "<script" not in svg.group(0)  # nothing the CSP would block
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert "".join(re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).split())  # type: ignore[union-attr]
    assert client.get("/sign-in/two-factor/set-up/").status_code == 200
    assert TOTPDevice.objects.filter(user=officer).count() == 1  # the same secret while setting up

    wrong = client.post("/sign-in/two-factor/set-up/", {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and client.get("/").status_code == 302
    too_soon = client.post("/sign-in/two-factor/set-up/", {"code": current_code(device)})
    assert "Wait 1 second," in too_soon.content.decode()  # django-otp's wait after a wrong code

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):
        done, _ = set_up_app(client, officer)
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    home = client.get("/")
    assert home.status_code == 200 and 'aria-label="Menu"' in home.content.decode()
    entry = AuditEntry.objects.get(action="user.second-factor-enrolled")
    assert (entry.actor, entry.object_id, entry.data) == (officer, str(officer.pk), {"recovery_codes": 10})


def test_a_password_alone_reaches_nothing_but_the_second_step(client: Client, officer: User) -> None:
    authenticator_app(officer)
    password_only(client, officer)
    for path in ALL_PATHS:
        if path in OPEN or path in STEPS or path.startswith("/api/"):
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/sign-in/two-factor/"), path
    assert client.get("/sign-in/two-factor/").status_code == 200


def test_every_later_sign_in_asks_for_a_code_and_a_wrong_one_is_refused(client: Client, officer: User) -> None:
    device = authenticator_app(officer)
    password_only(client, officer)
    assert client.get("/")["Location"] == "/sign-in/two-factor/"
    right = current_code(device)
    wrong = client.post("/sign-in/two-factor/", {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    empty = client.post("/sign-in/two-factor/", {"code": ""})
    assert "Enter the code" in empty.content.decode() and "govuk-error-summary" in empty.content.decode()
    assert client.get("/").status_code == 302
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):  # past django-otp's wait
        assert give_code(client, officer)["Location"] == "/"
        assert client.get("/").status_code == 200


def test_wrong_codes_make_the_next_try_wait(client: Client, officer: User) -> None:
    device = authenticator_app(officer)
    password_only(client, officer)
    right = current_code(device)
    for _ in range(3):
        client.post("/sign-in/two-factor/", {"code": f"{(int(right) + 7) % 1_000_000:06d}"})
    waiting = client.post("/sign-in/two-factor/", {"code": right})
    assert waiting.status_code == 429 and "Too many wrong codes: wait" in waiting.content.decode()
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(client: Client, officer: User) -> None:
    password_only(client, officer)
    done, _ = set_up_app(client, officer)
    code = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())[0]
    client.post("/sign-out/")
    password_only(client, officer)
    assert give_code(client, officer, code=code)["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.get(action="user.recovery-code-used").data == {"recovery_codes_left": 9}
    client.post("/sign-out/")
    password_only(client, officer)
    again = give_code(client, officer, code=code)
    assert again.status_code == 200 and "The code is not right" in again.content.decode()
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_the_session_id_changes_at_each_step_of_signing_in(client: Client, officer: User) -> None:
    authenticator_app(officer)
    session = client.session
    session["before"] = "signing in"
    session.save()
    first = session.session_key
    password_only(client, officer)
    second = client.session.session_key
    give_code(client, officer)
    third = client.session.session_key
    assert len({first, second, third}) == 3
    assert client.get("/").status_code == 200


def test_a_manager_resets_someones_second_factor_and_it_is_audited(client: Client, manager: User, officer: User) -> None:
    officer_client = Client()
    authenticator_app(officer)
    password_only(officer_client, officer)
    give_code(officer_client, officer)
    assert officer_client.get("/").status_code == 200

    client.force_login(manager)
    page = client.get(f"/people/{officer.pk}/").content.decode()
    assert "Reset their second factor" in page
    response = client.post(f"/people/{officer.pk}/second-factor/")
    assert response.status_code == 302 and response["Location"] == f"/people/{officer.pk}/"
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = AuditEntry.objects.get(action="user.second-factor-reset")
    assert (entry.actor, entry.object_id) == (manager, str(officer.pk))
    # Their signed-in session must now set up a new app before anything else.
    assert officer_client.get("/")["Location"] == "/sign-in/two-factor/set-up/"


def test_only_a_manager_of_the_same_council_can_reset_a_second_factor(
    client: Client, officer: User, other_officer: User, manager: User
) -> None:
    authenticator_app(other_officer)
    client.force_login(manager)
    assert client.post(f"/people/{other_officer.pk}/second-factor/").status_code == 404
    client.force_login(officer)
    assert client.post(f"/people/{manager.pk}/second-factor/").status_code == 403
    assert TOTPDevice.objects.filter(user=other_officer).exists() and TOTPDevice.objects.filter(user=manager).exists()
    assert not AuditEntry.objects.filter(action="user.second-factor-reset").exists()


def test_api_tokens_work_without_a_second_factor(client: Client, officer: User) -> None:
    assert not TOTPDevice.objects.filter(user=officer).exists()
    _, token = api_token_create(user=officer, name="report", by=officer)
    response = client.get("/api/v1/complaints", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_the_people_page_says_who_has_set_up_an_app(client: Client, manager: User, officer: User, reader: User) -> None:
    authenticator_app(officer)
    client.force_login(manager)
    html = client.get("/people/").content.decode()
    rows = {email: row for email in (officer.email, reader.email) for row in html.split("<tr") if email in row}
    assert "Set up" in rows[officer.email] and "Not set up yet" in rows[reader.email]
