"""Accounts in a real browser: a first sign-in with a one-time password, then one's own API tokens.
Every page checked with axe."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from redress.councils import people
from redress.councils.models import ApiToken, Council, Role, User
from tests.browser.conftest import axe_check, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def set_up_authenticator_app(page: Any, live_server: Any) -> None:
    """The first sign-in's second step, in the browser: the QR code shows; the typed key, read as an
    app would, gives the code that confirms it; then the recovery codes are shown once."""
    page.wait_for_url(f"{live_server.url}/sign-in/two-factor/set-up/")
    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    expect(page.locator(".app-qr-code svg")).to_be_visible()
    axe_check(page, every_impact=True)
    screenshot(page, "two-factor-set-up")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "two-factor-set-up-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    code = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8))).token()
    page.get_by_label("Code from your authenticator app").fill("12")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    axe_check(page, every_impact=True)
    page.wait_for_timeout(1100)  # django-otp's wait after a wrong code
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Authenticator app set up")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    axe_check(page, every_impact=True)
    screenshot(page, "recovery-codes")
    page.get_by_role("link", name="Continue").click()
NEW = "a-brand-new-password-2026"


def test_a_new_person_changes_the_one_time_password_then_makes_and_revokes_a_token(
    page: Any, live_server: Any, council: Council, manager: User
) -> None:
    person, one_time = people.person_add(council=council, by=manager, email="nia@northshire.example",
                                         first_name="Nia", last_name="Owen", role=Role.OFFICER)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address", exact=True).fill(person.email)
    page.get_by_label("Password", exact=True).fill(one_time)
    page.get_by_role("button", name="Sign in").click()
    set_up_authenticator_app(page, live_server)
    page.wait_for_url(f"{live_server.url}/account/password/")
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    axe_check(page, every_impact=True)
    page.get_by_label("Current password").fill(one_time)
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("Confirm new password").fill("not-the-same-password")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the same new password twice")
    axe_check(page, every_impact=True)
    screenshot(page, "password-change-errors")
    page.get_by_label("Current password").fill(one_time)
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("Confirm new password").fill(NEW)
    page.get_by_role("button", name="Change password").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password has been changed")

    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="Your API tokens")).to_be_visible()
    axe_check(page, every_impact=True)
    page.get_by_label("What is the token for?").fill("nightly report")
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_role("heading", name="API token made")).to_be_visible()
    axe_check(page, every_impact=True)
    assert page.locator("#new-token").inner_text().startswith("rdr_")
    page.get_by_role("link", name="Back to your API tokens").click()
    page.get_by_role("button", name="Revoke token").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("revoked")
    expect(page.locator(".govuk-tag--red")).to_have_text("Revoked")
    axe_check(page, every_impact=True)
    screenshot(page, "api-tokens")
    assert ApiToken.objects.get(user=person).revoked_at is not None
