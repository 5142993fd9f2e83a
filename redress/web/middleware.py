"""Security headers Django's own middleware does not set."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Open to anyone, signed in or not, at every step of signing in.
ALWAYS_OPEN = ("/static/", "/api/", "/healthz", "/sign-in/sso/")


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and cross-origin headers, and stops caching of signed-in pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class PasswordChangeRequiredMiddleware:
    """Someone signed in with a one-time password sees only the password page until they change it.

    Signing out, the second-factor steps (which come first), the health check, static files and the API
    (which signs in by token) stay open.
    """

    OPEN_PREFIXES = ALWAYS_OPEN

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "must_change_password", False):
            open_paths = {reverse("account:password"), reverse("web:sign-out"),
                          reverse("web:two-factor"), reverse("web:two-factor-setup")}
            if request.path not in open_paths and not request.path.startswith(self.OPEN_PREFIXES):
                return redirect("account:password")
        return self.get_response(request)


SIGNED_IN_BY = "redress_signed_in_by"  # "password" or "oidc", set at sign-in


class SecondFactorRequiredMiddleware:
    """Someone signed in with a password reaches nothing but the second-factor pages until they pass it.

    They set up an authenticator app at their first sign-in, and give a code from it (or a recovery
    code) at every sign-in after. A single sign-on through the identity provider counts as passed
    unless settings.OIDC_REQUIRES_SECOND_FACTOR. The API (bearer tokens), static files and the health
    check are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not second_factor_satisfied(request):
            steps = {reverse("web:two-factor"), reverse("web:two-factor-setup"), reverse("web:sign-out")}
            if request.path not in steps and not request.path.startswith(ALWAYS_OPEN):
                from redress.councils.second_factor import enrolled

                step = reverse("web:two-factor" if enrolled(user) else "web:two-factor-setup")
                if request.method == "GET" and request.path != "/":
                    step += "?" + urlencode({"next": request.get_full_path()})
                return redirect(step)
        return self.get_response(request)


def second_factor_satisfied(request: HttpRequest) -> bool:
    """True when this session has passed the second factor, or signed in by single sign-on that stands in for it."""
    user = request.user
    if getattr(user, "is_verified", None) is not None and user.is_verified():  # type: ignore[union-attr]
        return True
    return request.session.get(SIGNED_IN_BY) == "oidc" and not settings.OIDC_REQUIRES_SECOND_FACTOR


class IdleSessionMiddleware:
    """A session ends SESSION_IDLE_MINUTES after its last request.

    The session's expiry is pushed back at most once a minute (by touching a timestamp in it), so a
    run of requests costs one session write a minute rather than one each.
    """

    KEY = "redress_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            minute = int(time.time() // 60)
            if session.get(self.KEY) != minute:
                session[self.KEY] = minute
        return self.get_response(request)
