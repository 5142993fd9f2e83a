"""Appointments against the register: every name an appointment gives is matched to the council's register,
and the register's independence warnings are worked out for a complaint (pure rules: redress/core/independence.py).

A council with nobody in its register records names as typed (as before the register existed); once it has
anyone, every appointment (an IO or IP at Stage 2, the panel, an advocate, the adjudicating officer) must name
someone in it who may take that role. The event keeps the name, so case files stay as SCENARIOS.md has them;
it also carries `person_id`, the person's entry, and `council_employee` as the register has it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from redress.core.independence import (
    RegisterFacts,
    complaint_people,
    conflicts,
    independence_warnings,
    with_register_ids,
)
from redress.core.table import ReportWarning
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.people.models import Person, RegisterRole

APPOINTING = frozenset({"stage2.appointed", "stage3.panel-scheduled", "stage3.panel-held", "advocacy.appointed",
                        "stage2.responded", "stage1.responded"})
PANEL_SIZE = 3
ROLE_TITLE = dict(RegisterRole.choices)


class AppointmentRefused(DomainError):
    """An appointment the register does not allow (unknown person, wrong role, second IO, a panel not of three)."""

    status = 422


class IndependenceConflict(DomainError):
    """An appointment with an independence conflict, recorded without a manager's reason."""

    status = 409


def has_register(council: Council | int) -> bool:
    return Person.objects.filter(council=council).exists()


def register_facts(council: Council | int) -> dict[int, RegisterFacts]:
    return {p.pk: RegisterFacts(p.pk, p.name, p.council_employee, p.organisation)
            for p in Person.objects.filter(council=council)}


def ids_by_name(council: Council | int) -> dict[str, int]:
    """The register's entries by casefolded name, to match names in histories that carry no `person_id`."""
    return {name.casefold(): pk for pk, name in Person.objects.filter(council=council).values_list("pk", "name")}


def appointment_limit(council: Council) -> int | None:
    """The most open appointments one person may hold before it is a risk: `REDRESS_APPOINTMENT_LIMITS`
    (JSON by council slug) or `REDRESS_APPOINTMENT_LIMIT` (default 5); 0 means no limit."""
    limits: Mapping[str, Any] = settings.REDRESS_APPOINTMENT_LIMITS
    limit = limits.get(council.slug, settings.REDRESS_APPOINTMENT_LIMIT)
    return int(limit) or None if isinstance(limit, int) else None


class _Register:
    """The council's register, looked up by id and by name (case-insensitive), for one check."""

    def __init__(self, council: Council | int) -> None:
        self.people = list(Person.objects.filter(council=council))
        self.by_id = {p.pk: p for p in self.people}
        self.by_name = {p.name.casefold(): p for p in self.people}

    def find(self, *, name: str, person_id: Any, role: str, where: str) -> Person:
        title = ROLE_TITLE[role].lower()
        if person_id is not None:
            person = self.by_id.get(person_id) if isinstance(person_id, int) else None
            if person is None:
                raise AppointmentRefused(f"{where}person {person_id} is not in your council's register of investigators "
                                         "and panel", code="not-in-register")
        else:
            found = self.by_name.get(" ".join(str(name).split()).casefold())
            if found is None:
                raise AppointmentRefused(
                    f"{where}{name} is not in your council's register of investigators and panel: add them there "
                    f"first (Investigators and panel), or name someone who is", code="not-in-register")
            person = found
        if not person.active:
            raise AppointmentRefused(f"{where}{person.name} is switched off in the register, so cannot be appointed",
                                     code="not-in-register")
        if not person.may_take(role) and not (role == "panel-member" and person.may_take("panel-chair")):
            may = ", ".join(person.role_labels()).lower()
            raise AppointmentRefused(f"{where}{person.name} may not be the {title}: the register allows them as {may}",
                                     code="role-not-allowed")
        return person


