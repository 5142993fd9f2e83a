"""Recording events: append-only, audited, checked by the rules, projections always the engine's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.projections import projections_rebuild
from redress.complaints.selectors import complaint_report, complaints_open_for_same_people
from redress.complaints.services import (
    InvalidEvent,
    RefusedEvent,
    complaint_assign,
    complaint_create,
    complaint_record_event,
    complaint_update_details,
    projection_fields,
)
from redress.councils.errors import ConflictError
from redress.councils.models import AuditEntry, Council, CouncilHoliday, User
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, import_history

pytestmark = pytest.mark.django_db


def _snapshot(complaint: Complaint) -> tuple[int, int, int, dict[str, Any]]:
    complaint.refresh_from_db()
    projection = Projection.objects.get(pk=complaint.pk)
    return (
        complaint.version,
        Event.objects.filter(complaint=complaint).count(),
        AuditEntry.objects.filter(object_id=str(complaint.pk)).count(),
        {"stage": projection.stage, "next_due": projection.next_due, "codes": projection.warning_codes},
    )


def test_a_new_complaint_records_its_receipt_and_starts_stage_1(council: Council, officer: User) -> None:
    complaint = complaint_create(
        council=council, by=officer, complainant_name="Ms Sarah Walker", complainant_role="parent",
        child_name="Ellie", points=[{"id": "P1", "text": "Contact was cancelled", "about": "contact"}],
        received_on=dt.date(2023, 5, 5), today=dt.date(2023, 5, 10),
    )
    assert complaint.reference == "NC-2023-0001"
    event = complaint.events.get()
    assert (event.type, event.date, event.sequence, event.recorded_by) == ("complaint.received", dt.date(2023, 5, 5), 1, officer)
    projection = Projection.objects.get(pk=complaint.pk)
    assert (projection.stage, projection.status, projection.next_due) == (1, "open", dt.date(2023, 5, 22))
    assert projection.next_due_what == "Stage 1 response"
    assert AuditEntry.objects.filter(action="complaint.event-recorded", object_id=str(complaint.pk)).count() == 1
    assert AuditEntry.objects.filter(action="complaint.created", actor=officer).count() == 1


def test_recording_an_event_appends_it_with_its_audit_entry_and_refreshes_the_projection(
    council: Council, officer: User
) -> None:
    complaint = import_history(council, officer)
    report = complaint_record_event(
        complaint=complaint,
        event={"date": "2024-02-14", "type": "stage2.appointed", "role": "io", "person": "Quinn Ash", "council_employee": False},
        by=officer, today=TODAY,
    )
    assert report.stage == 2
    last = complaint.events.order_by("-sequence").first()
    assert last is not None and (last.sequence, last.type, last.recorded_by) == (5, "stage2.appointed", officer)
    audit = AuditEntry.objects.filter(action="complaint.event-recorded", object_id=str(complaint.pk)).first()
    assert audit is not None and audit.data["event"]["person"] == "Quinn Ash" and audit.actor == officer
    complaint.refresh_from_db()
    assert complaint.version == 5
    # Stage 2 response: statement agreed 12 Feb 2024 + 25 WD = 18 Mar 2024, overdue on 1 Jul 2024.
    projection = Projection.objects.get(pk=complaint.pk)
    assert projection.next_due == dt.date(2024, 3, 18)
    assert " stage2.response.overdue " in projection.warning_codes


@pytest.mark.parametrize(
    ("event", "error", "message"),
    [
        ({"date": "2024-02-14", "type": "stage9.exploded"}, InvalidEvent, "stage9.exploded"),
        ({"date": "2024-02-31", "type": "stage2.requested"}, InvalidEvent, "2024-02-31"),
        ({"type": "stage2.requested"}, InvalidEvent, "date"),
        ({"date": "2024-02-14", "type": "stage2.appointed", "role": "io"}, InvalidEvent, "person"),
        ({"date": "2024-01-01", "type": "stage2.appointed", "role": "io", "person": "A"}, RefusedEvent, "before the last event"),
        ({"date": "2024-02-14", "type": "stage3.panel-held"}, RefusedEvent, "after the request for a review panel"),
        ({"date": "2024-02-14", "type": "stage2.extended", "to_wd": 80, "reason": "x", "notified": True}, RefusedEvent, "65"),
    ],
)
def test_an_event_the_rules_refuse_changes_nothing(
    council: Council, manager: User, event: dict[str, Any], error: type[Exception], message: str
) -> None:
    complaint = import_history(council, manager)
    before = _snapshot(complaint)
    with pytest.raises(error, match=message) as raised:
        complaint_record_event(complaint=complaint, event=event, by=manager, today=TODAY)
    assert raised.value.message  # type: ignore[attr-defined]
    assert _snapshot(complaint) == before


def test_a_stale_version_is_a_conflict_and_changes_nothing(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    before = _snapshot(complaint)
    with pytest.raises(ConflictError, match="Reload"):
        complaint_record_event(
            complaint=complaint, event={"date": "2024-02-14", "type": "advocacy.offered"},
            by=officer, today=TODAY, expected_version=3,
        )
    assert _snapshot(complaint) == before


def test_read_only_users_and_other_councils_cannot_record(
    council: Council, reader: User, other_officer: User, officer: User
) -> None:
    complaint = import_history(council, officer)
    event = {"date": "2024-02-14", "type": "advocacy.offered"}
    with pytest.raises(PermissionDenied):
        complaint_record_event(complaint=complaint, event=event, by=reader, today=TODAY)
    with pytest.raises(PermissionDenied):
        complaint_record_event(complaint=complaint, event=event, by=other_officer, today=TODAY)
    assert complaint.events.count() == 4


def test_decisions_that_refuse_or_extend_are_the_managers(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, officer)
    extension = {"date": "2024-02-20", "type": "stage2.extended", "to_wd": 65, "reason": "Many witnesses", "notified": True}
    with pytest.raises(PermissionDenied, match="complaints manager"):
        complaint_record_event(complaint=complaint, event=extension, by=officer, today=TODAY)
    report = complaint_record_event(complaint=complaint, event=extension, by=manager, today=TODAY)
    assert {c.name: c.limit_wd for c in report.clocks}["stage2.response"] == 65


def test_events_are_append_only(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    event = complaint.events.first()
    assert event is not None
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="append-only"):
        Event.objects.filter(complaint=complaint).update(type="x")
    with pytest.raises(TypeError, match="append-only"):
        Event.objects.filter(complaint=complaint).delete()


def test_an_imported_file_is_all_or_nothing_and_keeps_its_council_as_a_note(council: Council, manager: User) -> None:
    bad = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-13", "type": "stage3.panel-held"}]}
    with pytest.raises(InvalidEvent):
        import_history(council, manager, bad)
    assert not Complaint.objects.exists()
    assert not Event.objects.exists()
    complaint = import_history(council, manager, {**STAGE2_HISTORY, "council": "Somewhere Else Council"})
    assert complaint.council == council
    assert complaint.note == "Imported from a file for Somewhere Else Council"


def test_the_projection_always_equals_the_engines_answer(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    CouncilHoliday.objects.create(council=council, day=dt.date(2024, 3, 1), name="Flood closure")
    stale = Projection.objects.get(pk=complaint.pk).next_due
    assert projections_rebuild(council=council, today=TODAY) == 1
    view = complaint_report(complaint, today=TODAY)
    rebuilt = Projection.objects.get(pk=complaint.pk)
    expected = projection_fields(complaint, view.report, view.case, TODAY)
    assert rebuilt.next_due == expected["next_due"] == dt.date(2024, 3, 19)  # moved by the council day
    assert stale == dt.date(2024, 3, 18)
    for field, value in expected.items():
        assert getattr(rebuilt, field) == value, field


def test_assigning_an_officer_from_another_council_is_refused(
    council: Council, manager: User, officer: User, other_officer: User
) -> None:
    complaint = import_history(council, manager)
    complaint_assign(complaint=complaint, officer=officer, by=manager, today=TODAY)
    assert Projection.objects.get(pk=complaint.pk).officer == officer
    from redress.councils.errors import DomainError

    with pytest.raises(DomainError, match="own council"):
        complaint_assign(complaint=complaint, officer=other_officer, by=manager, today=TODAY)
    assert Complaint.objects.get(pk=complaint.pk).officer == officer


def test_import_judges_the_history_with_the_councils_own_calendar(council: Council, manager: User) -> None:
    """Received Mon 8 Jan 2024: Stage 1 is due Mon 22 Jan, or Tue 23 Jan once the council closes on the 22nd."""
    history = {**STAGE2_HISTORY, "events": [
        STAGE2_HISTORY["events"][0], {"date": "2024-01-23", "type": "stage2.requested"},
    ]}
    other = Council.objects.create(name="Elsewhere Council", slug="elsewhere", reference_prefix="EL")
    import_history(other, None, history)  # the 23rd is after the standard deadline: allowed
    CouncilHoliday.objects.create(council=council, day=dt.date(2024, 1, 22), name="Council closure")
    with pytest.raises(InvalidEvent, match=r"deadline \(23 Jan 2024\) has passed"):
        import_history(council, manager, history)
    assert not Complaint.objects.filter(council=council).exists()


MANAGERS_DECISIONS = [
    {"date": "2024-02-20", "type": "stage2.extended", "to_wd": 65, "reason": "Many witnesses", "notified": True},
    {"date": "2024-02-20", "type": "procedure.suspended", "reason": "Police enquiry"},
    {"date": "2024-02-20", "type": "complaint.closed"},
]


@pytest.mark.parametrize("decision", MANAGERS_DECISIONS, ids=lambda e: e["type"])
def test_a_file_holding_a_managers_decision_is_refused_for_an_officer(
    council: Council, officer: User, manager: User, decision: dict[str, Any]
) -> None:
    history = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], decision]}
    with pytest.raises(PermissionDenied, match=rf"Event 5 \({decision['type']}\): only a complaints manager"):
        import_history(council, officer, history)
    assert not Complaint.objects.exists()
    assert not AuditEntry.objects.exists()
    assert import_history(council, manager, history).events.count() == 5
    assert import_history(council, None, history).events.count() == 5  # the demo loader and a CLI without --by


def test_a_read_only_user_or_another_council_cannot_import_or_create(
    council: Council, reader: User, other_officer: User
) -> None:
    for user in (reader, other_officer):
        with pytest.raises(PermissionDenied):
            import_history(council, user)
        with pytest.raises(PermissionDenied):
            complaint_create(
                council=council, by=user, complainant_name="A", complainant_role="parent", child_name="",
                points=[{"id": "P1", "text": "x", "about": "other"}], received_on=dt.date(2024, 1, 8), today=TODAY,
            )
    assert not Complaint.objects.exists()


def test_an_event_dated_after_today_is_refused_naming_the_date(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    before = _snapshot(complaint)
    with pytest.raises(InvalidEvent, match=r"2 Jul 2024.*after today \(1 Jul 2024\)") as raised:
        complaint_record_event(complaint=complaint, event={"date": "2024-07-02", "type": "advocacy.offered"}, by=officer, today=TODAY)
    assert raised.value.code == "future-date"
    assert _snapshot(complaint) == before
    complaint_record_event(complaint=complaint, event={"date": "2024-07-01", "type": "advocacy.offered"}, by=officer, today=TODAY)


@pytest.mark.parametrize("position", [0, 3], ids=["receipt", "a-later-event"])
def test_a_file_with_an_event_after_today_is_refused_naming_it(council: Council, officer: User, position: int) -> None:
    events = [dict(e) for e in STAGE2_HISTORY["events"]]
    if position == 0:
        events = [{**events[0], "date": "2024-07-02"}]
    else:
        events[position]["date"] = "2024-08-01"
    with pytest.raises(InvalidEvent, match=rf"Event {position + 1} \({events[position]['type']}\) is dated .* after today \(1 Jul 2024\)"):
        import_history(council, None, {**STAGE2_HISTORY, "events": events})
    with pytest.raises(InvalidEvent, match="after today"):
        complaint_create(
            council=council, by=officer, complainant_name="A", complainant_role="parent", child_name="",
            points=[{"id": "P1", "text": "x", "about": "other"}], received_on=dt.date(2024, 7, 2), today=TODAY,
        )
    assert not Complaint.objects.exists()


def _create(council: Council, by: User, received_on: dt.date) -> Complaint:
    return complaint_create(
        council=council, by=by, complainant_name="A", complainant_role="parent", child_name="",
        points=[{"id": "P1", "text": "x", "about": "other"}], received_on=received_on, today=TODAY,
    )


def test_references_count_on_from_the_highest_and_skip_any_already_taken(council: Council, officer: User) -> None:
    import_history(council, officer, reference="NC-2024-0005")
    assert _create(council, officer, dt.date(2024, 1, 8)).reference == "NC-2024-0006"
    import_history(council, officer, reference="NC-2024-0007")
    assert _create(council, officer, dt.date(2024, 1, 8)).reference == "NC-2024-0008"
    assert _create(council, officer, dt.date(2023, 12, 1)).reference == "NC-2023-0001"  # each year counts afresh


def test_reassigning_an_officer_is_audited_with_who_it_was_before(council: Council, manager: User, officer: User, reader: User) -> None:
    complaint = import_history(council, manager, officer=manager)
    complaint_assign(complaint=complaint, officer=officer, by=manager, today=TODAY)
    audit = AuditEntry.objects.get(action="complaint.assigned")
    assert audit.data == {"officer": officer.email, "before": manager.email}
    assert audit.actor == manager
    with pytest.raises(PermissionDenied):
        complaint_assign(complaint=complaint, officer=None, by=reader, today=TODAY)
    assert Complaint.objects.get(pk=complaint.pk).officer == officer


def test_changing_details_audits_each_changed_field_before_and_after(council: Council, officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Sarah Walker", child_name="Ellie")
    changed = complaint_update_details(complaint=complaint, by=officer, today=TODAY, details={
        "complainant_name": "Mrs Sarah Walker-Jones", "child_name": "Ellie", "complainant_email": "sarah@example.com",
        "complainant_phone": " 01234 567890 ", "complainant_address": "", "contact_preference": "email",
    })
    assert sorted(changed) == ["complainant_email", "complainant_name", "complainant_phone", "contact_preference"]
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.complainant_name, stored.complainant_phone, stored.contact_preference) == ("Mrs Sarah Walker-Jones", "01234 567890", "email")
    audit = AuditEntry.objects.get(action="complaint.details-changed")
    assert audit.actor == officer
    assert audit.data["before"] == {"complainant_name": "Ms Sarah Walker", "complainant_email": "", "complainant_phone": "", "contact_preference": ""}
    assert audit.data["after"] == {"complainant_name": "Mrs Sarah Walker-Jones", "complainant_email": "sarah@example.com",
                                   "complainant_phone": "01234 567890", "contact_preference": "email"}
    assert "walker-jones" in Projection.objects.get(pk=complaint.pk).search_text
    assert complaint_update_details(complaint=complaint, by=officer, today=TODAY, details={"child_name": "Ellie"}) == []
    assert AuditEntry.objects.filter(action="complaint.details-changed").count() == 1


@pytest.mark.parametrize(
    ("details", "message"),
    [({"complainant_name": "  "}, "Enter the complainant's name"), ({"contact_preference": "pigeon"}, "email, phone or letter"),
     ({"complainant_role": "child"}, "cannot be changed here: complainant_role")],
)
def test_bad_details_are_refused_and_change_nothing(council: Council, officer: User, details: dict[str, str], message: str) -> None:
    from redress.councils.errors import DomainError

    complaint = import_history(council, officer, complainant_name="Ms Walker")
    with pytest.raises(DomainError, match=message):
        complaint_update_details(complaint=complaint, by=officer, today=TODAY, details=details)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.complainant_name, stored.contact_preference, stored.complainant_role) == ("Ms Walker", "", "special-guardian")
    assert not AuditEntry.objects.filter(action="complaint.details-changed").exists()


def test_read_only_users_and_other_councils_cannot_change_details(council: Council, officer: User, reader: User, other_officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="Ms Walker")
    for user in (reader, other_officer):
        with pytest.raises(PermissionDenied):
            complaint_update_details(complaint=complaint, by=user, today=TODAY, details={"complainant_name": "Someone"})
    assert Complaint.objects.get(pk=complaint.pk).complainant_name == "Ms Walker"


def test_a_new_complaint_keeps_its_contact_details(council: Council, officer: User) -> None:
    complaint = complaint_create(
        council=council, by=officer, complainant_name="A", complainant_role="parent", child_name="",
        points=[{"id": "P1", "text": "x", "about": "other"}], received_on=dt.date(2024, 1, 8), today=TODAY,
        contact={"complainant_email": "a@example.com", "contact_preference": "email", "reference": "ignored"},
    )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.complainant_email, stored.contact_preference, stored.reference) == ("a@example.com", "email", "NC-2024-0001")


def test_open_complaints_of_the_same_complainant_and_child_are_found(
    council: Council, manager: User, other_council: Council
) -> None:
    closed_history = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-20", "type": "complaint.closed"}]}
    first = import_history(council, manager, complainant_name="Ms Sarah Walker", child_name="Ellie")
    import_history(council, manager, closed_history, complainant_name="Ms Sarah Walker", child_name="Ellie")
    import_history(council, manager, complainant_name="Ms Sarah Walker", child_name="Tom")
    import_history(other_council, None, complainant_name="Ms Sarah Walker", child_name="Ellie")
    second = import_history(council, manager, complainant_name="ms sarah walker ", child_name="ELLIE")
    assert list(complaints_open_for_same_people(second)) == [first]
    assert list(complaints_open_for_same_people(first)) == [second]


@pytest.mark.parametrize("to", ["corporate-code", "housing-code", "children-england"])
def test_moving_a_complaint_into_a_procedure_the_council_does_not_run_is_refused_and_changes_nothing(
    council: Council, manager: User, to: str
) -> None:
    complaint = import_history(council, manager)
    before = _snapshot(complaint)
    change = {"date": "2024-02-13", "type": "procedure.changed", "to": to, "reason": "Not a statutory complaint"}
    with pytest.raises((InvalidEvent, RefusedEvent)) as raised:
        complaint_record_event(complaint=complaint, event=change, by=manager, today=TODAY)
    # the council runs children-england only: the others are not its; children-england is refused by the
    # rule, since the complaint is already under it
    assert raised.value.code == ("change-to-another-procedure" if to == "children-england" else "procedure-not-run")
    assert _snapshot(complaint) == before
    with pytest.raises(InvalidEvent, match=f"does not run the procedure {to}" if to != "children-england" else "already"):
        import_history(council, manager, {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], change]})
