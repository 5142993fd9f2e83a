"""The project's URL map, walked: every route as written (`/complaints/<int:complaint_id>/`), so that a test
over every page (the sign-in wall, the tenancy matrix) takes in a page added later without being told."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield "/" + route.lstrip("^").rstrip("$")


def routes() -> list[str]:
    """Every route of the project, once each, sorted."""
    return sorted(set(_walk(get_resolver().url_patterns)))
