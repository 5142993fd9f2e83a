"""URL map: the web pages, the JSON API and the health check; the 500 handler (a database gone away is a 503)."""

from django.urls import include, path

from redress.api.main import api
from redress.councils import oidc

urlpatterns = [
    path("api/v1/", api.urls),
    path("complaints/", include("redress.complaints.urls")),
    path("complaints/", include("redress.documents.urls")),
    path("people/", include("redress.councils.urls")),
    path("register/", include("redress.people.urls")),
    path("work/", include("redress.people.work_urls")),
    path("account/", include("redress.councils.account_urls")),
    path("decisions/", include("redress.decisions.urls")),
    # Single sign-on (redress/councils/oidc.py): off to the identity provider, and back.
    path("sign-in/sso/", oidc.SignInRequestView.as_view(), name="oidc_authentication_init"),
    path("sign-in/sso/callback/", oidc.SignInCallbackView.as_view(), name="oidc_authentication_callback"),
    path("reminders/", include("redress.reminders.urls")),
    path("reports/", include("redress.reports.urls")),
    path("", include("redress.web.urls")),
]

handler500 = "redress.web.busy.server_error"
