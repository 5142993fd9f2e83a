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


# --- appointments choose from the register (the casework event forms) ------------------------------

APPOINTMENT_FORMS = frozenset({"stage2.appointed", "stage3.panel-scheduled", "stage3.panel-held", "advocacy.appointed",
                               "stage2.responded", "stage1.responded"})
DECLARATION_HINT = "What they declared about their involvement in the matter, if anything: kept with the appointment"


def _select(label: str, people: list[Person], *, required: bool, message: str, hint: str = "") -> forms.ChoiceField:
    choices = [("", "Choose someone from the register")] + [
        (p.name, f"{p.name} ({', '.join(p.role_labels())}{', council employee' if p.council_employee else ''})")
        for p in people]
    return forms.ChoiceField(label=label, choices=choices, required=required, help_text=hint,
                             error_messages={"required": message, "invalid_choice": message})


def _yes_no(label: str, *, required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, widget=RadioSelect, required=required,
                             error_messages={"required": "Select yes or no", "invalid_choice": "Select yes or no"})


def _declaration(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=DECLARATION_HINT,
                           error_messages={"max_length": "The declaration must be 2,000 characters or fewer"})


CONFLICT_REASON = "conflict_reason"


def adapt_appointment_form(form: forms.Form, *, people: list[Person], event_type: str, conflicted: bool = False) -> None:
    """Make an appointment's event form choose from the register: a list of the people who may take the
    role instead of a typed name, their declaration of involvement, and (when a conflict was found) the
    manager's reason for appointing them anyway."""
    def who(role: str) -> list[Person]:
        return [p for p in people if p.active and (p.may_take(role) or (role == "panel-member" and p.may_take("panel-chair")))]

    fields = dict(form.fields)
    if event_type == "stage2.appointed":
        fields["person"] = _select("Who is appointed?", [p for p in people if p.active and (p.may_take("io") or p.may_take("ip"))],
                                   required=True, message="Choose the person appointed from the register")
        fields.pop("council_employee", None)  # the register says
        fields["involved"].label = "Have they declared any involvement in the matter complained about?"
        fields = _after(fields, "involved", {"declaration": _declaration("Their declaration"),
                                             "replaces": forms.CharField(
                                                 label="Whom do they replace? (if someone already holds the role)",
                                                 required=False, max_length=200)})
    elif event_type in {"stage3.panel-scheduled", "stage3.panel-held"}:
        for i in range(1, 4):
            role = "panel-chair" if i == 1 else "panel-member"
            name = f"member_{i}"
            fields[name] = _select(f"Member {i}" + (" (chair)" if i == 1 else ""), who(role), required=False,
                                   message=f"Choose member {i} from the register")
            fields = _after(fields, name, {
                f"member_{i}_involved": _yes_no(f"Has member {i} declared any involvement in the matter?", required=False),
                f"member_{i}_declaration": _declaration(f"Member {i}'s declaration"),
            })
    elif event_type == "advocacy.appointed":
        fields = _after(fields, "provider", {
            "advocate": _select("Advocate (from the register)", who("advocate"), required=False,
                                message="Choose the advocate from the register"),
            "involved": _yes_no("Have they declared any involvement in the matter?", required=False),
            "declaration": _declaration("Their declaration"),
        })
    elif event_type == "stage1.responded":
        fields = _after(fields, "date", {"responded_by": forms.CharField(
            label="Who sent the response? (optional)", required=False, max_length=200,
            help_text="They may not be the adjudicating officer at Stage 2",
            error_messages={"max_length": "The name must be 200 characters or fewer"})})
    elif event_type == "stage2.responded":
        fields = _after(fields, "date", {"adjudicator": _select("Adjudicating officer", who("adjudicator"), required=False,
                                                                message="Choose the adjudicating officer from the register")})
    if conflicted:
        fields = _after(fields, "note", {CONFLICT_REASON: forms.CharField(
            label="Why appoint them despite the conflict?", required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Only a complaints manager may. The warning stays on the complaint, with this reason",
            error_messages={"max_length": "The reason must be 2,000 characters or fewer"})})
    form.fields = fields


def _after(fields: dict[str, forms.Field], name: str, extra: dict[str, forms.Field]) -> dict[str, forms.Field]:
    result: dict[str, forms.Field] = {}
    for key, value in fields.items():
        result[key] = value
        if key == name:
            result.update(extra)
    if name not in fields:
        result.update(extra)
    return result


def appointment_event(form: forms.Form, event: dict[str, Any]) -> dict[str, Any]:
    """The event from an adapted form: the declarations, the advocate, the replaced person and the reason added."""
    data = form.cleaned_data
    for name in ("declaration", "replaces", "advocate", "adjudicator", "responded_by", CONFLICT_REASON):
        if name in form.fields and data.get(name):
            event[name] = data[name]
    if event.get("type") == "advocacy.appointed" and data.get("involved"):
        event["involved"] = data["involved"] == "yes"
    if event.get("members"):
        members = []
        for i, member in enumerate(event["members"], start=1):
            name = member["name"] if isinstance(member, dict) else member
            extra: dict[str, Any] = {}
            if data.get(f"member_{i}_involved") == "yes":
                extra["involved"] = True
            if data.get(f"member_{i}_declaration"):
                extra["declaration"] = data[f"member_{i}_declaration"]
            members.append({"name": name, **extra} if extra else name)
        event["members"] = members
    return event


# --- My work: the investigating officer's findings and the reports -----------------------------------

FINDING_CHOICES = [("", "No finding yet"), ("upheld", "Upheld"), ("partly-upheld", "Partly upheld"),
                   ("not-upheld", "Not upheld"), ("not-investigated", "Not investigated")]


class FindingsForm(forms.Form):
    """A finding and its reasoning for each point of the complaint."""

    def __init__(self, *args: Any, points: list[dict[str, Any]], findings: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.point_ids = [str(p["id"]) for p in points]
        for point in points:
            pid = str(point["id"])
            standing = findings.get(pid)
            self.fields[f"finding_{pid}"] = forms.ChoiceField(
                label=f"{pid}: {point['text']}", choices=FINDING_CHOICES, required=False,
                initial=standing.finding if standing else "",
                error_messages={"invalid_choice": f"Choose a finding for {pid} from the list"})
            self.fields[f"reasoning_{pid}"] = forms.CharField(
                label=f"Why ({pid})", required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}),
                initial=standing.reasoning if standing else "",
                error_messages={"max_length": f"The reasoning for {pid} must be 10,000 characters or fewer"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f"finding_{pid}") for pid in self.point_ids):
            self.add_error(f"finding_{self.point_ids[0]}" if self.point_ids else None,
                           "Choose a finding for at least one point")
        for pid in self.point_ids:
            if data.get(f"reasoning_{pid}") and not data.get(f"finding_{pid}"):
                self.add_error(f"finding_{pid}", f"Choose a finding for {pid}, or leave its reasoning empty")
        return data

    def findings(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {pid: (data[f"finding_{pid}"], data.get(f"reasoning_{pid}") or "")
                for pid in self.point_ids if data.get(f"finding_{pid}")}

    def pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"finding_{pid}"], self[f"reasoning_{pid}"]) for pid in self.point_ids]


class ReportUploadForm(forms.Form):
    file = forms.FileField(label="Your report", help_text="PDF, Word (.docx) or OpenDocument text (.odt)",
                           error_messages={"required": "Choose your report to upload", "empty": "The file is empty"})
