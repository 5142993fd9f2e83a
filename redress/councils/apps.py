from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "redress.councils"
    label = "councils"
    verbose_name = "Councils and people"
