"""The decisions search form: free text and the filters, all optional."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.core.decisions import OTHER_BODIES
from redress.decisions.selectors import DecisionFilters

BODY_LABELS = {
    "information-commissioner": "Information Commissioner",
    "social-work-england": "Social Work England",
    "court": "A court",
    "tribunal": "A tribunal",
    "police": "The police",
    "nhs": "The NHS",
    "housing-ombudsman": "Housing Ombudsman",
    "parliamentary-ombudsman": "Parliamentary and Health Service Ombudsman",
}
REASON_LABELS = {
    "premature": "Premature: the council's procedure was not finished",
    "insufficient-evidence-of-fault": "Not enough evidence of fault",
    "no-significant-injustice": "No significant injustice",
    "no-different-outcome": "Would not lead to a different outcome",
    "no-worthwhile-outcome": "No worthwhile outcome",
    "could-not-add": "Could not add to the council's investigation",
    "other-body-better-placed": "Another body is better placed",
    "court-proceedings": "Court proceedings",
    "late": "Complained too late",
    "outside-jurisdiction": "Outside the Ombudsman's jurisdiction",
    "remedy-agreed": "A remedy was already agreed",
}


class DecisionSearchForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=200, help_text="For example: delay stage 2 payment")
    category = forms.ChoiceField(label="Category", required=False)
    outcome = forms.ChoiceField(label="Decision", required=False)
    year = forms.ChoiceField(label="Year of decision", required=False)
    authority = forms.ChoiceField(label="Council", required=False)
    other_body = forms.ChoiceField(
        label="Other body named",
        required=False,
        choices=[("", "Any"), *[(code, BODY_LABELS[code]) for code in OTHER_BODIES]],
    )
    has_payment = forms.ChoiceField(
        label="Payment", required=False, choices=[("", "Any"), ("yes", "With a payment"), ("no", "Without a payment")]
    )

    def __init__(self, *args: Any, choices: dict[str, list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "Any"), *[(c, c) for c in choices["categories"]]]
        cast(forms.ChoiceField, self.fields["outcome"]).choices = [("", "Any"), *[(o, o) for o in choices["outcomes"]]]
        cast(forms.ChoiceField, self.fields["authority"]).choices = [("", "Any"), *[(a, a) for a in choices["authorities"]]]
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Any"), *[(str(y), str(y)) for y in choices["years"]]]

    def filters(self) -> DecisionFilters:
        """The filters of a valid form."""
        data = self.cleaned_data
        payment = data.get("has_payment")
        return DecisionFilters(
            query=data.get("q") or "",
            category=data.get("category") or None,
            outcome=data.get("outcome") or None,
            year=int(data["year"]) if data.get("year") else None,
            authority=data.get("authority") or None,
            other_body=data.get("other_body") or None,
            has_payment=None if not payment else payment == "yes",
        )
