"""One form per event type, described as data and turned into SCENARIOS.md events.

Each spec lists the fields a person fills in; `build_event_form` makes a Django form from it, and
the form's `to_event()` gives the event in the case-file form, which the service then checks
against the rules. The forms check only shape (required, real dates, choices); the procedure's
rules live in the core and come back as the rule's own message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms

from redress.complaints.procedures import WEB
from redress.complaints.specs import EventSpec, FieldSpec, f
from redress.web.forms import GovukDateField, RadioSelect

FINDINGS = [("upheld", "Upheld"), ("partly-upheld", "Partly upheld"), ("not-upheld", "Not upheld"),
            ("not-investigated", "Not investigated")]
YES_NO = [("yes", "Yes"), ("no", "No")]
DUE_HELP = 'A date (YYYY-MM-DD) or a period: "20 WD", "4 weeks", "1 month", "3 months", "90 days".'
RECOMMENDATION_ROWS = 4
REMEDY_ROWS = 3
NOTE_MAX = 10_000
TEXT_MAX, LONG_TEXT_MAX = 200, 2000
PREFIX = {"stage2.responded": "R", "stage3.panel-reported": "PR"}
"""Blank recommendation ids: Stage 2's are R1, R2 ...; the panel's PR1, PR2 ..., so accepting them never clashes."""


_f = f


EVENT_SPECS: dict[str, EventSpec] = {spec.type: spec for spec in [
    EventSpec("complaint.received", "Record the complaint's receipt", "The date received starts Stage 1.",
              [_f("complainant", "complainant", "Who is complaining"),
               _f("matter_on", "date", "Date of the matter complained about", required=False),
               _f("via", "text", "How it was received", required=False)],
              date_noun="date the complaint was received"),
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
               _f("basis", "textarea", "Basis for the findings (why they were reached)", required=False),
               _f("remedy", "textarea", "Remedy offered", required=False)], date_noun="date the response was sent"),
    EventSpec("stage2.requested", "Record a request for Stage 2", "", date_noun="date Stage 2 was asked for"),
    EventSpec("stage2.request-decision", "Decide on a late Stage 2 request", "",
              [_f("accepted", "yesno", "Is the late request accepted?"), _f("reason", "textarea", "Reasons")]),
    EventSpec("stage2.statement-agreed", "Record that the statement of complaint was agreed",
              "This starts the 25 working day Stage 2 clock."),
    EventSpec("stage2.appointed", "Appoint an investigating officer or independent person",
              "Nobody involved in the events may be appointed; an independent person may not be a council employee.",
              [_f("role", "choice", "Role", choices=[("io", "Investigating officer"), ("ip", "Independent person")]),
               _f("person", "text", "Name", noun="the name of the person appointed"),
               _f("council_employee", "yesno", "Is this person a member or officer of the council?"),
               _f("involved", "yesno", "Was this person involved in the events complained about?")]),
    EventSpec("stage2.extended", "Extend Stage 2", "Up to 65 working days at most, with reasons and notice to the complainant.",
              [_f("to_wd", "int", "New limit in working days", hint="From 26 to 65."),
               _f("reason", "textarea", "Reason"),
               _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("stage2.responded", "Record the Stage 2 adjudication",
              "Sent with the investigating officer's and independent person's reports.",
              [_f("findings", "findings", "Finding for each point"),
               _f("recommendations", "recommendations", "Recommendations", required=False)],
              date_noun="date the adjudication was sent"),
    EventSpec("stage3.requested", "Record a request for a review panel", "This starts the 30 working day panel clock.",
              date_noun="date the panel was asked for"),
    EventSpec("stage3.request-decision", "Decide on a late panel request", "",
              [_f("accepted", "yesno", "Is the late request accepted?"), _f("reason", "textarea", "Reasons")]),
    EventSpec("stage3.refused", "Refuse a review panel",
              "Refusing a panel is fault unless the complaint qualifies for early referral to the Ombudsman.",
              [_f("reason", "textarea", "Reason")]),
    EventSpec("stage3.panel-scheduled", "Set the panel date", "Setting a date is not the same as holding the panel.",
              [_f("panel_date", "date", "Date of the panel"), _f("members", "members", "Panel members", required=False)],
              date_noun="date the panel date was set"),
    EventSpec("stage3.panel-held", "Record that the panel met", "This starts the 5 working day clock for the panel's report.",
              [_f("members", "members", "Panel members", required=False)], date_noun="date the panel met"),
    EventSpec("stage3.panel-reported", "Record the panel's report", "",
              [_f("findings", "findings", "Panel's finding for each point", required=False),
               _f("recommendations", "recommendations", "Panel's recommendations", required=False)],
              date_noun="date of the panel's report"),
    EventSpec("stage3.responded", "Record the council's final response",
              "Give reasons for every recommendation the council rejects, and tell the complainant about the Ombudsman.",
              [_f("decisions", "decisions", "Decision on each panel recommendation")],
              date_noun="date the final response was sent"),
    EventSpec("procedure.suspended", "Suspend the procedure", "Every running clock stops until the procedure resumes (reg 8).",
              [_f("reason", "textarea", "Reason"), _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("procedure.resumed", "Resume the procedure", "",
              [_f("reason", "textarea", "Reason"), _f("notified", "yesno", "Has the complainant been told?")]),
    EventSpec("offer.made", "Record an offer to the complainant", "For example, 90 days to ask for a new panel.",
              [_f("id", "text", "Offer reference", hint="For example O1"),
               _f("what", "textarea", "What is offered", noun="what is offered"),
               _f("window", "due", "Open until", hint=DUE_HELP, noun="when the offer ends")]),
    EventSpec("offer.withdrawn", "Withdraw an offer", "Withdrawing an offer before its window ends is fault.",
              [_f("id", "text", "Offer reference")]),
    EventSpec("offer.taken-up", "Record that an offer was taken up", "", [_f("id", "text", "Offer reference")]),
    EventSpec("action.agreed", "Record an agreed action", "A remedy, a record amendment, or any other commitment.",
              [_f("id", "text", "Action reference", hint="For example A1"),
               _f("what", "textarea", "What will be done", noun="what will be done"),
               _f("due", "due", "Due", hint=DUE_HELP, noun="when the action is due")]),
    EventSpec("action.completed", "Record that an action was completed", "",
              [_f("id", "text", "Action reference"), _f("evidence", "textarea", "Evidence of completion", required=False)]),
    EventSpec("ombudsman.referred", "Record a referral to the Ombudsman", "",
              [_f("reference", "text", "Ombudsman reference", required=False, hint="For example 19 011 904"),
               _f("early", "yesno", "Is this an early referral (before Stage 3 is complete)?", required=False),
               _f("council_agreed", "yesno", "Has the council agreed to early referral?", required=False)]),
    EventSpec("ombudsman.decided", "Record the Ombudsman's decision",
              "Each action and payment the Ombudsman asks for becomes an agreed action, due in a month unless it says otherwise.",
              [_f("outcome", "choice", "Outcome", choices=[("upheld", "Upheld"), ("not-upheld", "Not upheld"),
                                                          ("closed-after-initial-enquiries", "Closed after initial enquiries")]),
               _f("reference", "text", "Ombudsman reference", required=False, hint="For example 19 011 904"),
               _f("fault", "yesno", "Did the Ombudsman find fault?", required=False),
               _f("injustice", "yesno", "Did the fault cause injustice?", required=False),
               _f("actions", "remedies", "Actions the Ombudsman asks for", required=False),
               _f("payments", "payments", "Payments the Ombudsman asks for", required=False)],
              date_noun="date of the decision"),
    EventSpec("complaint.withdrawn", "Record that the complaint was withdrawn", "", [_f("reason", "textarea", "Reason", required=False)]),
    EventSpec("complaint.closed", "Close the complaint", "", [_f("reason", "textarea", "Reason", required=False)]),
    EventSpec("procedure.changed", "Move to another procedure",
              "Where the complaint belongs under another procedure (the Ombudsman's usual remedy: consider it under "
              "the statutory one). The new procedure's clocks start from this date; the history is kept.",
              [_f("to", "procedure", "Which procedure should it move to?", noun="the procedure to move it to"),
               _f("reason", "textarea", "Why is it moving?", noun="why it is moving")],
              date_noun="date it was moved"),
]}
"""The forms of the shared events and of children-england's; each other procedure's are in its web table."""
for _table in WEB.values():
    EVENT_SPECS.update({spec.type: spec for spec in _table.specs})

RECORDED_ELSEWHERE: dict[str, str] = {
    "letter.sent": "the complaint's Letters page, when a letter Redress produced is sent (redress.documents)",
}
"""Events with no form of their own: another page records them, with what only it knows (a letter's SHA-256)."""


class EventForm(forms.Form):
    """A form for one event type: a date, the spec's fields, an optional note, and `to_event()`.

    Where the law needs something the person left out (reasons for a rejection, notice of an
    extension), the form says so before saving; the person may still go on with "Save anyway".
    """

    spec: EventSpec
    points: Sequence[dict[str, str]]
    panel_recommendations: Sequence[dict[str, str]]
    original: Mapping[str, Any]  # the event being corrected; empty when recording a new one
    save_anyway_offered = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        warnings = [(name, message) for name, message in presave_warnings(self.spec, data, self.panel_recommendations)
                    if name in self.fields and name not in self.errors]
        if warnings:
            self.save_anyway_offered = True
            if not data.get("save_anyway"):
                for name, message in warnings:
                    self.add_error(name, message)
        return data

    def to_event(self) -> dict[str, Any]:
        """The event in the case-file form of SCENARIOS.md, from the cleaned data."""
        data = self.cleaned_data
        names = {spec.name for spec in self.spec.fields}
        event: dict[str, Any] = {k: v for k, v in self.original.items() if k not in names | {"date", "type", "note"}}
        event.update({"date": data["date"].isoformat(), "type": self.spec.type})
        for spec in self.spec.fields:
            value = _value(self, spec, data)
            if value is not None and value != "" and value != [] and value != {}:
                event[spec.name] = value
        if data.get("note"):
            event["note"] = data["note"]
        return event


def presave_warnings(spec: EventSpec, data: Mapping[str, Any], recs: Sequence[dict[str, str]]) -> list[tuple[str, str]]:
    """What the law needs that the form leaves out, as (field, message): asked for before saving.

    Sources: SI 2006/1738 reg 21 (reasons for each rejected panel recommendation), reg 17(4) (notice
    of a Stage 2 extension), reg 9(2) (the discretion to accept a late complaint).
    """
    found: list[tuple[str, str]] = []
    if spec.type == "stage3.responded":
        for rec in recs:
            rec_id, decision = rec["id"], data.get(f"decision_{rec['id']}")
            if decision == "no" and not data.get(f"reason_{rec_id}"):
                found.append((f"reason_{rec_id}", f"Enter the reasons for rejecting {rec_id}: the council must give "
                                                  "reasons for every recommendation it rejects"))
            if decision == "yes" and not data.get(f"due_{rec_id}"):
                found.append((f"due_{rec_id}", f"Enter when {rec_id} is due: without a date it is due 20 working days "
                                               "after the response"))
    if spec.type == "complaint.time-limit-decision" and data.get("accepted") == "no" \
            and data.get("discretion_considered") == "no":
        found.append(("discretion_considered", "Refusing a late complaint without considering the discretion to accept "
                                               "it is fault: consider it, and give the reasons"))
    if spec.type == "stage2.extended" and data.get("notified") == "no":
        found.append(("notified", "Extending Stage 2 without telling the complainant is fault: tell them, with the reasons"))
    found += [(name, message) for name, answer, message in spec.asks if data.get(name) == answer]
    return found


def _value(form: EventForm, spec: FieldSpec, data: dict[str, Any]) -> Any:
    if spec.kind == "findings":
        return {p["id"]: data[f"finding_{p['id']}"] for p in form.points if data.get(f"finding_{p['id']}")}
    if spec.kind == "members":
        involved = {m["name"] for m in form.original.get("members") or () if isinstance(m, dict) and m.get("involved")}
        names = [data[f"member_{i}"] for i in range(1, 4) if data.get(f"member_{i}")]
        return [{"name": name, "involved": True} if name in involved else name for name in names]
    if spec.kind == "recommendations":
        return _recommendations(form, data)
    if spec.kind == "decisions":
        return {r["id"]: _decision(r["id"], data) for r in form.panel_recommendations}
    if spec.kind == "remedies":
        return [{k: v for k, v in {"id": data.get(f"remedy_id_{i}") or f"OA{i}", "what": data[f"remedy_what_{i}"],
                                   "due": data.get(f"remedy_due_{i}")}.items() if v}
                for i in range(1, REMEDY_ROWS + 1) if data.get(f"remedy_what_{i}")]
    if spec.kind == "payments":
        return [{k: v for k, v in {"id": data.get(f"payment_id_{i}") or f"OP{i}",
                                   "amount_gbp": _pounds(data[f"payment_amount_{i}"]),
                                   "purpose": data.get(f"payment_purpose_{i}"), "due": data.get(f"payment_due_{i}")}.items()
                 if v not in (None, "")}
                for i in range(1, REMEDY_ROWS + 1) if data.get(f"payment_amount_{i}") is not None]
    if spec.kind == "complainant":
        name = (form.original.get("complainant") or {}).get("name")
        return {"role": data[spec.name], **({"name": name} if name else {})}
    if spec.kind == "yesno":
        return {"yes": True, "no": False}.get(data.get(spec.name) or "")
    if spec.kind == "date":
        value = data.get(spec.name)
        return value.isoformat() if isinstance(value, dt.date) else None
    return data.get(spec.name)


def _decision(rec_id: str, data: dict[str, Any]) -> dict[str, Any]:
    accepted = data[f"decision_{rec_id}"] == "yes"
    decision: dict[str, Any] = {"accepted": accepted}
    if data.get(f"reason_{rec_id}"):
        decision["reason"] = data[f"reason_{rec_id}"]
    if data.get(f"due_{rec_id}"):
        decision["due"] = data[f"due_{rec_id}"]
    action = data.get(f"action_{rec_id}")
    if accepted and action and action != rec_id:
        decision["action"] = action
    return decision


def _pounds(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _recommendations(form: EventForm, data: dict[str, Any]) -> list[dict[str, Any]]:
    prefix = PREFIX.get(form.spec.type, "R")
    rows = []
    for i in range(1, RECOMMENDATION_ROWS + 1):
        what = data.get(f"rec_what_{i}")
        if not what:
            continue
        row: dict[str, Any] = {"id": data.get(f"rec_id_{i}") or f"{prefix}{i}", "what": what}
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
    original: Mapping[str, Any] | None = None,
    procedures: Sequence[tuple[str, str]] = (),
) -> EventForm:
    """A bound or unbound form for `spec`, with per-point and per-recommendation fields added.

    `procedures` are the (name, title) choices of a procedure field: the council's other procedures.
    """
    form = EventForm(data=data, initial=initial)
    form.spec, form.points, form.panel_recommendations = spec, points, panel_recommendations
    form.original = original or {}
    form.fields["date"] = GovukDateField(label=spec.date_noun[0].upper() + spec.date_noun[1:], noun=spec.date_noun)
    for field_spec in spec.fields:
        for name, django_field in _fields_for(field_spec, points, panel_recommendations, spec.type, procedures):
            form.fields[name] = django_field
    form.fields["note"] = _text("Note", required=False, max_length=NOTE_MAX, rows=3, noun="the note",
                                hint="Optional. Kept with the event; it does not change any deadline.")
    form.fields["save_anyway"] = forms.BooleanField(
        label="Save anyway: I have read the warnings and the record is right", required=False)
    return form


# --- fields, with the GOV.UK error messages -------------------------------------------------------


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _text(label: str, *, required: bool = True, max_length: int = TEXT_MAX, rows: int = 0, hint: str = "",
          noun: str = "") -> forms.CharField:
    """A text box (or a textarea with `rows`) saying, in words, what is missing or too long."""
    what = noun or "the " + label[0].lower() + label[1:]
    name = _cap(what.removeprefix("the "))
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={"required": f"Enter {what}", "max_length": f"{name} must be {max_length:,} characters or fewer"},
    )


