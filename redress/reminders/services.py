"""Writes: a person's own reminder preference, with its audit entry in the same transaction."""

from __future__ import annotations

from django.db import transaction

from redress.councils.models import AuditEntry, User
from redress.reminders.models import Delivery, ReminderPreference


def reminder_preference_set(*, user: User, delivery: str, paused: bool) -> ReminderPreference:
    """Choose one email a reminder or a daily digest, and pause or resume one's own reminders."""
    if delivery not in Delivery.values:
        raise ValueError(f"delivery must be one of {', '.join(Delivery.values)}, not {delivery!r}")
    with transaction.atomic():
        preference, _ = ReminderPreference.objects.select_for_update().get_or_create(user=user)
        before = {"delivery": preference.delivery, "paused": preference.paused}
        preference.delivery, preference.paused = delivery, paused
        preference.save()
        if user.council is not None:
            AuditEntry.objects.create(council=user.council, actor=user, action="reminders.preference-changed",
                                      object_type="user", object_id=str(user.pk),
                                      data={"before": before, "after": {"delivery": delivery, "paused": paused}})
    return preference
