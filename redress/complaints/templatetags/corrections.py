"""Template filters for corrections on the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils import timezone

from redress.core.engine import Correction, Report

register = template.Library()


@register.filter
def correction_of(report: Report, sequence: int) -> Correction | None:
    """The correction that put the event at `sequence` right, if any."""
    return next((c for c in report.corrections if c.event == sequence), None)


@register.filter
def recorded_by_at(events: Sequence[Any], sequence: int) -> Any:
    """Who recorded the event at `sequence` (None for an import)."""
    return next((e.recorded_by for e in events if e.sequence == sequence), None)


@register.filter
def recorded_on_at(events: Sequence[Any], sequence: int) -> Any:
    """The day the event at `sequence` was recorded (a correction's date in the history may be earlier)."""
    recorded = next((e.recorded_at for e in events if e.sequence == sequence), None)
    return timezone.localdate(recorded) if recorded else None
