"""The API under every procedure: create and append under the council's procedures, list and filter by procedure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from redress.complaints import selectors
from redress.complaints.models import Complaint
from redress.core.engine import replay
from redress.core.events import read_case_file
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, import_history, on_today  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def client_for(user: User) -> Client:
    _, token = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def runs(council: Council, *names: str) -> None:
    council.procedures = " ".join(names)
    council.save(update_fields=["procedures"])


ADULTS = {
    "procedure": "adults-england",
    "points": [{"id": "P1", "text": "The care package was cut without a review", "about": "decision"}],
    "events": [{"date": "2024-05-03", "type": "complaint.received", "complainant": {"role": "sufficient-interest"}}],
}


def test_an_adults_complaint_is_created_and_taken_through_its_steps(council: Council, officer: User) -> None:
    runs(council, "children-england", "adults-england")
    client = client_for(officer)
    created = post(client, "/api/v1/complaints", ADULTS)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["procedure"] == "adults-england"
    assert [c["name"] for c in body["clocks"]] == ["adults-england.acknowledgement"]
    url = f"/api/v1/complaints/{body['id']}/events"
    for event in [{"date": "2024-05-08", "type": "adults.acknowledged", "discussion_offered": True},
                  {"date": "2024-05-10", "type": "adults.response-period-agreed", "respond_by": "2024-06-28"},
                  {"date": "2024-06-20", "type": "adults.responded", "findings": {"P1": "upheld"}, "ombudsman_rights": True}]:
        response = post(client, url, event)
        assert response.status_code == 201, (event["type"], response.content)
        if event["type"] == "adults.response-period-agreed":  # the agreed date is a due date until the response
            assert client.get(f"/api/v1/complaints/{body['id']}").json()["due_dates"] == [
                {"name": "adults-england.response", "title": "Response (the date agreed)", "due": "2024-06-28",
                 "status": "overdue"}]  # as of TODAY, with no response yet
    report = client.get(f"/api/v1/complaints/{body['id']}").json()
    assert report["version"] == 4 and report["warnings"] == [] and "due_dates" not in report
    complaint = Complaint.objects.get(pk=body["id"])
    replayed = replay(selectors.complaint_case(complaint), today=TODAY).to_json()
    assert {k: report[k] for k in replayed} == replayed


@pytest.mark.parametrize(("name", "code"), [
    ("wales-on-time.yaml", None), ("wales-late-acknowledgement.yaml", "children-wales.acknowledgement.late"),
    ("adults-late-complaint.yaml", "complaint.refused-late-without-discretion"),
    ("adults-late-acknowledgement.yaml", "adults-england.acknowledgement.late")])
def test_each_procedures_example_file_posts_and_reports_as_it_replays(
    council: Council, manager: User, name: str, code: str | None
) -> None:
    runs(council, "children-england", "adults-england", "children-wales")
    case = read_case_file(EXAMPLES / name)
    case.pop("today", None)
    response = post(client_for(manager), "/api/v1/complaints", case)
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(pk=response.json()["id"])
    assert complaint.procedure == case["procedure"]
    expected = replay(selectors.complaint_case(complaint), today=TODAY).to_json()
    assert {k: response.json()[k] for k in expected} == expected
    codes = {w["code"] for w in response.json()["warnings"]}
    assert (code in codes) if code else not codes, codes


def test_a_procedure_the_council_does_not_run_is_refused_naming_it(council: Council, officer: User) -> None:
    response = post(client_for(officer), "/api/v1/complaints", ADULTS)
    assert response.status_code == 422
    assert response.json()["code"] == "procedure-not-run"
    message = response.json()["message"]
    assert "does not run the procedure adults-england (Adult social care complaints (England))" in message
    assert "it runs children-england" in message
    assert not Complaint.objects.exists()


def test_an_unknown_procedure_is_refused_naming_those_there_are(council: Council, officer: User) -> None:
    response = post(client_for(officer), "/api/v1/complaints", {**ADULTS, "procedure": "housing-rules"})
    assert response.status_code == 422
    assert response.json()["code"] == "bad-procedure"
    assert "unknown procedure 'housing-rules'" in response.json()["message"]
    assert "adults-england" in response.json()["message"]
    assert not Complaint.objects.exists()


def test_an_event_of_another_procedure_is_refused_and_nothing_saved(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = post(client_for(officer), f"/api/v1/complaints/{complaint.pk}/events",
                    {"date": "2024-06-20", "type": "wales.acknowledged"})
    assert response.status_code == 409
    assert response.json() == {
        "message": "wales.acknowledged is not an event of the procedure children-england "
                   "(Children's social care complaints (England))", "code": "not-in-procedure"}
    assert complaint.events.count() == 4


def test_the_list_shows_and_filters_by_procedure(council: Council, officer: User, other_council: Council) -> None:
    runs(council, "children-england", "adults-england")
    children = import_history(council, officer)
    adults = import_history(council, officer, ADULTS)
    runs(other_council, "adults-england")
    import_history(other_council, None, ADULTS)
    client = client_for(officer)
    everything = client.get("/api/v1/complaints").json()
    assert {(item["id"], item["procedure"]) for item in everything["items"]} == {
        (children.pk, "children-england"), (adults.pk, "adults-england")}
    only = client.get("/api/v1/complaints?procedure=adults-england").json()
    assert [item["id"] for item in only["items"]] == [adults.pk]
    bad = client.get("/api/v1/complaints?procedure=housing-rules")
    assert bad.status_code == 400
    assert "procedure must be one of children-england, adults-england" in bad.json()["message"]


def test_childrens_complaints_still_create_as_before(council: Council, officer: User) -> None:
    response = post(client_for(officer), "/api/v1/complaints", STAGE2_HISTORY)
    assert response.status_code == 201
    assert response.json()["procedure"] == "children-england"
