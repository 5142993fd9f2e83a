from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "redress.reminders"
    label = "reminders"
    verbose_name = "Reminders and notifications"