def _due(label: str, *, noun: str, required: bool = False) -> forms.CharField:
    return _text(label, required=required, max_length=40, hint=DUE_HELP, noun=noun)


def _radios(label: str, choices: Sequence[tuple[str, str]], *, required: bool = True, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=list(choices), required=required, widget=RadioSelect,
                             error_messages={"required": message, "invalid_choice": message})


def _fields_for(
    spec: FieldSpec, points: Sequence[dict[str, str]], recs: Sequence[dict[str, str]], event_type: str,
    procedures: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, forms.Field]]:
    if spec.kind == "text":
        return [(spec.name, _text(spec.label, required=spec.required, hint=spec.hint, noun=spec.what))]
    if spec.kind == "textarea":
        return [(spec.name, _text(spec.label, required=spec.required, max_length=LONG_TEXT_MAX, rows=3, hint=spec.hint,
                                  noun=spec.what))]
    if spec.kind == "due":
        return [(spec.name, _due(spec.label, noun=spec.what, required=spec.required))]
    if spec.kind == "int":
        words = "The new limit must be a whole number of working days" + (
            f", {spec.hint.rstrip('.').lower()}" if spec.hint else "")
        return [(spec.name, forms.IntegerField(label=spec.label, required=spec.required, min_value=1, max_value=500,
                                               help_text=spec.hint, error_messages={
                                                   "required": "Enter the new limit in working days", "invalid": words,
                                                   "min_value": words, "max_value": words}))]
    if spec.kind == "yesno":
        return [(spec.name, _radios(spec.label, YES_NO, required=spec.required, message="Select yes or no"))]
    if spec.kind in {"choice", "complainant"}:
        choices = spec.choices if spec.kind == "choice" else ROLE_CHOICES
        return [(spec.name, _radios(spec.label, choices, message=f"Select {spec.what}"))]
    if spec.kind == "procedure":
        return [(spec.name, _radios(spec.label, procedures, message=f"Select {spec.what}"))]
    if spec.kind == "date":
        return [(spec.name, GovukDateField(label=spec.label, noun=spec.what.removeprefix("the "), required=spec.required))]
    if spec.kind == "says":
        return [(spec.name, forms.MultipleChoiceField(
            label=spec.label, required=False, widget=forms.CheckboxSelectMultiple, choices=SAYS_CHOICES,
            error_messages={"invalid_choice": "Select what the letter contains from the list"}))]
    if spec.kind == "findings":
        choices = [("", "Choose a finding"), *FINDINGS]
        return [(f"finding_{p['id']}", forms.ChoiceField(
            label=f"{p['id']}: {p['text']}", choices=choices, required=spec.required,
            error_messages={"required": f"Choose a finding for {p['id']}",
                            "invalid_choice": f"Choose a finding for {p['id']} from the list"})) for p in points]
    if spec.kind == "members":
        return [(f"member_{i}", _text(f"Member {i}" + (" (chair)" if i == 1 else ""), required=False,
                                      noun=f"the name of member {i}")) for i in range(1, 4)]
    if spec.kind == "recommendations":
        return _recommendation_fields(event_type)
    if spec.kind == "decisions":
        return _decision_fields(recs)
    if spec.kind == "remedies":
        return _remedy_fields()
    if spec.kind == "payments":
        return _payment_fields()
    raise ValueError(f"unknown field kind {spec.kind}")  # pragma: no cover - a spec error, caught by tests


