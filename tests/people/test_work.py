"""People appointed to complaints sign in and see only their own work; everything else of the council is 404."""

from __future__ import annotations

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_record_event
from redress.councils.models import AuditEntry, Council, Role, User
from redress.councils.tokens import api_token_create
from redress.documents.models import Document, DocumentVersion
from redress.documents.services import disclosure_record, document_add
from redress.people.models import InvestigationFinding, Person
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, import_history, on_today, signed_in  # noqa: F401
from tests.people.conftest import appointed_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _appoint(complaint: Complaint, manager: User, role: str, person: Person, **extra: object) -> None:
    complaint_record_event(complaint=complaint, by=manager, today=TODAY, event={
        "date": "2024-02-13", "type": "stage2.appointed", "role": role, "person": person.name, **extra})


@pytest.fixture
def appointed(manager: User, council: Council, register: dict[str, Person]) -> dict[str, object]:
    mine, other = import_history(council, manager), import_history(council, manager)
    _appoint(mine, manager, "io", register["io2"])
    _appoint(mine, manager, "ip", register["ip"])
    _appoint(other, manager, "io", register["io"])
    return {"mine": mine, "other": other, "io": appointed_user(register["io2"], "io@northshire.example"),
            "ip": appointed_user(register["ip"], "ip@northshire.example")}


def test_a_manager_invites_someone_from_the_register(manager: User, council: Council, register: dict[str, Person]) -> None:
    person = register["io2"]
    client = signed_in(manager)
    refused = client.post(f"/register/{person.pk}/invite/", follow=True)
    assert "Add Priya Shah&#x27;s email address first" in refused.content.decode()
    Person.objects.filter(pk=person.pk).update(email="priya@kestrel.example")
    page = client.post(f"/register/{person.pk}/invite/")
    assert page.status_code == 200 and "Priya Shah can sign in" in page.content.decode()
    person.refresh_from_db()
    assert person.user is not None and person.user.role == Role.APPOINTED and person.user.must_change_password
    assert person.user.council == council
    assert AuditEntry.objects.filter(action="register.person-invited", object_id=str(person.pk)).exists()
    assert signed_in(User.objects.get(pk=person.user.pk)).get("/work/").status_code == 302  # to change the password


def test_my_work_lists_only_their_appointments_with_deadlines(appointed: dict[str, object]) -> None:
    mine, other = appointed["mine"], appointed["other"]
    assert isinstance(mine, Complaint) and isinstance(other, Complaint)
    page = signed_in(appointed["io"]).get("/work/").content.decode()  # type: ignore[arg-type]
    assert mine.reference in page and other.reference not in page
    assert "Investigating officer" in page and "Due soon" in page


@pytest.mark.parametrize("path", ["/", "/complaints/", "/complaints/{mine}/", "/complaints/{other}/", "/deadlines/",
                                  "/register/", "/people/", "/decisions/", "/reminders/", "/account/tokens/",
                                  "/work/{other}/", "/complaints/{mine}/documents/new/"])
def test_everything_else_is_not_found_for_them(appointed: dict[str, object], path: str) -> None:
    client = signed_in(appointed["io"])  # type: ignore[arg-type]
    url = path.format(mine=appointed["mine"].pk, other=appointed["other"].pk)  # type: ignore[attr-defined]
    response = client.get(url)
    if path == "/":
        assert response.status_code == 302 and response["Location"] == "/work/"
    else:
        assert response.status_code == 404, url


def test_the_api_is_not_found_for_them(appointed: dict[str, object]) -> None:
    token = api_token_create(user=appointed["io"], name="t")[1]  # type: ignore[arg-type]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    for path in ("/api/v1/complaints", f"/api/v1/complaints/{appointed['mine'].pk}", "/api/v1/register",  # type: ignore[attr-defined]
                 "/api/v1/decisions"):
        assert client.get(path).status_code == 404, path


