from django.urls import path

from redress.reports import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual, name="annual"),
    path("annual.<str:fmt>", views.annual_export, name="annual-export"),
]
