"""One form per event type, described as data and turned into SCENARIOS.md events.

Each spec lists the fields a person fills in; `build_event_form` makes a Django form from it, and
the form's `to_event()` gives the event in the case-file form, which the service then checks
against the rules. The forms check only shape (required, real dates, choices); the procedure's
rules live in the core and come back as the rule's own message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms

FINDINGS = [("upheld", "Upheld"), ("partly-upheld", "Partly upheld"), ("not-upheld", "Not upheld"),
            ("not-investigated", "Not investigated")]
YES_NO = [("yes", "Yes"), ("no", "No")]
DUE_HELP = 'A date (YYYY-MM-DD) or a period: "20 WD", "4 weeks", "1 month", "3 months", "90 days".'
RECOMMENDATION_ROWS = 4


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | textarea | yesno | choice | date | due | int | members | findings | says | recommendations | decisions
    label: str
    required: bool = True
    hint: str = ""
    choices: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class EventSpec:
    type: str
    title: str
    hint: str = ""
    fields: Sequence[FieldSpec] = field(default_factory=tuple)


def _f(name: str, kind: str, label: str, **extra: Any) -> FieldSpec:
    return FieldSpec(name, kind, label, **extra)


EVENT_SPECS: dict[str, EventSpec] = {spec.type: spec for spec in [
    EventSpec("complaint.time-limit-decision", "Decide on a complaint made after a year",
              "A complaint more than a year after the matter may still be accepted (reg 9). Refusing it needs reasons.",
              [_f("accepted", "yesno", "Is the complaint accepted?"),
               _f("discretion_considered", "yesno", "Was the discretion to accept a late complaint considered?"),
               _f("reason", "textarea", "Reasons")]),
    EventSpec("eligibility.decided", "Record the eligibility decision", "",
              [_f("eligible", "yesno", "Is the complainant eligible?"),
               _f("basis", "textarea", "Basis for the decision"),
               _f("child_views_taken", "yesno", "Were the child's views taken?", required=False)]),
    EventSpec("advocacy.offered", "Record that advocacy was offered", "Children and care leavers must be offered an advocate (s26A).",
              [_f("provider", "text", "Advocacy provider", required=False)]),
    EventSpec("advocacy.appointed", "Record that an advocate was appointed", "",
              [_f("provider", "text", "Advocacy provider", required=False)]),
    EventSpec("stage1.extended", "Extend Stage 1 to 20 working days",
              "Allowed where the complaint is complex or an advocate is needed.", [_f("reason", "textarea", "Reason")]),
    EventSpec("stage1.responded", "Record the Stage 1 response",
              "The response must give a finding for every point, the basis for it, and the remedy for upheld points.",
              [_f("findings", "findings", "Finding for each point"),
               _f("says", "says", "What the letter contains"),
               _f("remedy", "textarea", "Remedy offered", required=False)]),
    EventSpec("stage2.requested", "Record a request for Stage 2", ""),
    EventSpec("stage2.request-decision", "Decide on a late Stage 2 request", "",
              [_f("accepted", "yesno", "Is the late request accepted?"), _f("reason", "textarea", "Reasons")]),
    EventSpec("stage2.statement-agreed", "Record that the statement of complaint was agreed",
              "This starts the 25 working day Stage 2 clock."),
    EventSpec("stage2.appointed", "Appoint an investigating officer or independent person",
              "Nobody involved in the events may be appointed; an independent person may not be a council employee.",
              [_f("role", "choice", "Role", choices=[("io", "Investigating officer"), ("ip", "Independent person")]),
               _f("person", "text", "Name"),
               _f("council_employee", "yesno", "Is this person a member or officer of the council?"),
               _f("involved", "yesno", "Was this person involved in the events complained about?")]),
    EventSpec("stage2.extended", "Extend Stage 2", "Up to 65 working days at most, with reasons and notice to the complainant.",
              [_f("to_wd", "int", "New limit in working days", hint="From 26 to 65."),
               _f("reason", "textarea", "Reason"),
               _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("stage2.responded", "Record the Stage 2 adjudication",
              "Sent with the investigating officer's and independent person's reports.",
              [_f("findings", "findings", "Finding for each point"),
               _f("recommendations", "recommendations", "Recommendations", required=False)]),
    EventSpec("stage3.requested", "Record a request for a review panel", "This starts the 30 working day panel clock."),
    EventSpec("stage3.request-decision", "Decide on a late panel request", "",
              [_f("accepted", "yesno", "Is the late request accepted?"), _f("reason", "textarea", "Reasons")]),
    EventSpec("stage3.refused", "Refuse a review panel",
              "Refusing a panel is fault unless the complaint qualifies for early referral to the Ombudsman.",
              [_f("reason", "textarea", "Reason")]),
    EventSpec("stage3.panel-scheduled", "Set the panel date", "Setting a date is not the same as holding the panel.",
              [_f("panel_date", "date", "Date of the panel"), _f("members", "members", "Panel members", required=False)]),
    EventSpec("stage3.panel-held", "Record that the panel met", "This starts the 5 working day clock for the panel's report.",
              [_f("members", "members", "Panel members", required=False)]),
    EventSpec("stage3.panel-reported", "Record the panel's report", "",
              [_f("findings", "findings", "Panel's finding for each point", required=False),
               _f("recommendations", "recommendations", "Panel's recommendations", required=False)]),
    EventSpec("stage3.responded", "Record the council's final response",
              "Give reasons for every recommendation the council rejects, and tell the complainant about the Ombudsman.",
              [_f("decisions", "decisions", "Decision on each panel recommendation")]),
    EventSpec("procedure.suspended", "Suspend the procedure", "Every running clock stops until the procedure resumes (reg 8).",
              [_f("reason", "textarea", "Reason"), _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("procedure.resumed", "Resume the procedure", "",
              [_f("reason", "textarea", "Reason"), _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("offer.made", "Record an offer to the complainant", "For example, 90 days to ask for a new panel.",
              [_f("id", "text", "Offer reference", hint="For example O1"), _f("what", "textarea", "What is offered"),
               _f("window", "due", "Open until", hint=DUE_HELP)]),
    EventSpec("offer.withdrawn", "Withdraw an offer", "Withdrawing an offer before its window ends is fault.",
              [_f("id", "text", "Offer reference")]),
    EventSpec("offer.taken-up", "Record that an offer was taken up", "", [_f("id", "text", "Offer reference")]),
    EventSpec("action.agreed", "Record an agreed action", "A remedy, a record amendment, or any other commitment.",
              [_f("id", "text", "Action reference", hint="For example A1"), _f("what", "textarea", "What will be done"),
               _f("due", "due", "Due", hint=DUE_HELP)]),
    EventSpec("action.completed", "Record that an action was completed", "",
              [_f("id", "text", "Action reference"), _f("evidence", "textarea", "Evidence of completion", required=False)]),
    EventSpec("ombudsman.referred", "Record a referral to the Ombudsman", "",
              [_f("reference", "text", "Ombudsman reference", required=False, hint="For example 19 011 904"),
               _f("early", "yesno", "Is this an early referral (before Stage 3 is complete)?", required=False),
               _f("council_agreed", "yesno", "Has the council agreed to early referral?", required=False)]),
    EventSpec("complaint.withdrawn", "Record that the complaint was withdrawn", "", [_f("reason", "textarea", "Reason", required=False)]),
    EventSpec("complaint.closed", "Close the complaint", "", [_f("reason", "textarea", "Reason", required=False)]),
]}


class EventForm(forms.Form):
    """A form for one event type: a date, the spec's fields, and `to_event()`."""

    spec: EventSpec
    points: Sequence[dict[str, str]]
    panel_recommendations: Sequence[dict[str, str]]

    date = forms.DateField(label="Date", error_messages={"required": "Enter the date", "invalid": "Enter a real date"})

    def to_event(self) -> dict[str, Any]:
        """The event in the case-file form of SCENARIOS.md, from the cleaned data."""
        data = self.cleaned_data
        event: dict[str, Any] = {"date": data["date"].isoformat(), "type": self.spec.type}
        for spec in self.spec.fields:
            value = _value(self, spec, data)
            if value is not None and value != "" and value != [] and value != {}:
                event[spec.name] = value
        return event


