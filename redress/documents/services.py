"""Writes to the case's papers. Each writes its rows and audit entry in one transaction; a refusal saves nothing.

Versions and disclosures are never changed or deleted. A file written to storage by a write that then
fails is removed again, so a refusal leaves no file behind either.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from redress.complaints.models import Complaint
from redress.complaints.permissions import check_may_change
from redress.complaints.services import complaint_record_event
from redress.core.letters.catalogue import letter_of
from redress.core.letters.model import LetterRefused
from redress.councils.audit import audit_record
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.documents.letters import LetterError, check_template, letter_content, render
from redress.documents.models import (
    Disclosure,
    Document,
    DocumentKind,
    DocumentVersion,
    LetterTemplate,
    Recipient,
)
from redress.documents.sniff import DOCX, FileRefused, check_file


class DocumentRefused(DomainError):
    """A file, document or disclosure Redress will not record as given; nothing was saved."""

    status = 422


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _audit(council_id: int, by: User | None, action: str, object_type: str, object_id: int, data: dict[str, Any]) -> None:
    audit_record(council=council_id, actor=by, action=action, object_type=object_type,
                 object_id=str(object_id), data=data)


def _checked_file(name: str, content: bytes) -> str:
    try:
        return check_file(name, content, most_bytes=settings.REDRESS_MAX_UPLOAD_BYTES).media_type
    except FileRefused as refused:
        raise DocumentRefused(str(refused), code="file-refused") from None


def document_add(
    *, complaint: Complaint, by: User, name: str, content: bytes, title: str = "", kind: str = "",
    event_sequence: int | None = None, document: Document | None = None, letter_kind: str = "",
) -> DocumentVersion:
    """Add a file to the complaint: a new document (title, kind, perhaps its event), or the next version of `document`."""
    check_may_change(by, complaint)
    media_type = _checked_file(name, content)
    if document is None:
        title = title.strip()
        if not title:
            raise DocumentRefused("Give the document a title", code="no-title")
        if len(title) > 200:
            raise DocumentRefused("A title is at most 200 characters", code="title-too-long")
        if kind not in DocumentKind.values:
            raise DocumentRefused(f"Choose the kind of document: {', '.join(DocumentKind.labels).lower()}",
                                  code="bad-kind")
        if event_sequence is not None and not 1 <= event_sequence <= complaint.version:
            raise DocumentRefused(f"There is no event {event_sequence} in this complaint's history "
                                  f"(it has {complaint.version})", code="bad-event")
    elif document.complaint_id != complaint.pk:
        raise DocumentRefused("That document belongs to another complaint", code="other-complaint")
    return _store_version(complaint=complaint, by=by, name=name, content=content, media_type=media_type,
                          document=document, new={"title": title, "kind": kind, "event_sequence": event_sequence,
                                                  "letter_kind": letter_kind})


def _store_version(*, complaint: Complaint, by: User, name: str, content: bytes, media_type: str,
                   document: Document | None, new: dict[str, Any]) -> DocumentVersion:
    version = DocumentVersion(original_name=name, sha256=sha256_of(content), size=len(content), media_type=media_type,
                              added_by=by)
    try:
        with transaction.atomic():
            if document is None:
                document = Document.objects.create(council_id=complaint.council_id, complaint=complaint,
                                                   created_by=by, **new)
            else:
                document = Document.objects.select_for_update().get(pk=document.pk)
            version.document = document
            version.number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version.file.save(name, ContentFile(content), save=False)
            version.save()
            _audit(complaint.council_id, by, "document.version-added", "complaint", complaint.pk,
                   {"document": document.pk, "title": document.title, "version": version.number,
                    "sha256": version.sha256, "size": version.size, "media_type": media_type})
    except BaseException:
        if version.file.name:
            version.file.storage.delete(version.file.name)
        raise
    return version


def disclosure_record(
    *, complaint: Complaint, by: User, version: DocumentVersion, recipient: str, disclosed_on: dt.date,
    today: dt.date, recipient_name: str = "", note: str = "",
) -> Disclosure:
    """Record that a copy of `version` was given to `recipient` on `disclosed_on`."""
    check_may_change(by, complaint)
    if version.document.complaint_id != complaint.pk:
        raise DocumentRefused("That version belongs to another complaint's document", code="other-complaint")
    if recipient not in Recipient.values:
        raise DocumentRefused(f"Choose who it was given to: {', '.join(Recipient.labels).lower()}", code="bad-recipient")
    if disclosed_on > today:
        raise DocumentRefused(f"The date it was given ({disclosed_on:%d %b %Y}) is after today", code="future-date")
    added_on = version.added_at.date()
    if disclosed_on < added_on:
        raise DocumentRefused(f"Version {version.number} was added on {added_on:%d %b %Y}, after {disclosed_on:%d %b %Y}: "
                              "record the copy given from the version that was given", code="before-version")
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            council_id=complaint.council_id, complaint=complaint, version=version, recipient=recipient,
            recipient_name=recipient_name.strip()[:200], disclosed_on=disclosed_on, note=note.strip(), recorded_by=by)
        _audit(complaint.council_id, by, "document.disclosed", "complaint", complaint.pk,
               {"document": version.document_id, "version": version.number, "sha256": version.sha256,
                "recipient": recipient, "recipient_name": disclosure.recipient_name,
                "disclosed_on": disclosed_on.isoformat()})
    return disclosure


def council_template(council: Council, procedure: str, kind: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(council=council, procedure=procedure, kind=kind).order_by("-id").first()


def template_bytes(template: LetterTemplate | None) -> bytes | None:
    """The council's template file, read whole (None for Redress's own)."""
    if template is None:
        return None
    with template.file.open("rb") as handle:
        return bytes(handle.read())


def template_id(template: LetterTemplate | None) -> str:
    """What a council's template is known by in the cache of parsed templates (with its content's hash)."""
    return f"council-template:{template.pk}" if template is not None else "redress"


def letter_send(*, complaint: Complaint, by: User, kind: str, fmt: str, today: dt.date) -> tuple[DocumentVersion, int]:
    """Produce the letter, keep it as the next version of the complaint's letter of that kind, and record `letter.sent`.

    The event carries the letter's kind, the SHA-256 of the version kept and, for a judged letter (the
    Stage 1 response), what it says of findings, basis and remedy. Returns the version and the event's sequence.
    """
    check_may_change(by, complaint)
    content = letter_content(complaint, kind, today=today)
    template = council_template(complaint.council, complaint.procedure, kind) if fmt == "docx" else None
    rendered = render(content, fmt, template=template_bytes(template), template_id=template_id(template))
    letter = content.letter
    document = Document.objects.filter(complaint=complaint, letter_kind=kind).first()
    follows = max((e.sequence for e in complaint.events.filter(type=letter.follows, date__lte=today)), default=None)
    with transaction.atomic():
        version = _store_version(
            complaint=complaint, by=by, name=rendered.filename, content=rendered.content, media_type=rendered.media_type,
            document=document, new={"title": letter.title, "kind": DocumentKind.LETTER, "event_sequence": follows,
                                    "letter_kind": kind})
        try:
            event: dict[str, Any] = {"date": today.isoformat(), "type": "letter.sent", "kind": kind,
                                     "sha256": version.sha256, "document": version.document_id, "version": version.number}
            if letter.judged:
                event["says"] = list(rendered.says)
            complaint_record_event(complaint=complaint, event=event, by=by, today=today)
        except BaseException:
            version.file.storage.delete(version.file.name)
            raise
    return version, complaint.version


def letter_template_upload(*, council: Council, by: User, procedure: str, kind: str, name: str,
                           content: bytes) -> LetterTemplate:
    """Keep a council's own Word template for a letter, once it is checked: every field known, no syntax error."""
    if by.council_id != council.pk or not by.is_manager:
        raise PermissionDenied("Only a complaints manager can change the council's letter templates")
    try:
        letter = letter_of(procedure, kind)
    except LetterRefused as refused:
        raise LetterError(refused.message, code=refused.code) from None
    if _checked_file(name, content) != DOCX:
        raise DocumentRefused("A letter template is a Word document (.docx)", code="not-docx")
    used = check_template(letter, content)
    template = LetterTemplate(council=council, procedure=procedure, kind=kind, original_name=name,
                              sha256=sha256_of(content), fields_used=used, uploaded_by=by)
    try:
        with transaction.atomic():
            template.file.save(name, ContentFile(content), save=False)
            template.save()
            _audit(council.pk, by, "letter.template-uploaded", "council", council.pk,
                   {"procedure": procedure, "kind": kind, "sha256": template.sha256, "fields": used})
    except BaseException:
        if template.file.name:
            template.file.storage.delete(template.file.name)
        raise
    return template
