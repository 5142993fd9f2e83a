"""People are switched off, never deleted: the record keeps who recorded each event and audit entry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import ProtectedError

from redress.complaints.models import Complaint, Event
from redress.councils.errors import DomainError
from redress.councils.models import AuditEntry, Council, CouncilHoliday, User
from redress.councils.services import council_holiday_add
from tests.complaints.conftest import import_history


def test_deleting_a_user_is_refused_with_a_clear_message(officer: User) -> None:
    with pytest.raises(DomainError, match="switch their access off") as refused:
        officer.delete()
    assert refused.value.code == "user-not-deleted"
    assert User.objects.filter(pk=officer.pk).exists()


def test_a_user_who_recorded_events_cannot_be_deleted_in_bulk_either(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=officer.pk).delete()
    assert set(Event.objects.filter(complaint=complaint).values_list("recorded_by", flat=True)) == {officer.pk}
    assert Complaint.objects.get(pk=complaint.pk).created_by == officer


def test_a_manager_who_added_a_day_and_an_audit_entry_cannot_be_deleted_in_bulk(council: Council, manager: User) -> None:
    holiday = council_holiday_add(council=council, day=dt.date(2024, 7, 3), name="Council day", by=manager,
                                  today=dt.date(2024, 7, 1))
    with pytest.raises(ProtectedError):
        User.objects.filter(pk=manager.pk).delete()
    assert CouncilHoliday.objects.get(pk=holiday.pk).added_by == manager
    assert AuditEntry.objects.get(action="holiday.added").actor == manager
