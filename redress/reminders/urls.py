from django.urls import path

from redress.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.preference, name="preference"),
    path("failures/", views.failures, name="failures"),
    path("due-soon/", views.due_soon, name="due-soon"),
]
