from django.urls import path

from redress.people import work_views

app_name = "work"

urlpatterns = [
    path("", work_views.work_home, name="home"),
    path("<int:complaint_id>/", work_views.work_complaint, name="complaint"),
    path("<int:complaint_id>/findings/", work_views.work_findings, name="findings"),
    path("<int:complaint_id>/report/", work_views.work_report, name="report"),
    path("<int:complaint_id>/papers/<int:version_id>/", work_views.work_download, name="download"),
]
