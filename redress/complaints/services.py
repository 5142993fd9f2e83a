"""Writes to complaints. Each writes its events and audit entries in one transaction.

Views, the API and the commands all call these; none of them writes a complaint any other way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from django.db import IntegrityError, transaction

from redress.complaints.history import event_fields
from redress.complaints.limits import input_limits
from redress.complaints.models import Complaint, Event, Projection, ReferenceCounter
from redress.complaints.permissions import check_may_change, check_may_import, check_may_record
from redress.complaints.procedures import ALL_CLOCKS, procedure_title
from redress.complaints.selectors import case_data, procedure_calendar, procedure_now
from redress.core.calendar import WorkingCalendar
from redress.core.engine import Report, replay
from redress.core.events import Case, CaseFileError, event_to_data, parse_case, parse_event
from redress.core.history import GENESIS, chain_hash
from redress.core.reports import complaint_facts
from redress.core.rules import check_history, check_next_event
from redress.councils.audit import audit_append
from redress.councils.errors import ConflictError, DomainError
from redress.councils.models import AuditEntry, Council, User
from redress.people.appointments import check_conflicts, register_match
from redress.reports.services import reporting_refresh

RELOAD = "Someone else recorded an event on this complaint at the same time. Reload the page and try again."


class InvalidEvent(DomainError):
    """The event itself is malformed: a missing or mistyped field, an impossible date."""

    status = 422


class RefusedEvent(DomainError):
    """The event is well formed but the procedure does not allow it now."""

    status = 409


def _domain_error(error: CaseFileError, *, refused: bool) -> DomainError:
    kind = RefusedEvent if refused else InvalidEvent
    return kind(error.message, code=error.code)


def complaint_record_event(
    *,
    complaint: Complaint,
    event: Mapping[str, Any],
    by: User,
    today: dt.date,
    expected_version: int | None = None,
) -> Report:
    """Append one event to the complaint's history, if the rules allow it, and return the new report.

    Locks the complaint row, checks the event against the history, writes the event and its audit
    entry together and refreshes the projection. On refusal nothing is written. `expected_version`
    (the number of events the person saw) turns a concurrent change into a ConflictError.
    """
    check_may_record(by, complaint, str(event.get("type", "")))
    if event.get("type") == "procedure.changed":
        check_council_runs(complaint.council, event.get("to"), what="The complaint cannot be moved: ")
    try:
        parsed = parse_event(event, limits=input_limits())
        input_limits().check_room(complaint.version)
    except CaseFileError as error:
        raise _domain_error(error, refused=False) from None
    _check_not_after_today(parsed.date, today, what="The event")
    replacement = parsed.get("replacement")  # a correction may not date the event it corrects after today either
    if replacement is not None:
        _check_not_after_today(replacement.date, today, what="The event")
    try:
        with transaction.atomic():
            locked = Complaint.objects.select_for_update().select_related("council").get(pk=complaint.pk)
            if expected_version is not None and locked.version != expected_version:
                raise ConflictError(RELOAD, code="stale")
            events = list(locked.events.order_by("sequence"))
            earlier = [e.data for e in events]
            matched = register_match(council=locked.council_id, events=[event], earlier=earlier)[0]
            if matched != event:
                try:
                    parsed = parse_event(matched, limits=input_limits())
                except CaseFileError as error:
                    raise _domain_error(error, refused=False) from None
            check_conflicts(council=locked.council_id, by=by, earlier=earlier, event=event_to_data(parsed))
            case = parse_case(case_data(locked, events))
            try:
                check_next_event(case.points, case.events, parsed, procedure_calendar(locked.council, case.procedure),
                                 procedure=case.procedure)
            except CaseFileError as error:
                raise _domain_error(error, refused=True) from None
            stored = _append(locked, [event_to_data(parsed)], by=by)
            report = projection_refresh(locked, events=[*events, *stored], today=today)
    except IntegrityError:
        raise ConflictError(RELOAD, code="stale") from None
    complaint.version = locked.version
    return report


def complaint_create(
    *,
    council: Council,
    by: User,
    complainant_name: str,
    complainant_role: str,
    child_name: str,
    points: Sequence[Mapping[str, str]],
    received_on: dt.date,
    today: dt.date,
    matter_on: dt.date | None = None,
    via: str = "",
    service: str = "",
    officer: User | None = None,
    contact: Mapping[str, str] | None = None,
    procedure: str = "children-england",
) -> Complaint:
    """Record a new complaint under `procedure` (one the council runs): its points and its `complaint.received`.

    `contact` holds any of the complainant's email, phone, address and contact preference.
    """
    received: dict[str, Any] = {
        "date": received_on.isoformat(),
        "type": "complaint.received",
        "complainant": {"role": complainant_role},
    }
    if matter_on is not None:
        received["matter_on"] = matter_on.isoformat()
    if via:
        received["via"] = via
    if service:
        received["service"] = service
    data = {"procedure": procedure, "points": [dict(p) for p in points], "events": [received]}
    return complaint_import(
        council=council,
        by=by,
        data=data,
        today=today,
        complainant_name=complainant_name,
        child_name=child_name,
        officer=officer,
        contact=contact,
    )


def check_council_runs(council: Council, name: object, *, what: str = "") -> None:
    """An InvalidEvent (code `procedure-not-run`) unless `council` runs the procedure called `name`.

    The message names the procedure and the ones the council runs; a name the core does not know
    is named as unknown, with the ones there are.
    """
    if isinstance(name, str) and council.runs(name):
        return
    runs = ", ".join(f"{n} ({procedure_title(n)})" for n in council.procedure_names)
    if not isinstance(name, str) or procedure_title(name) == name:
        raise InvalidEvent(f"{what}there is no procedure {name!r}; your council runs {runs}", code="bad-procedure")
    raise InvalidEvent(
        f"{what}your council does not run the procedure {name} ({procedure_title(name)}); it runs {runs}. "
        "A complaints manager chooses the council's procedures on the Procedures page.",
        code="procedure-not-run",
    )


def complaint_import(
    *,
    council: Council,
    by: User | None,
    data: Mapping[str, Any],
    today: dt.date,
    complainant_name: str = "",
    child_name: str = "",
    officer: User | None = None,
    reference: str | None = None,
    contact: Mapping[str, str] | None = None,
) -> Complaint:
    """Create a complaint from a whole case file (SCENARIOS.md), all or nothing.

    The complaint is created in `council` whatever the file says; a `council` in the file is
    kept as a note. Every event is checked against the history before it, as if recorded by hand,
    and, when `by` is given, against `by`'s role exactly as `/events` checks one event. `by` is
    None only for the demo loader and an import with no person named.
    """
    raw_events = data.get("events") if isinstance(data, Mapping) else None
    for number, raw in enumerate(raw_events if isinstance(raw_events, list) else [], start=1):
        if isinstance(raw, Mapping) and raw.get("type") == "procedure.changed":
            check_council_runs(council, raw.get("to"), what=f"Event {number} (procedure.changed): ")
    try:
        case = parse_case(data, limits=input_limits())
    except CaseFileError as error:
        raise InvalidEvent(error.message, code=error.code) from None
    check_council_runs(council, case.procedure, what="The complaint cannot be recorded: ")
    if by is not None:
        check_may_import(by, council.pk, [e.type for e in case.events])
    matched = register_match(council=council, events=list(data["events"]), numbered=True)
    if matched != list(data["events"]):
        data = {**data, "events": matched}
        try:
            case = parse_case(data, limits=input_limits())
        except CaseFileError as error:
            raise InvalidEvent(error.message, code=error.code) from None
    for number, event in enumerate(case.events, start=1):
        _check_not_after_today(event.date, today, what=f"Event {number} ({event.type})")
    try:
        check_history(case.points, case.events, procedure_calendar(council, case.procedure), procedure=case.procedure)
    except CaseFileError as error:
        raise InvalidEvent(error.message, code=error.code) from None
    if not case.events or case.events[0].type != "complaint.received":
        raise InvalidEvent("A complaint's history must start with complaint.received", code="no-receipt")
    complainant = data["events"][0].get("complainant") or {}
    name = (complainant_name or str(complainant.get("name") or "")).strip() or "Name not recorded"
    note = f"Imported from a file for {data['council']}" if data.get("council") else ""
    contact_fields = {f: str(v).strip() for f, v in (contact or {}).items() if f in CONTACT_FIELDS}
    with transaction.atomic():
        complaint = Complaint.objects.create(
            council=council,
            reference=reference or _next_reference(council, case.events[0].date),
            procedure=case.procedure,
            complainant_name=name,
            complainant_role=str(complainant.get("role", "")),
            child_name=child_name.strip(),
            points=[{"id": p.id, "text": p.text, "about": p.about} for p in case.points],
            officer=officer,
            note=note,
            created_by=by,
            **contact_fields,
        )
        _audit(complaint, by, "complaint.created", {"reference": complaint.reference, "note": note})
        stored = _append(complaint, [event_to_data(e) for e in case.events], by=by)
        projection_refresh(complaint, events=stored, today=today)
    return complaint


def complaint_assign(*, complaint: Complaint, officer: User | None, by: User, today: dt.date) -> None:
    """Make `officer` (of the same council) the complaint's officer; the audit keeps who it was before."""
    check_may_change(by, complaint)
    if officer is not None and officer.council_id != complaint.council_id:
        raise DomainError("Choose an officer from your own council", code="wrong-council")
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        before = locked.officer.email if locked.officer else None
        Complaint.objects.filter(pk=complaint.pk).update(officer=officer)
        Projection.objects.filter(pk=complaint.pk).update(officer=officer)
        complaint.officer = officer
        _audit(complaint, by, "complaint.assigned", {"officer": officer.email if officer else None, "before": before})