ROLE_CHOICES = [("child", "The child"), ("parent", "A parent"),
                ("parental-responsibility", "Someone with parental responsibility"), ("foster-carer", "A foster carer"),
                ("care-leaver", "A care leaver"), ("special-guardian", "A special guardian"),
                ("adoption-party", "A party to an adoption"), ("sufficient-interest", "Someone with sufficient interest"),
                ("other", "Someone else")]
SAYS_CHOICES = [("findings", "A finding on every point"), ("basis", "The basis for each finding"),
                ("remedy", "The remedy for upheld points")]


def _recommendation_fields(event_type: str) -> list[tuple[str, forms.Field]]:
    prefix = PREFIX.get(event_type, "R")
    fields: list[tuple[str, forms.Field]] = []
    for i in range(1, RECOMMENDATION_ROWS + 1):
        reference = _text(f"Recommendation {i}: reference", required=False, max_length=20,
                          hint="Change it if an action already has this reference", noun=f"the reference of recommendation {i}")
        reference.initial = f"{prefix}{i}"
        fields.append((f"rec_id_{i}", reference))
        fields.append((f"rec_what_{i}", _text(f"Recommendation {i}", required=False, max_length=1000, rows=2,
                                              noun=f"recommendation {i}")))
        if event_type == "stage2.responded":
            fields.append((f"rec_accepted_{i}", _radios(f"Is recommendation {i} accepted?", YES_NO, required=False,
                                                        message="Select yes or no")))
            fields.append((f"rec_due_{i}", _due(f"Recommendation {i}: due", noun=f"when recommendation {i} is due")))
    return fields


