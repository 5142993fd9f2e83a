"""Reminders: who wants them how, what was sent (the log that makes sending idempotent), and the runs.

A recipient is written as a key (`user:12`) beside the user it is, so that appointed people (the
people register: IOs, IPs, panel members, `person:7`) can be recipients later without a new key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.complaints.models import Complaint
from redress.councils.models import Council


class Delivery(models.TextChoices):
    EACH = "each", "One email for each reminder"
    DIGEST = "digest", "One email a day with all my reminders"


class ReminderPreference(models.Model):
    """How one person wants their reminders, and whether they are paused (away: their managers are told instead)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="reminder_preference")
    delivery = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.EACH)
    paused = models.BooleanField(default=False, help_text="While paused, this person's reminders go to their managers.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.delivery}{' (paused)' if self.paused else ''}"


class DailyRun(models.Model):
    """One daily run (`redress daily`, or the background task): when, as of which day, what it did."""

    today = models.DateField()
    source = models.CharField(max_length=16, default="command", help_text="command or worker")
    dry_run = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
    already_sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.today} ({self.source}): sent {self.sent}, already sent {self.already_sent}, failed {self.failed}"


class SendStatus(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed: will be tried again"
    BOUNCED = "bounced", "Refused: the address or request was rejected"


class SentReminder(models.Model):
    """One reminder to one recipient: claimed (inserted) before it is sent, so that it is sent once.

    The unique key (complaint, reminder, threshold, recipient, day) is the core's `Reminder.key` with
    the recipient resolved to a person; two runs at once cannot both insert it.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    reminder = models.CharField(max_length=120, help_text="What it is about: clock:stage1.response, action:A1, ...")
    threshold = models.CharField(max_length=24, help_text="Working days before (5, 2, 0), overdue, unassigned, ...")
    recipient = models.CharField(max_length=64, help_text="Who: user:ID (later person:ID for appointed people).")
    day = models.DateField(help_text="The deadline it is about, or the first day of a weekly repeat.")
    role = models.CharField(max_length=24, help_text="Why this recipient: officer, managers, or officer-away.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    message = models.TextField()
    digest = models.BooleanField(default=False)
    run = models.ForeignKey(DailyRun, on_delete=models.SET_NULL, null=True, related_name="+",
                            help_text="The run that claimed it.")
    status = models.CharField(max_length=8, choices=SendStatus.choices, default=SendStatus.SENDING)
    channel = models.CharField(max_length=16, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "reminder", "threshold", "recipient", "day"],
                                    name="one_reminder_per_key"),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="reminder_retry"),
            models.Index(fields=["council", "status"], name="reminder_council_status"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.reminder} {self.threshold} {self.recipient} {self.day}: {self.status}"


class RunProblem(models.Model):
    """Something a run could not use (an unknown council in a setting, malformed thresholds), shown on the failures page."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, null=True, related_name="+",
                                help_text="Empty when the problem is with the settings as a whole.")
    run = models.ForeignKey(DailyRun, on_delete=models.CASCADE, related_name="problems")
    message = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.message
