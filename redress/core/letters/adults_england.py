"""The letters of `adults-england` (SI 2009/309): the acknowledgement and the response.

Added as catalogue entries alone: the engine's `letter.sent` row and the pages know them from here.
"""

from __future__ import annotations

from typing import Any

from redress.core.events import Event
from redress.core.letters.children_england import POINTS, Built, _ombudsman_section, _points
from redress.core.letters.model import Letter, LetterRefused, Section, Source, dated

PROCEDURE = "adults-england"


def acknowledgement(source: Source, event: Event) -> Built:
    respond = source.latest("adults.response-period-agreed")
    points = _points(source)
    received = source.latest("complaint.received")
    received_on = received.date if received is not None else event.date
    lines = [
        f"Thank you for your complaint, which we received on {dated(received_on)}. We are dealing with it under "
        "the Local Authority Social Services and National Health Service Complaints (England) Regulations 2009.",
        *(f"{p['id']}: {p['text']}" for p in points),
    ]
    if event.get("discussion_offered"):
        lines.append("We would like to discuss with you how we will handle your complaint and how long it may take.")
    if respond is not None:
        lines.append(f"We agreed to send you our response by {dated(respond.get('respond_by'))}.")
    return {"received_on": dated(received_on), "points": points}, (Section("Your complaint", tuple(lines)),)


def response(source: Source, event: Event) -> Built:
    findings: dict[str, str] = dict(event.get("findings") or {})
    missing = [f"{p.id} has no finding" for p in source.case.points if p.id not in findings]
    if missing:
        raise LetterRefused("The response letter cannot be produced: " + "; ".join(missing) + ".",
                            code="response-letter-incomplete")
    points = _points(source, findings)
    remedy = str(event.get("remedy") or "").strip()
    fields: dict[str, Any] = {"responded_on": dated(event.date), "points": points, "remedy": remedy}
    return fields, (
        Section("Our findings", tuple(f"{p['id']}: {p['text']}. {p['finding_text']}." for p in points)),
        Section("What we will do", (remedy,) if remedy else ()),
        _ombudsman_section("This is the council's final response. If you are not satisfied you may ask the "
                           "Ombudsman to look at your complaint (SI 2009/309 reg 14)."),
    )


LETTERS: tuple[Letter, ...] = (
    Letter(PROCEDURE, "acknowledgement", "Acknowledgement", "adults.acknowledged",
           fields={"received_on": "the day the complaint was received", "points": POINTS}, build=acknowledgement),
    Letter(PROCEDURE, "response", "Response", "adults.responded",
           fields={"responded_on": "the response's date", "points": POINTS, "remedy": "what the council will do"},
           build=response),
)
