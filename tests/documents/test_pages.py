"""The papers' pages and API: add, version, download, disclose, verify, letters; another council's is 404."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from redress.complaints.models import Complaint
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from redress.documents.models import Disclosure, Document, DocumentVersion, LetterTemplate
from tests.complaints.conftest import date_of, import_history, on_today, signed_in
from tests.documents.conftest import EML, PDF, PNG, docx_bytes

pytestmark = pytest.mark.usefixtures("on_today")
__all__ = ["on_today"]

STAGE1 = {
    "procedure": "children-england",
    "points": [{"id": "P1", "text": "The assessment took a year", "about": "delay"},
               {"id": "P2", "text": "The social worker was rude", "about": "staff-conduct"}],
    "events": [
        {"date": "2024-06-03", "type": "complaint.received", "complainant": {"role": "parent"}},
        {"date": "2024-06-14", "type": "stage1.responded", "findings": {"P1": "upheld", "P2": "not-upheld"},
         "says": ["findings"], "basis": "We read the file and spoke to the team", "remedy": "An apology"},
    ],
}


def _upload(client: Client, complaint: Complaint, name: str = "report.pdf", content: bytes = PDF, **extra: Any) -> Any:
    data = {"title": "Investigating officer's report", "kind": "report", "event": "", **extra,
            "file": SimpleUploadedFile(name, content)}
    return client.post(f"/complaints/{complaint.pk}/documents/new/", data)


def test_a_document_is_added_versioned_and_downloaded_with_its_fingerprint(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    client = signed_in(officer)
    assert _upload(client, complaint, event="4").status_code == 302
    document = Document.objects.get(complaint=complaint)
    assert (document.kind, document.event_sequence) == ("report", 4)
    response = client.post(f"/complaints/{complaint.pk}/documents/{document.pk}/versions/new/",
                           {"file": SimpleUploadedFile("report-v2.pdf", PDF + b"% amended\n")})
    assert response.status_code == 302
    first, second = DocumentVersion.objects.filter(document=document).order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.sha256 == hashlib.sha256(PDF).hexdigest() and first.size == len(PDF)
    assert first.media_type == "application/pdf" and first.added_by == officer
    download = client.get(f"/complaints/{complaint.pk}/documents/{document.pk}/versions/1/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "Version 2" in page and first.sha256 in page


def test_a_file_redress_does_not_keep_is_refused_and_nothing_is_saved(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _upload(signed_in(officer), complaint, name="report.pdf", content=PNG)
    assert response.status_code == 200
    assert "named as a PDF, but its content is a PNG image" in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_another_councils_document_is_not_found(council: Council, officer: User, other_officer: User) -> None:
    complaint = import_history(council, officer)
    _upload(signed_in(officer), complaint)
    document = Document.objects.get()
    other = signed_in(other_officer)
    assert other.get(f"/complaints/{complaint.pk}/documents/{document.pk}/versions/1/download/").status_code == 404
    assert _upload(other, complaint).status_code == 404
    theirs = import_history(other_officer.council, other_officer)
    assert other.get(f"/complaints/{theirs.pk}/documents/{document.pk}/versions/1/download/").status_code == 404


def test_a_read_only_user_downloads_but_does_not_add(council: Council, officer: User, reader: User) -> None:
    complaint = import_history(council, officer)
    _upload(signed_in(officer), complaint)
    document = Document.objects.get()
    client = signed_in(reader)
    assert client.get(f"/complaints/{complaint.pk}/documents/{document.pk}/versions/1/download/").status_code == 200
    assert _upload(client, complaint).status_code == 403
    assert DocumentVersion.objects.count() == 1


def test_a_disclosure_is_registered_and_a_copy_verified(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    client = signed_in(officer)
    _upload(client, complaint, name="mail.eml", content=EML, title="Email from Ms A", kind="correspondence")
    version = DocumentVersion.objects.get()
    response = client.post(f"/complaints/{complaint.pk}/disclosures/new/", {
        "version": version.pk, "recipient": "ombudsman", "recipient_name": "Assessment team",
        **date_of("2024-07-01", "disclosed_on")})
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert (disclosure.version, disclosure.recipient, str(disclosure.disclosed_on)) == (version, "ombudsman", "2024-07-01")
    assert "Assessment team" in client.get(f"/complaints/{complaint.pk}/").content.decode()
    match = client.post("/complaints/verify/", {"file": SimpleUploadedFile("copy.eml", EML)}).content.decode()
    assert "It matches 1 version exactly" in match and "Mon 1 Jul 2024 to Ombudsman (Assessment team)" in match
    none = client.post("/complaints/verify/", {"sha256": "0" * 64}).content.decode()
    assert "matches no version Redress keeps" in none
    future = client.post(f"/complaints/{complaint.pk}/disclosures/new/", {
        "version": version.pk, "recipient": "complainant", **date_of("2024-07-02", "disclosed_on")})
    assert "is after today" in future.content.decode() and Disclosure.objects.count() == 1
    early = client.post(f"/complaints/{complaint.pk}/disclosures/new/", {
        "version": version.pk, "recipient": "complainant", **date_of("2024-06-28", "disclosed_on")})
    assert "was added on 01 Jul 2024, after 28 Jun 2024" in early.content.decode() and Disclosure.objects.count() == 1


def test_another_councils_copy_is_no_match(council: Council, officer: User, other_officer: User) -> None:
    _upload(signed_in(officer), import_history(council, officer))
    page = signed_in(other_officer).post("/complaints/verify/", {"file": SimpleUploadedFile("c.pdf", PDF)})
    assert "matches no version" in page.content.decode()


def test_sending_the_stage1_letter_keeps_it_and_records_what_it_said(council: Council, officer: User) -> None:
    complaint = import_history(council, officer, data=STAGE1)
    client = signed_in(officer)
    assert "stage1.response.incomplete" in complaint.projection.warning_codes
    page = client.get(f"/complaints/{complaint.pk}/letters/").content.decode()
    assert "Stage 1 response" in page and "Send" in page
    draft = client.get(f"/complaints/{complaint.pk}/letters/stage1-response.pdf")
    assert draft.status_code == 200 and b"".join(draft.streaming_content).startswith(b"%PDF")
    assert client.post(f"/complaints/{complaint.pk}/letters/stage1-response/send/", {"format": "docx"}).status_code == 302
    version = DocumentVersion.objects.get(document__letter_kind="stage1-response")
    event = complaint.events.get(type="letter.sent")
    assert event.data == {"date": "2024-07-01", "type": "letter.sent", "kind": "stage1-response", "sha256": version.sha256,
                          "says": ["findings", "basis", "remedy"], "document": version.document_id, "version": 1}
    text = "\n".join(p.text for p in _docx(version).paragraphs)
    assert "by Fri 12 Jul 2024" in text and "We read the file and spoke to the team" in text
    complaint.projection.refresh_from_db()
    assert "stage1.response.incomplete" not in complaint.projection.warning_codes


def test_a_stage1_letter_without_its_basis_is_refused_and_nothing_recorded(council: Council, officer: User) -> None:
    data = {**STAGE1, "events": [STAGE1["events"][0], {**STAGE1["events"][1], "basis": None}]}
    data["events"][1] = {k: v for k, v in data["events"][1].items() if v is not None}
    complaint = import_history(council, officer, data=data)
    client = signed_in(officer)
    response = client.post(f"/complaints/{complaint.pk}/letters/stage1-response/send/", {"format": "pdf"}, follow=True)
    assert "the basis for the findings is empty" in response.content.decode()
    assert not complaint.events.filter(type="letter.sent").exists() and not DocumentVersion.objects.exists()


def _docx(version: DocumentVersion) -> Any:
    with version.file.open("rb") as handle:
        return docx.Document(io.BytesIO(handle.read()))


def _template(*paragraphs: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ours.docx", docx_bytes(*paragraphs))


@pytest.mark.parametrize(("paragraphs", "message"), [
    (("Dear {{ complainant_name }}", "{{ shoe_size }}"), "Line 2 of the template uses the field &#x27;shoe_size&#x27;"),
    (("Dear {{ complainant_name }}", "", "{% for p in points %}"), "Line 3 of the template has a syntax error"),
])
def test_a_council_template_with_an_unknown_field_or_bad_syntax_is_refused(
    council: Council, manager: User, paragraphs: tuple[str, ...], message: str
) -> None:
    response = signed_in(manager).post("/complaints/letters/templates/children-england/stage1-response/",
                                       {"file": _template(*paragraphs)})
    assert message in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_a_council_template_is_used_and_judged_by_the_fields_it_uses(council: Council, manager: User) -> None:
    client = signed_in(manager)
    response = client.post("/complaints/letters/templates/children-england/stage1-response/", {"file": _template(
        "Dear {{ complainant_name }}", "{%p for p in points %}", "{{ p.id }}: {{ p.finding_text }}", "{%p endfor %}",
        "Ask for Stage 2 by {{ stage2_by }}")})
    assert response.status_code == 302
    assert LetterTemplate.objects.get().fields_used == ["complainant_name", "points", "stage2_by"]
    complaint = import_history(council, manager, data=STAGE1)
    client.post(f"/complaints/{complaint.pk}/letters/stage1-response/send/", {"format": "docx"})
    event = complaint.events.get(type="letter.sent")
    assert event.data["says"] == ["findings"]
    version = DocumentVersion.objects.get()
    assert "P1: Upheld" in [p.text for p in _docx(version).paragraphs]
    complaint.projection.refresh_from_db()
    assert "stage1.response.incomplete" in complaint.projection.warning_codes


def test_an_officer_may_not_change_the_councils_templates(council: Council, officer: User) -> None:
    response = signed_in(officer).post("/complaints/letters/templates/children-england/stage1-response/",
                                       {"file": _template("Dear {{ complainant_name }}")})
    assert response.status_code == 403 and not LetterTemplate.objects.exists()


# --- the API ----------------------------------------------------------------------------------------


def _api(user: User) -> Client:
    _, token = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_lists_uploads_and_downloads_documents(council: Council, officer: User, reader: User,
                                                       other_officer: User) -> None:
    complaint = import_history(council, officer)
    api = _api(officer)
    created = api.post(f"/api/v1/complaints/{complaint.pk}/documents",
                       {"title": "Record of the meeting", "kind": "record", "file": SimpleUploadedFile("m.txt", b"Met.\n")})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["versions"][0]["sha256"] == hashlib.sha256(b"Met.\n").hexdigest()
    assert body["versions"][0]["media_type"] == "text/plain"
    again = api.post(f"/api/v1/complaints/{complaint.pk}/documents",
                     {"document": body["id"], "file": SimpleUploadedFile("m.txt", b"Met again.\n")})
    assert [v["number"] for v in again.json()["versions"]] == [1, 2]
    listed = api.get(f"/api/v1/complaints/{complaint.pk}/documents").json()
    assert [d["title"] for d in listed] == ["Record of the meeting"]
    download = api.get(listed[0]["versions"][1]["download"])
    assert b"".join(download.streaming_content) == b"Met again.\n" and download["X-Content-Type-Options"] == "nosniff"
    refused = api.post(f"/api/v1/complaints/{complaint.pk}/documents",
                       {"title": "x", "kind": "record", "file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert refused.status_code == 422 and "named as a PDF" in refused.json()["message"]
    read_only = _api(reader).post(f"/api/v1/complaints/{complaint.pk}/documents",
                                  {"title": "x", "kind": "record", "file": SimpleUploadedFile("x.txt", b"x")})
    assert read_only.status_code == 403
    assert _api(other_officer).get(f"/api/v1/complaints/{complaint.pk}/documents").status_code == 404
    assert DocumentVersion.objects.count() == 2


# --- the commands ------------------------------------------------------------------------------------


def test_redress_letter_writes_a_letter_and_verify_says_whether_a_copy_matches(
    council: Council, officer: User, tmp_path: Any
) -> None:
    complaint = import_history(council, officer, data=STAGE1)
    out = tmp_path / "letter.pdf"
    call_command("letter", "stage1-response", council="northshire", complaint=complaint.reference, format="pdf",
                 output=str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match=r"follows stage2\.responded"):
        call_command("letter", "stage2-adjudication", council="northshire", complaint=complaint.reference,
                     output=str(out))
    _upload(signed_in(officer), complaint)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(PDF)
    said = io.StringIO()
    call_command("documents", "verify", str(copy), council="northshire", stdout=said)
    assert f"matches {complaint.reference}: Investigating officer's report, version 1" in said.getvalue()
    copy.write_bytes(PDF + b"changed")
    with pytest.raises(SystemExit) as no_match:
        call_command("documents", "verify", str(copy), council="northshire", stdout=io.StringIO())
    assert no_match.value.code == 1


def test_s3_is_chosen_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from storages.backends.s3 import S3Storage

    from redress.settings import documents_storage

    monkeypatch.setenv("REDRESS_S3_BUCKET", "council-papers")
    monkeypatch.setenv("REDRESS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    wiring = documents_storage()
    assert wiring["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**wiring["OPTIONS"])  # type: ignore[arg-type]
    assert (storage.bucket_name, storage.default_acl, storage.querystring_auth, storage.file_overwrite) == (
        "council-papers", "private", True, False)
    assert storage.endpoint_url == "http://127.0.0.1:9000"
    monkeypatch.delenv("REDRESS_S3_BUCKET")
    assert documents_storage()["BACKEND"] == "django.core.files.storage.FileSystemStorage"
