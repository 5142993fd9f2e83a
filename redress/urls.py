"""URL map: the web pages, the JSON API and the health check."""

from django.urls import include, path

from redress.api.main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("complaints/", include("redress.complaints.urls")),
    path("people/", include("redress.councils.urls")),
    path("account/", include("redress.councils.account_urls")),
    path("decisions/", include("redress.decisions.urls")),
    path("reminders/", include("redress.reminders.urls")),
    path("", include("redress.web.urls")),
]
