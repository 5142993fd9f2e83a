"""`redress verify`: every writer chains its rows, and a row changed behind Redress's back is named.

The tampering is done with raw SQL, as someone with the database's password would do it; the suite
runs on SQLite and (in CI) on PostgreSQL, so both are covered.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from redress.complaints.history import history_verify
from redress.complaints.models import Complaint
from redress.complaints.services import complaint_record_event
from redress.councils.models import AuditChain, AuditEntry, Council, User
from redress.councils.people import person_add
from redress.councils.services import council_holiday_add
from redress.councils.tokens import api_token_create, api_token_revoke
from tests.complaints.conftest import TODAY, import_history

pytestmark = pytest.mark.django_db

VOID = {"date": "2024-07-01", "type": "event.voided", "event": 4, "reason": "Recorded early"}


@pytest.fixture
def complaint(council: Council, manager: User) -> Complaint:
    complaint = import_history(council, manager)
    complaint_record_event(complaint=complaint, event=VOID, by=manager, today=TODAY)
    return complaint


def _sql(statement: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _event_id(complaint: Complaint, sequence: int) -> int:
    return complaint.events.get(sequence=sequence).pk


def _only_finding(council: Council | None = None) -> tuple[str, str, int, str]:
    result = history_verify(council=council)
    assert len(result.findings) == 1, result.findings
    finding = result.findings[0]
    return finding.council, finding.reference, finding.problem.position, finding.problem.kind


def test_every_writer_chains_its_rows_and_verify_says_all_is_whole(
    complaint: Complaint, council: Council, manager: User, other_officer: User
) -> None:
    person_add(council=council, by=manager, email="new@northshire.example", first_name="N", last_name="P", role="officer")
    council_holiday_add(council=council, day=dt.date(2024, 8, 1), name="Council day", by=manager, today=TODAY)
    record, _ = api_token_create(user=manager)
    api_token_revoke(token=record, by=manager)
    api_token_create(user=other_officer)
    out = StringIO()
    call_command("verify", stdout=out)
    entries = AuditEntry.objects.filter(council=council)
    assert sorted(entries.values_list("sequence", flat=True)) == list(range(1, entries.count() + 1))
    assert AuditChain.objects.get(pk=council.pk).count == entries.count()
    assert all(len(h) == 64 for h in complaint.events.values_list("hash", flat=True))
    assert out.getvalue().startswith(f"History whole: 2 councils, 1 complaints, 5 events, {entries.count() + 1} audit")


def test_an_event_altered_in_the_database_is_named(complaint: Complaint, council: Council) -> None:
    _sql("UPDATE complaints_event SET date = %s WHERE id = %s", [dt.date(2024, 2, 13), _event_id(complaint, 4)])
    assert _only_finding() == ("northshire", complaint.reference, 4, "altered")


def test_an_events_data_altered_in_the_database_is_named(complaint: Complaint) -> None:
    _sql("UPDATE complaints_event SET data = %s WHERE id = %s",
         ['{"date": "2024-01-22", "type": "stage1.responded", "findings": {"P1": "upheld", "P2": "not-upheld"}}',
          _event_id(complaint, 2)])
    assert _only_finding()[1:] == (complaint.reference, 2, "altered")


def test_an_event_deleted_in_the_database_is_named(complaint: Complaint) -> None:
    _sql("DELETE FROM complaints_event WHERE id = %s", [_event_id(complaint, 2)])
    assert _only_finding()[1:] == (complaint.reference, 2, "deleted")


def test_the_last_event_deleted_is_named(complaint: Complaint) -> None:
    _sql("DELETE FROM complaints_event WHERE id = %s", [_event_id(complaint, 5)])
    assert _only_finding()[1:] == (complaint.reference, 5, "deleted")


def test_an_event_inserted_in_the_database_is_named(complaint: Complaint, manager: User) -> None:
    _sql("INSERT INTO complaints_event (complaint_id, sequence, date, type, data, recorded_by_id, recorded_at, hash)"
         " VALUES (%s, 6, %s, 'stage2.responded', %s, %s, %s, %s)",
         [complaint.pk, dt.date(2024, 3, 1), '{"date": "2024-03-01", "type": "stage2.responded"}', manager.pk,
          dt.datetime(2024, 7, 1, tzinfo=dt.UTC), "0" * 64])
    assert _only_finding()[1:] == (complaint.reference, 6, "inserted")


def test_two_events_swapped_in_the_database_are_named(complaint: Complaint) -> None:
    second, third = _event_id(complaint, 2), _event_id(complaint, 3)
    _sql("UPDATE complaints_event SET sequence = 999 WHERE id = %s", [second])
    _sql("UPDATE complaints_event SET sequence = 2 WHERE id = %s", [third])
    _sql("UPDATE complaints_event SET sequence = 3 WHERE id = %s", [second])
    assert _only_finding()[1:] == (complaint.reference, 2, "reordered")


def test_an_event_moved_to_another_complaint_is_named(complaint: Complaint, council: Council, manager: User) -> None:
    other = import_history(council, manager)
    _sql("UPDATE complaints_event SET complaint_id = %s, sequence = 5 WHERE id = %s", [other.pk, _event_id(complaint, 5)])
    references = sorted((f.reference, f.problem.kind) for f in history_verify().findings)
    assert references == sorted([(complaint.reference, "deleted"), (other.reference, "inserted")])


def _audit_id(council: Council, sequence: int) -> int:
    return AuditEntry.objects.get(council=council, sequence=sequence).pk


def test_an_audit_entry_altered_is_named(complaint: Complaint, council: Council) -> None:
    _sql("UPDATE councils_auditentry SET actor_id = NULL WHERE id = %s", [_audit_id(council, 3)])
    assert _only_finding(council) == ("northshire", "", 3, "altered")


def test_an_audit_entry_deleted_is_named(complaint: Complaint, council: Council) -> None:
    _sql("DELETE FROM councils_auditentry WHERE id = %s", [_audit_id(council, 2)])
    assert _only_finding(council) == ("northshire", "", 2, "deleted")


def test_an_audit_entry_inserted_is_named(complaint: Complaint, council: Council) -> None:
    _sql("INSERT INTO councils_auditentry (council_id, action, object_type, object_id, data, at, sequence, hash)"
         " VALUES (%s, 'complaint.created', 'complaint', '1', '{}', %s, 7, '')",
         [council.pk, dt.datetime(2024, 7, 1, tzinfo=dt.UTC)])
    assert _only_finding(council) == ("northshire", "", 7, "inserted")


def test_two_audit_entries_swapped_are_named(complaint: Complaint, council: Council) -> None:
    three, four = _audit_id(council, 3), _audit_id(council, 4)
    _sql("UPDATE councils_auditentry SET sequence = 999 WHERE id = %s", [three])
    _sql("UPDATE councils_auditentry SET sequence = 3 WHERE id = %s", [four])
    _sql("UPDATE councils_auditentry SET sequence = 4 WHERE id = %s", [three])
    assert _only_finding(council) == ("northshire", "", 3, "reordered")


def test_verify_exits_1_naming_the_row_and_checks_one_council_when_asked(
    complaint: Complaint, council: Council, other_council: Council, other_officer: User,
    capsys: pytest.CaptureFixture[str]
) -> None:
    other = import_history(other_council, other_officer)
    _sql("UPDATE complaints_event SET type = 'stage2.responded' WHERE id = %s", [_event_id(other, 3)])
    with pytest.raises(SystemExit) as exit_:
        call_command("verify")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert f"southborough: complaint {other.reference}, event 3 altered: it no longer matches its hash" in err
    assert "1 broken chain" in err
    call_command("verify", "--council", "northshire")
    assert capsys.readouterr().out.startswith("History whole: 1 councils, 1 complaints, 5 events")