def _decision_fields(recs: Sequence[dict[str, str]]) -> list[tuple[str, forms.Field]]:
    fields: list[tuple[str, forms.Field]] = []
    for r in recs:
        rec_id = r["id"]
        fields.append((f"decision_{rec_id}", _radios(f"{rec_id}: {r.get('what', '')}", [("yes", "Accepted"), ("no", "Rejected")],
                                                     message=f"Select whether {rec_id} is accepted or rejected")))
        fields.append((f"reason_{rec_id}", _text(f"Reasons for {rec_id}", required=False, max_length=LONG_TEXT_MAX, rows=2,
                                                 noun=f"the reasons for {rec_id}")))
        fields.append((f"due_{rec_id}", _due(f"{rec_id}: due, if accepted", noun=f"when {rec_id} is due")))
        action = _text(f"{rec_id}: action reference, if accepted", required=False, max_length=20,
                       hint="Change it if an action already has this reference", noun=f"the action reference for {rec_id}")
        action.initial = rec_id
        fields.append((f"action_{rec_id}", action))
    return fields


def _remedy_fields() -> list[tuple[str, forms.Field]]:
    fields: list[tuple[str, forms.Field]] = []
    for i in range(1, REMEDY_ROWS + 1):
        reference = _text(f"Action {i}: reference", required=False, max_length=20, noun=f"the reference of action {i}")
        reference.initial = f"OA{i}"
        fields += [(f"remedy_id_{i}", reference),
                   (f"remedy_what_{i}", _text(f"Action {i}: what the council will do", required=False, max_length=1000,
                                              rows=2, noun=f"what action {i} is")),
                   (f"remedy_due_{i}", _due(f"Action {i}: due", noun=f"when action {i} is due"))]
    return fields


