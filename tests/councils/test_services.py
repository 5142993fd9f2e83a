"""Adding and removing a council's own non-working days."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest

from redress.councils.errors import DomainError
from redress.councils.models import AuditEntry, CouncilHoliday, User
from redress.councils.selectors import council_calendar, council_holidays_in_year
from redress.councils.services import council_holiday_add, council_holiday_remove

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2023, 5, 1)
FLOOD_DAY = dt.date(2023, 5, 15)


@pytest.fixture
def enqueued() -> Any:
    with mock.patch("redress.councils.services.council_projections_rebuild") as task:
        yield task.enqueue


def test_adding_a_day_writes_it_and_its_audit_entry_and_rebuilds_projections(
    manager: User, enqueued: Any
) -> None:
    assert manager.council is not None
    holiday = council_holiday_add(
        council=manager.council, day=FLOOD_DAY, name=" Flood closure ", by=manager, today=TODAY
    )
    assert (holiday.day, holiday.name, holiday.added_by) == (FLOOD_DAY, "Flood closure", manager)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type, entry.object_id) == (
        "holiday.added",
        "council-holiday",
        str(holiday.pk),
    )
    enqueued.assert_called_once_with(manager.council.pk, "2023-05-01")


def test_a_new_day_moves_deadlines_at_once(manager: User, enqueued: Any) -> None:
    assert manager.council is not None
    before = council_calendar(manager.council)
    council_holiday_add(council=manager.council, day=FLOOD_DAY, name="Flood closure", by=manager, today=TODAY)
    after = council_calendar(manager.council)
    assert before.is_working_day(FLOOD_DAY)
    assert not after.is_working_day(FLOOD_DAY)
    assert after.add_working_days(dt.date(2023, 5, 5), 10) == dt.date(2023, 5, 23)


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (dt.date(2023, 5, 8), "already-non-working"),
        (dt.date(2023, 5, 13), "already-non-working"),
        (dt.date(1980, 5, 13), "out-of-range"),
    ],
    ids=["bank-holiday", "saturday", "outside-the-calendar"],
)
def test_a_day_that_is_already_not_working_is_refused(
    manager: User, enqueued: Any, day: dt.date, code: str
) -> None:
    assert manager.council is not None
    with pytest.raises(DomainError) as refused:
        council_holiday_add(council=manager.council, day=day, name="Extra", by=manager, today=TODAY)
    assert refused.value.code == code
    assert not CouncilHoliday.objects.exists() and not AuditEntry.objects.exists()
    enqueued.assert_not_called()


def test_the_same_day_twice_is_refused(manager: User, enqueued: Any) -> None:
    assert manager.council is not None
    council_holiday_add(council=manager.council, day=FLOOD_DAY, name="Flood closure", by=manager, today=TODAY)
    with pytest.raises(DomainError, match="already a non-working day"):
        council_holiday_add(council=manager.council, day=FLOOD_DAY, name="Again", by=manager, today=TODAY)
    assert CouncilHoliday.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_a_blank_name_is_refused(manager: User, enqueued: Any) -> None:
    assert manager.council is not None
    with pytest.raises(DomainError, match="Enter the name"):
        council_holiday_add(council=manager.council, day=FLOOD_DAY, name="  ", by=manager, today=TODAY)


def test_the_same_day_in_two_councils_is_fine(manager: User, other_manager: User, enqueued: Any) -> None:
    assert manager.council is not None and other_manager.council is not None
    council_holiday_add(council=manager.council, day=FLOOD_DAY, name="Ours", by=manager, today=TODAY)
    council_holiday_add(
        council=other_manager.council, day=FLOOD_DAY, name="Theirs", by=other_manager, today=TODAY
    )
    assert CouncilHoliday.objects.count() == 2


def test_removing_a_day_deletes_it_writes_the_audit_entry_and_rebuilds(manager: User, enqueued: Any) -> None:
    assert manager.council is not None
    holiday = council_holiday_add(
        council=manager.council, day=FLOOD_DAY, name="Flood closure", by=manager, today=TODAY
    )
    enqueued.reset_mock()
    removed = council_holiday_remove(council=manager.council, holiday_id=holiday.pk, by=manager, today=TODAY)
    assert removed.name == "Flood closure"
    assert not CouncilHoliday.objects.exists()
    entry = AuditEntry.objects.get(action="holiday.removed")
    assert entry.data == {"day": "2023-05-15", "name": "Flood closure"}
    assert council_calendar(manager.council).is_working_day(FLOOD_DAY)
    enqueued.assert_called_once_with(manager.council.pk, "2023-05-01")


def test_another_councils_day_cannot_be_removed(manager: User, other_manager: User, enqueued: Any) -> None:
    assert other_manager.council is not None and manager.council is not None
    theirs = CouncilHoliday.objects.create(council=other_manager.council, day=FLOOD_DAY, name="Theirs")
    with pytest.raises(CouncilHoliday.DoesNotExist):
        council_holiday_remove(council=manager.council, holiday_id=theirs.pk, by=manager, today=TODAY)
    assert CouncilHoliday.objects.filter(pk=theirs.pk).exists()
    assert not AuditEntry.objects.exists()
    enqueued.assert_not_called()


def test_nothing_is_enqueued_when_the_transaction_rolls_back(manager: User, enqueued: Any) -> None:
    from django.db import transaction

    assert manager.council is not None
    with pytest.raises(RuntimeError), transaction.atomic():
        council_holiday_add(
            council=manager.council, day=FLOOD_DAY, name="Flood closure", by=manager, today=TODAY
        )
        raise RuntimeError("something later failed")
    assert not CouncilHoliday.objects.exists()
    enqueued.assert_not_called()


def test_the_year_lists_bank_holidays_and_council_days_in_order(manager: User) -> None:
    assert manager.council is not None
    CouncilHoliday.objects.create(council=manager.council, day=FLOOD_DAY, name="Flood closure")
    rows = council_holidays_in_year(manager.council, 2023)
    assert [row.day for row in rows][:4] == [
        dt.date(2023, 1, 1),
        dt.date(2023, 1, 2),
        dt.date(2023, 4, 7),
        dt.date(2023, 4, 10),
    ]
    flood = next(row for row in rows if row.day == FLOOD_DAY)
    assert flood.is_council_day and flood.name == "Flood closure"
    assert not next(row for row in rows if row.day == dt.date(2023, 5, 8)).is_council_day
    assert len(rows) == 11
