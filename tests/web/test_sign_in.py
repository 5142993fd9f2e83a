"""Signing in and out, and which pages need a signed-in user."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from redress.councils.models import User
from tests.conftest import authenticator_app, current_code, give_code
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_a_govuk_form(client: Client) -> None:
    response = client.get(reverse("web:sign-in"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="email"' in html and 'autocomplete="current-password"' in html
    assert "govuk-error-summary" not in html


def test_signing_in_with_the_right_password_and_code_goes_to_the_home_page(client: Client, officer: User) -> None:
    authenticator_app(officer)
    response = client.post(
        reverse("web:sign-in"), {"email": "Officer@Northshire.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home"))["Location"] == reverse("web:two-factor")
    assert give_code(client, officer)["Location"] == reverse("web:home")
    home = client.get(reverse("web:home"))
    assert home.status_code == 200
    assert "Northshire County Council" in home.content.decode()
    assert officer.email in home.content.decode()


def test_signing_in_returns_to_the_page_asked_for(client: Client, officer: User) -> None:
    response = client.post(
        reverse("web:sign-in") + "?next=/deadlines/",
        {"email": officer.email, "password": PASSWORD, "next": "/deadlines/"},
    )
    assert response["Location"] == "/deadlines/"
    authenticator_app(officer)
    assert client.get("/deadlines/")["Location"] == "/sign-in/two-factor/?next=%2Fdeadlines%2F"
    assert client.post("/sign-in/two-factor/?next=%2Fdeadlines%2F", {
        "code": current_code(authenticator_app(officer)), "next": "/deadlines/"})["Location"] == "/deadlines/"


def test_signing_in_never_returns_to_another_site(client: Client, officer: User) -> None:
    response = client.post(
        reverse("web:sign-in"),
        {"email": officer.email, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("web:home")


@pytest.mark.parametrize(
    ("email", "password"),
    [("officer@northshire.example", "wrong-password-here"), ("nobody@northshire.example", PASSWORD)],
    ids=["wrong-password", "unknown-email"],
)
def test_a_failed_sign_in_says_the_same_thing_whoever_it_was(
    client: Client, officer: User, email: str, password: str
) -> None:
    response = client.post(reverse("web:sign-in"), {"email": email, "password": password})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert html.count("Enter a correct email address and password") == 2  # summary and inline
    assert '<a href="#id_email">' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_sign_in(client: Client, officer: User) -> None:
    officer.is_active = False
    officer.save()
    response = client.post(reverse("web:sign-in"), {"email": officer.email, "password": PASSWORD})
    assert "Enter a correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_malformed_email_address_is_explained(client: Client) -> None:
    html = client.post(reverse("web:sign-in"), {"email": "not-an-address", "password": "x"}).content.decode()
    assert "Enter an email address in the correct format, like name@example.org" in html


def test_an_empty_sign_in_form_asks_for_both_fields(client: Client) -> None:
    html = client.post(reverse("web:sign-in"), {}).content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_sign_out_is_post_only_and_ends_the_session(client: Client, officer: User) -> None:
    client.force_login(officer)
    assert client.get(reverse("web:sign-out")).status_code == 405
    response = client.post(reverse("web:sign-out"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:sign-in")
    assert "You have signed out." in client.get(response["Location"]).content.decode()
    assert client.get(reverse("web:home")).status_code == 302


@pytest.mark.parametrize("name", ["web:home", "web:deadlines", "web:bank-holidays", "complaints:caseload"])
def test_pages_need_a_signed_in_user(client: Client, name: str) -> None:
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:sign-in')}?next={url}"


def test_removing_a_holiday_needs_a_signed_in_user(client: Client) -> None:
    url = reverse("web:bank-holiday-remove", args=[1])
    assert client.post(url)["Location"].startswith(reverse("web:sign-in"))


def test_a_user_with_no_council_is_refused(client: Client) -> None:
    client.force_login(User.objects.create_user("lost@example.org", PASSWORD))
    assert client.get(reverse("web:deadlines")).status_code == 403


def test_the_health_check_needs_no_sign_in_and_checks_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "task_worker": "not configured",
                               "task_worker_last_run": None}
