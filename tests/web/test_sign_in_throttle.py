"""Repeated failed sign-ins are slowed and then locked, per account and per address, told plainly, and
shown to the council's managers, who can unlock; sessions end after 30 minutes idle and at sign-out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client

from redress.councils.models import AuditEntry, User
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.UTC)
WRONG = "not-the-right-password"


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def attempt(email: str, password: str, address: str = "203.0.113.7") -> Any:
    return Client(REMOTE_ADDR=address).post("/sign-in/", {"email": email, "password": password})


def fail(times: int, email: str, clock: Any, address: str = "203.0.113.7") -> None:
    """Fail `times` times, each after the wait a slowed sign-in asks for."""
    for _ in range(times):
        response = attempt(email, WRONG, address)
        assert response.status_code in {200, 429}
        assert "Wait" not in response.content.decode()
        clock.shift(31)


def test_after_three_failures_each_try_waits_even_with_the_right_password(clock: Any, officer: User) -> None:
    for _ in range(3):
        assert "Enter a correct email address and password" in attempt(officer.email, WRONG).content.decode()
    slowed = attempt(officer.email, PASSWORD)
    assert slowed.status_code == 429
    assert "several failed sign-ins to this account or from this network. Wait 30 seconds" in slowed.content.decode()
    assert "_auth_user_id" not in Client().session
    clock.shift(31)
    assert attempt(officer.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=officer.email).exists()  # a success clears the count


def test_ten_failures_lock_the_account_from_every_address(clock: Any, officer: User) -> None:
    fail(9, officer.email, clock)
    locked = attempt(officer.email, WRONG)
    assert locked.status_code == 429
    assert "is locked after too many failed tries. Try again after 10:34am" in locked.content.decode()
    elsewhere = attempt(officer.email, PASSWORD, address="198.51.100.20")
    assert elsewhere.status_code == 429 and "locked" in elsewhere.content.decode()
    clock.shift(30 * 60 + 1)  # the lock lasts 30 minutes from the last failure (10:04am and 39 seconds)
    assert attempt(officer.email, PASSWORD, address="198.51.100.20").status_code == 302


def test_ten_failures_from_one_address_lock_that_address_for_every_account(clock: Any, officer: User, reader: User) -> None:
    for index in range(10):
        attempt(f"guess{index}@northshire.example", WRONG)
    assert attempt(reader.email, PASSWORD).status_code == 429
    assert attempt(reader.email, PASSWORD, address="198.51.100.20").status_code == 302


def test_managers_see_failed_and_locked_sign_ins_and_can_unlock_them(clock: Any, manager: User, officer: User,
                                                                     other_officer: User) -> None:
    fail(10, officer.email, clock)
    fail(2, other_officer.email, clock, address="198.51.100.99")
    client = Client()
    client.force_login(manager)
    html = client.get("/people/").content.decode()
    section = html.split('id="failed-sign-ins"')[1]
    assert officer.email in section and "203.0.113.7" in section and "Locked" in section
    assert other_officer.email not in section and "198.51.100.99" not in section  # another council's

    assert client.post(f"/people/{officer.pk}/unlock/")["Location"] == "/people/"
    assert attempt(officer.email, PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action="user.sign-in-unlocked")
    assert (entry.actor, entry.object_id, entry.data["addresses"]) == (manager, str(officer.pk), ["203.0.113.7"])
    assert client.post(f"/people/{other_officer.pk}/unlock/").status_code == 404
    assert AccessAttempt.objects.filter(username=other_officer.email).exists()


def test_an_officer_cannot_unlock(client: Client, officer: User, reader: User) -> None:
    client.force_login(officer)
    assert client.post(f"/people/{reader.pk}/unlock/").status_code == 403


def test_a_session_ends_after_thirty_minutes_without_a_request(clock: Any, officer: User) -> None:
    client = Client()
    client.force_login(officer)
    assert client.get("/").status_code == 200
    clock.shift(29 * 60)
    assert client.get("/").status_code == 200  # each request starts the 30 minutes again
    clock.shift(29 * 60)
    assert client.get("/").status_code == 200
    clock.shift(31 * 60)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_signing_out_ends_the_session_for_good(officer: User) -> None:
    client = Client()
    client.force_login(officer)
    cookie = client.cookies["sessionid"].value
    assert client.post("/sign-out/")["Location"] == "/sign-in/"
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/").status_code == 302


def test_the_session_cookie_is_dropped_when_the_browser_closes(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 200
    morsel = client.cookies["sessionid"]
    assert not morsel["max-age"] and not morsel["expires"]
