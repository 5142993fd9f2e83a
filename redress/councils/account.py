"""Your account: change your password, and see, make and revoke your own API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from redress.councils import people
from redress.councils.errors import DomainError
from redress.councils.forms import ApiTokenForm, PasswordChangeForm
from redress.councils.models import ApiToken, User
from redress.councils.tokens import api_token_create, api_token_revoke, api_tokens_of


def _account(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.council_id is None:
        raise PermissionDenied("Your account is not linked to a council")
    return user


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change your own password; the one page open to someone who must change a one-time password."""
    user = _account(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.person_password_change(user=user, current_password=form.cleaned_data["current_password"],
                                          new_password=form.cleaned_data["new_password"])
        except DomainError as error:
            form.add_error("current_password" if error.code == "wrong-password" else "new_password", error.message)
        else:
            update_session_auth_hash(request, user)  # stay signed in
            messages.success(request, "Your password has been changed")
            return redirect("web:home")
    return render(request, "councils/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Your API tokens, and a form to make one (shown once, on the page that answers the form)."""
    user = _account(request)
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        record, token = api_token_create(user=user, name=name, by=user)
        return render(request, "councils/api_token_made.html", {"record": record, "token": token})
    now = timezone.now()
    tokens = [(token, token.status(now)) for token in api_tokens_of(user)]
    return render(request, "councils/api_tokens.html", {"form": form, "tokens": tokens, "token_days": settings.API_TOKEN_DAYS})


@login_required
@require_POST
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of your own tokens; anyone else's is not found."""
    user = _account(request)
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404("You have no API token with that id")
    try:
        api_token_revoke(token=token, by=user)
    except DomainError as error:
        messages.info(request, error.message)
    else:
        messages.success(request, f"Token {token.prefix}… revoked: it no longer works")
    return redirect("account:api-tokens")