CONTACT_FIELDS = ("complainant_email", "complainant_phone", "complainant_address", "contact_preference")
DETAIL_FIELDS = ("complainant_name", "child_name", *CONTACT_FIELDS)


def complaint_update_details(*, complaint: Complaint, by: User, details: Mapping[str, str], today: dt.date) -> list[str]:
    """Change who the complaint is from and about, and how to contact them; return the fields changed.

    The audit entry keeps each changed field before and after. The complainant's role is part of
    the history (`complaint.received`), so it is not changed here.
    """
    check_may_change(by, complaint)
    unknown = sorted(set(details) - set(DETAIL_FIELDS))
    if unknown:
        raise DomainError(f"These details cannot be changed here: {', '.join(unknown)}", code="invalid")
    cleaned = {field: str(value).strip() for field, value in details.items()}
    if "complainant_name" in cleaned and not cleaned["complainant_name"]:
        raise DomainError("Enter the complainant's name", code="invalid")
    preference = cleaned.get("contact_preference")
    if preference and preference not in {"email", "phone", "letter"}:
        raise DomainError("Choose email, phone or letter", code="invalid")
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        before = {f: getattr(locked, f) for f, v in cleaned.items() if getattr(locked, f) != v}
        if not before:
            return []
        after = {f: cleaned[f] for f in before}
        Complaint.objects.filter(pk=complaint.pk).update(**after)
        for field, value in after.items():
            setattr(complaint, field, value)
        Projection.objects.filter(pk=complaint.pk).update(search_text=search_text(complaint))
        _audit(complaint, by, "complaint.details-changed", {"before": before, "after": after})
    return list(before)