def register_match(
    *, council: Council | int, events: Sequence[Mapping[str, Any]], earlier: Sequence[Mapping[str, Any]] = (),
    numbered: bool = False,
) -> list[dict[str, Any]]:
    """`events` with each appointment matched to the register (`person_id`, the register's name and
    `council_employee` filled in); an AppointmentRefused naming the event otherwise. Nothing is created.

    `earlier` is the history before them (for "a second IO"); `numbered` names events by their place
    (a case file's), counting from the end of `earlier`.
    """
    if not any(e.get("type") in APPOINTING or _replacement_appoints(e) for e in events):
        return [dict(e) for e in events]
    register = _Register(council)
    if not register.people and not any(_names_person_id(e) for e in events):
        return [dict(e) for e in events]
    history = [*earlier]
    matched: list[dict[str, Any]] = []
    for place, event in enumerate(events, start=len(earlier) + 1):
        where = f"Event {place} ({event.get('type')}): " if numbered else ""
        if event.get("type") == "event.corrected" and isinstance(event.get("replacement"), Mapping):
            target = event.get("event")
            before = history[: target - 1] if isinstance(target, int) and target >= 1 else history
            replacement = _match_one(register, dict(event["replacement"]), before, where)
            event = {**event, "replacement": replacement}
        else:
            event = _match_one(register, dict(event), history, where)
        matched.append(event)
        history.append(event)
    return matched


def _replacement_appoints(event: Mapping[str, Any]) -> bool:
    replacement = event.get("replacement")
    return isinstance(replacement, Mapping) and replacement.get("type") in APPOINTING


def _names_person_id(event: Mapping[str, Any]) -> bool:
    if event.get("person_id") is not None:
        return True
    return any(isinstance(m, Mapping) and m.get("person_id") is not None for m in event.get("members") or ())


def _match_one(register: _Register, event: dict[str, Any], history: Sequence[Mapping[str, Any]],
               where: str) -> dict[str, Any]:
    kind = event.get("type")
    if kind == "stage2.appointed" and event.get("role") in {"io", "ip"}:
        role = str(event["role"])
        person = register.find(name=str(event.get("person", "")), person_id=event.get("person_id"), role=role,
                               where=where)
        _check_one_at_a_time(role, person, event, history, where)
        event.update(person=person.name, person_id=person.pk, council_employee=person.council_employee)
    elif kind in {"stage3.panel-scheduled", "stage3.panel-held"} and event.get("members"):
        event["members"] = _match_panel(register, event["members"], where)
    elif kind == "advocacy.appointed" and event.get("advocate"):
        person = register.find(name=str(event["advocate"]), person_id=event.get("person_id"), role="advocate",
                               where=where)
        event.update(advocate=person.name, person_id=person.pk)
    elif kind == "stage2.responded" and event.get("adjudicator"):
        person = register.find(name=str(event["adjudicator"]), person_id=None, role="adjudicator", where=where)
        event["adjudicator"] = person.name
    return event


def _check_one_at_a_time(role: str, person: Person, event: Mapping[str, Any], history: Sequence[Mapping[str, Any]],
                         where: str) -> None:
    """A second IO (or IP) is refused unless the appointment says whom it replaces."""
    current = complaint_people("", list(history))
    now = next((a for a in current.appointments if a.role == role), None)
    title = ROLE_TITLE[role].lower()
    if now is None or (now.person_id == person.pk):
        return
    replaces = " ".join(str(event.get("replaces") or "").split())
    if not replaces:
        raise AppointmentRefused(
            f"{where}{now.name} is already the {title}: a complaint has one {title} at a time. To appoint "
            f"{person.name} instead, say whom they replace", code="second-appointee")
    if replaces.casefold() != now.name.casefold():
        raise AppointmentRefused(f"{where}{replaces} is not the {title} ({now.name} is)", code="second-appointee")


def _match_panel(register: _Register, members: Any, where: str) -> list[Any]:
    if not isinstance(members, list) or len(members) != PANEL_SIZE:
        count = len(members) if isinstance(members, list) else 0
        raise AppointmentRefused(f"{where}a review panel has three members, the first its chair (SI 2006/1738 "
                                 f"reg 19): {count} {'was' if count == 1 else 'were'} given", code="panel-not-three")
    matched: list[Any] = []
    seen: set[int] = set()
    for index, raw in enumerate(members):
        member = dict(raw) if isinstance(raw, Mapping) else {"name": str(raw)}
        role = "panel-chair" if index == 0 else "panel-member"
        person = register.find(name=str(member.get("name", "")), person_id=member.get("person_id"), role=role,
                               where=where)
        if person.pk in seen:
            raise AppointmentRefused(f"{where}{person.name} is named twice on the panel", code="panel-not-three")
        seen.add(person.pk)
        member.update(name=person.name, person_id=person.pk)
        matched.append(member)
    return matched


