from __future__ import annotations

import datetime as dt
from typing import Any

from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.councils.models import Council, User
from redress.reminders.channels import Outgoing, SendError

RECEIVED: dict[str, Any] = {
    "procedure": "children-england",
    "points": [{"id": "P1", "text": "The review was cancelled twice", "about": "practice"}],
    "events": [{"date": "2024-06-03", "type": "complaint.received", "complainant": {"role": "parent"}}],
}


def received_complaint(council: Council, by: User, *, officer: User | None) -> Complaint:
    """A complaint received on Mon 3 June 2024: its Stage 1 response is due Mon 17 June."""
    return complaint_import(council=council, by=by, data=RECEIVED, today=dt.date(2024, 6, 3), officer=officer)


class FakeChannel:
    """Keeps what it was asked to send; refuses (`refuse`) or fails (`fail`) the addresses it is told to."""

    name = "fake"

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []
        self.refuse: set[str] = set()
        self.fail: set[str] = set()

    def send(self, message: Outgoing) -> None:
        if message.to in self.refuse:
            raise SendError(f"the mail server refused {message.to}: 550 no such user", permanent=True)
        if message.to in self.fail:
            raise SendError("the mail server could not be reached or failed: connection refused")
        self.sent.append(message)