def projection_refresh(
    complaint: Complaint,
    *,
    events: Sequence[Event],
    today: dt.date,
    calendar: WorkingCalendar | None = None,
) -> Report:
    """Replay the events and store the answer in the complaint's projection and reporting rows; return the report."""
    case = parse_case(case_data(complaint, events))
    calendar = calendar or procedure_calendar(complaint.council, case.procedure)
    report = replay(case, today=today, calendar=calendar)
    Projection.objects.update_or_create(complaint=complaint, defaults=projection_fields(complaint, report, case, today))
    reporting_refresh(complaint_id=complaint.pk, council_id=complaint.council_id,
                      facts=complaint_facts(case, report, calendar))
    return report


class ProjectedComplaint(Protocol):
    """The columns of a complaint its projection copies: a Complaint, or the plain values a rebuild reads."""

    @property
    def council_id(self) -> int: ...
    @property
    def officer_id(self) -> int | None: ...
    @property
    def reference(self) -> str: ...
    @property
    def complainant_name(self) -> str: ...
    @property
    def child_name(self) -> str: ...


def projection_fields(complaint: ProjectedComplaint, report: Report, case: Case, today: dt.date) -> dict[str, Any]:
    """The Projection columns for a complaint's report."""
    due, what = next_council_deadline(report)
    severities = [w.severity for w in report.warnings]
    codes = sorted({w.code for w in report.warnings})
    return {
        "council_id": complaint.council_id,
        "officer_id": complaint.officer_id,
        "procedure": procedure_now(case),
        "stage": report.stage,
        "status": report.status,
        "suspended": report.suspended,
        "received_on": case.events[0].date,
        "next_due": due,
        "next_due_what": what,
        "faults": severities.count("fault"),
        "risks": severities.count("risk"),
        "infos": severities.count("info"),
        "warning_codes": f" {' '.join(codes)} " if codes else "",
        "open_actions": sum(1 for a in report.actions if a.status in {"open", "overdue"}),
        "last_event_on": case.events[-1].date,
        "computed_on": today,
        "search_text": search_text(complaint),
    }


