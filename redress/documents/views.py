"""Pages for the case's papers: documents and versions, downloads, the disclosure register, verifying a copy, letters.

Each view validates its input, calls one service or selector, and renders. A file is sent only
here, after the council (404 outside it) and role checks, as an attachment with nosniff.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from redress.complaints import selectors as complaint_selectors
from redress.complaints.models import Complaint
from redress.complaints.wording import in_words
from redress.core.letters.catalogue import letter_of, letters_of, template_fields
from redress.core.letters.model import LetterRefused
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.documents import selectors, services
from redress.documents.forms import (
    DisclosureForm,
    DocumentForm,
    LetterForm,
    TemplateForm,
    VerifyForm,
    VersionForm,
)
from redress.documents.letters import FORMATS, LetterError, default_template, letter_content
from redress.documents.letters import render as render_letter
from redress.documents.models import DocumentVersion


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    return user


def _council(request: HttpRequest) -> Council:
    council = _user(request).council
    assert council is not None
    return council


def _complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    return complaint_selectors.complaint_get(council=_council(request), complaint_id=complaint_id)


def _may_change(request: HttpRequest) -> User:
    user = _user(request)
    if not user.can_record_events:
        raise PermissionDenied("Your role (read only) may see and download the papers but not add to them")
    return user


def attachment(content: Any, *, filename: str, media_type: str) -> FileResponse:
    """A file sent for download only: never shown inline, never sniffed into another type."""
    response = FileResponse(content, as_attachment=True, filename=filename, content_type=media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def version_attachment(version: DocumentVersion) -> FileResponse:
    """A stored version as an attachment (read whole: a version is at most REDRESS_MAX_UPLOAD_BYTES)."""
    with version.file.open("rb") as handle:
        content = handle.read()
    return attachment(io.BytesIO(content), filename=version.original_name, media_type=version.media_type)


def _read(upload: Any) -> tuple[str, bytes]:
    return str(upload.name), b"".join(upload.chunks())


@login_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    user = _may_change(request)
    form = DocumentForm(request.POST or None, request.FILES or None, complaint=complaint)
    if request.method == "POST" and form.is_valid():
        name, content = _read(form.cleaned_data["file"])
        try:
            version = services.document_add(
                complaint=complaint, by=user, name=name, content=content, title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"], event_sequence=form.cleaned_data.get("event"))
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"{version.document.title} added (version 1).")
            return redirect(f"{complaint_url(complaint)}#documents")
    return render(request, "documents/document_new.html", {"complaint": complaint, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, complaint_id: int, document_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    document = selectors.document_get(complaint=complaint, document_id=document_id)
    user = _may_change(request)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, content = _read(form.cleaned_data["file"])
        try:
            version = services.document_add(complaint=complaint, by=user, name=name, content=content, document=document)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"{document.title}: version {version.number} added.")
            return redirect(f"{complaint_url(complaint)}#documents")
    return render(request, "documents/version_new.html", {"complaint": complaint, "document": document, "form": form})


@login_required
def version_download(request: HttpRequest, complaint_id: int, document_id: int, number: int) -> HttpResponseBase:
    complaint = _complaint(request, complaint_id)
    version = selectors.version_get(complaint=complaint, document_id=document_id, number=number)
    return version_attachment(version)


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _complaint(request, complaint_id)
    user = _may_change(request)
    versions = list(DocumentVersion.objects.filter(document__complaint=complaint, document__council=complaint.council)
                    .select_related("document").order_by("document_id", "number"))
    form = DisclosureForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = next(v for v in versions if v.pk == data["version"])
        try:
            services.disclosure_record(
                complaint=complaint, by=user, version=version, recipient=data["recipient"],
                recipient_name=data.get("recipient_name") or "", disclosed_on=data["disclosed_on"],
                today=timezone.localdate(), note=data.get("note") or "")
        except DomainError as error:
            form.add_error("disclosed_on" if "date" in error.code or "before" in error.code else None, error.message)
        else:
            messages.success(request, f"Recorded: {version.document.title} version {version.number} given.")
            return redirect(f"{complaint_url(complaint)}#disclosures")
    return render(request, "documents/disclosure_new.html",
                  {"complaint": complaint, "form": form, "versions": versions})


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Does a copy match a version kept? Which document and version, and each time it was disclosed."""
    council = _council(request)
    form = VerifyForm(request.POST or None, request.FILES or None)
    result: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload is not None:
            name, content = _read(upload)
            sha256 = services.sha256_of(content)
        else:
            name, sha256 = "", form.cleaned_data["sha256"]
        result = {"name": name, "sha256": sha256, "matches": selectors.copies_matching(council=council, sha256=sha256)}
    return render(request, "documents/verify.html", {"form": form, "result": result})


