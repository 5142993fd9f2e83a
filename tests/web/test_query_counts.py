"""Each page costs a small, fixed number of queries, however many holidays or complaints there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from redress.councils.models import CouncilHoliday, User

pytestmark = pytest.mark.django_db

# Four for every signed-in page (session, user, the second-factor device the session was verified
# with, the user's council), then the page's own reads.
SIGNED_IN = 4
# Once a minute the session's idle timer is pushed back: an UPDATE inside a savepoint.
RENEW = 3
PAGES = [
    ("/", SIGNED_IN + 3 + 2),  # open, overdue and assigned counts; My work's Due soon (its projections, their histories)
    (
        "/deadlines/?clock=stage1.response&start_day=5&start_month=5&start_year=2023",
        SIGNED_IN + 1,
    ),  # the council's days
    ("/bank-holidays/?year=2023", SIGNED_IN + 2),  # the council's days, then the year's council days with their ids
]


@pytest.mark.parametrize(("path", "queries"), PAGES)
def test_page_query_counts_do_not_grow(
    client: Client, manager: User, django_assert_max_num_queries: Any, path: str, queries: int
) -> None:
    assert manager.council is not None
    for day in range(1, 20):
        CouncilHoliday.objects.create(council=manager.council, day=dt.date(2023, 6, day), name=f"Day {day}")
    client.force_login(manager)
    with time_machine.travel(dt.datetime(2024, 7, 1, 10, 0, 5, tzinfo=dt.UTC), tick=False):
        with django_assert_max_num_queries(queries + RENEW):
            assert client.get(path).status_code == 200
        with django_assert_max_num_queries(queries):  # the same minute: no session write
            assert client.get(path).status_code == 200


def test_signed_in_people_going_to_sign_in_are_sent_home(client: Client, manager: User) -> None:
    client.force_login(manager)
    response = client.get("/sign-in/")
    assert response.status_code == 302
    assert response["Location"] == "/"
