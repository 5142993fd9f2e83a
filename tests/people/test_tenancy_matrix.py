"""The tenancy and role matrix: every page and API endpoint x every role (the council's own and the people
appointed to complaints) x two councils. One parametrized test (a case per role and council) that fails on any
leak, listing every one.

The URL map is walked, as tests/web/test_login_required.py does, so a page added later is in the matrix at once
(a path parameter the matrix does not know fails here, naming it). A leak is:
- a record of the other council answered with anything but 404 (or 400/403/405/422, refusals of the request
  or the role that do not depend on the record);
- a page or answer that holds the other council's words (its complainant, papers or register);
- for someone appointed to complaints: any page of the council but their own work answering other than 404,
  a complaint they are not appointed to answering other than 404, or their own pages showing what the role
  does not need (the complainant's name, a paper not shared with them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import, complaint_record_event
from redress.councils.models import Council, CouncilHoliday, Role, User
from redress.councils.tokens import api_token_create
from redress.documents.models import DocumentVersion
from redress.documents.services import disclosure_record, document_add
from redress.people.models import Person
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, on_today  # noqa: F401
from tests.people.conftest import add_person, appointed_user
from tests.urlmap import routes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

ROLES = ("manager", "officer", "reader", "io", "ip", "panel", "advocate")
APPOINTED = ("io", "ip", "panel", "advocate")
SLUGS = ("northshire", "southborough")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PUBLIC = ("/decisions/", "/api/v1/decisions")  # the published decisions library: the same for every council
# Pages open to someone appointed to complaints besides /work/ (signing in and out, their own password).
APPOINTED_OPEN = {"/account/password/", "/sign-in/", "/sign-out/", "/sign-in/two-factor/", "/sign-in/two-factor/set-up/",
                  "/api/v1/docs", "/api/v1/openapi.json"}  # the API's own description holds no data (as signed out)


RECORDS = ("complaint_id", "document_id", "version_id", "holiday_id", "token_id", "person_id")
"""Path parameters that name a council's record (the others, such as a letter's kind, are the same everywhere)."""


def _names_record(route: str) -> bool:
    return any(f"{name}>" in route for name in RECORDS)


ROUTES = sorted(set(routes()) - {"/sign-in/sso/", "/sign-in/sso/callback/", "/healthz"})


@dataclass
class World:
    """One council's people, records and the words only it holds."""

    council: Council
    users: dict[str, User]
    complaint: Complaint
    shared: DocumentVersion  # disclosed to the IO
    unshared: DocumentVersion
    person: Person  # an entry of its register
    holiday: CouncilHoliday
    token_id: int
    secrets: tuple[str, ...]


def _world(slug: str, prefix: str) -> World:
    council = Council.objects.create(name=f"{slug.title()} Council", slug=slug, reference_prefix=prefix)
    users = {role: User.objects.create_user(f"{role}@{slug}.example", "a-long-test-password", council=council,
                                            role=Role(value), first_name=role)
             for role, value in (("manager", "manager"), ("officer", "officer"), ("reader", "read-only"))}
    people = {
        "io": add_person(council, f"Ivo {slug.title()}", "io"),
        "ip": add_person(council, f"Ida {slug.title()}", "ip"),
        "panel": add_person(council, f"Pam {slug.title()}", "panel-chair panel-member"),
        "advocate": add_person(council, f"Ada {slug.title()}", "advocate"),
    }
    for role, person in people.items():
        users[role] = appointed_user(person, f"{role}-person@{slug}.example")
    complaint = complaint_import(council=council, by=users["manager"], data=STAGE2_HISTORY, today=TODAY,
                                 complainant_name=f"Secret complainant of {slug}")
    for event in ({"type": "stage2.appointed", "role": "io", "person": people["io"].name},
                  {"type": "stage2.appointed", "role": "ip", "person": people["ip"].name},
                  {"type": "advocacy.appointed", "advocate": people["advocate"].name}):
        complaint_record_event(complaint=complaint, by=users["manager"], today=TODAY, event={"date": "2024-02-13", **event})
    shared = document_add(complaint=complaint, by=users["manager"], name="a.pdf", content=PDF,
                          title=f"Shared paper of {slug}", kind="record")
    unshared = document_add(complaint=complaint, by=users["manager"], name="b.pdf", content=PDF + slug.encode(),
                            title=f"Unshared paper of {slug}", kind="other")
    disclosure_record(complaint=complaint, by=users["manager"], version=shared, recipient="io", disclosed_on=TODAY,
                      today=TODAY)
    holiday = CouncilHoliday.objects.create(council=council, day=TODAY, name=f"Secret day of {slug}")
    token = api_token_create(user=users["manager"], name=f"Secret token of {slug}")[0]
    secrets = (f"Secret complainant of {slug}", f"paper of {slug}", f"Secret day of {slug}", f"Secret token of {slug}",
               complaint.reference, *(p.name for p in people.values()))
    return World(council, users, complaint, shared, unshared, people["io"], holiday, token.pk, secrets)


