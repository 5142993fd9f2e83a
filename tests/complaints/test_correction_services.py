"""Corrections through the service: just events, recorded by a manager with their audit entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from redress.complaints.models import Event, Projection
from redress.complaints.services import InvalidEvent, RefusedEvent, complaint_import, complaint_record_event
from redress.councils.models import AuditEntry, Council, User
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, import_history

pytestmark = pytest.mark.django_db

VOID_STATEMENT = {"date": "2024-07-01", "type": "event.voided", "event": 4, "reason": "Not agreed yet: recorded early"}


def test_a_manager_voids_an_event_and_the_projection_follows_the_corrected_history(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    assert Projection.objects.get(pk=complaint.pk).next_due_what.startswith("Stage 2 response")
    report = complaint_record_event(complaint=complaint, event=VOID_STATEMENT, by=manager, today=TODAY)
    assert [c.to_json()["event"] for c in report.corrections] == [4]
    assert report.clock("stage2.response") is None
    assert Event.objects.filter(complaint=complaint).count() == 5  # the history keeps the mistake
    entry = AuditEntry.objects.get(action="complaint.event-recorded", data__sequence=5)
    assert entry.actor == manager and entry.data["event"]["reason"] == "Not agreed yet: recorded early"
    assert Projection.objects.get(pk=complaint.pk).next_due_what == "Agree the statement of complaint"


def test_an_officer_may_not_correct(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    with pytest.raises(PermissionDenied, match="Only a complaints manager can remove a wrongly recorded event"):
        complaint_record_event(complaint=complaint, event=VOID_STATEMENT, by=officer, today=TODAY)
    assert Event.objects.filter(complaint=complaint).count() == 4


@pytest.mark.parametrize(("event", "error", "message"), [
    ({**VOID_STATEMENT, "event": 1}, RefusedEvent, "The complaint.received event cannot be removed"),
    ({**VOID_STATEMENT, "event": 3}, RefusedEvent, "With this correction, event 4 (stage2.statement-agreed)"),
    ({**VOID_STATEMENT, "event": 7}, RefusedEvent, "There is no event 7 before this one"),
    ({**VOID_STATEMENT, "event": "four"}, InvalidEvent, "event must be the number of an event"),
    ({"date": "2024-07-01", "type": "event.corrected", "event": 2, "reason": "Typo",
      "replacement": {"date": "2024-01-22", "type": "stage1.responded", "findings": {"P9": "upheld"}}},
     RefusedEvent, "There is no point P9 in this complaint"),
])
def test_a_correction_the_rules_refuse_changes_nothing(
    council: Council, manager: User, event: dict[str, object], error: type[Exception], message: str
) -> None:
    complaint = import_history(council, manager)
    with pytest.raises(error) as caught:
        complaint_record_event(complaint=complaint, event=event, by=manager, today=TODAY)
    assert message in str(caught.value)
    assert Event.objects.filter(complaint=complaint).count() == 4
    assert not AuditEntry.objects.filter(data__sequence=5).exists()


def test_a_case_file_with_corrections_imports_and_a_bad_one_is_refused(council: Council, manager: User) -> None:
    data = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], VOID_STATEMENT]}
    complaint = complaint_import(council=council, by=manager, data=data, today=TODAY)
    assert Projection.objects.get(pk=complaint.pk).next_due_what == "Agree the statement of complaint"
    bad = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {**VOID_STATEMENT, "event": 1}]}
    with pytest.raises(InvalidEvent, match="cannot be removed"):
        complaint_import(council=council, by=manager, data=bad, today=TODAY)
