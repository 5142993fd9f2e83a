"""The second factor (django-otp): an authenticator app's six-digit codes (TOTP), and recovery codes.

Every council user enrols at first sign-in: Redress makes a secret, shows it as a QR code (inline
SVG, so the strict CSP needs nothing more) and as text, and confirms the app with one of its codes.
Then it makes `RECOVERY_CODES` single-use recovery codes (django-otp's static device), shown once.
A complaints manager can reset someone's second factor: they enrol again at their next sign-in, and
any session they have stops counting as verified at its next request. Each write is audited.
"""

from __future__ import annotations

import base64

import django_otp
import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.councils.models import Council, User
from redress.councils.people import _audit, _check_manager

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def enrolled(user: User) -> bool:
    """True once the person has confirmed an authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def totp_device_pending(user: User) -> TOTPDevice:
    """The unconfirmed app device being set up (made with a new secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in (base32, in groups of four)."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no style attributes, no script)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=4, border=2, dark="#0b0c0c", light="#ffffff", title="QR code for your authenticator app"))


def _recovery_codes_make(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_confirm(*, request: HttpRequest, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with one of its codes: marks this session verified and returns new recovery codes.

    None when the code is not right (nothing changes but django-otp's count of failed tries).
    """
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied("That is not the authenticator app you are setting up")
    if not device.verify_token(code.replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_make(user)
        assert user.council is not None
        _audit(user.council, user, "user.second-factor-enrolled", user, {"recovery_codes": len(codes)})
    second_factor_passed(request, device)
    return codes


def second_factor_verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the app, or a recovery code (used up by this); on success the session is verified."""
    code = code.replace(" ", "").replace("-", "")
    # Six digits are the app's; anything else a recovery code (so a recovery code is never counted as
    # a wrong app code, which would make the next app code wait).
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in kind.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                break
        else:
            return False
        if isinstance(device, StaticDevice) and user.council is not None:
            left = StaticToken.objects.filter(device=device).count()
            _audit(user.council, user, "user.recovery-code-used", user, {"recovery_codes_left": left})
    second_factor_passed(request, device)
    return True


def second_factor_passed(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """Mark the session verified by `device`, under a new session id (a step up in what it may do)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def throttled_seconds(user: User, device: TOTPDevice | None = None) -> int:
    """Seconds before the app's next code can be checked, after wrong ones (django-otp doubles the wait)."""
    device = device or TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or device.throttling_failure_timestamp is None:
        return 0
    required = min(device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1), 3600)
    return max(1, int(required - (timezone.now() - device.throttling_failure_timestamp).total_seconds()))


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def recovery_codes_replace(*, user: User) -> list[str]:
    """New recovery codes for the signed-in, verified person; the old ones stop working. Audited."""
    assert user.council is not None
    with transaction.atomic():
        codes = _recovery_codes_make(user)
        _audit(user.council, user, "user.recovery-codes-replaced", user, {"recovery_codes": len(codes)})
    return codes


def person_second_factor_reset(*, council: Council, by: User, person: User) -> int:
    """A complaints manager removes someone's app and recovery codes: they enrol again at next sign-in."""
    _check_manager(by, council)
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council")
    with transaction.atomic():
        removed = int(TOTPDevice.objects.filter(user=person).delete()[0])
        StaticDevice.objects.filter(user=person).delete()
        _audit(council, by, "user.second-factor-reset", person, {"apps_removed": removed})
    return removed
