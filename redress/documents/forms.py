"""Forms for the case's papers: each only validates what was typed; the services judge the rest."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.models import Complaint
from redress.complaints.wording import event_title
from redress.documents.models import DocumentKind, DocumentVersion, Recipient
from redress.documents.selectors import SHA256
from redress.web.forms import GovukDateField, RadioSelect

FILE_HINT = "PDF, Word (.docx), OpenDocument text (.odt), plain text, PNG, JPEG or email (.eml, .msg), up to 25 MB."


class DocumentForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    kind = forms.ChoiceField(label="Kind of document", choices=DocumentKind.choices, widget=RadioSelect,
                             error_messages={"required": "Choose the kind of document"})
    event = forms.TypedChoiceField(label="The event it belongs to (optional)", required=False, coerce=int,
                                   empty_value=None)
    file = forms.FileField(label="File", help_text=FILE_HINT, error_messages={"required": "Choose a file to add",
                                                                            "empty": "The file is empty"})

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        events = complaint.events.order_by("sequence")
        cast(forms.ChoiceField, self.fields["event"]).choices = [("", "None")] + [
            (e.sequence, f"{e.sequence}. {e.date:%d %b %Y}: {event_title(e.data)}") for e in events]


class VersionForm(forms.Form):
    file = forms.FileField(label="File", help_text=FILE_HINT, error_messages={"required": "Choose a file to add",
                                                                            "empty": "The file is empty"})


class DisclosureForm(forms.Form):
    version = forms.TypedChoiceField(label="What was given", coerce=int,
                                     error_messages={"required": "Choose the version that was given"})
    recipient = forms.ChoiceField(label="Given to", choices=Recipient.choices, widget=RadioSelect,
                                  error_messages={"required": "Choose who it was given to"})
    recipient_name = forms.CharField(label="Their name (optional)", max_length=200, required=False)
    disclosed_on = GovukDateField(label="Date it was given", noun="date it was given")
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args: Any, versions: list[DocumentVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["version"]).choices = [("", "Choose a version")] + [
            (v.pk, f"{v.document.title}, version {v.number} ({v.original_name})") for v in versions]


class VerifyForm(forms.Form):
    file = forms.FileField(label="A copy to check", required=False,
                           help_text="The file as someone holds it: Redress compares its SHA-256 with every version kept.")
    sha256 = forms.CharField(label="Or its SHA-256", required=False, max_length=80,
                             help_text="64 hexadecimal characters, e.g. from sha256sum.")

    def clean_sha256(self) -> str:
        value = str(self.cleaned_data.get("sha256") or "").strip().lower()
        if value and not SHA256.match(value):
            raise forms.ValidationError("A SHA-256 is 64 characters, each 0 to 9 or a to f")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not data.get("sha256"):
            self.add_error("file", "Choose a file to check, or give its SHA-256")
        elif data.get("file") and data.get("sha256"):
            self.add_error("sha256", "Give a file or a SHA-256, not both")
        return data


class LetterForm(forms.Form):
    format = forms.ChoiceField(label="Format", choices=[("pdf", "PDF"), ("docx", "Word (.docx)")],
                               widget=RadioSelect, initial="pdf",
                               error_messages={"required": "Choose PDF or Word"})


class TemplateForm(forms.Form):
    file = forms.FileField(label="Word template (.docx)",
                           error_messages={"required": "Choose a Word template", "empty": "The file is empty"})
