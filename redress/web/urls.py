from django.urls import path

from redress.web import second_factor_views, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/two-factor/", second_factor_views.two_factor, name="two-factor"),
    path("sign-in/two-factor/set-up/", second_factor_views.two_factor_setup, name="two-factor-setup"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("bank-holidays/", views.bank_holidays, name="bank-holidays"),
    path("bank-holidays/<int:holiday_id>/remove/", views.bank_holiday_remove, name="bank-holiday-remove"),
    path("healthz", views.healthz, name="healthz"),
]
