"""The API's documentation page: Swagger UI from django-ninja's own static files, under the site's CSP.

django-ninja's default page loads Swagger UI from a CDN and starts it with an inline script, both of
which the site's Content Security Policy refuses (the page was blank). This one serves the bundled
files from our own origin and starts Swagger UI from ninja's `swagger-ui-init.js`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    """Swagger UI rendered with `web/api_docs.html` (the request's nonce, no CDN)."""

    template = "web/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {"swagger_settings": json.dumps(settings), "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)