def _payment_fields() -> list[tuple[str, forms.Field]]:
    fields: list[tuple[str, forms.Field]] = []
    for i in range(1, REMEDY_ROWS + 1):
        reference = _text(f"Payment {i}: reference", required=False, max_length=20, noun=f"the reference of payment {i}")
        reference.initial = f"OP{i}"
        words = f"Payment {i} must be an amount in pounds, like 250 or 250.50"
        amount = forms.DecimalField(label=f"Payment {i}: amount in pounds", required=False, min_value=0, max_digits=9,
                                    decimal_places=2, error_messages={
                                        k: words for k in ("invalid", "min_value", "max_digits", "max_decimal_places",
                                                           "max_whole_digits")})
        fields += [(f"payment_id_{i}", reference), (f"payment_amount_{i}", amount),
                   (f"payment_purpose_{i}", _text(f"Payment {i}: what it is for", required=False,
                                                  noun=f"what payment {i} is for")),
                   (f"payment_due_{i}", _due(f"Payment {i}: due", noun=f"when payment {i} is due"))]
    return fields


# --- putting a recorded event right (issue #17.1) --------------------------------------------------


class VoidForm(forms.Form):
    """Why a recorded event is to be removed from what the procedure counts (the history keeps it)."""

    reason = _text("Why should this event be removed?", max_length=LONG_TEXT_MAX, rows=3,
                   noun="why the event should be removed",
                   hint="For example, it was recorded on the wrong complaint. The timeline keeps it, marked as removed.")