@login_required
def letters(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """The complaint's letters: each that can be produced now, or why not."""
    complaint = _complaint(request, complaint_id)
    today = timezone.localdate()
    rows = []
    for letter in letters_of(complaint.procedure):
        try:
            letter_content(complaint, letter.kind, today=today)
            refusal = ""
        except LetterError as error:
            refusal = in_words(error.message)
        rows.append({"letter": letter, "refusal": refusal,
                     "custom": services.council_template(complaint.council, complaint.procedure, letter.kind)})
    sent = selectors.documents_of(complaint).exclude(letter_kind="")
    return render(request, "documents/letters.html", {
        "complaint": complaint, "rows": rows, "sent": sent, "form": LetterForm(),
        "may_send": _user(request).can_record_events})


@login_required
def letter_preview(request: HttpRequest, complaint_id: int, kind: str, fmt: str) -> HttpResponseBase:
    """The letter as it would be sent today, to read before sending (nothing is recorded)."""
    complaint = _complaint(request, complaint_id)
    if fmt not in FORMATS:
        raise Http404("No such format")
    try:
        content = letter_content(complaint, kind, today=timezone.localdate())
        template = services.council_template(complaint.council, complaint.procedure, kind) if fmt == "docx" else None
        rendered = render_letter(content, fmt, template=services.template_bytes(template),
                                 template_id=services.template_id(template))
    except LetterError as error:
        messages.error(request, error.message)
        return redirect("documents:letters", complaint_id=complaint.pk)
    return attachment(io.BytesIO(rendered.content), filename=f"draft-{rendered.filename}", media_type=rendered.media_type)


@login_required
@require_POST
def letter_send(request: HttpRequest, complaint_id: int, kind: str) -> HttpResponse:
    """Produce the letter, keep it, and record that it was sent (`letter.sent`)."""
    complaint = _complaint(request, complaint_id)
    user = _may_change(request)
    form = LetterForm(request.POST)
    fmt = form.cleaned_data["format"] if form.is_valid() else ""
    if not fmt:
        messages.error(request, "Choose PDF or Word")
        return redirect("documents:letters", complaint_id=complaint.pk)
    try:
        version, _ = services.letter_send(complaint=complaint, by=user, kind=kind, fmt=fmt, today=timezone.localdate())
    except DomainError as error:
        messages.error(request, in_words(error.message))
        return redirect("documents:letters", complaint_id=complaint.pk)
    messages.success(request, f"{version.document.title} sent and kept as version {version.number}.")
    return redirect("documents:letters", complaint_id=complaint.pk)


@login_required
def letter_templates(request: HttpRequest) -> HttpResponse:
    """The council's letters, each with its fields documented and the council's own Word template if it has one."""
    council = _council(request)
    procedure = request.GET.get("procedure") or "children-england"
    rows = [{"letter": letter, "fields": template_fields(letter),
             "custom": services.council_template(council, procedure, letter.kind)} for letter in letters_of(procedure)]
    return render(request, "documents/letter_templates.html",
                  {"rows": rows, "procedure": procedure, "may_upload": _user(request).is_manager})


@login_required
def default_letter_template(request: HttpRequest) -> HttpResponseBase:
    return attachment(io.BytesIO(default_template()), filename="redress-letter-template.docx", media_type=FORMATS["docx"])


@login_required
@require_http_methods(["GET", "POST"])
def letter_template_upload(request: HttpRequest, procedure: str, kind: str) -> HttpResponse:
    council = _council(request)
    user = _user(request)
    if not user.is_manager:
        raise PermissionDenied("Only a complaints manager can change the council's letter templates")
    try:
        letter = letter_of(procedure, kind)
    except LetterRefused:
        raise Http404("No such letter") from None
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, content = _read(form.cleaned_data["file"])
        try:
            services.letter_template_upload(council=council, by=user, procedure=procedure, kind=kind, name=name,
                                            content=content)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"Your template for the {letter.title.lower()} will be used from now on.")
            return redirect(reverse("documents:letter-templates") + f"?procedure={procedure}")
    return render(request, "documents/template_upload.html",
                  {"letter": letter, "fields": template_fields(letter), "form": form})


def complaint_url(complaint: Complaint) -> str:
    return f"/complaints/{complaint.pk}/"
