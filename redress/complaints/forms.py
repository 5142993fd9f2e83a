"""Forms for the casework pages: the caseload filters and a new complaint."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, cast

from django import forms

from redress.complaints.models import CONTACT_PREFERENCES
from redress.complaints.procedures import ALL_CLOCKS, WEB, procedure_title
from redress.complaints.specs import ProcedureWeb
from redress.complaints.wording import WARNING_TITLES
from redress.core.clocks import format_date
from redress.councils.models import Council, Role, User
from redress.reports.filters import CLOCK_STATUSES, OMBUDSMAN, RAGS, ReportFilter
from redress.web.forms import GovukDateField, RadioSelect

REPORT_FILTER_DEFAULTS: dict[str, Any] = {name: f.default for name, f in ReportFilter.__dataclass_fields__.items()}
STAGES = [("", "Any stage"), ("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")]
STATUSES = [("open", "Open"), ("closed", "Closed"), ("withdrawn", "Withdrawn"), ("", "Any status")]
COMPLAINANT_ROLES = [
    ("", "Choose who is complaining"),
    ("child", "A child or young person"),
    ("parent", "A parent"),
    ("parental-responsibility", "Someone with parental responsibility"),
    ("foster-carer", "A local authority foster carer"),
    ("care-leaver", "A care leaver"),
    ("special-guardian", "A special guardian"),
    ("adoption-party", "A party to adoption or adoption support"),
    ("sufficient-interest", "Someone with a sufficient interest in the child's welfare"),
    ("other", "Someone else"),
]
ABOUTS = [
    ("", "Choose what it is about"),
    ("practice", "Social work practice"),
    ("decision", "A decision"),
    ("communication", "Communication"),
    ("records", "Records"),
    ("data", "Personal data"),
    ("staff-conduct", "A member of staff's conduct"),
    ("delay", "Delay"),
    ("contact", "Contact arrangements"),
    ("court", "Court proceedings"),
    ("other", "Something else"),
]
POINT_ROWS = 5


class ProcedureChoiceForm(forms.Form):
    """Which of the council's procedures a new complaint is under: asked first, when the council runs more than one."""

    procedure = forms.ChoiceField(label="Which procedure is the complaint under?", widget=RadioSelect,
                                  help_text="Its time limits and stages follow from this. A complaints manager can move "
                                            "it to another procedure later.",
                                  error_messages={"required": "Select the procedure the complaint is under",
                                                  "invalid_choice": "Select one of the procedures your council runs"})

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["procedure"]).choices = [
            (name, procedure_title(name)) for name in council.procedure_names]
# Every warning the engine can raise, in words (the codes stay in the address and the API).
WARNING_CHOICES = [("", "Any warning"), *WARNING_TITLES.items()]


def _officer_choices(council: Council) -> list[tuple[str, str]]:
    people = User.objects.filter(council=council, is_active=True, role__in=[Role.MANAGER, Role.OFFICER]).order_by(
        "first_name", "email").only("first_name", "last_name", "email")
    return [(str(u.pk), str(u)) for u in people]


