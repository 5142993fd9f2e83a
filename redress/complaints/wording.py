"""People's words for the engine's codes: event types, warnings and clock statuses, and what each
recorded event says. Codes stay in the API; pages and exports use these."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from redress.complaints.procedures import ALL_CLOCKS, WEB, procedure_title
from redress.core.clocks import format_date

EVENT_TITLES = {
    "complaint.received": "Complaint received",
    "complaint.time-limit-decision": "Decision on a complaint made after a year",
    "eligibility.decided": "Eligibility decided",
    "advocacy.offered": "Advocacy offered",
    "advocacy.appointed": "Advocate appointed",
    "stage1.extended": "Stage 1 extended to 20 working days",
    "stage1.responded": "Stage 1 response sent",
    "stage2.requested": "Stage 2 requested",
    "stage2.request-decision": "Decision on a late Stage 2 request",
    "stage2.statement-agreed": "Statement of complaint agreed",
    "stage2.appointed": "Appointed at Stage 2",
    "stage2.extended": "Stage 2 extended",
    "stage2.responded": "Stage 2 response sent",
    "stage3.requested": "Review panel requested",
    "stage3.request-decision": "Decision on a late panel request",
    "stage3.refused": "Review panel refused",
    "stage3.panel-scheduled": "Panel date set",
    "stage3.panel-held": "Review panel held",
    "stage3.panel-reported": "Panel report sent",
    "stage3.responded": "Final response sent",
    "procedure.suspended": "Procedure suspended",
    "procedure.resumed": "Procedure resumed",
    "offer.made": "Offer made",
    "offer.withdrawn": "Offer withdrawn",
    "offer.taken-up": "Offer taken up",
    "action.agreed": "Action agreed",
    "action.completed": "Action completed",
    "ombudsman.referred": "Referred to the Ombudsman",
    "ombudsman.decided": "Ombudsman's decision",
    "complaint.withdrawn": "Complaint withdrawn",
    "complaint.closed": "Complaint closed",
    "letter.sent": "Letter sent",
    "event.corrected": "Event corrected",
    "event.voided": "Event removed",
    "procedure.changed": "Moved to another procedure",
}
for _table in WEB.values():  # each procedure's own events, in its words
    EVENT_TITLES.update(_table.titles)
APPOINTED_TITLES = {"io": "Investigating officer appointed", "ip": "Independent person appointed"}

_CLOCK_NOUNS = {
    "stage1.response": "Stage 1 response",
    "stage2.statement": "Statement of complaint",
    "stage2.response": "Stage 2 response",
    "stage3.panel": "Review panel",
    "stage3.panel-report": "Panel report",
    "stage3.response": "Final response",
}
WARNING_TITLES = {
    **{f"{clock}.late": f"{noun} late" for clock, noun in _CLOCK_NOUNS.items()},
    **{f"{clock}.overdue": f"{noun} overdue" for clock, noun in _CLOCK_NOUNS.items()},
    "stage1.response.incomplete": "Stage 1 response incomplete",
    "stage2.request.outside-window": "Late Stage 2 request undecided",
    "stage3.request.outside-window": "Late panel request undecided",
    "stage2.extension.unnotified": "Stage 2 extended without notice",
    "stage3.refused": "Panel refused",
    "stage3.rejected-without-reasons": "Recommendation rejected without reasons",
    "stage3.panel.scheduled-late": "Panel set after its deadline",
    "offer.withdrawn-early": "Offer withdrawn early",
    "action.overdue": "Action overdue",
    "action.late": "Action late",
    "complaint.refused-late-without-discretion": "Late complaint refused without reasons",
    "complaint.time-limit.undecided": "Late complaint undecided",
    "independence.conflict": "Independence conflict",
    "independence.conflict-resolved": "Independence conflict put right",
    "independence.overloaded": "Too many open appointments",
    "suspension.unnotified": "Suspension not notified",
    "early-referral.ineligible": "Early referral does not apply",
    "route.social-work-england": "For Social Work England",
    "route.information-commissioner": "For the Information Commissioner",
    "route.court": "For the court",
    "procedure.likely-wrong": "Likely the wrong procedure",
}
for _clock in ALL_CLOCKS.values():  # every other procedure's clocks: "Acknowledgement late"
    if _clock.noun and not _clock.complainants_window and f"{_clock.name}.late" not in WARNING_TITLES:
        WARNING_TITLES[f"{_clock.name}.late"] = f"{_clock.noun} late"
        WARNING_TITLES[f"{_clock.name}.overdue"] = f"{_clock.noun} overdue"
for _table in WEB.values():
    WARNING_TITLES.update(_table.warnings)

CLOCK_STATUS = {"running": "Running", "met": "Met", "late": "Late", "overdue": "Overdue", "paused": "Paused",
                "stopped": "Stopped"}
WINDOW_STATUS = {"running": "Open", "met": "Request made", "late": "Request made late", "paused": "Paused",
                 "stopped": "Window closed"}

FINDINGS = {"upheld": "Upheld", "partly-upheld": "Partly upheld", "not-upheld": "Not upheld",
            "not-investigated": "Not investigated"}
OUTCOMES = {"upheld": "Upheld", "not-upheld": "Not upheld",
            "closed-after-initial-enquiries": "Closed after initial enquiries"}
SAYS = {"findings": "the findings", "basis": "the basis for them", "remedy": "the remedy"}
LABELS = {
    "reason": "Reason", "basis": "Basis", "provider": "Provider", "remedy": "Remedy offered", "via": "Received by",
    "matter_on": "The matter happened on", "accepted": "Accepted", "discretion_considered": "Discretion considered",
    "eligible": "Eligible", "child_views_taken": "Child's views taken", "to_wd": "New limit",
    "notified": "Complainant told", "panel_date": "Panel date", "members": "Panel members",
    "findings": "Findings", "says": "The letter gives", "recommendations": "Recommendations",
    "decisions": "Recommendations", "id": "Reference", "what": "What", "until": "Open until", "window": "Open for",
    "due": "Due", "source": "Agreed through", "evidence": "Evidence of completion", "early": "Early referral",
    "council_agreed": "The council agreed", "reference": "Ombudsman reference", "outcome": "Outcome",
    "fault": "Fault found", "injustice": "Injustice found", "actions": "Actions", "payments": "Payments",
    "points": "Points agreed", "council_employee": "Member or officer of the council",
    "involved": "Involved in the events",
    "discussion_offered": "Discussion of the handling offered", "respond_by": "Response due by",
    "explained": "Reason for a later date explained", "ombudsman_rights": "Told of the right to go to the Ombudsman",
    "resolved": "Resolved", "to": "Moved to",
    "declaration": "Declaration of involvement", "replaces": "Replaces", "advocate": "Advocate",
    "adjudicator": "Adjudicating officer", "responded_by": "Sent by",
    "conflict_reason": "Appointed despite an independence conflict, because",
}
_EVENT_CODE = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(EVENT_TITLES, key=len, reverse=True)))
                         + r")(?![\w-])")
DATE_FIELDS = {"panel_date", "until", "matter_on", "respond_by"}
SKIP_FIELDS = {"date", "type", "note", "role", "person", "complainant", "person_id"}


def event_title(data: Mapping[str, Any]) -> str:
    """'Stage 1 response sent' for a stage1.responded event (and the role for an appointment)."""
    kind = str(data.get("type", ""))
    if kind == "stage2.appointed":
        return APPOINTED_TITLES.get(str(data.get("role")), EVENT_TITLES[kind])
    return EVENT_TITLES.get(kind, kind)


def in_words(message: str) -> str:
    """A rule's message for a page: each event code it names becomes the event's title in quotes."""
    return _EVENT_CODE.sub(lambda match: f'"{EVENT_TITLES[match.group(0)]}"', message)


def warning_title(code: str) -> str:
    return WARNING_TITLES.get(code, code)


def clock_status(status: str, *, window: bool) -> str:
    """A clock's status as a person reads it: a complainant's window that passed is 'Window closed'."""
    return (WINDOW_STATUS if window else CLOCK_STATUS).get(status, status.capitalize())


@dataclass(frozen=True)
class Detail:
    """One thing an event recorded: a label and its value, or a list of values."""

    label: str
    value: str = ""
    items: tuple[str, ...] = ()


def event_details(data: Mapping[str, Any], *, recommendations: Mapping[str, str] | None = None) -> list[Detail]:
    """What an event recorded, in order, in words: names, dates, findings, recommendations, remedies.

    `recommendations` gives what each recommendation, action and offer said (by its id), for the
    council's decisions on panel recommendations and for the actions completed and offers ended.
    """
    if data.get("type") in {"event.corrected", "event.voided"}:
        return _correction_details(data, recommendations)
    details: list[Detail] = []
    if data.get("type") == "stage2.appointed":
        role = "Investigating officer" if data.get("role") == "io" else "Independent person"
        details.append(Detail(role, str(data.get("person", ""))))
    complainant = data.get("complainant")
    if isinstance(complainant, Mapping) and complainant.get("name"):
        details.append(Detail("Complainant", str(complainant["name"])))
    kind = str(data.get("type", ""))
    for name, value in data.items():
        if name in SKIP_FIELDS or value is None or value == "" or value == [] or value == {}:
            continue
        if name == "id" and kind in {"action.completed", "offer.withdrawn", "offer.taken-up"}:
            what = (recommendations or {}).get(str(value), "")
            details.append(Detail("Action" if kind.startswith("action") else "Offer", f"{value} {what}".strip()))
            continue
        details.append(_detail(name, value, recommendations or {}))
    return details


def _correction_details(data: Mapping[str, Any], recommendations: Mapping[str, str] | None) -> list[Detail]:
    """A correction's reason and, for `event.corrected`, what the event now records (the template names the event)."""
    details = [Detail("Reason", str(data.get("reason", "")))]
    replacement = data.get("replacement")
    if isinstance(replacement, Mapping):
        now = [f"{d.label}: {d.value}" if d.value else d.label for d in event_details(replacement, recommendations=recommendations)]
        now += [f"{d.label}: {item}" for d in event_details(replacement, recommendations=recommendations) for item in d.items]
        details.append(Detail("Now recorded as", f"{event_title(replacement)} on {_day(replacement.get('date'))}", tuple(now)))
    return details


