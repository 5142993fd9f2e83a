"""A complaint's documents over the API: list them with their versions and disclosures, upload, download.

The same checks as the pages: another council's complaint or document is 404; a read-only user may
list and download but not upload.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from redress.api.complaints import _council, _user
from redress.api.errors import errors
from redress.complaints import selectors as complaint_selectors
from redress.documents import selectors, services
from redress.documents.models import Document, DocumentVersion
from redress.documents.views import version_attachment

router = Router()


class DisclosureOut(Schema):
    recipient: str
    recipient_name: str
    disclosed_on: dt.date


class VersionOut(Schema):
    number: int
    original_name: str
    sha256: str
    size: int
    media_type: str
    added_by: str | None
    added_at: dt.datetime
    download: str
    disclosures: list[DisclosureOut]


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    event_sequence: int | None
    letter_kind: str
    versions: list[VersionOut]


def _version_out(complaint_id: int, version: DocumentVersion) -> VersionOut:
    return VersionOut(
        number=version.number, original_name=version.original_name, sha256=version.sha256, size=version.size,
        media_type=version.media_type, added_by=version.added_by.email if version.added_by else None,
        added_at=version.added_at,
        download=f"/api/v1/complaints/{complaint_id}/documents/{version.document_id}/versions/{version.number}",
        disclosures=[DisclosureOut(recipient=d.recipient, recipient_name=d.recipient_name, disclosed_on=d.disclosed_on)
                     for d in version.disclosures.all()],
    )


def _document_out(document: Document) -> DocumentOut:
    return DocumentOut(id=document.pk, title=document.title, kind=document.kind, event_sequence=document.event_sequence,
                       letter_kind=document.letter_kind,
                       versions=[_version_out(document.complaint_id, v) for v in document.versions.all()])


@router.get("/{complaint_id}/documents", response={200: list[DocumentOut], **errors(403, 404)})
def list_documents(request: HttpRequest, complaint_id: int) -> list[DocumentOut]:
    """The complaint's documents, each with every version (SHA-256, size, media type) and its disclosures."""
    complaint = complaint_selectors.complaint_get(council=_council(_user(request)), complaint_id=complaint_id)
    return [_document_out(d) for d in selectors.documents_of(complaint)]


@router.post("/{complaint_id}/documents",
             response={201: DocumentOut, **errors(400, 403, 404, 409, 413)})
def upload_document(
    request: HttpRequest, complaint_id: int, file: File[UploadedFile], title: Form[str] = "", kind: Form[str] = "",
    event: Form[int | None] = None, document: Form[int | None] = None,
) -> Status[DocumentOut]:
    """Upload (multipart): a new document with `title` and `kind` (and perhaps `event`), or with `document` its next version."""
    user = _user(request)
    complaint = complaint_selectors.complaint_get(council=_council(user), complaint_id=complaint_id)
    existing = selectors.document_get(complaint=complaint, document_id=document) if document is not None else None
    if not user.can_record_events:
        raise HttpError(403, "Your role (read only) may list and download documents but not upload them")
    version = services.document_add(
        complaint=complaint, by=user, name=str(file.name or ""), content=b"".join(file.chunks()), title=title,
        kind=kind, event_sequence=event, document=existing)
    return Status(201, _document_out(selectors.documents_of(complaint).get(pk=version.document_id)))


@router.get("/{complaint_id}/documents/{document_id}/versions/{number}",
            response={200: None, **errors(403, 404)})
def download_version(request: HttpRequest, complaint_id: int, document_id: int, number: int) -> HttpResponseBase:
    """The version's file, as an attachment with nosniff."""
    complaint = complaint_selectors.complaint_get(council=_council(_user(request)), complaint_id=complaint_id)
    version = selectors.version_get(complaint=complaint, document_id=document_id, number=number)
    return version_attachment(version)
