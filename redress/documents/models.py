"""The case's papers: documents, their versions (never overwritten), what was disclosed to whom, letter templates.

Every file is kept through the `documents` storage (`settings.STORAGES`): a folder outside the static
files by default, an S3-compatible store by setting. Files are only ever served by a view that checks
the person's council and role.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models

from redress.complaints.models import Complaint
from redress.councils.models import Council


def document_storage() -> Storage:
    """The storage the case's files are kept in (`STORAGES["documents"]`)."""
    return storages["documents"]


class DocumentKind(models.TextChoices):
    LETTER = "letter", "Letter"
    REPORT = "report", "Report"
    STATEMENT = "statement", "Statement of complaint"
    RECORD = "record", "Record"
    EVIDENCE = "evidence", "Evidence"
    CORRESPONDENCE = "correspondence", "Correspondence"
    OTHER = "other", "Other"


class Recipient(models.TextChoices):
    COMPLAINANT = "complainant", "Complainant"
    ADVOCATE = "advocate", "Advocate"
    IO = "io", "Investigating officer"
    IP = "ip", "Independent person"
    PANEL = "panel", "Review panel"
    OMBUDSMAN = "ombudsman", "Ombudsman"


class Document(models.Model):
    """One paper of a complaint (a report, a record, a letter), perhaps tied to the event it belongs to."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    event_sequence = models.PositiveIntegerField(
        null=True, blank=True, help_text="The event it belongs to, by its place in the history (1 for the first)."
    )
    letter_kind = models.CharField(max_length=40, blank=True, help_text="For a letter Redress produced: its kind.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "id"]
        indexes = [models.Index(fields=["council", "complaint"], name="document_of_complaint")]

    def __str__(self) -> str:
        return self.title


class AppendOnly(models.Model):
    """A row that is written once and never changed or deleted (versions, disclosures)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError(f"a {self._meta.verbose_name} is kept as it was: it cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError(f"a {self._meta.verbose_name} is kept as it was: it cannot be deleted")


class DocumentVersion(AppendOnly):
    """One upload of a document: its file, fingerprint (SHA-256), size and media type (from its content)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first upload, then 2, 3, ...")
    file = models.FileField(storage=document_storage, upload_to="documents/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_per_number")]
        indexes = [models.Index(fields=["sha256"], name="version_by_sha256")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Disclosure(AppendOnly):
    """A copy of one version given to someone (the complainant, the IO, the Ombudsman ...) on a day."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="disclosures")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=200, blank=True)
    disclosed_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "disclosed_on", "id"]

    def __str__(self) -> str:
        return f"{self.version} to {self.get_recipient_display()} on {self.disclosed_on}"


class LetterTemplate(AppendOnly):
    """A council's own Word template for one letter; the newest for a (procedure, kind) is the one used."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(max_length=40)
    kind = models.CharField(max_length=40)
    file = models.FileField(storage=document_storage, upload_to="templates/", max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    fields_used = models.JSONField(default=list, help_text="The template's fields, as checked when it was uploaded.")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "procedure", "kind", "-id"]
        indexes = [models.Index(fields=["council", "procedure", "kind"], name="letter_template_lookup")]

    def __str__(self) -> str:
        return f"{self.council} {self.procedure} {self.kind}"
