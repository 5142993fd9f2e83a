"""The register and the investigators' findings are kept by `redress backup` and come back with `restore`."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from redress.complaints.backup import backup_write
from redress.complaints.services import complaint_record_event
from redress.councils.models import Council
from redress.people.models import InvestigationFinding, Person
from tests.complaints.conftest import TODAY, import_history
from tests.conftest import make_user
from tests.people.conftest import add_person, appointed_user

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def test_the_register_and_findings_survive_a_backup_and_restore(tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    try:
        with transaction.atomic():
            council = Council.objects.create(name="Northshire County Council", slug="northshire", reference_prefix="NC")
            manager = make_user(council, "manager", "manager@northshire.example")  # type: ignore[arg-type]
            person = add_person(council, "Priya Shah", "io adjudicator", organisation="Kestrel Reviews",
                                trained_on=dt.date(2024, 3, 1))
            user = appointed_user(person, "io@northshire.example")
            complaint = import_history(council, manager)
            complaint_record_event(complaint=complaint, by=manager, today=TODAY, event={
                "date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Priya Shah"})
            InvestigationFinding.objects.create(council=council, complaint=complaint, person=person, point="P1",
                                                finding="upheld", reasoning="Too slow", recorded_by=user)
            manifest = backup_write(output=archive)
            raise _Undo
    except _Undo:
        pass
    assert not Person.objects.exists()
    assert manifest["members"]["tables/people.person.jsonl"]["rows"] == 1
    call_command("restore", str(archive), stdout=StringIO())
    person = Person.objects.get()
    assert (person.name, person.roles, str(person.trained_on), person.user.email) == (
        "Priya Shah", "io adjudicator", "2024-03-01", "io@northshire.example")
    assert InvestigationFinding.objects.get().reasoning == "Too slow"
