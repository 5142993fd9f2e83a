"""The API's input limits and bad input: counts, text, NUL characters, large bodies, huge pages, unknown URLs.

Every refusal is JSON `{"message", "code"}` with a 4xx status, and changes nothing.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from redress.complaints.models import Complaint, Event
from redress.councils.models import AuditEntry, Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY, import_history

pytestmark = pytest.mark.django_db
HUGE_PAGE = "99999999999999999999"


def _client(user: User) -> Client:
    _, token = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", raise_request_exception=False)


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _nothing_written(complaints: int = 0, events: int = 0) -> bool:
    audited = AuditEntry.objects.filter(object_type="complaint").count()
    return (Complaint.objects.count(), Event.objects.count(), audited) == (complaints, events, complaints + events)


def test_a_case_file_over_the_event_limit_is_refused_with_the_limit_named(
    council: Council, officer: User, settings: SettingsWrapper
) -> None:
    settings.REDRESS_MAX_EVENTS_PER_COMPLAINT = 3
    response = _post(_client(officer), "/api/v1/complaints", STAGE2_HISTORY)
    assert response.status_code == 422
    assert response.json() == {"message": "the file has 4 events; one complaint may have at most 3", "code": "too-many-events"}
    assert _nothing_written()


def test_a_case_file_over_the_points_limit_is_refused(council: Council, officer: User, settings: SettingsWrapper) -> None:
    settings.REDRESS_MAX_POINTS = 1
    response = _post(_client(officer), "/api/v1/complaints", STAGE2_HISTORY)
    assert (response.status_code, response.json()["code"]) == (422, "too-many-points")
    assert "at most 1" in response.json()["message"]
    assert _nothing_written()


def test_appending_to_a_complaint_at_the_event_limit_is_refused(
    council: Council, officer: User, settings: SettingsWrapper
) -> None:
    complaint = import_history(council, officer)
    settings.REDRESS_MAX_EVENTS_PER_COMPLAINT = 4
    response = _post(_client(officer), f"/api/v1/complaints/{complaint.pk}/events",
                     {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "A. Person"})
    assert response.status_code == 422
    assert response.json() == {
        "message": "this complaint already has 4 events, the most one complaint may have (4)", "code": "too-many-events",
    }
    assert _nothing_written(1, 4)


def test_a_text_over_the_text_limit_is_refused_naming_the_field(
    council: Council, officer: User, settings: SettingsWrapper
) -> None:
    complaint = import_history(council, officer)
    settings.REDRESS_MAX_TEXT_LENGTH = 100
    response = _post(_client(officer), f"/api/v1/complaints/{complaint.pk}/events",
                     {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "A" * 101})
    assert response.status_code == 422
    assert response.json() == {"message": "person is longer than 100 characters", "code": "too-long"}
    assert _nothing_written(1, 4)


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (("events", 0, "note"), "note contains a NUL character"),
        (("points", 1, "text"), "point 2.text contains a NUL character"),
        (("council",), "council contains a NUL character"),
    ],
)
def test_a_nul_character_in_a_case_file_is_refused_naming_the_field(
    council: Council, officer: User, where: tuple[Any, ...], message: str
) -> None:
    case = copy.deepcopy(STAGE2_HISTORY)
    target: Any = case
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = "a\x00b"
    response = _post(_client(officer), "/api/v1/complaints", case)
    assert response.status_code == 422
    assert response.json() == {"message": f"{message} (\\u0000), which cannot be stored; remove it", "code": "nul-character"}
    assert _nothing_written()


def test_a_nul_character_in_an_appended_event_is_refused(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _post(_client(officer), f"/api/v1/complaints/{complaint.pk}/events",
                     {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "A\x00"})
    assert response.status_code == 422
    assert response.json()["message"] == "person contains a NUL character (\\u0000), which cannot be stored; remove it"
    assert _nothing_written(1, 4)


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_limit_is_a_json_413_before_it_is_read(
    council: Council, officer: User, settings: SettingsWrapper, debug: bool
) -> None:
    settings.DEBUG = debug
    body = {**STAGE2_HISTORY, "council": "x" * 3_000_000}
    response = _post(_client(officer), "/api/v1/complaints", body)
    assert response.status_code == 413
    size = len(json.dumps(body))
    assert response.json() == {
        "message": f"The request body is {size:,} bytes; the most Redress accepts is 1,000,000 bytes", "code": "too-large",
    }
    assert _nothing_written()


def test_a_body_too_large_to_read_without_a_length_is_a_json_413(
    council: Council, officer: User, settings: SettingsWrapper
) -> None:
    # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; the API says so in JSON.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = _post(_client(officer), "/api/v1/complaints", STAGE2_HISTORY)
    assert response.status_code == 413
    assert response.json()["code"] == "too-large"
    assert _nothing_written()


def test_a_content_length_that_is_not_a_number_is_a_json_400(council: Council, officer: User) -> None:
    response = _client(officer).post("/api/v1/complaints", data="{}", content_type="application/json", CONTENT_LENGTH="lots")
    assert response.status_code == 400
    assert response.json() == {"message": "Content-Length must be a number of bytes, not 'lots'", "code": "bad-request"}


@pytest.mark.parametrize("url", [f"/api/v1/complaints?page={HUGE_PAGE}", f"/api/v1/complaints?page={HUGE_PAGE}&page_size=200"])
def test_a_page_past_the_last_of_the_complaints_list_gives_the_last(council: Council, officer: User, url: str) -> None:
    import_history(council, officer)
    response = _client(officer).get(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["page"], body["pages"], len(body["items"])) == (1, 1, 1)


def test_a_huge_page_of_the_decisions_list_is_a_json_refusal(council: Council, officer: User) -> None:
    response = _client(officer).get(f"/api/v1/decisions?page={HUGE_PAGE}")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-request"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/v1/complaints?warning=a%00", "warning: must not contain a NUL character (%00); remove it"),
        ("/api/v1/decisions?q=care%00", "q: must not contain a NUL character (%00); remove it"),
        ("/api/v1/decisions?%00=1", "\\u0000: must not contain a NUL character (%00); remove it"),
        ("/api/v1/decisions/19%00011", "The address contains a NUL character (%00); remove it"),
    ],
)
def test_a_nul_character_in_the_address_or_query_is_a_json_422(council: Council, officer: User, url: str, message: str) -> None:
    response = _client(officer).get(url)
    assert response.status_code == 422
    assert response.json() == {"message": message, "code": "nul-character"}


def test_an_address_no_endpoint_has_is_a_json_404_and_a_wrong_method_a_json_405(council: Council, officer: User) -> None:
    client = _client(officer)
    for url in ("/api/v1/nothing-here", "/api/v1/"):  # no URL; a view that raises Http404
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"message": "Not found", "code": "not-found"}
    response = client.delete("/api/v1/complaints")
    assert response.status_code == 405
    assert response.json() == {"message": "Method not allowed", "code": "method-not-allowed"}
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_under_the_api_is_a_json_500(
    council: Council, officer: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    settings: SettingsWrapper, debug: bool,
) -> None:
    settings.DEBUG = debug

    def broken(**_: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("redress.complaints.selectors.caseload", broken)
    response = _client(officer).get("/api/v1/complaints")
    assert response.status_code == 500
    assert response.json() == {"message": "Something went wrong on our side. Try again later.", "code": "server-error"}
    assert "the database went away" in caplog.text


def test_pages_outside_the_api_keep_their_html_errors(council: Council, officer: User) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.get("/complaints/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
