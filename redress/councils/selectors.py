"""Reads about councils: their people and their working-day calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.councils.models import Council, CouncilHoliday


@lru_cache(maxsize=64)
def _calendar_for(days: tuple[tuple[dt.date, str], ...], nation: str) -> WorkingCalendar:
    return WorkingCalendar(dict(days), nation=nation) if days else default_calendar(nation)


def council_calendar(council: Council, nation: str = "england") -> WorkingCalendar:
    """A nation's working days (a procedure's: `Procedure.nation`) plus the council's own days, as they stand now.

    One small query each call; the calendar itself is cached on the exact set of days, so adding
    or removing a day gives a new calendar at once and every deadline moves.
    """
    days = tuple(council.holidays.order_by("day").values_list("day", "name"))
    return _calendar_for(days, nation)


@dataclass(frozen=True)
class HolidayRow:
    """One non-working holiday in a council's calendar: a bank holiday, or the council's own day."""

    day: dt.date
    name: str
    council_holiday: CouncilHoliday | None

    @property
    def is_council_day(self) -> bool:
        return self.council_holiday is not None


def council_holidays_in_year(council: Council, year: int) -> list[HolidayRow]:
    """England and Wales bank holidays in `year` and the council's own days, in date order (no weekends)."""
    calendar = council_calendar(council)
    own = {holiday.day: holiday for holiday in council.holidays.filter(day__year=year)}
    return [
        HolidayRow(
            day=found.day,
            name=own[found.day].name if found.day in own else found.reason,
            council_holiday=own.get(found.day),
        )
        for found in calendar.holidays_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    ]
