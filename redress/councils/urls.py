from django.urls import path

from redress.councils import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("new/", views.person_new, name="new"),
    path("procedures/", views.procedures_edit, name="procedures"),
    path("<int:person_id>/", views.person_edit, name="edit"),
    path("<int:person_id>/password/", views.person_password_reset, name="password-reset"),
    path("<int:person_id>/second-factor/", views.person_second_factor_reset, name="second-factor-reset"),
    path("<int:person_id>/unlock/", views.person_sign_in_unlock, name="sign-in-unlock"),
]