def _path(route: str, world: World) -> str:
    """The route with its parameters filled in with `world`'s records."""
    values = {
        "complaint_id": world.complaint.pk, "document_id": world.shared.document_id, "number": 1,
        "version_id": world.shared.pk, "holiday_id": world.holiday.pk, "token_id": world.token_id, "sequence": 1,
        "event_type": "stage2.appointed", "kind": "stage1-response", "fmt": "docx", "procedure": "children-england",
        "reference": "19011904",
        "person_id": world.person.pk if route.startswith(("/register/", "/api/v1/register")) else world.users["officer"].pk,
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            pytest.fail(f"The tenancy matrix does not know the path parameter <{name}> of {route}: teach it")
        return str(values[name])

    return re.sub(r"<(?:\w+:)?(\w+)>", fill, route)


def _client(user: User, path: str) -> Client:
    if path.startswith("/api/"):
        return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='matrix')[1]}"})
    client = Client()
    client.force_login(user)
    return client


def _answers(user: User, path: str) -> Iterator[tuple[str, Any]]:
    client = _client(user, path)
    for method in ("GET", "POST"):
        response = client.get(path) if method == "GET" else client.post(path, {})
        yield method, response


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("role", ROLES)
def test_no_page_or_endpoint_leaks_to_any_role_of_either_council(role: str, slug: str) -> None:
    worlds = {"northshire": _world("northshire", "NC"), "southborough": _world("southborough", "SB")}
    mine, theirs = worlds[slug], worlds[next(s for s in SLUGS if s != slug)]
    user = mine.users[role]
    leaks: list[str] = []
    for route in ROUTES:
        has_record = _names_record(route)
        for world, whose in ((theirs, "theirs"), (mine, "mine")):
            if whose == "mine" and role not in APPOINTED:
                continue  # the council's own team may see their own council's records: nothing to judge here
            path = _path(route, world)
            for method, response in _answers(user, path):
                leaks += _judge(role, whose, route, path, method, response, mine=mine, theirs=theirs)
            if not has_record:
                break  # a page without a record is the same whichever council's records are about
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks)


def _judge(role: str, whose: str, route: str, path: str, method: str, response: Any, *, mine: World,
           theirs: World) -> list[str]:
    status, where = response.status_code, f"{role} of {mine.council.slug}: {method} {path} -> {response.status_code}"
    body = _text(response) if status != 302 else ""
    found = [words for words in theirs.secrets if words in body] if not path.startswith(PUBLIC) else []
    problems = [f"{where} shows the other council's {words!r}" for words in found]
    if role in APPOINTED:
        problems += _judge_appointed(role, whose, route, path, method, status, body, mine=mine)
    elif whose == "theirs" and _names_record(route) and status not in {400, 403, 404, 405, 422}:
        problems.append(f"{where}: another council's record must be not found")
    return problems


def _judge_appointed(role: str, whose: str, route: str, path: str, method: str, status: int, body: str, *,
                     mine: World) -> list[str]:
    where = f"{role} of {mine.council.slug}: {method} {path} -> {status}"
    if route == "/":
        return [] if status == 302 else [f"{where}: the home page is My work"]
    if route in APPOINTED_OPEN:
        return []
    if not route.startswith("/work/"):
        # 405 (a method the page never takes) is answered before anyone is looked at
        return [] if status in {404, 405} else [f"{where}: only their own work may answer someone appointed"]
    problems = []
    appointed_here = whose == "mine" and role in {"io", "ip", "advocate"}
    if _names_record(route) and not appointed_here and status not in {404, 405}:
        problems.append(f"{where}: a complaint they are not appointed to must be not found")
    if f"Secret complainant of {mine.council.slug}" in body:
        problems.append(f"{where}: shows the complainant's name, which their role does not need")
    if f"Unshared paper of {mine.council.slug}" in body:
        problems.append(f"{where}: shows a paper not shared with them")
    if role != "io" and f"Shared paper of {mine.council.slug}" in body:
        problems.append(f"{where}: shows a paper shared with the IO only")
    return problems


def test_the_matrix_walks_every_page_and_endpoint() -> None:
    assert {"/complaints/<int:complaint_id>/", "/work/<int:complaint_id>/", "/register/<int:person_id>/",
            "/api/v1/complaints/<complaint_id>", "/api/v1/register/<person_id>", "/people/<int:person_id>/"} <= set(ROUTES)
    assert len(ROUTES) > 60