def new_conflicts(*, council: Council | int, earlier: Sequence[Mapping[str, Any]],
                  event: Mapping[str, Any]) -> list[ReportWarning]:
    """The independence conflicts the appointment `event` would bring to a complaint with history `earlier`:
    shown before it is saved."""
    if event.get("type") not in APPOINTING and not _replacement_appoints(event):
        return []
    facts = register_facts(council)
    ids = ids_by_name(council)
    before = {w.message for w in conflicts(with_register_ids(complaint_people("", list(earlier)), ids), facts)}
    after = conflicts(with_register_ids(complaint_people("", [*earlier, event]), ids), facts)
    return [w for w in after if w.message not in before]


def check_conflicts(*, council: Council | int, by: User, earlier: Sequence[Mapping[str, Any]],
                    event: Mapping[str, Any]) -> None:
    """An IndependenceConflict unless the appointment is free of new conflicts, or a manager gives the reason
    for recording it anyway (`conflict_reason`). Only councils with a register are checked."""
    if event.get("type") not in APPOINTING and not _replacement_appoints(event):
        return
    found = new_conflicts(council=council, earlier=earlier, event=event) if has_register(council) else []
    if not found:
        return
    reasons = "; ".join(w.message for w in found)
    replacement = event.get("replacement")
    reason = event.get("conflict_reason") or (replacement.get("conflict_reason")
                                              if isinstance(replacement, Mapping) else "")
    if not by.is_manager:
        raise PermissionDenied(f"This appointment has an independence conflict ({reasons}): only a complaints manager "
                               "can record it, with the reason")
    if not reason:
        raise IndependenceConflict(f"This appointment has an independence conflict: {reasons}. Choose someone else, or "
                                   "give the reason for appointing them anyway (conflict_reason)",
                                   code="independence-conflict")


def complaint_register_warnings(*, council: Council, complaint_id: int, events: Sequence[Mapping[str, Any]],
                                today: dt.date, open: bool = True) -> list[ReportWarning]:
    """The register's warnings for one complaint: its conflicts, and a risk for anyone on it over the council's
    limit of open appointments (counted across the council's open complaints)."""
    from redress.complaints.models import Event  # the register knows complaints only here

    ids = ids_by_name(council)
    mine = with_register_ids(complaint_people(str(complaint_id), list(events), open=open), ids)
    people = [mine]
    held = {a.person_id for a in mine.appointments if a.person_id is not None}
    limit = appointment_limit(council)
    if held and limit is not None:
        others: dict[int, list[Mapping[str, Any]]] = {}
        rows = (Event.objects.filter(complaint__council=council, complaint__projection__status="open",
                                     type__in=APPOINTING | {"event.voided", "event.corrected"})
                .exclude(complaint_id=complaint_id).order_by("complaint_id", "sequence")
                .values_list("complaint_id", "sequence", "data"))
        for other_id, sequence, data in rows:
            history = others.setdefault(other_id, [])
            history += [{"type": ""}] * (sequence - 1 - len(history))  # the events between keep their places
            history.append(data)
        people += [with_register_ids(complaint_people(str(k), v), ids) for k, v in others.items()]
    found = independence_warnings(people, register_facts(council), limit=limit, today=today)
    return found[mine.key]


def people_for_form(council: Council, event_type: str) -> list[Person]:
    """The register, for an appointment's form (empty: the form takes typed names, as before the register)."""
    from redress.people.forms import APPOINTMENT_FORMS

    if event_type not in APPOINTMENT_FORMS:
        return []
    return list(Person.objects.filter(council=council).order_by("name"))


def presave_conflicts(*, complaint_council: Council, earlier: Sequence[Mapping[str, Any]],
                      event: Mapping[str, Any]) -> list[ReportWarning]:
    """The conflicts an appointment typed into a form would bring, before it is saved (AppointmentRefused
    when the register does not allow it at all)."""
    matched = register_match(council=complaint_council, events=[event], earlier=earlier)[0]
    return new_conflicts(council=complaint_council, earlier=earlier, event=matched)