def _detail(name: str, value: Any, recommendations: Mapping[str, str]) -> Detail:
    label = LABELS.get(name, name.replace("_", " ").capitalize())
    if isinstance(value, bool):
        return Detail(label, "Yes" if value else "No")
    if name in DATE_FIELDS:
        return Detail(label, _day(value))
    if name == "to_wd":
        return Detail(label, f"{value} working days")
    if name == "to":
        return Detail(label, procedure_title(str(value)))
    if name == "outcome":
        return Detail(label, OUTCOMES.get(str(value), str(value)))
    if name == "findings":
        return Detail(label, "; ".join(f"{point}: {FINDINGS.get(str(o), str(o))}" for point, o in value.items()))
    if name == "says":
        return Detail(label, ", ".join(SAYS.get(str(part), str(part)) for part in value))
    if name == "members":
        return Detail(label, ", ".join(_member(m) for m in value))
    if name == "points":
        return Detail(label, ", ".join(str(p) for p in value))
    if name == "recommendations":
        return Detail(label, items=tuple(_recommendation(r) for r in value))
    if name == "decisions":
        return Detail(label, items=tuple(_decision(key, d, recommendations.get(key, "")) for key, d in value.items()))
    if name in {"actions", "payments"}:
        return Detail(label, items=tuple(_remedy(r) for r in value))
    return Detail(label, str(value))


