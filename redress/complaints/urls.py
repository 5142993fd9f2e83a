from django.urls import path

from redress.complaints import correction_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("export.csv", views.caseload_export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.caseload_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("new/", views.complaint_new, name="new"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/officer/", views.complaint_change_officer, name="change-officer"),
    path("<int:complaint_id>/details/", views.complaint_change_details, name="change-details"),
    path("<int:complaint_id>/record/", views.event_choose, name="choose-event"),
    path("<int:complaint_id>/record/<str:event_type>/", views.event_record, name="record"),
    path("<int:complaint_id>/events/<int:sequence>/correct/", correction_views.event_correct, name="correct-event"),
    path("<int:complaint_id>/events/<int:sequence>/remove/", correction_views.event_void, name="void-event"),
]
