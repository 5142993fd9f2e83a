"""Migrations 0006-0007 (complaints) and 0007-0008 (councils): a database made before them is chained after."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from redress.complaints.history import history_verify
from redress.core.history import chain_hash

BEFORE = [("complaints", "0005_projection_procedure"), ("councils", "0006_council_procedures")]
AFTER = [("complaints", "0007_chain_existing_events"), ("councils", "0008_chain_existing_audit")]
AT = dt.datetime(2024, 7, 1, 9, 0, 0, 250, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _old_rows(executor: MigrationExecutor) -> None:
    """Two councils with complaints, events and audit entries as an earlier Redress wrote them."""
    apps = executor.loader.project_state(BEFORE).apps
    council_model, user_model = apps.get_model("councils", "Council"), apps.get_model("councils", "User")
    complaint_model, event_model = apps.get_model("complaints", "Complaint"), apps.get_model("complaints", "Event")
    audit = apps.get_model("councils", "AuditEntry")
    for number, slug in enumerate(["northshire", "southborough"], start=1):
        council = council_model.objects.create(name=slug.title(), slug=slug, reference_prefix=slug[:2].upper())
        user = user_model.objects.create(email=f"manager@{slug}.example", council=council, role="manager")
        for c in range(3):
            complaint = complaint_model.objects.create(council=council, reference=f"{slug}-{c}", complainant_name="A",
                                                       complainant_role="parent", version=c + 1)
            for sequence in range(1, c + 2):
                event_model.objects.create(complaint=complaint, sequence=sequence, date=dt.date(2024, 1, sequence),
                                           type="complaint.received", data={"n": sequence, "who": "Ré"},
                                           recorded_by=user)
                audit.objects.create(council=council, actor=user, action="complaint.event-recorded",
                                     object_type="complaint", object_id=str(complaint.pk), data={"n": number})


@pytest.mark.django_db(transaction=True)
def test_existing_events_and_audit_entries_are_chained_so_verify_finds_them_whole() -> None:
    executor = _migrate(BEFORE)
    try:
        _old_rows(executor)
        _migrate(AFTER)
        result = history_verify()
        assert (result.councils, result.complaints, result.events, result.audit_entries) == (2, 6, 12, 12)
        assert result.findings == []
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM complaints_event WHERE hash = ''")
            assert cursor.fetchone() == (0,)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.parametrize("module", ["redress.complaints.migrations.0007_chain_existing_events",
                                    "redress.councils.migrations.0008_chain_existing_audit"])
def test_the_migrations_frozen_hash_is_the_cores(module: str) -> None:
    frozen = importlib.import_module(module)._chain_hash
    fields = {"at": AT, "date": dt.date(2024, 2, 29), "data": {"b": [1, 2.5, None], "a": "Ré"}, "actor": 3}
    assert frozen(fields, "") == chain_hash(fields, "")
    assert frozen(fields, "ab" * 32) == chain_hash(fields, "ab" * 32)