def correction_form(
    spec: EventSpec, *, original: Mapping[str, Any], points: Sequence[dict[str, str]],
    panel_recommendations: Sequence[dict[str, str]] = (), data: Any = None,
    procedures: Sequence[tuple[str, str]] = (),
) -> EventForm:
    """The event's own form, filled in as it was recorded, with the reason for the correction first."""
    form = build_event_form(spec, points=points, panel_recommendations=panel_recommendations, data=data,
                            initial=initial_from_event(spec, original), original=original, procedures=procedures)
    reason = _text("Why is this event being corrected?", max_length=LONG_TEXT_MAX, rows=3,
                   noun="why the event is being corrected", hint="The timeline shows the reason beside the correction.")
    form.fields = {"correction_reason": reason, **form.fields}
    return form


def correction_event(form: EventForm, *, sequence: int, on: dt.date) -> dict[str, Any]:
    """The `event.corrected` event for a filled-in correction form."""
    return {"date": on.isoformat(), "type": "event.corrected", "event": sequence,
            "reason": form.cleaned_data["correction_reason"], "replacement": form.to_event()}


def void_event(form: VoidForm, *, sequence: int, on: dt.date) -> dict[str, Any]:
    return {"date": on.isoformat(), "type": "event.voided", "event": sequence, "reason": form.cleaned_data["reason"]}


