"""Who may record which event. Each event type has a permission: the roles that may record it.

Project decision: decisions that refuse or accept something outside the procedure's limits, refuse
a panel, extend Stage 2, refer early, or close a complaint are the complaints manager's (reg 10
makes the manager responsible for the procedure); officers record the rest; read-only users
(senior managers) record nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from redress.complaints.event_forms import EVENT_SPECS
from redress.complaints.models import Complaint
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
    }
)
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


def denied_message(event_type: str) -> str:
    """Why someone may not record this event, in words: 'Only a complaints manager can extend Stage 2'."""
    who = "a complaints manager" if event_type in MANAGER_ONLY else "a complaints manager or officer"
    spec = EVENT_SPECS.get(event_type)
    words = WORDS.get(event_type) or (spec.title[0].lower() + spec.title[1:] if spec else "record events")
    return f"Only {who} can {words}"
