from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "redress.complaints"
    label = "complaints"
    verbose_name = "Complaints"