def initial_from_event(spec: EventSpec, data: Mapping[str, Any]) -> dict[str, Any]:
    """The form's fields filled in from an event as recorded (the inverse of `to_event`)."""
    initial: dict[str, Any] = {"date": _day(data.get("date")), "note": data.get("note", "")}
    for field_spec in spec.fields:
        value = data.get(field_spec.name)
        if value is None:
            continue
        kind, name = field_spec.kind, field_spec.name
        if kind == "findings":
            initial.update({f"finding_{point}": outcome for point, outcome in value.items()})
        elif kind == "members":
            initial.update({f"member_{i}": m["name"] if isinstance(m, dict) else m for i, m in enumerate(value[:3], 1)})
        elif kind == "recommendations":
            for i, rec in enumerate(value[:RECOMMENDATION_ROWS], 1):
                initial.update({f"rec_id_{i}": rec.get("id"), f"rec_what_{i}": rec.get("what"),
                                f"rec_accepted_{i}": _yes_no(rec.get("accepted")), f"rec_due_{i}": rec.get("due", "")})
        elif kind == "decisions":
            for rec_id, decision in value.items():
                initial.update({f"decision_{rec_id}": _yes_no(decision.get("accepted")),
                                f"reason_{rec_id}": decision.get("reason", ""), f"due_{rec_id}": decision.get("due", ""),
                                f"action_{rec_id}": decision.get("action") or rec_id})
        elif kind == "remedies":
            for i, item in enumerate(value[:REMEDY_ROWS], 1):
                initial.update({f"remedy_id_{i}": item.get("id"), f"remedy_what_{i}": item.get("what"),
                                f"remedy_due_{i}": item.get("due", "")})
        elif kind == "payments":
            for i, item in enumerate(value[:REMEDY_ROWS], 1):
                initial.update({f"payment_id_{i}": item.get("id"), f"payment_amount_{i}": item.get("amount_gbp"),
                                f"payment_purpose_{i}": item.get("purpose", ""), f"payment_due_{i}": item.get("due", "")})
        elif kind == "complainant":
            initial[name] = value.get("role")
        elif kind == "yesno":
            initial[name] = _yes_no(value)
        elif kind == "date":
            initial[name] = _day(value)
        else:
            initial[name] = value
    return initial


def _yes_no(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, "") if isinstance(value, bool) else ""


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


# The field a refusal by the rules is about, by the rule's code, so the error summary links to it.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "in-date-order": ("date",), "future-date": ("date",), "stage1-answered-or-late": ("date",), "panel-date-not-past": ("panel_date",),
    "extension-within-limit": ("to_wd",), "offer-id-new": ("id",), "offer-open": ("id",), "action-known": ("id",),
    "offer-end-not-past": ("window",),
}
_ID_FIELDS = ("rec_id_", "action_", "remedy_id_", "payment_id_")


def field_for_refusal(form: forms.Form, code: str, message: str) -> str | None:
    """The form field a refusal is about (an action id already used, a date out of order), or None."""
    if code == "action-ids-new":
        data = getattr(form, "cleaned_data", {})
        for name in form.fields:
            if (name == "id" or name.startswith(_ID_FIELDS)) and data.get(name) and f"action {data[name]} (" in message:
                return name
        return None
    return next((name for name in RULE_FIELDS.get(code, ()) if name in form.fields), None)
