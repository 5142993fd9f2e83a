"""Complaints, their append-only event histories, and the projections that lists read.

A complaint is its history of dated events (SCENARIOS.md). Nothing here stores a deadline or a
stage as a fact: the Projection is a cache of the engine's answer, rebuilt from the events by
`redress rebuild-projections` and after every event recorded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.utils import timezone

from redress.councils.models import Council

CONTACT_PREFERENCES = [("email", "Email"), ("phone", "Phone"), ("letter", "Letter")]


class Complaint(models.Model):
    """One complaint made to a council, under one of the procedures the council runs (`procedure`: the first).

    A complaint moved to another procedure (`procedure.changed`) keeps its first here; its
    projection holds the one it is under now.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="complaints")
    reference = models.CharField(max_length=32)
    procedure = models.CharField(max_length=40, default="children-england")
    complainant_name = models.CharField(max_length=200)
    complainant_role = models.CharField(max_length=32)
    child_name = models.CharField(max_length=200, blank=True)
    complainant_email = models.EmailField(max_length=254, blank=True)
    complainant_phone = models.CharField(max_length=40, blank=True)
    complainant_address = models.TextField(blank=True)
    contact_preference = models.CharField(
        max_length=16, blank=True, choices=CONTACT_PREFERENCES, help_text="How the complainant prefers to be contacted."
    )
    points = models.JSONField(default=list, help_text="The points of complaint as first recorded.")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Kept from an imported file (e.g. its council field).")
    version = models.PositiveIntegerField(default=0, help_text="The number of events recorded.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "reference"], name="complaint_reference_unique_in_council")
        ]
        indexes = [
            # The complaint page's "other open complaints from the same people" (names ignoring case,
            # as PostgreSQL's iexact compares them): without it, a scan of every complaint per page view.
            models.Index(F("council"), Upper("complainant_name"), Upper("child_name"), name="complaint_same_people"),
        ]

    def __str__(self) -> str:
        return self.reference


class ReferenceCounter(models.Model):
    """The last number given to a complaint reference with this prefix (a council's, for one year).

    Each new reference takes the next number under a row lock, so parallel creators never draw
    the same one (counting the complaints and adding one did).
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=32, help_text="e.g. NC-2024-")
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "prefix"], name="one_reference_counter_per_prefix")]

    def __str__(self) -> str:
        return f"{self.prefix}{self.last:04d}"


class AppendOnlyQuerySet(models.QuerySet["Event"]):
    """Events are never updated or deleted, in bulk or one at a time."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError("events are append-only: they cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("events are append-only: they cannot be deleted")


class Event(models.Model):
    """One dated event in a complaint's history, exactly as recorded. Append-only.

    `hash` chains the complaint's events (redress/core/history.py; the fields it covers are
    `redress.complaints.history.event_fields`), so `redress verify` can tell a row changed in the
    database.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField(help_text="1 for the first event recorded, then 2, 3, ...")
    date = models.DateField()
    type = models.CharField(max_length=48)
    data = models.JSONField(help_text="The event in the case-file form of SCENARIOS.md.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    hash = models.CharField(max_length=64, blank=True, default="",
                            help_text="SHA-256 over the event's fields and the previous event's hash.")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["complaint", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "sequence"], name="one_event_per_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("events are append-only: a recorded event cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("events are append-only: a recorded event cannot be deleted")


class Projection(models.Model):
    """The engine's answer for one complaint, kept for fast lists and dashboards.

    Computed as of `computed_on`; days left and overdue are worked out live from `next_due`.
    """

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, primary_key=True, related_name="projection")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    procedure = models.CharField(max_length=40, default="children-england",
                                 help_text="The procedure the complaint is under now (after any move to another).")
    stage = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16)
    suspended = models.BooleanField(default=False)
    received_on = models.DateField()
    next_due = models.DateField(null=True, blank=True)
    next_due_what = models.CharField(max_length=200, blank=True)
    faults = models.PositiveIntegerField(default=0)
    risks = models.PositiveIntegerField(default=0)
    infos = models.PositiveIntegerField(default=0)
    warning_codes = models.TextField(
        blank=True, help_text="The report's warning codes, space-separated with a space at each end."
    )
    open_actions = models.PositiveIntegerField(default=0)
    last_event_on = models.DateField()
    computed_on = models.DateField()
    search_text = models.TextField(blank=True, help_text="Reference and names, lower-cased, for search.")

    class Meta:
        indexes = [
            models.Index(fields=["council", "status", "next_due"], name="projection_caseload"),
            models.Index(fields=["council", "officer", "status", "next_due"], name="projection_officer"),
            models.Index(fields=["council", "stage"], name="projection_stage"),
            models.Index(fields=["council", "procedure", "status"], name="projection_procedure"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: stage {self.stage} {self.status}"
