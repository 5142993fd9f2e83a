"""Each procedure's web table is complete: every event of every procedure has a form, a title and a role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from redress.complaints.event_forms import EVENT_SPECS, RECORDED_ELSEWHERE
from redress.complaints.permissions import MANAGER_ONLY, roles_for
from redress.complaints.procedures import WEB
from redress.complaints.wording import EVENT_TITLES, warning_title
from redress.core.engine import replay
from redress.core.events import EVENT_FIELDS, load_case_file
from redress.core.procedures.registry import PROCEDURES
from redress.councils.models import Council, Role, User
from tests.complaints.conftest import import_history, signed_in

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EVERY_EVENT = sorted({(name, kind) for name, procedure in PROCEDURES.items() for kind in procedure.events})


@pytest.mark.parametrize(("procedure", "kind"), EVERY_EVENT)
def test_every_event_of_every_procedure_has_a_form_a_title_and_roles(procedure: str, kind: str) -> None:
    assert EVENT_TITLES.get(kind, kind) != kind, f"{kind} has no title in words"
    if kind in RECORDED_ELSEWHERE:  # e.g. letter.sent: recorded by the Letters page, never typed in a form
        assert kind not in EVENT_SPECS
        return
    spec = EVENT_SPECS.get(kind)
    assert spec is not None, f"{procedure}: no form for {kind}: add an EventSpec to its web table"
    assert EVENT_TITLES.get(kind, kind) != kind, f"{kind} has no title in words"
    assert roles_for(kind) <= {Role.MANAGER, Role.OFFICER} and Role.MANAGER in roles_for(kind)
    fields = {f.name for f in EVENT_FIELDS[kind]}
    assert {f.name for f in spec.fields} <= fields, f"{kind}'s form has fields the event does not take"
    required = {f.name for f in EVENT_FIELDS[kind] if f.required}
    asked = {f.name for f in spec.fields if f.required or f.kind == "findings"}
    assert required <= asked | {"complainant"}, f"{kind}'s form leaves out a field the event needs"


def test_each_procedures_stages_and_roles_are_its_own() -> None:
    assert WEB["children-england"].stage_name(3) == "Stage 3: review panel"
    assert WEB["children-wales"].stage_name(2) == "Formal investigation"
    assert WEB["adults-england"].stage_name(1) == "Local stage"
    assert {"wales.investigation-extended", "procedure.changed"} <= MANAGER_ONLY
    assert "adults.responded" not in MANAGER_ONLY


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_warning_an_example_raises_has_a_title_in_words(path: Path) -> None:
    case = load_case_file(path)
    for warning in replay(case, today=case.today).warnings:
        assert warning_title(warning.code) != warning.code, warning.code


@pytest.mark.django_db
def test_the_caseload_and_its_csv_show_and_filter_by_procedure(council: Council, officer: User) -> None:
    council.procedures = "children-england adults-england"
    council.save(update_fields=["procedures"])
    children = import_history(council, officer)
    adults = import_history(council, officer, {
        "procedure": "adults-england", "points": [{"id": "P1", "text": "Care cut", "about": "decision"}],
        "events": [{"date": "2024-05-03", "type": "complaint.received", "complainant": {"role": "other"}}]})
    client = signed_in(officer)
    page = client.get(reverse("complaints:caseload")).content.decode()
    assert "Adults (England)" in page and "Stage 2: investigation" in page and "Local stage" in page
    only = client.get(reverse("complaints:caseload"), {"procedure": "adults-england"}).content.decode()
    assert adults.reference in only and children.reference not in only
    bad = client.get(reverse("complaints:caseload"), {"procedure": "nonsense"}).content.decode()
    assert "Choose a procedure from the list" in bad
    rows = client.get(reverse("complaints:export-csv"), {"procedure": "adults-england"}).content.decode().splitlines()
    assert rows[0].split(",")[3] == "Procedure"
    assert len(rows) == 2 and "Adult social care complaints (England)" in rows[1]
