"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from redress.web.middleware import second_factor_satisfied

# The navigation item whose own page each URL name is.
_SECTION_PAGES = {
    "web:home": "home",
    "web:deadlines": "deadlines",
    "web:bank-holidays": "bank-holidays",
    "complaints:caseload": "complaints",
    "people:list": "people",
    "people:procedures": "procedures",
    "register:list": "register",
    "work:home": "work",
}


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    council = getattr(user, "council", None) if user is not None and user.is_authenticated else None
    section, current = _section(request)
    return {
        "service_name": "Redress",
        "current_council": council,
        "nav_section": section,
        "nav_current": current,
        # Between the password and the second factor: no menu, nothing there would open yet.
        "signing_in": council is not None and not second_factor_satisfied(request),
    }


def _section(request: HttpRequest) -> tuple[str | None, bool]:
    """Which navigation item to mark, and whether this page is that item's own page."""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    if view_name in _SECTION_PAGES:
        return _SECTION_PAGES[view_name], True
    if view_name.startswith("web:bank-holiday"):
        return "bank-holidays", False
    for namespace, section in (("complaints:", "complaints"), ("people:", "people"), ("register:", "register"),
                               ("work:", "work")):
        if view_name.startswith(namespace):
            return section, False
    if view_name.startswith("reports:"):
        return "reports", False
    if request.path.startswith("/decisions/"):
        return "decisions", request.path == "/decisions/"
    return None, False
