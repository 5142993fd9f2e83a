"""The register of investigators and panel over JSON: list and read (the council's caseworkers), add, change
and import from CSV (complaints managers). Another council's person answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Body, Router, Schema, Status

from redress.api.errors import errors
from redress.councils.models import Council, Role, User
from redress.people import services
from redress.people.models import Person

router = Router()


class PersonIn(Schema):
    name: str
    roles: list[str]
    council_employee: bool
    organisation: str = ""
    email: str = ""
    trained_on: dt.date | None = None
    vetted_on: dt.date | None = None
    active: bool = True


class PersonOut(PersonIn):
    id: int


class CsvIn(Schema):
    csv: str


def _council(request: HttpRequest) -> tuple[User, Council]:
    user = request.user
    assert isinstance(user, User)
    if user.council is None or user.role not in {Role.MANAGER, Role.OFFICER, Role.READ_ONLY}:
        raise Http404("Not found")
    return user, user.council


def _out(person: Person) -> dict[str, Any]:
    return {"id": person.pk, "name": person.name, "roles": list(person.role_codes),
            "council_employee": person.council_employee, "organisation": person.organisation, "email": person.email,
            "trained_on": person.trained_on, "vetted_on": person.vetted_on, "active": person.active}


def _facts(body: PersonIn) -> services.PersonFacts:
    return services.PersonFacts(name=body.name, roles=tuple(body.roles), council_employee=body.council_employee,
                                organisation=body.organisation, email=body.email, trained_on=body.trained_on,
                                vetted_on=body.vetted_on, active=body.active)


def _get(council: Council, person_id: int) -> Person:
    person = Person.objects.filter(council=council, pk=person_id).first()
    if person is None:
        raise Http404("Not found")
    return person


def _manager(user: User) -> None:
    if not user.is_manager:
        raise PermissionDenied("Only a complaints manager can keep the register of investigators and panel")


@router.get("", response={200: list[PersonOut], **errors()}, summary="Your council's register of investigators and panel")
def register_list(request: HttpRequest, role: str | None = None) -> list[dict[str, Any]]:
    """Everyone in the register, by name; `role` (io, ip, panel-chair, ...) keeps those who may take it."""
    _, council = _council(request)
    return [_out(p) for p in services.register_of(council, role=role)]


@router.post("/import", response={200: dict[str, int], **errors(400, 403)}, summary="Import the register from CSV")
def register_import(request: HttpRequest, body: Body[CsvIn]) -> dict[str, int]:
    """`{"csv": "name,roles,council_employee\\n..."}`: all or nothing, each bad row named."""
    user, council = _council(request)
    _manager(user)
    result = services.register_import_csv(council=council, by=user, content=body.csv.encode(), today=timezone.localdate())
    return {"added": len(result.added), "updated": len(result.updated)}


@router.get("/{person_id}", response={200: PersonOut, **errors(404)}, summary="One person in the register")
def register_detail(request: HttpRequest, person_id: int) -> dict[str, Any]:
    _, council = _council(request)
    return _out(_get(council, person_id))


@router.post("", response={201: PersonOut, **errors(400, 403)}, summary="Add someone to the register")
def register_create(request: HttpRequest, body: PersonIn) -> Status[dict[str, Any]]:
    user, council = _council(request)
    _manager(user)
    person = services.register_person_add(council=council, by=user, facts=_facts(body), today=timezone.localdate())
    return Status(201, _out(person))


@router.put("/{person_id}", response={200: PersonOut, **errors(400, 403, 404)}, summary="Change someone's entry")
def register_update(request: HttpRequest, person_id: int, body: PersonIn) -> dict[str, Any]:
    user, council = _council(request)
    _manager(user)
    person = _get(council, person_id)
    return _out(services.register_person_update(council=council, by=user, person=person, facts=_facts(body),
                                                today=timezone.localdate()))
