"""A small OpenID Connect provider for the single sign-on tests, served on 127.0.0.1 by the test itself.

Discovery, authorize (code flow with PKCE), token and JWKS, with ID tokens signed by an RSA key the
test makes. `sign_with`, `audience` and `email` let a test make the provider misbehave.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "redress-test-client"
CLIENT_SECRET = "redress-test-client-secret"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Provider:
    """The provider's state: its key, the codes it has handed out, and how it should misbehave."""

    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    sign_with: rsa.RSAPrivateKey | None = None  # another key: a bad signature
    audience: str = CLIENT_ID
    email: str = "officer@northshire.example"
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    url: str = ""

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize", "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks", "userinfo_endpoint": f"{self.url}/userinfo",
            "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": "test-key", "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> str:
        """The redirect back to the client with a code (the person is taken to have signed in)."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = query
        return f"{query['redirect_uri']}?{urllib.parse.urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        asked = self.codes.pop(form.get("code", ""), None)
        if asked is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_grant"}
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=")
        if challenge.decode() != asked.get("code_challenge"):
            return 400, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.audience, "sub": "person-1", "email": self.email,
                  "nonce": asked.get("nonce"), "iat": now, "exp": now + 300}
        id_token = jwt.encode(claims, self.sign_with or self.key, algorithm="RS256", headers={"kid": "test-key"})
        return 200, {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "id_token": id_token}


def serve(provider: Provider) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, status: int, body: dict[str, Any] | None = None, location: str | None = None) -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            data = json.dumps(body or {}).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            if path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif path == "/jwks":
                self._send(200, provider.jwks())
            elif path == "/authorize":
                self._send(302, location=provider.authorize(dict(urllib.parse.parse_qsl(query))))
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            if self.path == "/token":
                self._send(*provider.token(form))
            else:
                self._send(404, {"error": "not found"})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def follow_authorize(url: str) -> str:
    """What a browser does at the provider: GET the authorize address, and read where it sends you back."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        if error.code == 302:
            return str(error.headers["Location"])
        raise
    raise AssertionError("the provider did not redirect back")