def _value(form: EventForm, spec: FieldSpec, data: dict[str, Any]) -> Any:
    if spec.kind == "findings":
        return {p["id"]: data[f"finding_{p['id']}"] for p in form.points if data.get(f"finding_{p['id']}")}
    if spec.kind == "members":
        return [data[f"member_{i}"] for i in range(1, 4) if data.get(f"member_{i}")]
    if spec.kind == "recommendations":
        return _recommendations(form, data)
    if spec.kind == "decisions":
        return {
            r["id"]: {k: v for k, v in {"accepted": data[f"decision_{r['id']}"] == "yes",
                                       "reason": data.get(f"reason_{r['id']}", ""),
                                       "due": data.get(f"due_{r['id']}", "")}.items() if v != ""}
            for r in form.panel_recommendations
        }
    if spec.kind == "yesno":
        return {"yes": True, "no": False}.get(data.get(spec.name) or "")
    if spec.kind == "date":
        value = data.get(spec.name)
        return value.isoformat() if isinstance(value, dt.date) else None
    return data.get(spec.name)


def _recommendations(form: EventForm, data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for i in range(1, RECOMMENDATION_ROWS + 1):
        what = data.get(f"rec_what_{i}")
        if not what:
            continue
        row: dict[str, Any] = {"id": data.get(f"rec_id_{i}") or f"R{i}", "what": what}
        if form.spec.type == "stage2.responded":
            row["accepted"] = data.get(f"rec_accepted_{i}") == "yes"
            if data.get(f"rec_due_{i}"):
                row["due"] = data[f"rec_due_{i}"]
        rows.append(row)
    return rows


def build_event_form(
    spec: EventSpec,
    *,
    points: Sequence[dict[str, str]],
    panel_recommendations: Sequence[dict[str, str]] = (),
    data: Any = None,
    initial: dict[str, Any] | None = None,
) -> EventForm:
    """A bound or unbound form for `spec`, with per-point and per-recommendation fields added."""
    form = EventForm(data=data, initial=initial)
    form.spec, form.points, form.panel_recommendations = spec, points, panel_recommendations
    for field_spec in spec.fields:
        for name, django_field in _fields_for(field_spec, points, panel_recommendations, spec.type):
            form.fields[name] = django_field
    return form


def _fields_for(
    spec: FieldSpec, points: Sequence[dict[str, str]], recs: Sequence[dict[str, str]], event_type: str
) -> list[tuple[str, forms.Field]]:
    required = {"required": f"Enter {spec.label[0].lower() + spec.label[1:]}"}
    if spec.kind == "text":
        return [(spec.name, forms.CharField(label=spec.label, required=spec.required, max_length=200, help_text=spec.hint, error_messages=required))]
    if spec.kind in {"textarea", "due"}:
        widget = forms.Textarea(attrs={"rows": 3}) if spec.kind == "textarea" else forms.TextInput
        return [(spec.name, forms.CharField(label=spec.label, required=spec.required, max_length=2000, widget=widget, help_text=spec.hint, error_messages=required))]
    if spec.kind == "int":
        return [(spec.name, forms.IntegerField(label=spec.label, required=spec.required, min_value=1, max_value=500, help_text=spec.hint, error_messages={"required": "Enter a number of working days", "invalid": "Enter a whole number"}))]
    if spec.kind == "yesno":
        return [(spec.name, forms.ChoiceField(label=spec.label, choices=YES_NO, required=spec.required, widget=forms.RadioSelect, error_messages={"required": "Select yes or no"}))]
    if spec.kind == "choice":
        return [(spec.name, forms.ChoiceField(label=spec.label, choices=list(spec.choices), widget=forms.RadioSelect, error_messages={"required": f"Select the {spec.label.lower()}"}))]
    if spec.kind == "date":
        return [(spec.name, forms.DateField(label=spec.label, error_messages={"required": "Enter the date", "invalid": "Enter a real date"}))]
    if spec.kind == "says":
        return [(spec.name, forms.MultipleChoiceField(label=spec.label, required=False, widget=forms.CheckboxSelectMultiple,
                                                      choices=[("findings", "A finding on every point"), ("basis", "The basis for each finding"), ("remedy", "The remedy for upheld points")]))]
    if spec.kind == "findings":
        choices = [("", "Choose a finding"), *FINDINGS]
        return [(f"finding_{p['id']}", forms.ChoiceField(label=f"{p['id']}: {p['text']}", choices=choices, required=spec.required,
                                                         error_messages={"required": f"Choose a finding for {p['id']}"})) for p in points]
    if spec.kind == "members":
        return [(f"member_{i}", forms.CharField(label=f"Member {i}" + (" (chair)" if i == 1 else ""), required=False, max_length=200)) for i in range(1, 4)]
    if spec.kind == "recommendations":
        fields: list[tuple[str, forms.Field]] = []
        for i in range(1, RECOMMENDATION_ROWS + 1):
            fields.append((f"rec_id_{i}", forms.CharField(label=f"Recommendation {i}: reference", required=False, max_length=20, help_text=f"Leave blank for R{i}")))
            fields.append((f"rec_what_{i}", forms.CharField(label=f"Recommendation {i}", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))))
            if event_type == "stage2.responded":
                fields.append((f"rec_accepted_{i}", forms.ChoiceField(label=f"Is recommendation {i} accepted?", choices=YES_NO, required=False, widget=forms.RadioSelect)))
                fields.append((f"rec_due_{i}", forms.CharField(label=f"Recommendation {i}: due", required=False, max_length=40, help_text=DUE_HELP)))
        return fields
    if spec.kind == "decisions":
        fields = []
        for r in recs:
            fields.append((f"decision_{r['id']}", forms.ChoiceField(label=f"{r['id']}: {r.get('what', '')}", choices=[("yes", "Accepted"), ("no", "Rejected")], widget=forms.RadioSelect,
                                                                    error_messages={"required": f"Say whether {r['id']} is accepted"})))
            fields.append((f"reason_{r['id']}", forms.CharField(label=f"Reasons for {r['id']}", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))))
            fields.append((f"due_{r['id']}", forms.CharField(label=f"{r['id']}: due, if accepted", required=False, max_length=40, help_text=DUE_HELP)))
        return fields
    raise ValueError(f"unknown field kind {spec.kind}")  # pragma: no cover - a spec error, caught by tests
