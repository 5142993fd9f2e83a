"""The production settings, for real: a subprocess serves the app (a WSGI server, no DEBUG, no test
settings) against its own database, behind a simulated TLS-terminating proxy (X-Forwarded-Proto: https).

Nothing here uses pytest-django's database: the app under test has its own SQLite file in tmp_path.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

HOST = "redress.example"
PASSWORD = "a-long-production-password"
SERVE = (
    "import sys; from wsgiref.simple_server import WSGIRequestHandler, make_server; "
    "from redress.wsgi import application; "
    "WSGIRequestHandler.log_message = lambda *a: None; "
    "make_server('127.0.0.1', int(sys.argv[1]), application).serve_forever()"
)
TOTP_KEY = "3132333435363738393031323334353637383930"  # the officer's authenticator app (hex)
MAKE_USER = (
    "from redress.councils.models import Council, User; "
    "from django_otp.plugins.otp_totp.models import TOTPDevice; "
    "c = Council.objects.create(name='Northshire County Council', slug='northshire', reference_prefix='NC'); "
    f"u = User.objects.create_user('officer@northshire.example', '{PASSWORD}', council=c, role='officer'); "
    f"TOTPDevice.objects.create(user=u, name='app', key='{TOTP_KEY}', confirmed=True)"
)
pytestmark = pytest.mark.xdist_group("production")


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("REDRESS_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        REDRESS_SECRET_KEY="a-production-secret-key-for-this-test-only-0123456789",
        REDRESS_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'redress.sqlite3'}",
        REDRESS_BEHIND_TLS_PROXY="true",
        REDRESS_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
    )
    env.update(extra)
    return env


def _redress(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "redress", *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


@dataclass
class Browser:
    """Just enough of a browser behind the proxy: keeps cookies, sends the proxy's headers."""

    port: int
    https: bool = True
    host: str = HOST
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookie_headers: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": self.host, **({"X-Forwarded-Proto": "https"} if self.https else {}), **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body.encode(), headers=sent)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            self.set_cookie_headers.append(header)
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def sign_in(self, origin: str = f"https://{HOST}") -> int:
        status, _, page = self.request("GET", "/sign-in/")
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        body = f"csrfmiddlewaretoken={token.group(1)}&email=officer%40northshire.example&password={PASSWORD}"
        return self.request("POST", "/sign-in/", body, {"Origin": origin, "Referer": f"{origin}/sign-in/"})[0]

    def give_code(self, origin: str = f"https://{HOST}") -> int:
        """The second step: the code the officer's authenticator app shows now."""
        from django_otp.oath import TOTP

        status, _, page = self.request("GET", "/sign-in/two-factor/")
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        totp = TOTP(bytes.fromhex(TOTP_KEY))
        body = f"csrfmiddlewaretoken={token.group(1)}&code={totp.token():06d}"
        return self.request("POST", "/sign-in/two-factor/", body, {"Origin": origin, "Referer": f"{origin}/sign-in/"})[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated production database with one council and one officer, shared by the tests here."""
    folder = tmp_path_factory.mktemp("production")
    env = _production_env(folder)
    _redress(env, "migrate", "--noinput")
    _redress(env, "shell", "-c", MAKE_USER)
    return folder


def _serve(env: dict[str, str]) -> Iterator[int]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            try:
                if Browser(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:  # pragma: no cover - only when the server never starts
            server.kill()
            pytest.fail(f"the server did not start: {server.communicate()[1]}")
        yield port
    finally:
        server.terminate()
        server.communicate(timeout=10)


@pytest.fixture
def uncollected(database: Path) -> Iterator[int]:
    """The app served before anyone has run collectstatic (and with no REDRESS_STATIC_ROOT)."""
    yield from _serve(_production_env(database))


def test_before_collectstatic_pages_and_their_styles_are_served(uncollected: int) -> None:
    browser = Browser(uncollected)
    status, headers, page = browser.request("GET", "/sign-in/")
    assert status == 200, page[:500]
    assert "Sign in to Redress" in page
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert stylesheet is not None and stylesheet.group(1) == "/static/web/app.css"
    status, headers, css = browser.request("GET", stylesheet.group(1))
    assert status == 200 and headers["content-type"].startswith("text/css") and ".govuk-" in css


def test_behind_the_proxy_a_form_posts_and_the_cookies_are_secure(uncollected: int) -> None:
    browser = Browser(uncollected)
    assert browser.sign_in() == 302
    assert browser.request("GET", "/")[0] == 302  # to the second factor
    assert browser.give_code() == 302
    assert all("Secure" in header for header in browser.set_cookie_headers)
    status, _, home = browser.request("GET", "/")
    assert status == 200 and "officer@northshire.example" in home


def test_a_trusted_origin_other_than_the_host_may_post_and_no_other(uncollected: int) -> None:
    # The proxy passes on the app's own address as Host; the browser's origin is the public name.
    assert Browser(uncollected, host="127.0.0.1").sign_in(origin=f"https://{HOST}") == 302
    assert Browser(uncollected, host="127.0.0.1").sign_in(origin="https://elsewhere.example") == 403


def test_without_the_proxy_settings_the_same_form_is_refused(database: Path) -> None:
    """What the settings fix: an app that does not know about the proxy refuses every form posted through it."""
    env = _production_env(database)
    del env["REDRESS_BEHIND_TLS_PROXY"], env["REDRESS_CSRF_TRUSTED_ORIGINS"]
    for port in _serve(env):
        browser = Browser(port)
        assert browser.sign_in() == 403
        assert browser.request("GET", "/")[0] == 302  # not signed in


def test_after_collectstatic_into_static_root_the_hashed_files_are_served(database: Path, tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    env = _production_env(database, REDRESS_STATIC_ROOT=str(static_root))
    _redress(env, "collectstatic", "--noinput")
    assert (static_root / "staticfiles.json").is_file()
    for port in _serve(env):
        browser = Browser(port)
        status, _, page = browser.request("GET", "/sign-in/")
        assert status == 200
        stylesheet = re.search(r'<link rel="stylesheet" href="(/static/web/app\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet is not None, page[:800]
        status, headers, _ = browser.request("GET", stylesheet.group(1))
        assert status == 200 and "immutable" in headers["cache-control"]
        assert browser.sign_in() == 302


def test_collectstatic_without_a_static_root_says_what_to_set(database: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "redress", "collectstatic", "--noinput"],
                          env=_production_env(database), capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "REDRESS_STATIC_ROOT" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_trusted_origin_without_its_scheme_is_refused_at_start(database: Path) -> None:
    env = _production_env(database, REDRESS_CSRF_TRUSTED_ORIGINS="redress.example")
    done = subprocess.run([sys.executable, "-m", "redress", "check"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "REDRESS_CSRF_TRUSTED_ORIGINS must list origins with their scheme, like https://redress.example" in done.stderr
