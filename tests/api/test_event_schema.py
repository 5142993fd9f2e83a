"""The OpenAPI schema documents each event type's body, as a union discriminated on `type`, made from the vocabulary.

What the API accepts is still judged by the core (the schema documents; it does not validate), so the
tests here check that the documentation is the vocabulary's: every type, each with its own fields and
those it requires, every event of the example case files valid against it, and a body off the schema
refused with the core's own message, as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import yaml
from django.test import Client

from redress.api.event_models import model_name
from redress.core.events import _ALL_FIELDS, CORRECTIONS, EVENT_TYPES

pytestmark = pytest.mark.django_db
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    from redress.api.main import api

    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


def _validator(openapi: dict[str, Any], model: str) -> Any:
    return jsonschema_rs.validator_for({"$ref": f"#/components/schemas/{model}", "components": openapi["components"]})


def test_the_event_body_is_a_union_of_every_event_type_discriminated_on_type(client: Client, openapi: dict[str, Any]) -> None:
    served = client.get("/api/v1/openapi.json").json()
    body = served["paths"]["/api/v1/complaints/{complaint_id}/events"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"] == {"$ref": "#/components/schemas/Event"}
    union = served["components"]["schemas"]["Event"]
    assert union["discriminator"]["propertyName"] == "type"
    mapping = union["discriminator"]["mapping"]
    assert set(mapping) == set(EVENT_TYPES) | set(CORRECTIONS)
    assert sorted(o["$ref"] for o in union["oneOf"]) == sorted(mapping.values())
    for kind, ref in mapping.items():
        model = served["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert model["properties"]["type"]["const"] == kind
        fields = {f.name for f in _ALL_FIELDS[kind]}
        assert set(model["properties"]) == fields | {"date", "type"}, kind
        assert set(model["required"]) == {f.name for f in _ALL_FIELDS[kind] if f.required} | {"date", "type"}, kind
        assert model["additionalProperties"] is False


def test_the_case_file_body_lists_events_of_the_union(openapi: dict[str, Any]) -> None:
    body = openapi["paths"]["/api/v1/complaints"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/CaseFile"}
    case = openapi["components"]["schemas"]["CaseFile"]
    assert case["properties"]["events"]["items"] == {"$ref": "#/components/schemas/Event"}
    corrected = openapi["components"]["schemas"][model_name("event.corrected")]
    assert corrected["properties"]["replacement"]["$ref"] == "#/components/schemas/ProcedureEvent"
    assert "event.corrected" not in openapi["components"]["schemas"]["ProcedureEvent"]["discriminator"]["mapping"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_event_of_the_example_case_files_meets_the_schema(path: Path, openapi: dict[str, Any]) -> None:
    data = yaml.safe_load(path.read_text())
    events = _validator(openapi, "Event")
    for event in data["events"]:
        event = json.loads(json.dumps(event, default=str))  # YAML dates as the JSON text they are sent as
        errors = [e.message for e in events.iter_errors(event)]
        assert not errors, (event["type"], errors[:3])
    assert _validator(openapi, "CaseFile").is_valid(json.loads(json.dumps(data, default=str)))


@pytest.mark.parametrize(("event", "model_valid"), [
    ({"date": "2024-01-10", "type": "stage2.requested", "colour": "red"}, False),
    ({"date": "2024-01-10", "type": "offer.made", "id": "O1", "what": "A meeting"}, True),
    ({"date": "2024-01-10", "type": "no.such-event"}, False),
])
def test_a_body_is_still_judged_by_the_core_with_its_own_message(
    client: Client, openapi: dict[str, Any], event: dict[str, Any], model_valid: bool, officer: Any, council: Any,
) -> None:
    from redress.councils.tokens import api_token_create
    from tests.complaints.conftest import import_history

    assert _validator(openapi, "Event").is_valid(event) is model_valid
    complaint = import_history(council, officer)
    token = api_token_create(user=officer)[1]
    response = client.post(f"/api/v1/complaints/{complaint.pk}/events", event, content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})
    body = response.json()
    assert response.status_code in {409, 422} and body["code"] != "invalid-request", body  # the core's, not pydantic's
    if event["type"] == "stage2.requested":
        assert "unknown field 'colour'" in body["message"]
    elif event["type"] == "offer.made":
        assert "either until (a date) or window (a period)" in body["message"]
    else:
        assert "unknown event type 'no.such-event'" in body["message"]
