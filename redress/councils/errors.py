"""The one small exception hierarchy for domain errors.

A DomainError carries the message a person sees and a short code. The edges turn it into a form
error, an API answer `{"message", "code"}` with a 4xx status, or a one-line CLI error.
"""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse. Nothing was changed."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ConflictError(DomainError):
    """Someone else changed the record first; reload and try again."""

    status = 409
