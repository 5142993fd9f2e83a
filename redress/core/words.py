"""How warnings and refusals write dates and counts."""

from __future__ import annotations

import datetime as dt

_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: dt.date) -> str:
    """'26 Feb 2018', as warning messages write dates."""
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
