"""Template filters for the casework pages."""

from __future__ import annotations

import datetime as dt

from django import template

from redress.core.clocks import format_date

register = template.Library()

FINDING_LABELS = {"upheld": "Upheld", "partly-upheld": "Partly upheld", "not-upheld": "Not upheld", "not-investigated": "Not investigated"}
STATUS_TAGS = {
    "running": "govuk-tag--blue", "met": "govuk-tag--green", "late": "govuk-tag--orange", "overdue": "govuk-tag--red",
    "paused": "govuk-tag--grey", "stopped": "govuk-tag--grey", "open": "govuk-tag--blue", "done": "govuk-tag--green",
    "fault": "govuk-tag--red", "risk": "govuk-tag--orange", "info": "govuk-tag--light-blue",
    "red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green", "grey": "govuk-tag--grey", "blue": "govuk-tag--blue",
}


@register.filter
def day(value: dt.date | str | None) -> str:
    """A date as 'Mon 26 Feb 2018'."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return format_date(value)


@register.filter
def finding(value: str) -> str:
    return FINDING_LABELS.get(value, value or "")


@register.filter
def tag_class(value: str) -> str:
    return STATUS_TAGS.get(value, "govuk-tag--grey")


@register.filter
def humanise(value: str) -> str:
    """'stage2.statement-agreed' -> 'Stage 2 statement agreed'."""
    text = str(value).replace(".", " ").replace("-", " ")
    for n in "123":
        text = text.replace(f"stage{n}", f"Stage {n}")
    return text[:1].upper() + text[1:]


@register.filter
def get(mapping: dict[str, str], key: str) -> str:
    """`mapping[key]`, or "" when it has none: `{{ sources|get:name }}`."""
    return mapping.get(key, "")
