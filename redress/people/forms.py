"""Forms for the register of investigators and panel. They check shape; services.py checks the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.people.models import Person, RegisterRole
from redress.people.services import PersonFacts
from redress.web.forms import GovukDateField, RadioSelect

YES_NO = [("yes", "Yes"), ("no", "No")]


class RegisterPersonForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200, help_text="As appointments and case files name them",
                           error_messages={"required": "Enter the person's name",
                                           "max_length": "The name must be 200 characters or fewer"})
    roles = forms.MultipleChoiceField(label="Roles they may take", choices=RegisterRole.choices,
                                      widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Choose at least one role the person may take",
                                                      "invalid_choice": "Choose the roles from the list"})
    council_employee = forms.ChoiceField(label="Are they a member or officer of the council?", choices=YES_NO,
                                         widget=RadioSelect,
                                         error_messages={"required": "Say whether they are a member or officer of the council"})
    organisation = forms.CharField(label="Organisation or firm", max_length=200, required=False,
                                   help_text="Two people of the same firm cannot be the IO and IP of one complaint",
                                   error_messages={"max_length": "The organisation must be 200 characters or fewer"})
    email = forms.EmailField(label="Email address", max_length=254, required=False, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    trained_on = GovukDateField(label="Date of their training (optional)", noun="training date", required=False)
    vetted_on = GovukDateField(label="Date of their vetting check (optional)", noun="vetting date", required=False)
    active = forms.ChoiceField(label="Can they be appointed?", choices=[("yes", "Yes"), ("no", "No, switch them off")],
                               widget=RadioSelect, initial="yes",
                               error_messages={"required": "Say whether they can be appointed"})

    def facts(self) -> PersonFacts:
        data = self.cleaned_data
        return PersonFacts(name=data["name"], roles=tuple(data["roles"]), council_employee=data["council_employee"] == "yes",
                           organisation=data.get("organisation") or "", email=data.get("email") or "",
                           trained_on=data.get("trained_on"), vetted_on=data.get("vetted_on"),
                           active=data.get("active", "yes") == "yes")

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return {"name": person.name, "roles": list(person.role_codes),
                "council_employee": "yes" if person.council_employee else "no", "organisation": person.organisation,
                "email": person.email, "trained_on": person.trained_on, "vetted_on": person.vetted_on,
                "active": "yes" if person.active else "no"}


class RegisterImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV with a header row",
                           error_messages={"required": "Choose a CSV file to import", "empty": "The file is empty"})
