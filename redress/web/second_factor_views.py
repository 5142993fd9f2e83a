"""The second step of signing in: set up an authenticator app (first time), or give one of its codes.

Each view validates the code, calls one service in redress.councils.second_factor, and renders.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from redress.councils import second_factor
from redress.councils.models import User
from redress.web.middleware import second_factor_satisfied


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=32, strip=True,
        error_messages={"required": "Enter the code", "max_length": "Enter the code: it is 6 digits, or a recovery code"},
    )


def seconds(count: int) -> str:
    return f"{count} second{'' if count == 1 else 's'}"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """First sign-in: scan the QR code (or type the secret), then enter a code the app shows."""
    user = request.user
    assert isinstance(user, User)
    if second_factor.enrolled(user):
        return redirect("web:two-factor" if not second_factor_satisfied(request) else "web:home")
    device = second_factor.totp_device_pending(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = second_factor.throttled_seconds(user, device)
        codes = None if wait else second_factor.second_factor_confirm(request=request, user=user, device=device,
                                                                     code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "web/recovery_codes.html", {"codes": codes, "next": _next(request), "first": True})
        form.add_error("code", f"Wait {seconds(wait)}, then enter the 6 digits your app shows then" if wait
                       else "The code is not right: enter the 6 digits your app shows now")
    return render(request, "web/two_factor_setup.html", {
        "form": form, "qr_svg": second_factor.qr_svg(device), "secret": second_factor.secret_text(device),
        "next": _next(request),
    })


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Every sign-in after the first: a code from the app, or a recovery code."""
    user = request.user
    assert isinstance(user, User)
    if not second_factor.enrolled(user):
        return redirect("web:two-factor-setup")
    if second_factor_satisfied(request):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        wait = second_factor.throttled_seconds(user)
        if wait:
            form.add_error("code", f"Too many wrong codes: wait {seconds(wait)}, then enter the code your app shows then")
            status = 429
        elif second_factor.second_factor_verify(request=request, user=user, code=form.cleaned_data["code"]):
            return redirect(_next(request))
        else:
            form.add_error("code", "The code is not right: enter the 6 digits your app shows now, or a recovery code")
    return render(request, "web/two_factor.html", {"form": form, "next": _next(request)}, status=status)
