"""The one error shape of the API, and the error answers each operation documents in the schema."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    message: str
    code: str


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an operation documents: `statuses`, and those every call may give: 401 (no valid
    token), 422 (a malformed request, a NUL character, JSON nested too deeply), 503 (the database busy or
    unreachable)."""
    return {status: ErrorOut for status in sorted({401, 422, 503, *statuses})}
