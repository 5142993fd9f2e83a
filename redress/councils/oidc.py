"""Single sign-on by OpenID Connect (mozilla-django-oidc), for Microsoft Entra ID or any provider.

Set `REDRESS_OIDC_ISSUER` (for Entra ID `https://login.microsoftonline.com/TENANT-ID/v2.0`),
`REDRESS_OIDC_CLIENT_ID` and `REDRESS_OIDC_CLIENT_SECRET`. The provider's endpoints come from its
discovery document, read at the first sign-in and kept for an hour. The ID token must be signed by a
key in the provider's JWKS, be issued by the issuer, name this client as its audience and be in date;
its email (`email`, else `preferred_username`, else `upn`) must be an active person a complaints
manager has added. Nobody is created by signing in. Anything else shows a page saying what went
wrong, and leaves nobody signed in.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from redress.councils.models import User

LOGGER = logging.getLogger(__name__)
DISCOVERY_SECONDS = 3600
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


class SignOnRefused(SuspiciousOperation):
    """Single sign-on refused, with the reason a person is shown."""


def discovery(issuer: str | None = None) -> dict[str, Any]:
    """The provider's discovery document (ISSUER/.well-known/openid-configuration), kept an hour."""
    issuer = issuer or settings.OIDC_ISSUER
    cached = _discovered.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignOnRefused(f"The identity provider could not be reached ({type(error).__name__})") from None
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        raise SignOnRefused("The identity provider's discovery document names a different issuer")
    _discovered[issuer] = (time.monotonic() + DISCOVERY_SECONDS, document)
    return document


def oidc_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, with the endpoints taken from discovery."""
    if attr in _ENDPOINTS:
        return discovery().get(_ENDPOINTS[attr]) or (default[0] if default else "")
    return import_from_settings(attr, *default)


def email_of(claims: dict[str, Any]) -> str:
    for name in settings.OIDC_EMAIL_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return ""


class CouncilOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Signs in an existing, active council person whose email the provider vouches for."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Endpoints are read only when a single sign-on comes back (not for every password sign-in).
        self.UserModel = User

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not settings.OIDC_ISSUER or request is None or "password" in kwargs or "nonce" not in kwargs:
            return None
        super().__init__()
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The ID token's signature, issuer, audience and dates (the library checks only the signature)."""
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.PyJWTError:
            raise SignOnRefused("The identity provider's token could not be read") from None
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignOnRefused(f"The identity provider's token is signed with {header.get('alg')!r}, not {self.OIDC_RP_SIGN_ALGO}")
        try:
            claims: dict[str, Any] = jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER, options={"require": ["exp", "iat", "iss", "aud"]}, leeway=60,
            )
        except jwt.InvalidSignatureError:
            raise SignOnRefused("The identity provider's token has a signature that does not match its keys") from None
        except jwt.InvalidAudienceError:
            raise SignOnRefused("The identity provider's token was not issued for Redress (wrong audience)") from None
        except jwt.InvalidIssuerError:
            raise SignOnRefused("The identity provider's token was issued by a different provider") from None
        except jwt.ExpiredSignatureError:
            raise SignOnRefused("The identity provider's token has expired: sign in again") from None
        except jwt.PyJWTError as error:
            raise SignOnRefused(f"The identity provider's token was refused ({error})") from None
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The signed ID token's claims; the userinfo endpoint only when the token carries no email."""
        if email_of(payload) or not self.OIDC_OP_USER_ENDPOINT:
            return payload
        info: dict[str, Any] = super().get_userinfo(access_token, id_token, payload)
        return info

    def _refuse(self, reason: str) -> SignOnRefused:
        # The library turns a refusal here into "no user"; the callback page reads the reason from the request.
        self.request.sign_on_refusal = reason
        return SignOnRefused(reason)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if not email_of(claims):
            raise self._refuse("The identity provider did not give an email address")
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(email__iexact=email_of(claims), is_active=True, council__isnull=False)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        user: User | None = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            email = email_of(self.get_userinfo(access_token, id_token, payload))
            raise self._refuse(f"{email} is not someone Redress knows, or their access is switched off: "
                               "ask your complaints manager to add you with that email address")
        return user


def sign_on_failed(request: HttpRequest, reason: str) -> HttpResponse:
    """The page a refused single sign-on shows; nobody is left signed in."""
    if request.user.is_authenticated:
        auth.logout(request)
    return render(request, "web/sign_on_failed.html", {"reason": reason}, status=403)


class SignInRequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Off to the identity provider (404 when single sign-on is not set up)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ISSUER:
            raise Http404("Single sign-on is not set up")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except SignOnRefused as error:
            return sign_on_failed(request, str(error))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


class SignInCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Back from the identity provider: signed in (under a new session id), or a page saying why not."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ISSUER:
            raise Http404("Single sign-on is not set up")
        if request.GET.get("error"):
            return sign_on_failed(request, f"The identity provider said: {request.GET.get('error_description') or request.GET['error']}")
        try:
            response: HttpResponse = super().get(request)
        except SignOnRefused as error:
            LOGGER.warning("single sign-on refused: %s", error)
            return sign_on_failed(request, str(error))
        except SuspiciousOperation as error:
            LOGGER.warning("single sign-on refused: %s", error)
            return sign_on_failed(request, "The sign-in could not be checked: start again from the sign-in page")
        except requests.RequestException as error:
            return sign_on_failed(request, f"The identity provider could not be reached ({type(error).__name__})")
        return response

    def login_failure(self) -> HttpResponse:
        reason = getattr(self.request, "sign_on_refusal", None)
        return sign_on_failed(self.request, reason or "The sign-in could not be completed: start again from the sign-in page")

    def login_success(self) -> HttpResponse:
        from redress.web.middleware import SIGNED_IN_BY

        response: HttpResponse = super().login_success()
        self.request.session[SIGNED_IN_BY] = "oidc"
        return response
