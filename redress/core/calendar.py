"""Working days for the statutory complaints procedure.

A working day is any day except Saturday, Sunday, Christmas Day, Good Friday and a bank holiday
in England and Wales under the Banking and Financial Dealings Act 1971 (SI 2006/1738 reg 2), plus
any day a council adds itself (a one-off bank holiday announced at short notice). The England and
Wales bank holidays, with substitute days and the one-off days, come from the `holidays` package
(country GB, subdivision ENG).

Counting rule (project decision; the regulations are silent): a deadline of N working days is the
Nth working day after the day the clock started. The start day is day 0 whatever kind of day it is,
so a complaint received on a Saturday has the Monday as working day 1. This is the Information
Commissioner's rule for statutory time limits, and numpy's `busday_offset(start, N, roll='backward')`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import holidays
import numpy as np
import numpy.typing as npt

FIRST_YEAR = 1990
LAST_YEAR = 2100
_WEEKEND = {5: "Saturday", 6: "Sunday"}


class CalendarError(ValueError):
    """A date outside the years the calendar covers, or a negative number of working days."""


@dataclass(frozen=True, slots=True)
class NonWorkingDay:
    """A day that does not count as a working day, and why."""

    day: dt.date
    reason: str

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= 5


NATIONS: dict[str, str] = {"england": "ENG", "wales": "WLS"}
"""The nations a procedure can name, with their subdivision code in the `holidays` package."""


@lru_cache(maxsize=len(NATIONS))
def bank_holidays(nation: str = "england") -> Mapping[dt.date, str]:
    """Every bank holiday (and Christmas Day and Good Friday) of `nation` in the covered years.

    England and Wales share their bank holidays today (Banking and Financial Dealings Act 1971), but
    each procedure names its nation so that a change in one does not move the other's deadlines.
    """
    if nation not in NATIONS:
        raise CalendarError(f"unknown nation {nation!r}; the nations are: {', '.join(NATIONS)}")
    found = holidays.country_holidays("GB", subdiv=NATIONS[nation], years=range(FIRST_YEAR, LAST_YEAR + 1))
    return {day: str(name) for day, name in sorted(found.items())}


def england_and_wales_bank_holidays() -> Mapping[dt.date, str]:
    """Every England and Wales bank holiday in the covered years (England's list, which Wales shares today)."""
    return bank_holidays("england")


class WorkingCalendar:
    """Working days in England and Wales, plus the extra non-working days a council has added.

    Built once per set of council days and reused: construction is about 10 ms, and every query
    after it is a binary search (one deadline in about a microsecond).
    """

    def __init__(self, council_days: Mapping[dt.date, str] | None = None, *, nation: str = "england") -> None:
        self.nation = nation
        self._in_nations: dict[str, WorkingCalendar] = {}
        national = bank_holidays(nation)
        self._first = dt.date(FIRST_YEAR, 1, 1)
        self._last = dt.date(LAST_YEAR, 12, 31)
        self._first_ordinal, self._last_ordinal = self._first.toordinal(), self._last.toordinal()
        self.council_days: dict[dt.date, str] = dict(sorted((council_days or {}).items()))
        for day in self.council_days:
            self._check_in_range(day)
        self.holidays: dict[dt.date, str] = {**national}
        for day, name in self.council_days.items():
            self.holidays.setdefault(day, name)  # a bank holiday keeps its own name
        self._holiday_ordinals = frozenset(day.toordinal() for day in self.holidays)
        first, last = self._first.toordinal(), self._last.toordinal()
        self._working: list[int] = [
            ordinal
            for ordinal in range(first, last + 1)
            if ordinal not in self._holiday_ordinals and (ordinal - 1) % 7 < 5
        ]
        self._busdaycal = np.busdaycalendar(
            weekmask="1111100", holidays=np.array(sorted(self.holidays), dtype="datetime64[D]")
        )

    def __repr__(self) -> str:
        return f"WorkingCalendar(council_days={len(self.council_days)})"

    def in_nation(self, nation: str) -> WorkingCalendar:
        """The same council's days in `nation`'s working days (a complaint moved into another nation's procedure).

        Built once per calendar and nation, and kept: the council's calendar is shared by every replay.
        """
        if nation == self.nation:
            return self
        if nation not in self._in_nations:
            self._in_nations[nation] = WorkingCalendar(self.council_days, nation=nation)
        return self._in_nations[nation]

    # Single dates -------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        """True when `day` counts towards a statutory time limit."""
        self._check_in_range(day)
        return day.weekday() < 5 and day not in self.holidays

    def why_not_working(self, day: dt.date) -> str | None:
        """The reason `day` is not a working day (weekend, bank holiday's name, council day), or None."""
        if day in self.holidays:
            name = self.holidays[day]
            is_council_only = day in self.council_days and day not in bank_holidays(self.nation)
            return f"{name} (council day)" if is_council_only else name
        return _WEEKEND.get(day.weekday())

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`th working day after `start` (`start` itself is day 0, whatever kind of day)."""
        if count < 0:
            raise CalendarError(f"a number of working days cannot be negative ({count})")
        ordinal = start.toordinal()
        if not self._first_ordinal <= ordinal <= self._last_ordinal:
            self._check_in_range(start)
        if count == 0:
            return start
        index = bisect.bisect_right(self._working, ordinal) + count - 1
        if index >= len(self._working):
            raise CalendarError(f"the deadline falls after {LAST_YEAR}, beyond the calendar")
        return dt.date.fromordinal(self._working[index])

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after `start`, up to and including `end` (0 if end <= start)."""
        first, last = start.toordinal(), end.toordinal()
        if not (self._first_ordinal <= first <= self._last_ordinal and self._first_ordinal <= last <= self._last_ordinal):
            self._check_in_range(start)
            self._check_in_range(end)
        if last <= first:
            return 0
        return bisect.bisect_right(self._working, last) - bisect.bisect_right(self._working, first)

    def non_working_days(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """The non-working days after `start` up to and including `end`, oldest first."""
        days = []
        day = start + dt.timedelta(days=1)
        while day <= end:
            reason = self.why_not_working(day)
            if reason is not None:
                days.append(NonWorkingDay(day, reason))
            day += dt.timedelta(days=1)
        return days

    def holidays_between(self, start: dt.date, end: dt.date) -> list[NonWorkingDay]:
        """Bank holidays and council days from `start` to `end` inclusive, weekends left out."""
        return [
            NonWorkingDay(day, self.why_not_working(day) or name)
            for day, name in sorted(self.holidays.items())
            if start <= day <= end
        ]

    # Many dates at once -------------------------------------------------------------------------

    def add_working_days_bulk(
        self, starts: npt.ArrayLike, counts: npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """`add_working_days` for arrays of start dates and counts (numpy; for dashboards and reports).

        `starts` is anything numpy reads as `datetime64[D]` (dates, ISO strings, or a datetime64
        array); `counts` an integer or an array of the same length.
        """
        start_days = np.asarray(starts, dtype="datetime64[D]")
        count_array = np.asarray(counts, dtype=np.int64)
        if np.any(count_array < 0):
            raise CalendarError("a number of working days cannot be negative")
        if start_days.size and (
            start_days.min() < np.datetime64(self._first) or start_days.max() > np.datetime64(self._last)
        ):
            raise CalendarError(f"a start date is outside the calendar ({FIRST_YEAR} to {LAST_YEAR})")
        offset = np.busday_offset(start_days, count_array, roll="backward", busdaycal=self._busdaycal)
        # Day 0 is the start day itself, even when it is not a working day (numpy would roll it back).
        result: npt.NDArray[np.datetime64] = np.where(count_array == 0, start_days, offset)
        return result

    def working_days_after_bulk(
        self, starts: npt.ArrayLike, ends: npt.ArrayLike
    ) -> npt.NDArray[np.int64]:
        """`working_days_after` for arrays: working days after each start up to and including each end."""
        start_days = np.asarray(starts, dtype="datetime64[D]")
        end_days = np.asarray(ends, dtype="datetime64[D]")
        counted = np.busday_count(
            start_days + np.timedelta64(1, "D"), end_days + np.timedelta64(1, "D"), busdaycal=self._busdaycal
        )
        result: npt.NDArray[np.int64] = np.maximum(counted, 0).astype(np.int64)
        return result

    def _check_in_range(self, day: dt.date) -> None:
        if not self._first <= day <= self._last:
            raise CalendarError(
                f"{day.isoformat()} is outside the calendar, which covers {FIRST_YEAR} to {LAST_YEAR}"
            )


@lru_cache(maxsize=len(NATIONS))
def default_calendar(nation: str = "england") -> WorkingCalendar:
    """A nation's working days with no council days added (shared, built once per nation)."""
    return WorkingCalendar(nation=nation)


def calendar_with(council_days: Iterable[tuple[dt.date, str]]) -> WorkingCalendar:
    """A calendar with a council's own days added; the default calendar when it has none."""
    days = dict(council_days)
    return WorkingCalendar(days) if days else default_calendar()
