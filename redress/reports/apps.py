from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports: the annual report, the managers' dashboard and the Ombudsman's view"
