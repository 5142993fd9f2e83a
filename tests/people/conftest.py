"""Fixtures for the register of investigators and panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from redress.councils.models import Council, Role, User
from redress.people.models import Person


def add_person(council: Council, name: str, roles: str, *, employee: bool = False, organisation: str = "",
               **extra: Any) -> Person:
    return Person.objects.create(council=council, name=name, roles=roles, council_employee=employee,
                                 organisation=organisation, **extra)


@pytest.fixture
def register(council: Council) -> dict[str, Person]:
    """Northshire's register: two IOs (one of a firm), two IPs (one of the same firm), a panel of four, an adjudicator."""
    return {
        "io": add_person(council, "Alex Morgan", "io", employee=True),
        "io2": add_person(council, "Priya Shah", "io", organisation="Kestrel Reviews"),
        "ip": add_person(council, "Sam Okafor", "ip", organisation="Independent Voices"),
        "ip2": add_person(council, "Jo Kestrel", "ip", organisation="Kestrel Reviews"),
        "chair": add_person(council, "Ruth Evans", "panel-chair panel-member", organisation="Panel Partners"),
        "m1": add_person(council, "Tom Hale", "panel-member"),
        "m2": add_person(council, "Nia Price", "panel-member"),
        "m3": add_person(council, "Ed Stone", "panel-member", employee=True),
        "adj": add_person(council, "Helen Ward", "adjudicator", employee=True),
        "gone": add_person(council, "Old Name", "io ip", active=False, trained_on=dt.date(2020, 1, 1)),
    }


def appointed_user(person: Person, email: str) -> User:
    """`person`'s own sign-in (as an invitation makes it), without the one-time password step."""
    user = User.objects.create_user(email, "a-long-test-password", council=person.council, role=Role.APPOINTED,
                                    first_name=person.name)
    Person.objects.filter(pk=person.pk).update(user=user, email=email)
    person.refresh_from_db()
    return user
