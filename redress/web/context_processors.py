"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    council = getattr(user, "council", None) if user is not None and user.is_authenticated else None
    return {"service_name": "Redress", "current_council": council}
