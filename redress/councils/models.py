"""Councils, the people who work on their complaints, and the council's own non-working days."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from redress.councils.errors import DomainError


class Council(models.Model):
    """A local authority. Every complaint and every user belongs to one; it runs one or more complaints procedures."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    reference_prefix = models.CharField(
        max_length=8, help_text="Starts every complaint reference, e.g. NC for NC-2024-0001."
    )
    procedures = models.CharField(
        max_length=400, default="children-england",
        help_text="The complaints procedures the council runs, by name, space-separated (`redress procedures`).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def procedure_names(self) -> tuple[str, ...]:
        """The procedures the council runs, in the order they were chosen (Redress's own order)."""
        return tuple(self.procedures.split())

    def runs(self, procedure: str) -> bool:
        return procedure in self.procedure_names


class Role(models.TextChoices):
    MANAGER = "manager", "Complaints manager"
    OFFICER = "officer", "Complaints officer"
    READ_ONLY = "read-only", "Read only (senior manager)"
    # Someone outside the council's team (an IO, IP, panel member or advocate in the register of
    # investigators and panel), invited by a manager: sees only the complaints they are appointed to.
    APPOINTED = "appointed", "Appointed to complaints (investigator, independent person, panel or advocate)"


class EmailUserManager(UserManager["User"]):
    """Users sign in with their email address; there is no separate user name."""

    def _create_user_object(self, email: str, password: str | None, **extra: Any) -> User:
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        return user

    def create_user(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._create_user_object(email, password, **extra)
        user.save(using=self._db)
        return user

    def create_superuser(  # type: ignore[override]
        self, email: str, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Belongs to one council and holds one role there."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="users", null=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.READ_ONLY)
    must_change_password = models.BooleanField(
        default=False, help_text="Signed in with a one-time password: asked to choose their own before anything else."
    )
    one_time_password_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="The one-time password stops working then."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Refused: the record must keep who recorded each event and audit entry."""
        raise DomainError(
            f"{self.email} cannot be deleted, so the record keeps who did what: switch their access off instead",
            code="user-not-deleted",
        )

    def one_time_password_expired(self, now: dt.datetime) -> bool:
        """True when the password is a one-time one and its time is up."""
        expires = self.one_time_password_expires_at
        return self.must_change_password and expires is not None and expires <= now

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def can_record_events(self) -> bool:
        return self.role in {Role.MANAGER, Role.OFFICER}


class CouncilHoliday(models.Model):
    """A non-working day a council adds itself, such as a one-off bank holiday announced late.

    Every open deadline of the council moves when one is added or removed: deadlines are never
    stored, only computed from the events and the calendar.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="holidays")
    day = models.DateField()
    name = models.CharField(max_length=120)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["council", "day"], name="one_council_holiday_a_day")]

    def __str__(self) -> str:
        return f"{self.day:%d %b %Y}: {self.name}"


class AuditEntry(models.Model):
    """Who did what, when: written in the same transaction as the change it records.

    Append-only. `action` is a dotted code (`complaint.event-recorded`, `holiday.added`, ...) in the
    manner of pretix's log entries; `data` holds what a reviewer needs to see the change.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="audit_entries")
    actor = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    sequence = models.PositiveIntegerField(null=True, help_text="1 for the council's first entry, then 2, 3, ...")
    hash = models.CharField(max_length=64, blank=True, default="",
                            help_text="SHA-256 over the entry's fields and the council's previous entry's hash.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["council", "object_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["council", "sequence"], name="one_audit_entry_per_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class AuditChain(models.Model):
    """The end of a council's audit chain: how many entries it holds and the last one's hash.

    Its row is locked while entries are appended, so they take their places one after another; the
    count shows an entry cut off the end (redress/councils/audit.py).
    """

    council = models.OneToOneField(Council, on_delete=models.CASCADE, primary_key=True, related_name="+")
    count = models.PositiveIntegerField(default=0)
    head = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.council_id}: {self.count} entries"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is kept; the token is shown once, when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(help_text="The token stops working then (settings.API_TOKEN_DAYS after it was made).")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def status(self, now: dt.datetime) -> str:
        """"revoked", "expired" or "active" at `now`."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "active"
