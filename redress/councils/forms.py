"""Forms for a council's people. They check shape; the services in people.py check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from redress.core.procedures.registry import PROCEDURES
from redress.councils.models import Role, User

# The roles of the council's own team; someone appointed to complaints is invited from the register instead.
STAFF_ROLES = [(value, label) for value, label in Role.choices if value != Role.APPOINTED]
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
    role = forms.ChoiceField(label="Role", choices=STAFF_ROLES, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})


class PersonChangeForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=STAFF_ROLES, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})
    active = forms.ChoiceField(label="Can they sign in?", choices=[("yes", "Yes"), ("no", "No, switch their access off")],
                               widget=forms.RadioSelect, error_messages={"required": "Say whether they can sign in"})


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="What is the token for?", max_length=100,
                           help_text="For example, the nightly caseload report",
                           error_messages={"required": "Enter what the token is for",
                                           "max_length": "What the token is for must be 100 characters or fewer"})


class PasswordChangeForm(forms.Form):
    """Your current password, and the new one twice. The new one must pass the password rules."""

    current_password = forms.CharField(label="Current password", strip=False,
                                       help_text="The one-time password, if your complaints manager gave you one",
                                       error_messages={"required": "Enter your current password"})
    new_password = forms.CharField(label="New password", strip=False,
                                   help_text="At least 12 characters. A long phrase is easier to remember.",
                                   error_messages={"required": "Enter a new password"})
    new_password_again = forms.CharField(label="Confirm new password", strip=False,
                                         error_messages={"required": "Enter the same new password twice"})

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new, again = data.get("new_password"), data.get("new_password_again")
        if new and again is not None and new != again:
            self.add_error("new_password_again", "Enter the same new password twice")
        return data


class ProceduresForm(forms.Form):
    """Which complaints procedures the council runs: a checkbox for each procedure Redress knows."""

    procedures = forms.MultipleChoiceField(
        label="Which procedures does your council run?", widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. New complaints are recorded under one of these; complaints already "
                  "recorded under a procedure you stop running carry on under it.",
        error_messages={"required": "Select at least one procedure", "invalid_choice": "Select procedures from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["procedures"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, procedure.title) for name, procedure in PROCEDURES.items()]
