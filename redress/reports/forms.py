"""The dashboard's filters: procedure, period and officer (each checked: a hand-edited address cannot break it)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.procedures import procedure_title
from redress.councils.models import Council, Role, User
from redress.reports.dashboard import PERIODS, DashboardFilters


class DashboardForm(forms.Form):
    procedure = forms.ChoiceField(label="Procedure", required=False,
                                  error_messages={"invalid_choice": "Choose a procedure from the list"})
    months = forms.TypedChoiceField(label="Period", coerce=int, required=False, empty_value=None,
                                    choices=[(str(n), f"The last {n} months") for n in reversed(PERIODS)],
                                    error_messages={"invalid_choice": "Choose a period from the list"})
    officer = forms.ChoiceField(label="Officer", required=False,
                                error_messages={"invalid_choice": "Choose an officer from the list"})

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.council = council
        cast(forms.ChoiceField, self.fields["procedure"]).choices = [
            ("", "Every procedure"), *((n, procedure_title(n)) for n in council.procedure_names)]
        people = User.objects.filter(council=council, is_active=True, role__in=[Role.MANAGER, Role.OFFICER])
        cast(forms.ChoiceField, self.fields["officer"]).choices = [
            ("", "Everyone"), *((str(u.pk), str(u)) for u in people.order_by("first_name", "email"))]

    def filters(self) -> DashboardFilters:
        if not self.is_valid():
            return DashboardFilters()
        data = self.cleaned_data
        officer = User.objects.filter(pk=data["officer"], council=self.council).first() if data.get("officer") else None
        return DashboardFilters(procedure=data.get("procedure") or "", months=data.get("months") or 24, officer=officer)
