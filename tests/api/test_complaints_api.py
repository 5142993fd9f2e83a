"""The complaints API: bearer tokens, council scoping (404 for another council), one error shape."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from redress.cli import main
from redress.complaints.models import Complaint, Event
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY, import_history

pytestmark = pytest.mark.django_db
SCENARIOS = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "scenarios"


def _client(user: User) -> Client:
    _, token = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_requests_without_a_valid_token_are_refused(council: Council, officer: User) -> None:
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer rdr_not-a-token"}, {"HTTP_AUTHORIZATION": "Basic abc"}):
        response = Client(**headers).get("/api/v1/complaints")
        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"


def test_create_from_a_case_file_answers_201_with_id_and_report(council: Council, officer: User) -> None:
    response = _post(_client(officer), "/api/v1/complaints", {**STAGE2_HISTORY, "council": "Elsewhere"})
    assert response.status_code == 201, response.content
    body = response.json()
    complaint = Complaint.objects.get(pk=body["id"])
    assert complaint.council == council
    assert body["council"] == council.name
    assert body["reference"] == complaint.reference
    assert body["stage"] == 2
    assert {c["name"] for c in body["clocks"]} >= {"stage1.response", "stage2.response"}
    assert complaint.events.count() == 4


@pytest.mark.skipif(not SCENARIOS.exists(), reason="../shared is not beside the checkout")
@pytest.mark.parametrize("name", ["c1-stage1-late.yaml", "c2-panel-overdue.yaml", "c3-promises.yaml"])
def test_get_gives_the_same_report_as_redress_replay(council: Council, manager: User, name: str, tmp_path: Path) -> None:
    data = yaml.safe_load((SCENARIOS / name).read_text())
    data.pop("today")
    data = json.loads(json.dumps(data, default=str))
    client = _client(manager)  # the files hold managers' decisions (a refused panel, a withdrawn offer)
    created = _post(client, "/api/v1/complaints", data).json()
    # Replay the same history as of the day the API judges it (today) and compare.
    (tmp_path / "case.json").write_text(json.dumps(data))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["replay", str(tmp_path / "case.json"), "--json", "--today", timezone.localdate().isoformat()]) == 0
    replayed = json.loads(out.getvalue())
    fetched = client.get(f"/api/v1/complaints/{created['id']}").json()
    assert {k: fetched[k] for k in replayed} == replayed
    assert (fetched["id"], fetched["council"], fetched["reference"]) == (created["id"], council.name, created["reference"])


def test_appending_an_event_answers_201_and_refusals_change_nothing(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    client = _client(officer)
    url = f"/api/v1/complaints/{complaint.pk}/events"
    ok = _post(client, url, {"date": "2024-02-14", "type": "stage2.appointed", "role": "ip", "person": "Rae Bond", "council_employee": True})
    assert ok.status_code == 201, ok.content
    assert "independence.conflict" in {w["code"] for w in ok.json()["warnings"]}
    for body, status in [
        ({"date": "2024-02-15", "type": "stage3.panel-held"}, 409),
        ({"date": "2024-02-15", "type": "no.such-event"}, 422),
        ({"date": "not a date", "type": "stage2.requested"}, 422),
        (["not", "an", "object"], 422),
    ]:
        response = _post(client, url, body)
        assert response.status_code == status, (body, response.content)
        assert set(response.json()) == {"message", "code"}
    malformed = client.post(url, data="{not json", content_type="application/json")
    assert malformed.status_code in {400, 422}
    assert set(malformed.json()) == {"message", "code"}
    stale = client.post(f"{url}?expected_version=2", data=json.dumps({"date": "2024-02-16", "type": "advocacy.offered"}), content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert Event.objects.filter(complaint=complaint).count() == 5


def test_another_councils_complaint_is_not_found_never_forbidden(
    council: Council, officer: User, other_officer: User
) -> None:
    complaint = import_history(council, officer)
    client = _client(other_officer)
    assert client.get(f"/api/v1/complaints/{complaint.pk}").status_code == 404
    response = _post(client, f"/api/v1/complaints/{complaint.pk}/events", {"date": "2024-02-14", "type": "advocacy.offered"})
    assert response.status_code == 404
    assert response.json() == {"message": "Not found", "code": "not-found"}
    assert client.get("/api/v1/complaints").json()["count"] == 0
    assert complaint.events.count() == 4


def test_read_only_users_may_read_but_not_record(council: Council, officer: User, reader: User) -> None:
    complaint = import_history(council, officer)
    client = _client(reader)
    assert client.get(f"/api/v1/complaints/{complaint.pk}").status_code == 200
    response = _post(client, f"/api/v1/complaints/{complaint.pk}/events", {"date": "2024-02-14", "type": "advocacy.offered"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_list_is_filtered_and_paged(council: Council, officer: User) -> None:
    for _ in range(3):
        import_history(council, officer)
    import_history(council, officer, {**STAGE2_HISTORY, "events": STAGE2_HISTORY["events"][:1]})
    client = _client(officer)
    everything = client.get("/api/v1/complaints?page_size=2").json()
    assert (everything["count"], everything["pages"], len(everything["items"])) == (4, 2, 2)
    assert client.get("/api/v1/complaints?stage=1").json()["count"] == 1
    assert client.get("/api/v1/complaints?stage=2&overdue=true").json()["count"] == 3
    assert client.get("/api/v1/complaints?warning=stage2.response.overdue").json()["count"] == 3
    assert client.get("/api/v1/complaints?warning=stage3.refused").json()["count"] == 0
    for bad in ("stage=7", "status=lost", "page=0", "page_size=1000", "stage=two"):
        response = client.get(f"/api/v1/complaints?{bad}")
        assert response.status_code in {400, 422}, bad
        assert set(response.json()) == {"message", "code"}


def test_the_api_is_documented(council: Council, officer: User) -> None:
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/complaints", "/api/v1/complaints/{complaint_id}", "/api/v1/complaints/{complaint_id}/events"} <= set(paths)
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200


def test_api_token_command_prints_a_token_on_its_last_line(council: Council, officer: User) -> None:
    out = io.StringIO()
    call_command("api-token", "create", "--user", officer.email, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("rdr_")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/complaints").status_code == 200
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user"):
        call_command("api-token", "create", "--user", "nobody@example.com", stdout=io.StringIO())


def test_get_create_and_append_answer_the_version_and_the_events(council: Council, officer: User) -> None:
    client = _client(officer)
    created = _post(client, "/api/v1/complaints", STAGE2_HISTORY).json()
    assert created["version"] == 4
    assert [(e["sequence"], e["type"]) for e in created["events"]] == [
        (n, event["type"]) for n, event in enumerate(STAGE2_HISTORY["events"], start=1)
    ]
    fetched = client.get(f"/api/v1/complaints/{created['id']}").json()
    assert fetched["version"] == 4
    first = fetched["events"][0]
    assert (first["date"], first["recorded_by"], first["data"]) == (
        "2024-01-08", officer.email, STAGE2_HISTORY["events"][0]
    )
    url = f"/api/v1/complaints/{created['id']}/events?expected_version={fetched['version']}"
    appended = _post(client, url, {"date": "2024-02-16", "type": "advocacy.offered"})
    assert appended.status_code == 201, appended.content
    assert appended.json()["version"] == 5
    assert appended.json()["events"][-1]["type"] == "advocacy.offered"
    stale = _post(client, url, {"date": "2024-02-17", "type": "advocacy.offered"})
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    assert Event.objects.filter(complaint_id=created["id"]).count() == 5