def search_text(complaint: ProjectedComplaint) -> str:
    """What the caseload's search looks in: reference and names, lower-cased."""
    return " ".join([complaint.reference, complaint.complainant_name, complaint.child_name]).lower()


def next_council_deadline(report: Report) -> tuple[dt.date | None, str]:
    """The soonest date the council must act by: a running or overdue clock, a due date, or an open action.

    The complainant's request windows are their time, not the council's, so they are left out.
    """
    candidates: list[tuple[dt.date, str]] = []
    for clock in report.clocks:
        definition = ALL_CLOCKS.get(clock.name)
        if clock.due and clock.status in {"running", "overdue"} and not (definition and definition.complainants_window):
            candidates.append((clock.due, definition.title if definition else clock.name))
    candidates += [(due_date.due, due_date.title) for due_date in report.due_dates]  # adults-england's response
    for action in report.actions:
        if action.due and action.status in {"open", "overdue"}:
            candidates.append((action.due, f"Action {action.id}: {action.what}"[:200]))
    return min(candidates) if candidates else (None, "")


def _append(complaint: Complaint, datas: Sequence[Mapping[str, Any]], *, by: User | None) -> list[Event]:
    """Store the events after the complaint's last, each with its audit entry: one insert for each kind.

    Call with the complaint row locked (or new): each event's hash follows the one before it.
    """
    first = complaint.version + 1
    previous = GENESIS
    if complaint.version:
        previous = Event.objects.filter(complaint=complaint, sequence=complaint.version).values_list(
            "hash", flat=True).first() or GENESIS
    events = [
        Event(
            complaint=complaint,
            sequence=first + offset,
            date=dt.date.fromisoformat(str(data["date"])),
            type=str(data["type"]),
            data=dict(data),
            recorded_by=by,
        )
        for offset, data in enumerate(datas)
    ]
    for event in events:
        event.hash = previous = chain_hash(event_fields(event), previous)
    stored = Event.objects.bulk_create(events)
    audit_append([
        _audit_entry(complaint, by, "complaint.event-recorded", {"sequence": event.sequence, "event": event.data})
        for event in stored
    ])
    complaint.version += len(stored)
    Complaint.objects.filter(pk=complaint.pk).update(version=complaint.version)
    return stored


def _audit(complaint: Complaint, by: User | None, action: str, data: dict[str, Any]) -> None:
    audit_append([_audit_entry(complaint, by, action, data)])


def _audit_entry(complaint: Complaint, by: User | None, action: str, data: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        council_id=complaint.council_id,
        actor=by,
        action=action,
        object_type="complaint",
        object_id=str(complaint.pk),
        data=data,
    )


def _check_not_after_today(date: dt.date, today: dt.date, *, what: str) -> None:
    """Project decision: nothing is recorded before it happens; a date after today is a mistake."""
    if date > today:
        raise InvalidEvent(
            f"{what} is dated {_day(date)}, after today ({_day(today)}). Enter the date it happened.",
            code="future-date",
        )


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _next_reference(council: Council, received_on: dt.date) -> str:
    """The council's next reference for the year, e.g. NC-2024-0007. Call inside a transaction.

    The counter row is locked until the transaction ends, so parallel creators wait their turn.
    A first counter starts from the highest number already used; a number already taken (an
    imported reference) is skipped.
    """
    prefix = f"{council.reference_prefix}-{received_on.year}-"
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(council=council, prefix=prefix).first()
    if counter is None:
        start = ReferenceCounter(council=council, prefix=prefix, last=_highest_number(council, prefix))
        ReferenceCounter.objects.bulk_create([start], ignore_conflicts=True)
        counter = counters.get(council=council, prefix=prefix)
    number = counter.last + 1
    while Complaint.objects.filter(council=council, reference=f"{prefix}{number:04d}").exists():
        number += 1
    counter.last = number
    counter.save(update_fields=["last"])
    return f"{prefix}{number:04d}"


def _highest_number(council: Council, prefix: str) -> int:
    references = Complaint.objects.filter(council=council, reference__startswith=prefix).values_list("reference", flat=True)
    return max((int(r[len(prefix):]) for r in references if r[len(prefix):].isdigit()), default=0)