class CaseloadFilterForm(forms.Form):
    """The caseload's filters; every value is checked, so a hand-edited address cannot break the page."""

    q = forms.CharField(label="Reference or name", required=False, max_length=100,
                        error_messages={"max_length": "Reference or name must be 100 characters or fewer"})
    stage = forms.ChoiceField(label="Stage", choices=STAGES, required=False,
                              error_messages={"invalid_choice": "Choose a stage from the list"})
    procedure = forms.ChoiceField(label="Procedure", required=False,
                                  choices=[("", "Any procedure"), *((n, procedure_title(n)) for n in WEB)],
                                  error_messages={"invalid_choice": "Choose a procedure from the list"})
    status = forms.ChoiceField(label="Status", choices=STATUSES, required=False,
                               error_messages={"invalid_choice": "Choose a status from the list"})
    warning = forms.ChoiceField(label="Warning", choices=WARNING_CHOICES, required=False,
                                error_messages={"invalid_choice": "Choose a warning from the list"})
    officer = forms.ChoiceField(label="Officer", required=False,
                                error_messages={"invalid_choice": "Choose an officer from the list"})
    overdue = forms.BooleanField(label="Only overdue", required=False)
    # The dashboard's figures link here narrowed to the complaints they count (redress/reports/filters.py).
    rag = forms.ChoiceField(choices=[("", ""), *((r, r) for r in RAGS)], required=False, widget=forms.HiddenInput,
                            error_messages={"invalid_choice": "The colour must be red, amber, green or none"})
    received = forms.DateField(input_formats=["%Y-%m"], required=False, widget=forms.HiddenInput,
                               error_messages={"invalid": "The month received must be like 2024-05"})
    closed = forms.DateField(input_formats=["%Y-%m"], required=False, widget=forms.HiddenInput,
                             error_messages={"invalid": "The month closed must be like 2024-05"})
    clock = forms.ChoiceField(choices=[("", ""), *((c, c) for c in ALL_CLOCKS)], required=False,
                              widget=forms.HiddenInput, error_messages={"invalid_choice": "There is no such clock"})
    clock_status = forms.ChoiceField(choices=[("", ""), *((c, c) for c in CLOCK_STATUSES)], required=False,
                                     widget=forms.HiddenInput,
                                     error_messages={"invalid_choice": "The clock's step must be met, late or done"})
    clock_month = forms.DateField(input_formats=["%Y-%m"], required=False, widget=forms.HiddenInput,
                                  error_messages={"invalid": "The month of the step must be like 2024-05"})
    clock_since = forms.DateField(input_formats=["%Y-%m"], required=False, widget=forms.HiddenInput,
                                  error_messages={"invalid": "The first month must be like 2024-05"})
    due_within = forms.IntegerField(min_value=1, max_value=60, required=False, widget=forms.HiddenInput,
                                    error_messages={"invalid": "Due within must be 1 to 60 working days",
                                                    "min_value": "Due within must be 1 to 60 working days",
                                                    "max_value": "Due within must be 1 to 60 working days"})
    actions = forms.ChoiceField(choices=[("", ""), ("open", "open"), ("overdue", "overdue")], required=False,
                                widget=forms.HiddenInput,
                                error_messages={"invalid_choice": "Actions must be open or overdue"})
    ombudsman = forms.ChoiceField(choices=[("", ""), *((o, o) for o in OMBUDSMAN)], required=False,
                                  widget=forms.HiddenInput,
                                  error_messages={"invalid_choice": "At the Ombudsman must be awaiting or decided"})
    unassigned = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        """A dashboard link's (hidden) filters have no box to show an error by: say it above the form."""
        cleaned = super().clean() or {}
        for name in REPORT_FILTER_DEFAULTS:
            for message in self.errors.get(name, []) if name in self.errors else []:
                if message not in self.non_field_errors():
                    self.add_error(None, message)
        return cleaned

    def report_filter(self) -> ReportFilter:
        """The dashboard's narrowing, from the cleaned data (empty when the form is not valid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return ReportFilter(**{name: data.get(name) or default for name, default in REPORT_FILTER_DEFAULTS.items()})

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["officer"]).choices = [("", "Anyone"), ("me", "Me"), *_officer_choices(council)]
        # Asked only where the council runs more than one procedure (any known one is still accepted in the address).
        self.ask_procedure = len(council.procedure_names) > 1


PHONE = re.compile(r"^\+?[0-9 ()-]{6,40}$")
NEEDS = {"email": ("complainant_email", "Enter an email address, or choose another way to contact them"),
         "phone": ("complainant_phone", "Enter a phone number, or choose another way to contact them"),
         "letter": ("complainant_address", "Enter an address, or choose another way to contact them")}


class ContactFields(forms.Form):
    """How to reach the complainant: email, phone, address and the way they prefer."""

    complainant_email = forms.EmailField(label="Email address", required=False, max_length=254, error_messages={
        "invalid": "Enter an email address in the correct format, like name@example.com"})
    complainant_phone = forms.CharField(label="Phone number", required=False, max_length=40, error_messages={
        "max_length": "Phone number must be 40 characters or fewer"})
    complainant_address = forms.CharField(label="Address", required=False, max_length=1000,
                                          widget=forms.Textarea(attrs={"rows": 3}))
    contact_preference = forms.ChoiceField(label="How they prefer to be contacted", required=False,
                                           choices=CONTACT_PREFERENCES, widget=forms.RadioSelect)

    def clean_complainant_phone(self) -> str:
        phone = str(self.cleaned_data.get("complainant_phone") or "").strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or +44 808 157 0192")
        return phone

    def check_contact_preference(self, data: dict[str, Any]) -> None:
        needed = NEEDS.get(str(data.get("contact_preference") or ""))
        if needed and not data.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(needed[0], needed[1])

    def contact(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in ContactFields.base_fields}


class ChangeOfficerForm(forms.Form):
    """Who the complaint's officer is; "Not assigned" leaves it with no one."""

    officer = forms.ChoiceField(label="Officer", required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["officer"]).choices = [("", "Not assigned"), *_officer_choices(council)]
        cast(forms.ChoiceField, self.fields["officer"]).error_messages["invalid_choice"] = "Choose an officer from the list"


