"""Reads are audited: who opened a complaint page or read a complaint through the API, and who exported
the caseload, in which format, when. One INSERT each; another council's complaint is not found and
leaves no entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from redress.councils.audit import audit_read
from redress.councils.models import AuditEntry, Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import NOW, import_history, signed_in

pytestmark = pytest.mark.django_db


def _reads(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def test_opening_a_complaint_page_is_audited_with_who_what_and_when(council: Council, officer: User, on_today: None) -> None:
    complaint = import_history(council, officer)
    client = signed_in(officer)
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 200
    assert client.get(f"/complaints/{complaint.pk}/?as_of=2024-02-01").status_code == 200
    entries = _reads("complaint.viewed")
    assert len(entries) == 2
    assert {(e.actor, e.council, e.object_type, e.object_id, e.at) for e in entries} == {
        (officer, council, "complaint", str(complaint.pk), NOW)}
    assert entries[0].data == {"reference": complaint.reference}


def test_another_councils_complaint_is_not_found_and_not_audited(council: Council, officer: User, other_officer: User) -> None:
    complaint = import_history(council, officer)
    assert signed_in(other_officer).get(f"/complaints/{complaint.pk}/").status_code == 404
    assert _reads("complaint.viewed") == []


def test_reading_a_complaint_through_the_api_is_audited(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    _, token = api_token_create(user=officer, name="report", by=officer)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(f"/api/v1/complaints/{complaint.pk}").status_code == 200
    [entry] = _reads("complaint.viewed")
    assert (entry.actor, entry.object_id, entry.data["via"]) == (officer, str(complaint.pk), "api")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_caseload_export_is_audited(council: Council, officer: User, fmt: str) -> None:
    import_history(council, officer)
    response = signed_in(officer).get(reverse(f"complaints:export-{fmt}") + "?stage=2")
    assert response.status_code == 200
    [entry] = _reads("caseload.exported")
    assert (entry.actor, entry.council, entry.data["format"], entry.data["filters"]) == (officer, council, fmt, "stage=2")


def test_the_export_command_is_audited_as_the_command_line(council: Council, officer: User, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import_history(council, officer)
    call_command("export", "--council", "northshire", "--format", "csv", "--output", str(tmp_path / "out.csv"))
    [entry] = _reads("caseload.exported")
    assert (entry.actor, entry.data) == (None, {"format": "csv", "by": "redress export"})


def test_an_audited_read_is_one_insert_in_the_councils_chain(
    council: Council, officer: User, django_assert_num_queries: Any
) -> None:
    """The helper the documents download calls too: one insert, with the chain's lock and move of its head."""
    audit_read(by=officer, council=council, action="complaint.viewed", object_type="complaint", object_id=1)
    # a savepoint and its release, the chain row locked, the entry inserted, the chain's head moved
    with django_assert_num_queries(5):
        audit_read(by=officer, council=council, action="document.downloaded", object_type="document", object_id=7)
    assert _reads("document.downloaded")[0].object_id == "7"
