from django.urls import path

from redress.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.search, name="search"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("<str:reference>/", views.detail, name="detail"),
]
