"""Fixtures shared by the whole suite: the calendar, two councils and their people."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.councils.models import Council, Role, User
from redress.web.middleware import IdleSessionMiddleware

# The authenticator-app secret every test user's device has (hex, as django-otp stores it).
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


def authenticator_app(user: User) -> TOTPDevice:
    """`user`'s authenticator app, set up with TEST_TOTP_KEY (made the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator app", key=TEST_TOTP_KEY, confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code `device`'s app shows now; usable again (as if a new 30 seconds had begun)."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def give_code(client: Any, user: User, code: str | None = None) -> Any:
    """The second step of signing in through the pages: a code from `user`'s (test) app, or `code`."""
    return client.post("/sign-in/two-factor/", {"code": code or current_code(authenticator_app(user))})


def set_up_app(client: Any, user: User) -> tuple[Any, TOTPDevice]:
    """A first sign-in's second step: open the set-up page, then confirm with a code from the new secret."""
    assert client.get("/sign-in/two-factor/set-up/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post("/sign-in/two-factor/set-up/", {"code": current_code(device)}), device


@pytest.fixture(autouse=True)
def second_factor_for_test_clients(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`client.force_login(user)` and `client.login(...)` also pass the second factor, as if the person
    had given a code from their authenticator app (a device with TEST_TOTP_KEY is made for them).

    So every test that signs in that way (`signed_in(user)` in tests/complaints/conftest.py too) sees
    the pages a signed-in person sees. Tests of the second factor itself sign in through the sign-in
    page (`client.post("/sign-in/", ...)`), which this leaves alone.
    """
    original = ClientMixin._login

    def _login(self: Any, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = authenticator_app(user).persistent_id
        session[IdleSessionMiddleware.KEY] = int(time.time() // 60)  # as a sign-in's own write leaves it
        session.save()

    monkeypatch.setattr(ClientMixin, "_login", _login)
    yield


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return default_calendar()


@pytest.fixture
def council(db: Any) -> Council:
    return Council.objects.create(name="Northshire County Council", slug="northshire", reference_prefix="NC")


@pytest.fixture
def other_council(db: Any) -> Council:
    return Council.objects.create(name="Southborough Council", slug="southborough", reference_prefix="SB")


def make_user(council: Council | None, role: Role, email: str) -> User:
    return User.objects.create_user(email, "a-long-test-password", council=council, role=role, first_name="Test")


@pytest.fixture
def manager(council: Council) -> User:
    return make_user(council, Role.MANAGER, "manager@northshire.example")


@pytest.fixture
def officer(council: Council) -> User:
    return make_user(council, Role.OFFICER, "officer@northshire.example")


@pytest.fixture
def reader(council: Council) -> User:
    return make_user(council, Role.READ_ONLY, "readonly@northshire.example")


@pytest.fixture
def other_officer(other_council: Council) -> User:
    return make_user(other_council, Role.OFFICER, "officer@southborough.example")
