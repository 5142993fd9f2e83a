"""Everything under /api/ answers in JSON `{"message", "code"}`, even before a view runs or when none matches.

The API's own errors come from its exception handlers (redress/api/main.py). This middleware adds
what happens outside them: a body over the limit (413, refused before it is read), JSON nested deeper
than REDRESS_MAX_JSON_DEPTH (422, refused before it is parsed), a NUL character
in the address or query (422: PostgreSQL cannot hold one), a URL no endpoint has (404), and an
error nothing else handled (500, which Django logs), each as JSON rather than an HTML page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"
SERVER_ERROR = "Something went wrong on our side. Try again later."


def api_error(message: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"message": message, "code": code}, status=status)


UPLOAD_PATH = re.compile(r"^/api/v1/complaints/[^/]+/documents$")
UPLOAD_ROOM = 64 * 1024
"""Beyond the file itself, what a multipart upload's other fields and boundaries may take."""


def _most_bytes(request: HttpRequest) -> int:
    """The largest body: a document upload may carry a file up to REDRESS_MAX_UPLOAD_BYTES; anything else, the body limit."""
    if request.method == "POST" and UPLOAD_PATH.match(request.path):
        return max(settings.REDRESS_MAX_BODY_BYTES, settings.REDRESS_MAX_UPLOAD_BYTES + UPLOAD_ROOM)
    return int(settings.REDRESS_MAX_BODY_BYTES)


def _too_large(size: int | None, most: int | None = None) -> JsonResponse:
    most = most or settings.REDRESS_MAX_BODY_BYTES
    told = f"The request body is {size:,} bytes; the" if size is not None else "The request body is too large; the"
    return api_error(f"{told} most Redress accepts is {most:,} bytes", "too-large", 413)


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(body: bytes, *, most: int) -> int:
    """How deeply the JSON text nests arrays and objects, counting up to `most` + 1 and no further.

    Brackets inside strings do not count. The text need not be valid JSON: parsing judges that.
    """
    depth = deepest = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub(b"", body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > deepest:
            deepest = depth
            if deepest > most:
                break
    return deepest


def _too_deep(request: HttpRequest) -> JsonResponse | None:
    if "json" not in (request.content_type or "") or request.method not in {"POST", "PUT", "PATCH"}:
        return None
    most = settings.REDRESS_MAX_JSON_DEPTH
    try:
        body = request.body
    except RequestDataTooBig:
        return _too_large(None)
    if json_depth(body, most=most) > most:
        return api_error(f"The JSON body nests arrays and objects more than {most} levels deep; "
                         f"the most Redress accepts is {most}", "too-deep", 422)
    return None


def _refusal(request: HttpRequest) -> JsonResponse | None:
    """The answer to a request refused before any view reads it, or None."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    try:
        size = int(raw)
    except ValueError:
        return api_error(f"Content-Length must be a number of bytes, not {raw!r}", "bad-request", 400)
    most = _most_bytes(request)
    if size > most:
        return _too_large(size, most)
    if "\x00" in request.path:
        return api_error("The address contains a NUL character (%00); remove it", "nul-character", 422)
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            shown = name.replace("\x00", "\\u0000")
            return api_error(f"{shown}: must not contain a NUL character (%00); remove it", "nul-character", 422)
    return _too_deep(request)


def _as_json(response: HttpResponse) -> HttpResponse:
    """An error answer that is not JSON (Django's 404 page, a 405) as `{"message", "code"}`, same status and headers."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
        return response
    try:
        phrase = HTTPStatus(response.status_code).phrase
    except ValueError:
        phrase = "Error"
    code = "server-error" if response.status_code == 500 else phrase.lower().replace(" ", "-")
    message = SERVER_ERROR if response.status_code == 500 else phrase.capitalize()
    answer = api_error(message, code, response.status_code)
    for header, value in response.headers.items():
        if header.lower() not in {"content-type", "content-length"}:
            answer.headers[header] = value
    return answer


class ApiErrorsMiddleware:
    """Under /api/ only: refuse early what no view should read, and give every error as JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        return _as_json(_refusal(request) or self.get_response(request))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A body Django would not read is a 413; anything else Django answers (and logs), then made JSON."""
        if request.path.startswith(API_PREFIX) and isinstance(exception, RequestDataTooBig):
            return _too_large(None)
        return None
