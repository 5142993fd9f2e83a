"""Security headers Django's own middleware does not set."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


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

    Signing out, the health check, static files and the API (which signs in by token) stay open.
    """

    OPEN_PREFIXES = ("/static/", "/api/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "must_change_password", False):
            open_paths = {reverse("account:password"), reverse("web:sign-out")}
            if request.path not in open_paths and not request.path.startswith(self.OPEN_PREFIXES):
                return redirect("account:password")
        return self.get_response(request)