class ComplaintDetailsForm(ContactFields):
    """The complainant's and child's names and the complainant's contact details, after recording."""

    complainant_name = forms.CharField(label="Complainant's name", max_length=200,
                                       error_messages={"required": "Enter the complainant's name"})
    child_name = forms.CharField(label="Child's name", max_length=200, required=False,
                                 help_text="The child the complaint is about, if there is one.")
    field_order = ["complainant_name", "child_name", *ContactFields.base_fields]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_contact_preference(data)
        return data

    def details(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in self.fields}


SERVICE_CHOICES = [("", "Choose a service"), ("children-social-care", "Children's social care"),
                   ("adult-social-care", "Adult social care"), ("housing", "Housing"), ("other", "Another service")]
"""The services a complaint may be about (`complaint.received`'s `service`, SERVICES in redress.core.events)."""


class NewComplaintForm(ContactFields):
    """A complaint as it arrives: who, about which child, the points, and when it was received."""

    complainant_name = forms.CharField(label="Complainant's name", max_length=200,
                                       error_messages={"required": "Enter the complainant's name"})
    complainant_role = forms.ChoiceField(label="Who is complaining", choices=COMPLAINANT_ROLES,
                                         error_messages={"required": "Choose who is complaining",
                                                         "invalid_choice": "Choose who is complaining from the list"})
    child_name = forms.CharField(label="Child's name", max_length=200, required=False,
                                 help_text="The child the complaint is about, if there is one.")
    received_on = GovukDateField(label="Date received", noun="date received",
                                 error_messages={"required": "Enter the date the complaint was received"})
    matter_on = GovukDateField(label="Date of the matter complained about", noun="date of the matter", required=False,
                               help_text="If known. A complaint made more than a year after it needs a decision. "
                                         "For example, 5 5 2023")
    via = forms.ChoiceField(label="How it was received", required=False, choices=[
        ("", "Choose how"), ("email", "Email"), ("letter", "Letter"), ("phone", "Phone"), ("online form", "Online form"), ("in person", "In person")])
    service = forms.ChoiceField(
        label="Which service is it about?", required=False, choices=SERVICE_CHOICES,
        help_text="A complaint about children's social care by a child, a parent or a carer is a statutory "
                  "representation (Children Act 1989 s26(3)): Redress warns when it is under another procedure.",
        error_messages={"invalid_choice": "Choose the service from the list"})
    officer = forms.ChoiceField(label="Officer", required=False)
    procedure = forms.ChoiceField(label="Procedure", widget=forms.HiddenInput, required=False, error_messages={
        "invalid_choice": "Choose one of the procedures your council runs"})
    field_order = ["procedure", "complainant_name", "complainant_role", "child_name", *ContactFields.base_fields]

    def __init__(self, *args: Any, council: Council, today: Any, procedure: ProcedureWeb, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today, self.table = today, procedure
        cast(forms.ChoiceField, self.fields["officer"]).choices = [("", "Not assigned yet"), *_officer_choices(council)]
        cast(forms.ChoiceField, self.fields["procedure"]).choices = [(n, n) for n in council.procedure_names]
        self.fields["procedure"].initial = procedure.name
        cast(forms.ChoiceField, self.fields["complainant_role"]).choices = [
            ("", "Choose who is complaining"), *procedure.roles]
        self.fields["child_name"].label = procedure.subject
        if procedure.name != "children-england":
            self.fields["child_name"].help_text = "If the complaint is about someone other than the complainant."
        for i in range(1, POINT_ROWS + 1):
            self.fields[f"point_{i}_text"] = forms.CharField(
                label=f"Point {i}", required=i == 1, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "Enter at least one point of complaint"})
            self.fields[f"point_{i}_about"] = forms.ChoiceField(label=f"Point {i} is about", choices=ABOUTS, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for message in self.errors.pop("procedure", []):  # a hidden field: said at the top of the form
            self.add_error(None, message)
        self.check_contact_preference(data)
        received = data.get("received_on")
        if received and received > self.today:
            self.add_error("received_on", f"Date received must be today or in the past: {received.day} {received:%b %Y} is after today")
        matter = data.get("matter_on")
        if matter and received and matter > received:
            self.add_error("matter_on", "Date of the matter must be on or before the date received")
        for i in range(1, POINT_ROWS + 1):
            if data.get(f"point_{i}_text") and not data.get(f"point_{i}_about"):
                self.add_error(f"point_{i}_about", f"Choose what point {i} is about")
        return data

    def clean_procedure(self) -> str:
        """The procedure sent with the form, or the one the form was made for (a council's only one)."""
        return str(self.cleaned_data.get("procedure") or self.table.name)

    def points(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"id": f"P{n}", "text": data[f"point_{i}_text"].strip(), "about": data[f"point_{i}_about"]}
            for n, i in enumerate((i for i in range(1, POINT_ROWS + 1) if data.get(f"point_{i}_text")), start=1)
        ]


