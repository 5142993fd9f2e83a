"""API tokens: made with `secrets`, stored as SHA-256 hashes, compared by hash lookup."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from redress.councils.models import ApiToken, AuditEntry, User

TOKEN_PREFIX = "rdr_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: User, name: str = "", by: User | None = None) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns the stored record and the token itself (shown only now)."""
    if user.council_id is None:
        from redress.councils.errors import DomainError

        raise DomainError(f"{user.email} belongs to no council, so cannot use the API", code="no-council")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=_hash(token))
        AuditEntry.objects.create(
            council_id=user.council_id,
            actor=by or user,
            action="api-token.created",
            object_type="api-token",
            object_id=str(record.pk),
            data={"user": user.email, "name": name, "prefix": record.prefix},
        )
    return record, token


def api_token_user(token: str) -> User | None:
    """The active user a token belongs to, or None for an unknown, revoked or council-less token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    record = (
        ApiToken.objects.select_related("user", "user__council")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None or record.user.council_id is None:
        return None
    now = timezone.now()
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
