"""The API instance: one router per app, one error shape `{"message": ..., "code": ...}` for every 4xx."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from redress.api.auth import BearerToken
from redress.api.complaints import router as complaints_router
from redress.api.docs import LocalSwagger
from redress.api.documents import router as documents_router
from redress.api.event_models import document_bodies
from redress.councils.errors import DomainError
from redress.decisions.api import router as decisions_router
from redress.people.api import router as register_router
from redress.web.busy import busy_json_response, database_busy


class RedressAPI(NinjaAPI):
    """The API, whose schema documents each write's body from the event vocabulary (`event_models`)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        prefix = path_prefix if path_prefix is not None else self.get_root_path(path_params or {})
        return document_bodies(schema, prefix)


api = RedressAPI(
    title="Redress API",
    version="1",
    description=(
        "Complaints under the children's statutory procedure, as histories of dated events "
        "(the vocabulary of SCENARIOS.md). Every call is scoped to the council of the token's user. "
        "Errors answer `{\"message\": ..., \"code\": ...}`."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs=LocalSwagger(),
)


def _error(request: HttpRequest, message: str, code: str, status: int) -> HttpResponse:
    return api.create_response(request, {"message": message, "code": code}, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.message, exc.code, exc.status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, "Not found", "not-found", 404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "You do not have permission to do that", "forbidden", 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Send a valid API token: Authorization: Bearer <token>", "unauthenticated", 401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors[:5]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in {"body", "query", "path"})
        problems.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return _error(request, "; ".join(problems) or "The request is not valid", "invalid-request", 422)


@api.exception_handler(OperationalError)
def database_error(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """A lock that could not be had in time is a 503 with Retry-After; anything else stays an error."""
    if database_busy(exc):
        return busy_json_response()
    raise exc


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), "bad-request" if exc.status_code == 400 else "error", exc.status_code)


api.add_router("/complaints", complaints_router, tags=["complaints"])
api.add_router("/complaints", documents_router, tags=["documents"])
api.add_router("/decisions", decisions_router, tags=["decisions"])
api.add_router("/register", register_router, tags=["register"])
