"""Independence across a council's register: who is appointed where, and what makes them not independent.

The engine judges one complaint from its own events (an involved IO, an IP who is a council employee,
the Stage 2 IP on the panel). This module judges the appointments of all of a council's complaints
together with the register's facts about each person (employed by the council, their firm), so it also
sees what one history cannot: two people of one firm as IO and IP, a panel chair on the council's
payroll, one person holding too many open appointments.

Pure: histories (case-file event mappings, SCENARIOS.md) and register facts in, warnings out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from redress.core.table import ReportWarning

ROLE_WORDS = {
    "io": "investigating officer",
    "ip": "independent person",
    "panel-chair": "panel chair",
    "panel-member": "panel member",
    "adjudicator": "adjudicating officer",
    "advocate": "advocate",
}
PANEL_ROLES = frozenset({"panel-chair", "panel-member"})
OVERLOADED = "independence.overloaded"
CONFLICT = "independence.conflict"
READ = frozenset({"stage2.appointed", "stage3.panel-scheduled", "stage3.panel-held", "advocacy.appointed",
                  "stage2.responded", "stage1.responded"})


@dataclass(frozen=True, slots=True)
class RegisterFacts:
    """What the register says of one person."""

    person_id: int
    name: str
    council_employee: bool
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class Appointment:
    """One person in one role on one complaint, as its history stands (a replaced IO is no longer one)."""

    role: str  # a key of ROLE_WORDS
    name: str
    date: dt.date
    person_id: int | None = None
    involved: bool = False
    conflict_reason: str = ""  # why a manager recorded it despite a conflict

    def same_person(self, other: Appointment) -> bool:
        if self.person_id is not None and other.person_id is not None:
            return self.person_id == other.person_id
        return self.name.casefold() == other.name.casefold()


@dataclass(frozen=True, slots=True)
class ComplaintPeople:
    """A complaint's current appointments, its Stage 1 responder, and whether it is still open."""

    key: str  # the complaint's reference, or any key the caller uses
    appointments: tuple[Appointment, ...]
    stage1_responder: str = ""
    open: bool = True
    past_stage2_ips: tuple[Appointment, ...] = field(default=())  # every IP it ever had, replaced ones too


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def corrected(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The history with `event.voided` and `event.corrected` applied (they name events by place, 1 first)."""
    kept: dict[int, Mapping[str, Any] | None] = {}
    for place, event in enumerate(events, start=1):
        kind = event.get("type")
        target = event.get("event")
        if kind == "event.voided" and isinstance(target, int):
            kept[target] = None
        elif kind == "event.corrected" and isinstance(target, int) and isinstance(event.get("replacement"), Mapping):
            kept[target] = event["replacement"]
        else:
            kept.setdefault(place, event)
    return [event for event in kept.values() if event is not None]


def complaint_people(key: str, events: Sequence[Mapping[str, Any]], *, open: bool = True) -> ComplaintPeople:
    """The current appointments of one complaint, read from its history (corrections applied)."""
    current: dict[str, Appointment] = {}
    panel: list[Appointment] = []
    ips: list[Appointment] = []
    responder = ""
    for event in corrected(events):
        kind = event.get("type")
        if kind not in READ:
            continue
        date = _day(event.get("date"))
        if kind == "stage2.appointed":
            appointment = _appointment(str(event.get("role")), event, date, name=str(event.get("person", "")))
            current[appointment.role] = appointment
            if appointment.role == "ip":
                ips.append(appointment)
        elif kind in {"stage3.panel-scheduled", "stage3.panel-held"} and event.get("members"):
            panel = [_member(i, raw, event, date) for i, raw in enumerate(event["members"])]
        elif kind == "advocacy.appointed" and event.get("advocate"):
            current["advocate"] = _appointment("advocate", event, date, name=str(event["advocate"]))
        elif kind == "stage2.responded" and event.get("adjudicator"):
            current["adjudicator"] = Appointment("adjudicator", str(event["adjudicator"]), date,
                                                 conflict_reason=str(event.get("conflict_reason", "")))
        elif kind == "stage1.responded" and event.get("responded_by"):
            responder = str(event["responded_by"])
    return ComplaintPeople(key, (*current.values(), *panel), responder, open, tuple(ips))


def with_register_ids(complaint: ComplaintPeople, ids_by_name: Mapping[str, int]) -> ComplaintPeople:
    """The complaint's appointments with each name that carries no register entry matched to one by name
    (casefolded): histories recorded before the council kept its register."""
    def matched(a: Appointment) -> Appointment:
        if a.person_id is not None or a.name.casefold() not in ids_by_name:
            return a
        return replace(a, person_id=ids_by_name[a.name.casefold()])

    return replace(complaint, appointments=tuple(matched(a) for a in complaint.appointments),
                   past_stage2_ips=tuple(matched(a) for a in complaint.past_stage2_ips))


def _appointment(role: str, event: Mapping[str, Any], date: dt.date, *, name: str) -> Appointment:
    person_id = event.get("person_id")
    return Appointment(role, name, date, person_id if isinstance(person_id, int) else None,
                       bool(event.get("involved")), str(event.get("conflict_reason", "")))


def _member(index: int, raw: Any, event: Mapping[str, Any], date: dt.date) -> Appointment:
    role = "panel-chair" if index == 0 else "panel-member"
    if isinstance(raw, Mapping):
        person_id = raw.get("person_id")
        return Appointment(role, str(raw.get("name", "")), date, person_id if isinstance(person_id, int) else None,
                           bool(raw.get("involved")), str(event.get("conflict_reason", "")))
    return Appointment(role, str(raw), date, conflict_reason=str(event.get("conflict_reason", "")))


def conflicts(complaint: ComplaintPeople, register: Mapping[int, RegisterFacts]) -> list[ReportWarning]:
    """Every `independence.conflict` (fault) of one complaint's appointments, with its reason."""
    found: list[ReportWarning] = []
    by_role: dict[str, list[Appointment]] = defaultdict(list)
    for a in complaint.appointments:
        by_role[a.role].append(a)

    def fault(a: Appointment, message: str) -> None:
        found.append(ReportWarning("independence.conflict", "fault", a.date, message))

    for a in complaint.appointments:
        facts = register.get(a.person_id) if a.person_id is not None else None
        title = ROLE_WORDS.get(a.role, a.role)
        if a.involved and a.role in {"io", "ip"}:
            fault(a, f"The {title}, {a.name}, was involved in the events complained about")
        if a.involved and a.role in PANEL_ROLES:  # in the engine's words, so the two are one warning on the page
            fault(a, f"Panel member {a.name} was involved in the events complained about")
        if a.role == "ip" and facts is not None and facts.council_employee:
            fault(a, f"The independent person, {a.name}, is a member or officer of the council")
        if a.role == "panel-chair" and facts is not None and facts.council_employee:
            fault(a, f"The panel chair, {a.name}, is a member or officer of the council")
    stage2 = [*by_role["io"], *(complaint.past_stage2_ips or by_role["ip"])]
    for member in (a for a in complaint.appointments if a.role in PANEL_ROLES):
        for earlier in stage2:
            if member.same_person(earlier):
                fault(member, f"Panel member {member.name} was the {ROLE_WORDS[earlier.role]} at Stage 2")
                break
    for io in by_role["io"]:
        for ip in by_role["ip"]:
            firm = _firm(io, register)
            if firm and firm == _firm(ip, register):
                fault(ip, f"The investigating officer, {io.name}, and the independent person, {ip.name}, are of the "
                          f"same firm ({_firm_name(io, register)})")
    responder = complaint.stage1_responder.casefold()
    for adjudicator in by_role["adjudicator"]:
        if responder and adjudicator.name.casefold() == responder:
            fault(adjudicator, f"The adjudicating officer, {adjudicator.name}, sent the Stage 1 response")
    return found


def _firm(a: Appointment, register: Mapping[int, RegisterFacts]) -> str:
    return _firm_name(a, register).casefold()


def _firm_name(a: Appointment, register: Mapping[int, RegisterFacts]) -> str:
    facts = register.get(a.person_id) if a.person_id is not None else None
    return " ".join(facts.organisation.split()) if facts is not None else ""


def open_appointments(complaints: Iterable[ComplaintPeople]) -> dict[int, list[str]]:
    """By register person: the keys of the open complaints they hold an appointment on."""
    held: dict[int, list[str]] = defaultdict(list)
    for complaint in complaints:
        if not complaint.open:
            continue
        for person_id in {a.person_id for a in complaint.appointments if a.person_id is not None}:
            held[person_id].append(complaint.key)
    return held


def independence_warnings(
    complaints: Sequence[ComplaintPeople], register: Mapping[int, RegisterFacts], *, limit: int | None,
    today: dt.date,
) -> dict[str, list[ReportWarning]]:
    """The register's warnings for each complaint, by key: every conflict, and `independence.overloaded`
    (risk) on each open complaint of someone holding more than `limit` open appointments (None: no limit)."""
    result: dict[str, list[ReportWarning]] = {c.key: conflicts(c, register) for c in complaints}
    if limit is None:
        return result
    for person_id, keys in open_appointments(complaints).items():
        if len(keys) <= limit:
            continue
        name = register[person_id].name if person_id in register else f"Person {person_id}"
        for key in keys:
            result[key].append(ReportWarning(
                "independence.overloaded", "risk", today,
                f"{name} holds {len(keys)} open appointments, more than the council's limit of {limit}"))
    return result
