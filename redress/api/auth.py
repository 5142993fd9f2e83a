"""`Authorization: Bearer <token>`: tokens made with `redress api-token create --user EMAIL`."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja.security import HttpBearer

from redress.councils.models import Role, User
from redress.councils.tokens import api_token_user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None and user.role == Role.APPOINTED:
            raise Http404("Not found")  # someone appointed to complaints reaches them through My work only
        if user is not None:
            request.user = user
        return user
