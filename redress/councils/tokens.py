"""API tokens: made with `secrets`, stored as SHA-256 hashes, compared by hash lookup.

A token works until it expires (settings.API_TOKEN_DAYS after it was made) or is revoked; switching
a person's access off revokes all of theirs, so switching it back on revives none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from redress.councils.audit import audit_record
from redress.councils.errors import DomainError
from redress.councils.models import ApiToken, User

TOKEN_PREFIX = "rdr_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(record: ApiToken, by: User | None, action: str, **data: object) -> None:
    council_id = record.user.council_id
    if council_id is None:
        raise DomainError(f"{record.user.email} belongs to no council, so cannot use the API", code="no-council")
    audit_record(
        council=council_id,
        actor=by,
        action=action,
        object_type="api-token",
        object_id=str(record.pk),
        data={"user": record.user.email, "name": record.name, "prefix": record.prefix, **data},
    )


def api_token_create(*, user: User, name: str = "", by: User | None = None) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns the stored record and the token itself (shown only now)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)
    with transaction.atomic():
        record = ApiToken.objects.create(
            user=user, name=name.strip(), prefix=token[:10], key_hash=_hash(token), expires_at=expires_at
        )
        _audit(record, by or user, "api-token.created", expires_at=expires_at.isoformat())
    return record, token


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """`user`'s tokens, newest first, revoked and expired ones included."""
    return ApiToken.objects.filter(user=user).select_related("user")


def api_token_revoke(*, token: ApiToken, by: User | None) -> ApiToken:
    """Stop `token` working now. `by` is None when revoked from the command line."""
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked_at is not None:
            raise DomainError(f"Token {locked.prefix}… was already revoked", code="already-revoked")
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        _audit(locked, by, "api-token.revoked")
    return locked


def api_tokens_revoke_all(user: User) -> int:
    """Revoke every live token of `user` (inside the caller's transaction, which writes the audit entry)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_user(token: str) -> User | None:
    """The active user a token belongs to, or None for an unknown, revoked, expired or council-less token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    record = (
        ApiToken.objects.select_related("user", "user__council")
        .filter(key_hash=_hash(token), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if record is None or record.user.council_id is None:
        return None
    if record.last_used_at is None or (now - record.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user
