"""Who may record which event. Each event type has a permission: the roles that may record it.

Project decision: decisions that refuse or accept something outside the procedure's limits, refuse
a panel, extend Stage 2, refer early, or close a complaint are the complaints manager's (reg 10
makes the manager responsible for the procedure); officers record the rest; read-only users
(senior managers) record nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

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
    }
)
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
        who = "a complaints manager" if event_type in MANAGER_ONLY else "a complaints manager or officer"
        raise PermissionDenied(f"Only {who} can record {event_type or 'events'}")


def check_may_import(user: User, council_id: int, event_types: list[str]) -> None:
    """PermissionDenied unless `user` is of `council_id` and may record every event of a case file.

    A file is checked event by event exactly as `/events` checks one, so a file cannot carry a
    decision its sender could not record by hand.
    """
    if user.council_id != council_id:
        raise PermissionDenied("That council is not yours")
    for number, event_type in enumerate(event_types, start=1):
        if not may_record(user, event_type):
            who = "a complaints manager" if event_type in MANAGER_ONLY else "a complaints manager or officer"
            raise PermissionDenied(f"Event {number} ({event_type}): only {who} can record {event_type}")
