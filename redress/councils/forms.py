"""Forms for a council's people. They check shape; the services in people.py check the rules."""

from __future__ import annotations

from django import forms

from redress.councils.models import Role

ROLE_HINTS = {
    Role.MANAGER: "Records every event, manages people and the council's bank holidays.",
    Role.OFFICER: "Records events on complaints.",
    Role.READ_ONLY: "Sees complaints and reports; records nothing.",
}


class PersonForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter their email address",
                                             "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    first_name = forms.CharField(label="First name", max_length=150, error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})


class PersonChangeForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})
    active = forms.ChoiceField(label="Can they sign in?", choices=[("yes", "Yes"), ("no", "No, switch their access off")],
                               widget=forms.RadioSelect, error_messages={"required": "Say whether they can sign in"})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="What is the token for?", max_length=100,
                           help_text="For example, the nightly caseload report",
                           error_messages={"required": "Enter what the token is for",
                                           "max_length": "What the token is for must be 100 characters or fewer"})
