"""Reads of the case's papers: every query is scoped to one council; another council's document is not found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from redress.complaints.models import Complaint
from redress.councils.models import Council
from redress.documents.models import Disclosure, Document, DocumentVersion

SHA256 = re.compile(r"^[0-9a-f]{64}$")


def documents_of(complaint: Complaint) -> QuerySet[Document]:
    """The complaint's documents, each with its versions (oldest first) and each version's disclosures."""
    versions = DocumentVersion.objects.select_related("added_by").prefetch_related(
        Prefetch("disclosures", queryset=Disclosure.objects.select_related("recorded_by")))
    return (Document.objects.filter(council_id=complaint.council_id, complaint=complaint)
            .prefetch_related(Prefetch("versions", queryset=versions)).order_by("id"))


def disclosures_of(complaint: Complaint) -> QuerySet[Disclosure]:
    """The complaint's disclosure register: what was given to whom and when, oldest first."""
    return (Disclosure.objects.filter(council_id=complaint.council_id, complaint=complaint)
            .select_related("version__document", "recorded_by").order_by("disclosed_on", "id"))


def document_get(*, complaint: Complaint, document_id: int | str) -> Document:
    try:
        return Document.objects.get(council_id=complaint.council_id, complaint=complaint, pk=int(document_id))
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404("No document with that id") from None


def version_get(*, complaint: Complaint, document_id: int | str, number: int | str) -> DocumentVersion:
    """The version of one of the complaint's documents, or Http404 (never a hint that it exists elsewhere)."""
    try:
        return DocumentVersion.objects.select_related("document").get(
            document__council_id=complaint.council_id, document__complaint=complaint,
            document_id=int(document_id), number=int(number))
    except (DocumentVersion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such version") from None


@dataclass(frozen=True)
class Match:
    version: DocumentVersion
    disclosures: list[Disclosure]


def copies_matching(*, council: Council, sha256: str) -> list[Match]:
    """Every stored version of the council whose SHA-256 is `sha256`, with each time it was disclosed."""
    versions = (DocumentVersion.objects.filter(sha256=sha256, document__council=council)
                .select_related("document__complaint")
                .prefetch_related(Prefetch("disclosures", queryset=Disclosure.objects.order_by("disclosed_on", "id")))
                .order_by("document__complaint_id", "document_id", "number"))
    return [Match(version, list(version.disclosures.all())) for version in versions]


def complaint_of(version: DocumentVersion) -> Complaint:
    return version.document.complaint
