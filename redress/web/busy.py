"""A database too busy to take a write: answer 503 with Retry-After, never a 500.

SQLite lets one writer in at a time; a request that still cannot have the lock after the
connection's timeout gets "Service unavailable" and is asked to try again shortly.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 5
BUSY = "The database is busy with other changes. Nothing was saved. Try again in a few seconds."


def database_busy(error: BaseException) -> bool:
    """Whether the error is a database lock that could not be had in time (SQLite's "database is locked")."""
    return isinstance(error, OperationalError) and "is locked" in str(error)


def busy_json_response() -> HttpResponse:
    response = JsonResponse({"message": BUSY, "code": "busy"}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns a database lock that could not be had into a 503 page (or JSON under /api/) with Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not database_busy(exception):
            return None
        if request.path.startswith("/api/"):
            return busy_json_response()
        try:
            body: str = render_to_string("web/busy.html", {"message": BUSY}, request=request)
        except Exception:  # the page itself may need the database: say it plainly instead
            body = f"<!DOCTYPE html><title>Sorry, the service is busy</title><p>{BUSY}</p>"
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
