"""Reads about councils: their people and their working-day calendar."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from redress.core.calendar import WorkingCalendar, default_calendar
from redress.councils.models import Council


@lru_cache(maxsize=64)
def _calendar_for(days: tuple[tuple[dt.date, str], ...]) -> WorkingCalendar:
    return WorkingCalendar(dict(days)) if days else default_calendar()


def council_calendar(council: Council) -> WorkingCalendar:
    """England and Wales working days plus the council's own days, as they stand now.

    One small query each call; the calendar itself is cached on the exact set of days, so adding
    or removing a day gives a new calendar at once and every deadline moves.
    """
    days = tuple(council.holidays.order_by("day").values_list("day", "name"))
    return _calendar_for(days)
