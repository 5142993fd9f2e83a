from django.urls import path

from redress.people import views

app_name = "register"

urlpatterns = [
    path("", views.register_list, name="list"),
    path("new/", views.register_new, name="new"),
    path("import/", views.register_import, name="import"),
    path("<int:person_id>/", views.register_edit, name="edit"),
    path("<int:person_id>/invite/", views.register_invite, name="invite"),
]
