"""Repeated failed sign-ins: slowed, then locked, per account and per address (django-axes).

django-axes counts each failure in the database (`AccessAttempt`, one row per account, address and
browser). After `SIGN_IN_SLOW_AFTER` failures for an account or from an address, each further try
must wait `SIGN_IN_SLOW_SECONDS` after the last failure, and is refused without the password being
checked until then; after `AXES_FAILURE_LIMIT` the account or the address is locked for
`AXES_COOLOFF_TIME`, or until a complaints manager unlocks it on People. A success clears the
account's count.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from redress.councils.models import Council, User
from redress.councils.people import _audit, _check_manager


class ThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """django-axes' lock, for sign-ins through a page (which always pass the request).

    `authenticate` without a request (the test client's `login`, a management command) is not a
    sign-in from a browser: there is no address to count, so it is let through to the other backends.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is not None:
            super().authenticate(request, username, password, **kwargs)  # raises when locked
        return None


def locked_response(request: HttpRequest, response: HttpResponse, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a locked sign-in: the page already rendered, which says so, with 429."""
    response.status_code = 429
    return response


def client_address(request: HttpRequest) -> str | None:
    """The address a sign-in came from: behind the TLS proxy, the one it added to X-Forwarded-For."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def _recent(now: dt.datetime) -> QuerySet[Any]:
    rows: QuerySet[Any] = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    return rows


def sign_in_wait(*, email: str, address: str | None, now: dt.datetime | None = None) -> int:
    """Seconds to wait before the next try for this account or from this address (0: try now)."""
    now = now or timezone.now()
    recent = _recent(now)
    waits = [0]
    for rows in (recent.filter(username=email.lower()), recent.filter(ip_address=address) if address else None):
        if rows is None:
            continue
        totals = rows.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        failures, last = totals["failures"] or 0, totals["last"]
        if failures >= settings.SIGN_IN_SLOW_AFTER and last is not None:
            waits.append(math.ceil(settings.SIGN_IN_SLOW_SECONDS - (now - last).total_seconds()))
    return max(waits)


def locked_until(*, email: str, address: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the lock on this account or address ends, if either is locked."""
    now = now or timezone.now()
    recent = _recent(now)
    ends = []
    for condition in (Q(username=email.lower()), Q(ip_address=address) if address else None):
        if condition is None:
            continue
        totals = recent.filter(condition).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if (totals["failures"] or 0) >= settings.AXES_FAILURE_LIMIT and totals["last"] is not None:
            ends.append(totals["last"] + settings.AXES_COOLOFF_TIME)
    return max(ends) if ends else None


@dataclass(frozen=True)
class FailedSignIns:
    """Failed sign-ins to one of the council's accounts from one address, for the People page."""

    person: User
    address: str | None
    failures: int
    last_at: dt.datetime
    locked: bool


def failed_sign_ins(council: Council, now: dt.datetime | None = None) -> list[FailedSignIns]:
    """Recent failed sign-ins to the council's people, newest first; locked ones say so."""
    now = now or timezone.now()
    people = {user.email: user for user in User.objects.filter(council=council)}
    rows = list(_recent(now).filter(username__in=list(people)).order_by("-attempt_time"))
    by_account: dict[str, int] = {}
    for row in rows:
        by_account[row.username] = by_account.get(row.username, 0) + row.failures_since_start
    limit = settings.AXES_FAILURE_LIMIT
    return [
        FailedSignIns(person=people[row.username], address=row.ip_address, failures=row.failures_since_start,
                      last_at=row.attempt_time,
                      locked=by_account[row.username] >= limit or locked_until(email="", address=row.ip_address, now=now) is not None)
        for row in rows
    ]


def person_sign_in_unlock(*, council: Council, by: User, person: User) -> int:
    """A complaints manager clears someone's failed sign-ins, and those of the addresses they came from.

    Audited; returns how many records were cleared.
    """
    _check_manager(by, council)
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council")
    addresses = sorted({a for a in AccessAttempt.objects.filter(username=person.email).values_list("ip_address", flat=True) if a})
    with transaction.atomic():
        cleared = int(reset(username=person.email))
        for address in addresses:
            cleared += int(reset(ip=address))
        _audit(council, by, "user.sign-in-unlocked", person, {"addresses": addresses, "cleared": cleared})
    return cleared

