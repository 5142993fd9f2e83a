"""Who may record which event. Each event type has a permission: the roles that may record it.

Project decision: decisions that refuse or accept something outside the procedure's limits, refuse
a panel, extend Stage 2 (or Wales's formal investigation), refer early, close a complaint or move it to
another procedure are the complaints manager's (reg 10
makes the manager responsible for the procedure); officers record the rest; read-only users
(senior managers) record nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import PermissionDenied

from redress.complaints.event_forms import EVENT_SPECS
from redress.complaints.models import Complaint
from redress.complaints.procedures import WEB
from redress.councils.models import Role, User

MANAGER_ONLY = frozenset(
    {
        "complaint.time-limit-decision",
        "eligibility.decided",
        "stage2.request-decision",
        "stage2.extended",
        "stage3.request-decision",
        "stage3.refused",
        "stage3.responded",
        "procedure.suspended",
        "procedure.resumed",
        "offer.withdrawn",
        "ombudsman.referred",
        "complaint.closed",
        "event.voided",
        "event.corrected",
        "procedure.changed",
    }
).union(*(table.manager_only for table in WEB.values()))
# What each event is, in words, for "Only a complaints manager can ..." (never the event's code).
WORDS = {
    "event.voided": "remove a wrongly recorded event",
    "event.corrected": "correct a recorded event",
    "complaint.received": "record a new complaint",
}
CASEWORKERS = frozenset({Role.MANAGER, Role.OFFICER})
MANAGERS = frozenset({Role.MANAGER})


def roles_for(event_type: str) -> frozenset[str]:
    """The roles that may record an event of this type."""
    return MANAGERS if event_type in MANAGER_ONLY else CASEWORKERS


def may_record(user: User, event_type: str) -> bool:
    return user.is_active and user.council_id is not None and user.role in roles_for(event_type)


def check_may_record(user: User, complaint: Complaint, event_type: str) -> None:
    """PermissionDenied unless `user` is of the complaint's council and holds a role for this event."""
    if user.council_id != complaint.council_id:
        raise PermissionDenied("That complaint is not in your council")
    if not may_record(user, event_type):
        raise PermissionDenied(denied_message(event_type))


def check_may_change(user: User, complaint: Complaint) -> None:
    """PermissionDenied unless `user` is a complaints manager or officer of the complaint's council."""
    if user.council_id != complaint.council_id:
        raise PermissionDenied("That complaint is not in your council")
    if not (user.is_active and user.can_record_events):
        raise PermissionDenied("Only a complaints manager or officer can change a complaint")


def check_may_import(user: User, council_id: int, event_types: list[str]) -> None:
    """PermissionDenied unless `user` is of `council_id` and may record every event of a case file.

    A file is checked event by event exactly as `/events` checks one, so a file cannot carry a
    decision its sender could not record by hand.
    """
    if user.council_id != council_id:
        raise PermissionDenied("That council is not yours")
    for number, event_type in enumerate(event_types, start=1):
        if not may_record(user, event_type):
            message = denied_message(event_type)
            raise PermissionDenied(f"Event {number} ({event_type}): {message[0].lower()}{message[1:]}")


SUSPENDED = (
    "The procedure is suspended, and only a complaints manager can resume it. "
    "Ask a manager to record that the procedure has resumed."
)


def suspended_notice(user: User, *, suspended: bool, possible: Collection[str]) -> str:
    """Tell an officer on a suspended complaint why its stage's events are not offered; else ""."""
    if suspended and "procedure.resumed" in possible and not may_record(user, "procedure.resumed"):
        return SUSPENDED
    return ""


def why_nothing_to_record(
    user: User, *, status: str, suspended: bool, possible: Collection[str], last_event_on: dt.date, today: dt.date
) -> str:
    """Why `user` is offered no event on a complaint, and what to do: the first reason that applies."""
    if not user.can_record_events:
        return "Your role (read only) records nothing. Ask a complaints officer or manager to record events."
    if last_event_on > today:
        return (
            f"The last event is dated {last_event_on.day} {last_event_on:%b %Y}, after today "
            f"({today.day} {today:%b %Y}). Nothing can be recorded before it: ask a complaints manager "
            "to check the dates in its history."
        )
    if status in {"closed", "withdrawn"}:
        what = "is closed" if status == "closed" else "was withdrawn"
        return f"This complaint {what}, so nothing more can be recorded on it."
    if suspended_notice(user, suspended=suspended, possible=possible):
        return SUSPENDED
    if possible:
        return "Only a complaints manager can record what can happen next on this complaint. Ask a manager."
    return "The procedure allows no event on this complaint now."


def denied_message(event_type: str) -> str:
    """Why someone may not record this event, in words: 'Only a complaints manager can extend Stage 2'."""
    who = "a complaints manager" if event_type in MANAGER_ONLY else "a complaints manager or officer"
    spec = EVENT_SPECS.get(event_type)
    words = WORDS.get(event_type) or (spec.title[0].lower() + spec.title[1:] if spec else "record events")
    return f"Only {who} can {words}"
