"""Writes about councils: the council's own non-working days, and the procedures it runs.

Each write is one transaction holding the change and its audit entry. Once committed, the council's
projections are rebuilt in the background, so every deadline that spans the day moves; deadlines
themselves are never stored (the calendar is read fresh by `council_calendar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from redress.complaints.projections import council_projections_rebuild
from redress.core.calendar import CalendarError
from redress.core.clocks import format_date
from redress.core.procedures.registry import PROCEDURES
from redress.councils.audit import audit_record
from redress.councils.errors import DomainError
from redress.councils.models import Council, CouncilHoliday, User
from redress.councils.selectors import council_calendar


def council_holiday_add(
    *, council: Council, day: dt.date, name: str, by: User, today: dt.date | None = None
) -> CouncilHoliday:
    """Make `day` a non-working day for `council`; refuses a day that is already not a working day."""
    name = name.strip()
    if not name:
        raise DomainError("Enter the name of the day", code="name-missing")
    with transaction.atomic():
        # Lock the council so two managers adding days at once see each other's day.
        Council.objects.select_for_update().filter(pk=council.pk).first()
        calendar = council_calendar(council)
        try:
            working = calendar.is_working_day(day)
        except CalendarError as error:
            raise DomainError(f"The calendar cannot hold that date: {error}", code="out-of-range") from None
        if not working:
            raise DomainError(
                f"{format_date(day)} is already a non-working day ({calendar.why_not_working(day)})",
                code="already-non-working",
            )
        try:
            with transaction.atomic():
                holiday = CouncilHoliday.objects.create(council=council, day=day, name=name, added_by=by)
        except IntegrityError:
            raise DomainError(f"{format_date(day)} is already a council day", code="duplicate") from None
        _audit(council, by, "holiday.added", holiday)
        _rebuild_projections_on_commit(council, today)
    return holiday


def council_holiday_remove(
    *, council: Council, holiday_id: int, by: User, today: dt.date | None = None
) -> CouncilHoliday:
    """Make the council's day a working day again. Another council's day is not found.

    Raises CouncilHoliday.DoesNotExist when `council` has no day with that id.
    """
    with transaction.atomic():
        holiday = CouncilHoliday.objects.select_for_update().get(pk=holiday_id, council=council)
        _audit(council, by, "holiday.removed", holiday)
        holiday.delete()
        _rebuild_projections_on_commit(council, today)
    return holiday


def _audit(council: Council, by: User, action: str, holiday: CouncilHoliday) -> None:
    audit_record(
        council=council,
        actor=by,
        action=action,
        object_type="council-holiday",
        object_id=str(holiday.pk),
        data={"day": holiday.day.isoformat(), "name": holiday.name},
    )


def _rebuild_projections_on_commit(council: Council, today: dt.date | None) -> None:
    as_of = (today or timezone.localdate()).isoformat()
    council_id = council.pk
    transaction.on_commit(lambda: council_projections_rebuild.enqueue(council_id, as_of))


def council_procedures_set(*, council: Council, names: Collection[str], by: User) -> tuple[str, ...]:
    """Choose the procedures `council` runs (at least one, each one Redress knows); return them in Redress's order.

    Only a complaints manager of the council may. The audit entry keeps the choice before and after.
    Complaints already recorded under a procedure dropped here carry on under it; new ones cannot
    be recorded under it.
    """
    if not (by.is_active and by.is_manager and by.council_id == council.pk):
        raise PermissionDenied("Only a complaints manager of this council can choose its procedures")
    unknown = sorted(set(names) - set(PROCEDURES))
    if unknown:
        raise DomainError(f"Redress does not know the procedure {unknown[0]}; it knows {', '.join(PROCEDURES)}",
                          code="bad-procedure")
    chosen = tuple(name for name in PROCEDURES if name in set(names))
    if not chosen:
        raise DomainError("Choose at least one procedure: the council must run one to record complaints",
                          code="no-procedure")
    with transaction.atomic():
        locked = Council.objects.select_for_update().get(pk=council.pk)
        before = locked.procedure_names
        if before == chosen:
            return chosen
        Council.objects.filter(pk=council.pk).update(procedures=" ".join(chosen))
        council.procedures = " ".join(chosen)
        audit_record(
            council=council, actor=by, action="council.procedures-changed", object_type="council",
            object_id=str(council.pk), data={"before": list(before), "after": list(chosen)},
        )
    return chosen
