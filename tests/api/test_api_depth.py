"""JSON nested deeper than REDRESS_MAX_JSON_DEPTH is refused with a JSON 422 before it is parsed."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from redress.api.middleware import json_depth
from redress.complaints.models import Complaint, Event
from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY, import_history

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user)[1]}"})


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(("text", "depth"), [
    (b"{}", 1), (b'{"a": [1, {"b": []}]}', 4), (b'{"a": "[[[[{{{{"}', 1), (b'{"a": "\\"[[[["}', 1),
    (b"", 0), (b"[[[", 3), (b"not json at all ]]", 0),
])
def test_the_depth_counts_brackets_outside_strings(text: bytes, depth: int) -> None:
    assert json_depth(text, most=20) == depth


def test_the_count_stops_just_past_the_limit() -> None:
    assert json_depth(_nested(100_000).encode(), most=20) == 21


def test_a_case_file_nested_too_deeply_is_a_json_422_and_saves_nothing(council: Council, officer: User) -> None:
    body = {**STAGE2_HISTORY, "council": json.loads(_nested(30))}
    response = _client(officer).post("/api/v1/complaints", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"message": "The JSON body nests arrays and objects more than 20 levels deep; "
                                          "the most Redress accepts is 20", "code": "too-deep"}
    assert not Complaint.objects.exists()


def test_an_event_nested_ten_thousand_deep_is_a_422_not_a_server_error(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    body = '{"date": "2024-02-13", "type": "stage2.appointed", "note": ' + _nested(10_000) + "}"
    response = _client(officer).post(f"/api/v1/complaints/{complaint.pk}/events", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "too-deep"
    assert Event.objects.count() == 4


def test_the_depth_is_a_setting_and_a_case_file_at_it_is_read(
    council: Council, officer: User, settings: SettingsWrapper
) -> None:
    settings.REDRESS_MAX_JSON_DEPTH = 5
    shallow = {**STAGE2_HISTORY, "council": "Northshire"}  # a case file is 4 levels deep
    response = _client(officer).post("/api/v1/complaints", json.dumps(shallow), content_type="application/json")
    assert response.status_code == 201, response.content
    deeper = {**STAGE2_HISTORY, "council": [[[[[]]]]]}
    response = _client(officer).post("/api/v1/complaints", json.dumps(deeper), content_type="application/json")
    assert response.status_code == 422 and "more than 5 levels" in response.json()["message"]