def _day(value: Any) -> str:
    try:
        return format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _member(member: Any) -> str:
    if isinstance(member, Mapping):
        declared = f" (declared: {member['declaration']})" if member.get("declaration") else ""
        return f"{member.get('name', '')}{' (involved in the events)' if member.get('involved') else ''}{declared}"
    return str(member)


def _recommendation(rec: Mapping[str, Any]) -> str:
    parts = []
    if rec.get("accepted") is not None:
        parts.append("accepted" if rec["accepted"] else "not accepted")
    if rec.get("due"):
        parts.append(f"due {_due(rec['due'])}")
    return f"{rec.get('id', '')} {rec.get('what', '')}" + (f" ({', '.join(parts)})" if parts else "")


def _decision(key: str, decision: Mapping[str, Any], what: str) -> str:
    named = f"{key} {what}".strip()
    if decision.get("accepted"):
        return f"{named}: accepted" + (f", due {_due(decision['due'])}" if decision.get("due") else "")
    reason = decision.get("reason")
    return f"{named}: rejected. " + (str(reason) if reason else "No reason given")


def _remedy(remedy: Mapping[str, Any]) -> str:
    if "amount_gbp" in remedy:
        what = f"Pay £{float(remedy['amount_gbp']):,.2f}".replace(".00", "")
        what += f" for {remedy['purpose']}" if remedy.get("purpose") else ""
    else:
        what = str(remedy.get("what", ""))
    return f"{remedy.get('id', '')} {what}" + (f" (due {_due(remedy['due'])})" if remedy.get("due") else "")


def _due(due: Any) -> str:
    text = str(due)
    try:
        return format_date(dt.date.fromisoformat(text))
    except ValueError:
        return text