def test_the_io_records_findings_per_point_and_uploads_the_report(appointed: dict[str, object], manager: User) -> None:
    mine = appointed["mine"]
    assert isinstance(mine, Complaint)
    client = signed_in(appointed["io"])  # type: ignore[arg-type]
    page = client.get(f"/work/{mine.pk}/").content.decode()
    assert "The kinship assessment took a year" in page and "Your findings" in page and "Your report" in page
    bad = client.post(f"/work/{mine.pk}/findings/", {"finding_P1": "", "finding_P2": ""})
    assert "Choose a finding for at least one point" in bad.content.decode()
    assert not InvestigationFinding.objects.exists()
    done = client.post(f"/work/{mine.pk}/findings/", {"finding_P1": "upheld", "reasoning_P1": "A year is too long",
                                                      "finding_P2": "not-upheld"})
    assert done.status_code == 302
    assert {(f.point, f.finding, f.reasoning) for f in InvestigationFinding.objects.all()} == {
        ("P1", "upheld", "A year is too long"), ("P2", "not-upheld", "")}
    staff_page = signed_in(manager).get(f"/complaints/{mine.pk}/").content.decode()
    assert "The investigating officer's findings" in staff_page and "Upheld. A year is too long" in staff_page
    refused = client.post(f"/work/{mine.pk}/report/", {"file": SimpleUploadedFile("report.pdf", b"not a pdf")})
    assert refused.status_code == 200 and not DocumentVersion.objects.exists()
    uploaded = client.post(f"/work/{mine.pk}/report/", {"file": SimpleUploadedFile("report.pdf", PDF)})
    assert uploaded.status_code == 302
    document = Document.objects.get(complaint=mine)
    assert document.title == "Investigating officer's report (Priya Shah)" and document.kind == "report"
    assert "Investigating officer&#x27;s report (Priya Shah), version 1" in client.get(f"/work/{mine.pk}/").content.decode()


def test_the_ip_uploads_a_report_but_records_no_findings(appointed: dict[str, object]) -> None:
    mine = appointed["mine"]
    assert isinstance(mine, Complaint)
    client = signed_in(appointed["ip"])  # type: ignore[arg-type]
    page = client.get(f"/work/{mine.pk}/").content.decode()
    assert "Your report" in page and "Your findings" not in page
    assert client.post(f"/work/{mine.pk}/findings/", {"finding_P1": "upheld"}).status_code == 404
    assert client.post(f"/work/{mine.pk}/report/", {"file": SimpleUploadedFile("r.pdf", PDF)}).status_code == 302
    assert Document.objects.get().title == "Independent person's report (Sam Okafor)"


def test_they_see_only_papers_shared_with_them(appointed: dict[str, object], manager: User) -> None:
    mine = appointed["mine"]
    assert isinstance(mine, Complaint)
    to_io = document_add(complaint=mine, by=manager, name="file.pdf", content=PDF, title="Case file", kind="record")
    secret = document_add(complaint=mine, by=manager, name="s.pdf", content=PDF + b" ", title="Legal advice", kind="other")
    disclosure_record(complaint=mine, by=manager, version=to_io, recipient="io", disclosed_on=TODAY, today=TODAY)
    client = signed_in(appointed["io"])  # type: ignore[arg-type]
    page = client.get(f"/work/{mine.pk}/").content.decode()
    assert "Case file, version 1" in page and "Legal advice" not in page
    assert client.get(f"/work/{mine.pk}/papers/{to_io.pk}/").status_code == 200
    assert client.get(f"/work/{mine.pk}/papers/{secret.pk}/").status_code == 404
    assert "Case file" not in signed_in(appointed["ip"]).get(f"/work/{mine.pk}/").content.decode()  # type: ignore[arg-type]


def test_a_replaced_io_stops_seeing_the_complaint(appointed: dict[str, object], manager: User,
                                                  register: dict[str, Person]) -> None:
    mine = appointed["mine"]
    assert isinstance(mine, Complaint)
    client = signed_in(appointed["io"])  # type: ignore[arg-type]
    assert client.get(f"/work/{mine.pk}/").status_code == 200
    _appoint(mine, manager, "io", register["io"], replaces="Priya Shah")
    assert client.get(f"/work/{mine.pk}/").status_code == 404
    assert mine.reference not in client.get("/work/").content.decode()


def test_panel_members_see_the_papers(manager: User, council: Council, register: dict[str, Person]) -> None:
    data = copy.deepcopy(STAGE2_HISTORY)
    data["events"] += [{"date": "2024-03-01", "type": "stage2.responded", "findings": {"P1": "upheld", "P2": "upheld"}},
                       {"date": "2024-03-04", "type": "stage3.requested"},
                       {"date": "2024-03-05", "type": "stage3.panel-scheduled", "panel_date": "2024-04-01",
                        "members": ["Ruth Evans", "Tom Hale", "Nia Price"]}]
    complaint = import_history(council, manager, data)
    papers = document_add(complaint=complaint, by=manager, name="p.pdf", content=PDF, title="Panel papers", kind="record")
    disclosure_record(complaint=complaint, by=manager, version=papers, recipient="panel", disclosed_on=TODAY, today=TODAY)
    member = appointed_user(register["m1"], "tom@panel.example")
    page = signed_in(member).get(f"/work/{complaint.pk}/").content.decode()
    assert "Panel papers, version 1" in page and "Your findings" not in page and "Your report" not in page
    assert "panel member" in page
