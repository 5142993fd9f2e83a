"""URL map: the web pages, the JSON API and the health check; the 500 handler (a database gone away is a 503)."""

from django.urls import include, path

from redress.api.main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("complaints/", include("redress.complaints.urls")),
    path("people/", include("redress.councils.urls")),
    path("account/", include("redress.councils.account_urls")),
    path("decisions/", include("redress.decisions.urls")),
    path("", include("redress.web.urls")),
]

handler500 = "redress.web.busy.server_error"
