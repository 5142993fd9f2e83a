"""Every page but sign-in and the health check needs a signed-in user; the API needs a token.

Walks the whole URL map, so a page added later without `login_required` fails here.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.urlmap import routes

pytestmark = pytest.mark.django_db

OPEN = {
    "/sign-in/",
    "/sign-out/",  # signing out when not signed in just goes to the sign-in page
    "/healthz",
    "/sign-in/sso/",  # single sign-on: off to the identity provider (404 when it is not set up) ...
    "/sign-in/sso/callback/",  # ... and back (tests/web/test_single_sign_on.py)
    "/api/v1/docs",  # the API's own description (no data) is public
    "/api/v1/openapi.json",
}


ALL_PATHS = sorted({re.sub(r"<int:\w+>", "1", re.sub(r"<(str|slug|path):\w+>", "x", route)) for route in routes()})


def test_the_map_was_walked() -> None:
    assert {"/", "/deadlines/", "/bank-holidays/", "/complaints/", "/sign-in/"} <= set(ALL_PATHS)


@pytest.mark.parametrize("path", [path for path in ALL_PATHS if path not in OPEN])
def test_nothing_is_served_to_someone_not_signed_in(client: Client, path: str) -> None:
    for response in (client.get(path), client.post(path)):
        if path.startswith("/api/"):
            assert response.status_code in {401, 404, 405}, path
        else:
            assert response.status_code in {302, 405}, path
            if response.status_code == 302:
                assert response["Location"].startswith("/sign-in/?next="), path
