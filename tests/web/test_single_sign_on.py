"""Single sign-on by OpenID Connect, against a small provider this test starts on 127.0.0.1
(tests/web/oidc_provider.py: discovery, authorize, token, JWKS; tokens signed with a key it makes)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings

from redress.councils.models import User
from redress.web.middleware import SIGNED_IN_BY
from tests.web.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, follow_authorize, new_key, serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider() -> Iterator[Provider]:
    provider = Provider()
    server, thread = serve(provider)
    with override_settings(OIDC_ISSUER=provider.url, OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET):
        yield provider
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def sign_on(client: Client) -> Any:
    """The whole round: to the provider, through its authorize step, and back to Redress's callback."""
    start = client.get("/sign-in/sso/")
    assert start.status_code == 302, start.content[:500]
    back = urllib.parse.urlsplit(follow_authorize(start["Location"]))
    assert back.path == "/sign-in/sso/callback/"
    return client.get(f"{back.path}?{back.query}")


def test_the_sign_in_page_offers_single_sign_on_only_when_it_is_set_up(client: Client, provider: Provider) -> None:
    assert 'href="/sign-in/sso/"' in client.get("/sign-in/").content.decode()
    with override_settings(OIDC_ISSUER=""):
        assert 'href="/sign-in/sso/"' not in client.get("/sign-in/").content.decode()
        assert client.get("/sign-in/sso/").status_code == 404
        assert client.get("/sign-in/sso/callback/?code=x&state=y").status_code == 404


def test_the_request_goes_to_the_discovered_authorize_address_with_pkce_and_a_nonce(client: Client, provider: Provider) -> None:
    start = client.get("/sign-in/sso/")
    url = urllib.parse.urlsplit(start["Location"])
    query = dict(urllib.parse.parse_qsl(url.query))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.url}/authorize"
    assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256" and query["nonce"] and query["state"]
    assert query["redirect_uri"] == "http://testserver/sign-in/sso/callback/"


def test_a_council_person_signs_on_by_email_under_a_new_session_id_without_the_app_code(
    client: Client, provider: Provider, officer: User
) -> None:
    provider.email = "Officer@Northshire.Example"  # matched whatever its case
    client.get("/sign-in/sso/")
    before = client.session.session_key
    client.get("/")  # (the session began when single sign-on started)
    done = sign_on(client)
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert client.session.session_key != before
    assert client.session[SIGNED_IN_BY] == "oidc"
    home = client.get("/")
    assert home.status_code == 200 and officer.email in home.content.decode()


def test_with_the_setting_single_sign_on_also_asks_for_the_app_code(client: Client, provider: Provider, officer: User) -> None:
    with override_settings(OIDC_REQUIRES_SECOND_FACTOR=True):
        assert sign_on(client).status_code == 302
        assert client.get("/")["Location"] == "/sign-in/two-factor/set-up/"


def _refused(response: Any, client: Client, reason: str) -> None:
    html = response.content.decode()
    assert response.status_code == 403
    assert "Single sign-on did not work" in html and reason in html
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_a_token_signed_with_another_key_is_refused_and_nobody_is_signed_in(
    client: Client, provider: Provider, officer: User
) -> None:
    provider.sign_with = new_key()
    _refused(sign_on(client), client, "signature that does not match its keys")


def test_a_token_for_another_audience_is_refused_and_nobody_is_signed_in(
    client: Client, provider: Provider, officer: User
) -> None:
    provider.audience = "some-other-application"
    _refused(sign_on(client), client, "not issued for Redress (wrong audience)")


def test_nobody_is_created_by_signing_on(client: Client, provider: Provider, officer: User) -> None:
    provider.email = "stranger@northshire.example"
    _refused(sign_on(client), client, "stranger@northshire.example is not someone Redress knows")
    assert not User.objects.filter(email="stranger@northshire.example").exists()


def test_someone_whose_access_is_switched_off_cannot_sign_on(client: Client, provider: Provider, officer: User) -> None:
    User.objects.filter(pk=officer.pk).update(is_active=False)
    _refused(sign_on(client), client, "is not someone Redress knows, or their access is switched off")


def test_a_callback_with_a_state_never_issued_is_refused(client: Client, provider: Provider, officer: User) -> None:
    client.get("/sign-in/sso/")
    _refused(client.get("/sign-in/sso/callback/?code=abc&state=forged"), client, "could not be checked")


def test_an_error_from_the_provider_is_shown(client: Client, provider: Provider) -> None:
    response = client.get("/sign-in/sso/callback/?error=access_denied&error_description=The+user+cancelled")
    _refused(response, client, "The identity provider said: The user cancelled")


def test_an_unreachable_provider_says_so(client: Client, officer: User) -> None:
    with override_settings(OIDC_ISSUER="http://127.0.0.1:9", OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET):
        _refused(client.get("/sign-in/sso/"), client, "could not be reached")


def test_a_password_sign_in_never_calls_the_provider(client: Client, officer: User) -> None:
    """The single sign-on backend is in AUTHENTICATION_BACKENDS, but answers only its own callback."""
    with override_settings(OIDC_ISSUER="http://127.0.0.1:9", OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET):
        response = client.post("/sign-in/?code=x&state=y", {"email": officer.email, "password": "wrong-password-here"})
    assert response.status_code == 200 and "Enter a correct email address and password" in response.content.decode()
