from django.urls import path

from redress.documents import views

app_name = "documents"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("letters/templates/", views.letter_templates, name="letter-templates"),
    path("letters/templates/default.docx", views.default_letter_template, name="default-template"),
    path("letters/templates/<str:procedure>/<str:kind>/", views.letter_template_upload, name="template-upload"),
    path("<int:complaint_id>/documents/new/", views.document_new, name="new"),
    path("<int:complaint_id>/documents/<int:document_id>/versions/new/", views.version_new, name="version-new"),
    path("<int:complaint_id>/documents/<int:document_id>/versions/<int:number>/download/", views.version_download,
         name="download"),
    path("<int:complaint_id>/disclosures/new/", views.disclosure_new, name="disclose"),
    path("<int:complaint_id>/letters/", views.letters, name="letters"),
    path("<int:complaint_id>/letters/<str:kind>.<str:fmt>", views.letter_preview, name="letter-preview"),
    path("<int:complaint_id>/letters/<str:kind>/send/", views.letter_send, name="letter-send"),
]
