"""The input limits of the settings (`REDRESS_MAX_*`) as the core's `Limits`, for every surface that takes input."""

from __future__ import annotations

from django.conf import settings

from redress.core.events import Limits


def input_limits() -> Limits:
    """What one complaint's input may hold: read from the settings each time, so tests may change them."""
    return Limits(
        events=settings.REDRESS_MAX_EVENTS_PER_COMPLAINT,
        points=settings.REDRESS_MAX_POINTS,
        text=settings.REDRESS_MAX_TEXT_LENGTH,
        body_bytes=settings.REDRESS_MAX_BODY_BYTES,
    )
