from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "redress.decisions"
    label = "decisions"
    verbose_name = "Ombudsman decisions library"
