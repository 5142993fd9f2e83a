"""A database too busy to take a write, or gone away: answer 503 with Retry-After, never a 500.

SQLite lets one writer in at a time; a request that still cannot have the lock after the
connection's timeout gets "Service unavailable" and is asked to try again shortly. A database that
cannot be reached (stopped, restarting, the network down), before or during a request, gets a 503
saying so (`server_error`, the 500 handler, sees errors raised in middleware too). Django drops a
connection that failed, so the next request connects afresh.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

RETRY_AFTER_SECONDS = 5
BUSY = "The database is busy with other changes. Nothing was saved. Try again in a few seconds."
UNAVAILABLE = "The service cannot reach its database just now, so nothing was saved. Try again in a minute."


def database_busy(error: BaseException | None) -> bool:
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


def database_unavailable(error: BaseException | None) -> bool:
    """Whether the error is the database gone away: a connection refused, dropped or closed."""
    return isinstance(error, OperationalError | InterfaceError) and not database_busy(error)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that is busy or unreachable is a 503 (JSON under /api/); anything else a 500."""
    error = sys.exc_info()[1]
    if database_busy(error):
        if request.path.startswith("/api/"):
            return busy_json_response()
        return _page(503, "Sorry, the service is busy", BUSY)
    if not database_unavailable(error):
        return defaults.server_error(request)
    if request.path == "/healthz":  # failed before the view could answer (a session cookie was sent)
        return JsonResponse({"status": "unavailable", "database": "unavailable", "task_worker": "unknown",
                             "task_worker_last_run": None},
                            status=503)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"message": UNAVAILABLE, "code": "database-unavailable"}, status=503)
    else:
        response = _page(503, "Sorry, the service is unavailable", UNAVAILABLE)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS * 6)
    return response


def _page(status: int, title: str, message: str) -> HttpResponse:
    """A page that needs no database (no request context: no session, no user)."""
    body = render_to_string("503.html", {"title": title, "message": message})
    response = HttpResponse(body, status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
