"""The Jinja2 environment for the few partials that render a long list (a caseload page's rows, a timeline).

Django's own template language costs about 10 µs a variable here; a caseload page of 50 rows and its
select boxes printed some 900 of them, a third of the page's time. Jinja2 compiles each template to
Python, about 30 times faster, so the hot loops are Jinja2 partials, included from the Django
templates with `{% jinja "complaints/_caseload_rows.html" rows=rows %}` (`redress.web.templatetags.jinja`).
Everything else stays in Django's templates. The partials autoescape what they print, and have
the same filters by the same names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from jinja2 import Environment

from redress.complaints.templatetags import casework, corrections
from redress.web.links import links_to


def pluralize(count: int, suffix: str = "s") -> str:
    """'s' unless `count` is 1, as Django's filter of that name."""
    return "" if count == 1 else suffix


def short_date(value: dt.datetime | None) -> str:
    """A moment as its date in the local time zone, '1 Jul 2024' (Django's `date:"j M Y"`, without its cost)."""
    if not value:
        return ""
    day = timezone.localtime(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def capfirst(value: object) -> str:
    """The first letter a capital, the rest as they are (Django's filter of that name)."""
    text = str(value)
    return text[:1].upper() + text[1:]


def environment(**options: Any) -> Environment:
    # Autoescaped by markupsafe, which writes an apostrophe &#39; where Django writes &#x27; (the same
    # character). Escaping as Django does, through `finalize`, cost 2.5 ms a caseload page.
    env = Environment(**options)
    env.globals.update(links_to=links_to)
    env.filters.update(
        day=casework.day, tag_class=casework.tag_class, humanise=casework.humanise, pluralize=pluralize, capfirst=capfirst,
        short_date=short_date, correction_of=corrections.correction_of, recorded_by_at=corrections.recorded_by_at,
        recorded_on_at=corrections.recorded_on_at,
    )
    return env
