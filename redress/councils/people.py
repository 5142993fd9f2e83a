"""Writes to a council's people: adding someone, changing their role, switching their access off and on,
resetting a password; and anyone changing their own password.

Only a complaints manager of the same council may do these; each writes its audit entry in the same
transaction. A council always keeps at least one active complaints manager, so nobody can lock the
council out of its own bank holidays and people.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from redress.councils.audit import audit_record
from redress.councils.errors import DomainError
from redress.councils.models import Council, Role, User
from redress.councils.tokens import api_tokens_revoke_all

PASSWORD_WORDS = 4
# Someone appointed to complaints gets their account from the register (redress/people), not from here.
STAFF = (Role.MANAGER, Role.OFFICER, Role.READ_ONLY)
# The same words whoever holds the address, here or in another council: it must not tell who has an account.
EMAIL_UNUSABLE = "That email address cannot be used: enter a different one"


def _check_manager(by: User, council: Council) -> None:
    if not by.is_manager or by.council_id != council.pk:
        raise PermissionDenied("Only a complaints manager of this council can manage its people")


def _audit(council: Council, by: User, action: str, person: User, data: dict[str, object]) -> None:
    audit_record(
        council=council, actor=by, action=action, object_type="user", object_id=str(person.pk), data=data
    )


def temporary_password() -> str:
    """A one-time password for a new account: random, 20 characters, easy to read out."""
    return "-".join(secrets.token_urlsafe(4).replace("_", "x").replace("-", "y")[:5] for _ in range(PASSWORD_WORDS))


def person_add(*, council: Council, by: User, email: str, first_name: str, last_name: str, role: str) -> tuple[User, str]:
    """Add someone to the council with a temporary password (returned once, never stored in clear)."""
    _check_manager(by, council)
    email = email.strip().lower()
    if role not in Role.values or role == Role.APPOINTED:
        raise DomainError(f"Choose a role: {', '.join(str(r.label) for r in STAFF)}", code="bad-role")
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(EMAIL_UNUSABLE, code="email-unusable")
    password = temporary_password()
    with transaction.atomic():
        person = User.objects.create_user(
            email, password, council=council, role=role, first_name=first_name.strip(), last_name=last_name.strip(),
            must_change_password=True, one_time_password_expires_at=_one_time_password_expiry(),
        )
        _audit(council, by, "user.added", person, {"email": email, "role": role})
    return person, password


def _one_time_password_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.ONE_TIME_PASSWORD_DAYS)


def person_password_reset(*, council: Council, by: User, person: User) -> str:
    """Give someone a new one-time password (returned once): it expires, and must be changed at sign-in.

    Their old password stops working at once, and so do their signed-in sessions.
    """
    _check_manager(by, council)
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council")
    password = temporary_password()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        locked.set_password(password)
        locked.must_change_password = True
        locked.one_time_password_expires_at = _one_time_password_expiry()
        locked.save(update_fields=["password", "must_change_password", "one_time_password_expires_at"])
        _audit(council, by, "user.password-reset", locked,
               {"expires_at": locked.one_time_password_expires_at.isoformat()})
    return password


def person_password_change(*, user: User, current_password: str, new_password: str) -> User:
    """Someone changes their own password (the form has checked the new one against the password rules)."""
    if user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    if not user.check_password(current_password):
        raise DomainError("Your current password is not right", code="wrong-password")
    if new_password == current_password:
        raise DomainError("Your new password must be different from your current password", code="same-password")
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.one_time_password_expires_at = None
        user.save(update_fields=["password", "must_change_password", "one_time_password_expires_at"])
        _audit(user.council, user, "user.password-changed", user, {})
    return user


def person_update(*, council: Council, by: User, person: User, role: str, active: bool) -> User:
    """Change someone's role or switch their access off (revoking their API tokens) or on."""
    _check_manager(by, council)
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council")
    if role not in Role.values or role == Role.APPOINTED:
        raise DomainError(f"Choose a role: {', '.join(str(r.label) for r in STAFF)}", code="bad-role")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        losing_manager = locked.role == Role.MANAGER and locked.is_active and (role != Role.MANAGER or not active)
        if losing_manager:
            others = User.objects.filter(council=council, role=Role.MANAGER, is_active=True).exclude(pk=locked.pk)
            if not others.exists():
                raise DomainError(
                    "The council needs at least one active complaints manager: make someone else a manager first",
                    code="last-manager",
                )
        before = {"role": locked.role, "active": locked.is_active}
        changes: dict[str, object] = {k: v for k, v in {"role": role, "active": active}.items() if v != before[k]}
        if not changes:
            return locked
        locked.role, locked.is_active = role, active
        locked.save(update_fields=["role", "is_active"])
        if changes.get("active") is False:
            # Switched off means every token too: switching back on must not revive them.
            changes["api_tokens_revoked"] = api_tokens_revoke_all(locked)
        _audit(council, by, "user.changed", locked, changes)
    return locked


def people_of(council: Council) -> list[User]:
    """Everyone in `council`, managers first."""
    order = {Role.MANAGER: 0, Role.OFFICER: 1, Role.READ_ONLY: 2}
    return sorted(User.objects.filter(council=council), key=lambda u: (not u.is_active, order.get(Role(u.role), 3), u.email))