AS_OF = "date to judge the complaint as of"
_AS_OF_PARTS = ("day", "month", "year")


class AsOfForm(forms.Form):
    """The complaint page's "As it stood on": the GOV.UK date boxes, or `?as_of=YYYY-MM-DD` from a link."""

    as_of = GovukDateField(label="See the complaint as it stood on a day", noun=AS_OF, required=False,
                           help_text="For example, 1 3 2024. Later events are hidden.")

    def __init__(self, query: Mapping[str, str], *, today: dt.date, received: dt.date | None) -> None:
        boxes = {f"as_of_{part}": query.get(f"as_of_{part}", "") for part in _AS_OF_PARTS}
        self.link = "" if any(boxes.values()) else (query.get("as_of") or "").strip()
        if self.link:
            try:
                day = dt.date.fromisoformat(self.link)
            except ValueError:
                pass
            else:
                boxes = {"as_of_day": str(day.day), "as_of_month": str(day.month), "as_of_year": str(day.year)}
        super().__init__(boxes if any(boxes.values()) or self.link else None)
        self.today, self.received = today, received

    def clean_as_of(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("as_of")
        if day is None:
            if self.link:
                raise forms.ValidationError(f"The {AS_OF} must be a real date, like 2024-03-01")
            return None
        if day > self.today:
            raise forms.ValidationError(f"The {AS_OF} must be today or in the past")
        if self.received is not None and day < self.received:
            raise forms.ValidationError(f"The {AS_OF} must be on or after {format_date(self.received)}, when it was received")
        return day

    @property
    def day(self) -> dt.date:
        """The day to judge the complaint as of: the one asked for if it can be, otherwise today."""
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or self.today
