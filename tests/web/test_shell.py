"""The page shell: security headers, the strict CSP, navigation, error pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from redress.councils.models import User

pytestmark = pytest.mark.django_db


def test_every_page_sends_the_security_headers(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get(reverse("web:home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert re.search(r"script-src 'self' 'nonce-[\w+/=-]+'", csp)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_one_inline_script_carries_the_nonce_and_there_are_no_inline_styles(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    response = client.get(reverse("web:home"))
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    scripts = re.findall(r"<script([^>]*)>", html)
    inline = [attrs for attrs in scripts if "src=" not in attrs]
    assert inline == [f' nonce="{nonce.group(1)}"']
    assert '<script type="module" src="/static/web/init.mjs">' in html
    assert "style=" not in html and "<style" not in html


def test_the_shell_shows_the_council_the_navigation_and_a_sign_out_button(
    client: Client, officer: User
) -> None:
    client.force_login(officer)
    html = client.get(reverse("web:deadlines")).content.decode()
    assert 'href="#main-content"' in html and '<main class="govuk-main-wrapper" id="main-content">' in html
    assert "Northshire County Council" in html
    for link in ('href="/complaints/"', 'href="/deadlines/"', 'href="/bank-holidays/"', 'href="/decisions/"'):
        assert link in html
    assert 'aria-current="page"' in html
    assert f'action="{reverse("web:sign-out")}"' in html and "csrfmiddlewaretoken" in html
    assert "govuk-phase-banner" in html and "govuk-footer" in html
    assert "GOV.UK" not in html and "govuk-logo" not in html


def test_the_sign_in_page_has_no_navigation(client: Client) -> None:
    html = client.get(reverse("web:sign-in")).content.decode()
    assert "govuk-service-navigation" not in html
    assert "Sign out" not in html


def test_an_unknown_page_is_a_govuk_404(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_500_page_renders_without_a_request() -> None:
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "/static/web/app.css" in html


def test_the_compiled_stylesheet_uses_a_system_font_and_no_gds_transport() -> None:
    from pathlib import Path

    import redress.web

    css = (Path(redress.web.__file__).parent / "static/web/app.css").read_text()
    assert "system-ui" in css
    assert "GDS Transport" not in css
    assert "@font-face" not in css


def test_every_app_class_a_template_uses_is_in_the_compiled_stylesheet() -> None:
    """A class of our own in a template but not in app.css is a style forgotten, or app.css not rebuilt."""
    from pathlib import Path

    import redress

    root = Path(redress.__file__).parent
    css = (root / "web/static/web/app.css").read_text()
    used = {
        name
        for template in root.glob("*/templates/**/*.html")
        for classes in re.findall(r'class="([^"]*)"', template.read_text())
        for name in classes.split()
        if name.startswith("app-")
    }
    assert used, "no app- classes found: the glob is wrong"
    assert sorted(name for name in used if f".{name}" not in css) == []


def test_only_a_manager_sees_the_people_link(client: Client, officer: User, manager: User) -> None:
    client.force_login(officer)
    assert 'href="/people/"' not in client.get(reverse("web:home")).content.decode()
    client.force_login(manager)
    html = client.get(reverse("people:list")).content.decode()
    assert 'href="/people/"' in html
    assert 'aria-current="page"' in html.split('href="/people/"')[1].split(">")[0]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "/"),
        ("/deadlines/?clock=x", "/deadlines/"),
        ("/bank-holidays/?year=2023", "/bank-holidays/"),
        ("/complaints/", "/complaints/"),
    ],
)
def test_the_navigation_marks_the_current_page(
    client: Client, officer: User, path: str, current: str
) -> None:
    client.force_login(officer)
    html = client.get(path).content.decode()
    marked = re.findall(r'href="([^"]+)" aria-current="page"', html)
    assert marked == [current]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/deadlines/",
        "/deadlines/?clock=stage1.response&start_day=5&start_month=5&start_year=2023",
        "/deadlines/?start_day=31&start_month=2&start_year=2023",
        "/bank-holidays/?year=2023",
        "/bank-holidays/?year=nope",
        "/no-such-page/",
    ],
)
def test_no_page_has_inline_styles_or_unnonced_scripts(client: Client, manager: User, path: str) -> None:
    client.force_login(manager)
    response = client.get(path)
    html = response.content.decode()
    assert "style=" not in html and "<style" not in html
    assert " on" + "click=" not in html
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce is not None
    for attrs in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attrs or f'nonce="{nonce.group(1)}"' in attrs


def test_a_form_without_its_csrf_token_gets_a_govuk_page(officer: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("web:sign-in"), {"email": officer.email, "password": "whatever"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form could not be sent" in html
    assert "<style" not in html
