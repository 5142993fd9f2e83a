"""The register of investigators and panel: each council's people who may take part in its complaints.

Not the council's staff accounts (redress.councils: who signs in to work the caseload), but the people a
complaint appoints: investigating officers, independent persons, panel chairs and members, adjudicating
officers and advocates. A person in the register may also be given an account of their own (`user`),
which sees only the complaints they are appointed to (redress/people/access.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from redress.councils.models import Council


class RegisterRole(models.TextChoices):
    IO = "io", "Investigating officer"
    IP = "ip", "Independent person"
    PANEL_CHAIR = "panel-chair", "Review panel chair"
    PANEL_MEMBER = "panel-member", "Review panel member"
    ADJUDICATOR = "adjudicator", "Adjudicating officer"
    ADVOCATE = "advocate", "Advocate"


class Person(models.Model):
    """Someone a council may appoint to its complaints, with the roles they may take."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="register")
    name = models.CharField(max_length=200, help_text="As case files and letters name them: unique in the council.")
    roles = models.CharField(max_length=120, help_text="The roles they may take, by code, space-separated.")
    council_employee = models.BooleanField(help_text="A member or officer of the council.")
    organisation = models.CharField(max_length=200, blank=True, help_text="Their organisation or firm.")
    email = models.EmailField(blank=True)
    trained_on = models.DateField(null=True, blank=True)
    vetted_on = models.DateField(null=True, blank=True, help_text="The date of their DBS or other vetting check.")
    active = models.BooleanField(default=True, help_text="Switched off: kept for the record, never appointed again.")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="register_person",
                                help_text="Their own sign-in, once a manager has invited them.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "council", name="one_register_name_per_council"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def role_codes(self) -> tuple[str, ...]:
        return tuple(self.roles.split())

    def may_take(self, role: str) -> bool:
        return role in self.role_codes

    def role_labels(self) -> list[str]:
        labels = dict(RegisterRole.choices)
        return [str(labels.get(code, code)) for code in self.role_codes]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("a person in the register is kept for the record: switch them off instead")


class Finding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly-upheld", "Partly upheld"
    NOT_UPHELD = "not-upheld", "Not upheld"
    NOT_INVESTIGATED = "not-investigated", "Not investigated"


class InvestigationFinding(models.Model):
    """The investigating officer's finding on one point of a complaint, as they record it (append-only:
    the newest for a point is the one that stands; the adjudication is still the council's, `stage2.responded`)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.PROTECT, related_name="investigation_findings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="findings")
    point = models.CharField(max_length=20)
    finding = models.CharField(max_length=20, choices=Finding.choices)
    reasoning = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["complaint", "point", "-id"]
        indexes = [models.Index(fields=["complaint", "point"], name="finding_of_point")]

    def __str__(self) -> str:
        return f"{self.point}: {self.finding}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("a recorded finding is kept as it was: record a new one instead")
        super().save(*args, **kwargs)
