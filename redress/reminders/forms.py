from __future__ import annotations

from django import forms

from redress.reminders.models import Delivery


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(label="How do you want your reminders?", choices=Delivery.choices,
                                 widget=forms.RadioSelect, error_messages={"required": "Choose how you want your reminders"})
    paused = forms.ChoiceField(
        label="Are you away?", choices=[("no", "No: send me my reminders"), ("yes", "Yes: pause them and tell my managers instead")],
        widget=forms.RadioSelect, error_messages={"required": "Say whether your reminders are paused"},
    )
