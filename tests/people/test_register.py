"""The register of investigators and panel: pages, API and CSV import, for complaints managers; audited."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.councils.models import AuditEntry, Council, User
from redress.councils.tokens import api_token_create
from redress.people.models import Person
from tests.complaints.conftest import date_of, signed_in
from tests.people.conftest import add_person

pytestmark = pytest.mark.django_db

GOOD = {"name": "Priya Shah", "roles": ["io", "adjudicator"], "council_employee": "no", "organisation": "Kestrel Reviews",
        "email": "Priya@Kestrel.example", **date_of("2024-03-01", "trained_on"), "active": "yes"}


def test_a_manager_adds_someone_and_it_is_audited(manager: User, council: Council) -> None:
    response = signed_in(manager).post("/register/new/", GOOD)
    assert response.status_code == 302
    person = Person.objects.get(council=council)
    assert (person.name, person.role_codes, person.email, str(person.trained_on)) == (
        "Priya Shah", ("io", "adjudicator"), "priya@kestrel.example", "2024-03-01")
    entry = AuditEntry.objects.get(action="register.person-added")
    assert entry.object_id == str(person.pk) and entry.data["roles"] == "io adjudicator" and entry.sequence
    page = signed_in(manager).get("/register/").content.decode()
    assert "Priya Shah" in page and "Investigating officer, Adjudicating officer" in page


@pytest.mark.parametrize(("change", "message"), [
    ({"name": ""}, "Enter the person&#x27;s name"),
    ({"roles": []}, "Choose at least one role the person may take"),
    ({"roles": ["ip"], "council_employee": "yes"}, "An independent person cannot be a member or officer of the council"),
    ({"email": "not-an-email"}, "Enter an email address in the correct format"),
    ({**date_of("2099-01-01", "trained_on")}, "is after today"),
    ({"trained_on_month": "13"}, "must be a real date"),
])
def test_bad_input_is_named_and_nothing_is_saved(manager: User, change: dict[str, object], message: str) -> None:
    response = signed_in(manager).post("/register/new/", {**GOOD, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists() and not AuditEntry.objects.filter(action__startswith="register.").exists()


def test_a_name_is_unique_in_the_council_whatever_its_case(manager: User, council: Council) -> None:
    add_person(council, "priya shah", "io")
    response = signed_in(manager).post("/register/new/", GOOD)
    assert "already in the register" in response.content.decode()
    assert Person.objects.count() == 1


def test_a_manager_changes_an_entry_and_the_audit_keeps_before_and_after(manager: User, council: Council) -> None:
    person = add_person(council, "Priya Shah", "io")
    response = signed_in(manager).post(f"/register/{person.pk}/", {**GOOD, "active": "no"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.active and person.role_codes == ("io", "adjudicator")
    entry = AuditEntry.objects.get(action="register.person-changed")
    assert entry.data["active"] == {"before": True, "after": False}


def test_only_managers_keep_the_register(officer: User, reader: User, council: Council) -> None:
    person = add_person(council, "Priya Shah", "io")
    for user in (officer, reader):
        client = signed_in(user)
        for path in ("/register/", "/register/new/", f"/register/{person.pk}/", "/register/import/"):
            assert client.get(path).status_code == 403, path
        assert client.post("/register/new/", GOOD).status_code == 403
    assert Person.objects.count() == 1


def test_another_councils_person_is_not_found(manager: User, other_council: Council) -> None:
    theirs = add_person(other_council, "Priya Shah", "io")
    client = signed_in(manager)
    assert client.get(f"/register/{theirs.pk}/").status_code == 404
    assert client.post(f"/register/{theirs.pk}/", GOOD).status_code == 404
    assert "Priya Shah" not in client.get("/register/").content.decode()
    theirs.refresh_from_db()
    assert theirs.role_codes == ("io",)


CSV = (b"name,roles,council_employee,organisation,email,trained_on,vetted_on,active\n"
       b"Priya Shah,io,no,Kestrel Reviews,p@k.example,2024-01-02,,yes\n"
       b"Sam Okafor,ip,no,,,,2023-05-06,\n"
       b"Ruth Evans,panel-chair panel-member,no,Panel Partners,,,,yes\n")


def test_csv_import_adds_and_updates_by_name(manager: User, council: Council) -> None:
    add_person(council, "Sam Okafor", "panel-member")
    upload = SimpleUploadedFile("register.csv", CSV, content_type="text/csv")
    response = signed_in(manager).post("/register/import/", {"file": upload})
    assert response.status_code == 302
    people = {p.name: p for p in Person.objects.filter(council=council)}
    assert set(people) == {"Priya Shah", "Sam Okafor", "Ruth Evans"}
    assert people["Sam Okafor"].role_codes == ("ip",) and str(people["Sam Okafor"].vetted_on) == "2023-05-06"
    assert AuditEntry.objects.filter(action="register.person-added").count() == 2
    assert AuditEntry.objects.get(action="register.imported").data == {"added": 2, "updated": 1}


@pytest.mark.parametrize(("content", "message"), [
    (CSV + b"Tom Hale,judge,no\n", "Line 5: There is no role judge"),
    (CSV + b"Tom Hale,ip,yes\n", "Line 5: An independent person cannot be a member or officer of the council"),
    (CSV + b"Tom Hale,io,maybe\n", "Line 5: council_employee must be yes or no"),
    (CSV + b"Tom Hale,io,no,,,2024-02-30\n", "Line 5: trained_on must be a real date"),
    (CSV + b"Priya Shah,io,no\n", "Line 5: Priya Shah is also on line 2"),
    (CSV + b",io,no\n", "Line 5: Enter the person"),
    (b"name,roles\nTom,io\n", "lacks the columns council_employee"),
    (b"name,roles,council_employee,shoe_size\n", "has columns Redress does not know: shoe_size"),
    (b"\xff\xfe\x00n", "not UTF-8"),
    (b"name,roles,council_employee\n", "no rows"),
])
def test_a_bad_csv_names_each_bad_row_and_saves_nothing(manager: User, council: Council, content: bytes, message: str) -> None:
    upload = SimpleUploadedFile("register.csv", content, content_type="text/csv")
    response = signed_in(manager).post("/register/import/", {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Person.objects.exists() and not AuditEntry.objects.filter(action__startswith="register.").exists()


def _api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def test_the_api_lists_adds_changes_and_imports(manager: User, officer: User, council: Council,
                                                other_council: Council) -> None:
    add_person(other_council, "Not Ours", "io")
    client = _api(manager)
    body = {"name": "Priya Shah", "roles": ["io"], "council_employee": False, "organisation": "Kestrel Reviews"}
    made = client.post("/api/v1/register", json.dumps(body), content_type="application/json")
    assert made.status_code == 201, made.content
    person_id = made.json()["id"]
    changed = client.put(f"/api/v1/register/{person_id}", json.dumps({**body, "roles": ["io", "ip"]}),
                         content_type="application/json")
    assert changed.status_code == 200 and changed.json()["roles"] == ["io", "ip"]
    imported = client.post("/api/v1/register/import", json.dumps({"csv": CSV.decode()}), content_type="application/json")
    assert imported.json() == {"added": 2, "updated": 1}
    listed = _api(officer).get("/api/v1/register?role=ip").json()
    assert [p["name"] for p in listed] == ["Sam Okafor"]  # the import made Priya Shah an IO only


def test_the_api_refuses_bad_input_other_councils_and_officers_writing(manager: User, officer: User,
                                                                       other_council: Council) -> None:
    theirs = add_person(other_council, "Not Ours", "io")
    client = _api(manager)
    bad = client.post("/api/v1/register", json.dumps({"name": "X", "roles": ["judge"], "council_employee": False}),
                      content_type="application/json")
    assert bad.status_code == 422 and "There is no role judge" in bad.json()["message"]
    assert client.get(f"/api/v1/register/{theirs.pk}").status_code == 404
    assert client.put(f"/api/v1/register/{theirs.pk}", json.dumps({"name": "X", "roles": ["io"], "council_employee": False}),
                      content_type="application/json").status_code == 404
    denied = _api(officer).post("/api/v1/register", json.dumps({"name": "X", "roles": ["io"], "council_employee": False}),
                                content_type="application/json")
    assert denied.status_code == 403
    bad_csv = client.post("/api/v1/register/import", json.dumps({"csv": "name,roles,council_employee\nA,io,perhaps\n"}),
                          content_type="application/json")
    assert bad_csv.status_code == 422 and "Line 2" in bad_csv.json()["message"]
    assert Person.objects.filter(council=manager.council).count() == 0
