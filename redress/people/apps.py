from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "redress.people"
    label = "people"
    verbose_name = "Investigators and panel: the council's register of the people who take part in complaints"
