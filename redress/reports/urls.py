from django.urls import path

from redress.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ombudsman/", views.ombudsman, name="ombudsman"),
    path("annual/", views.annual, name="annual"),
    path("annual.<str:fmt>", views.annual_export, name="annual-export"),
]
