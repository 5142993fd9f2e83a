from django.urls import path

from redress.councils import account

app_name = "account"

urlpatterns = [
    path("password/", account.password_change, name="password"),
    path("tokens/", account.api_tokens, name="api-tokens"),
    path("tokens/<int:token_id>/revoke/", account.api_token_revoke_view, name="api-token-revoke"),
]
