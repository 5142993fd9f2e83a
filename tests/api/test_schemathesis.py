"""schemathesis against the API, in process (WSGI), from its own OpenAPI schema, with its checks on.

Every operation is called with a valid token for a council that has a complaint and a decision, and
with the generated data schemathesis makes of the schema; it must find nothing (no server error, no
answer the schema does not document, no response off its schema). Bounded: a few examples an
operation, so the suite stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from redress.councils.models import Council, User
from redress.councils.tokens import api_token_create
from redress.wsgi import application
from tests.complaints.conftest import import_history

MAX_EXAMPLES = 10


@pytest.fixture(autouse=True)
def keep_the_tests_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI app must not close the test's connection between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token(council: Council, officer: User) -> str:
    import_history(council, officer)
    from redress.decisions.services import load_seed_decisions
    from tests.complaints.conftest import NOW

    load_seed_decisions(now=NOW)
    return api_token_create(user=officer)[1]


# The two writes take a case file or an event, whose rules (the procedure's: what may follow what, dates in
# order, not after today) no schema can state, so a body of the right shape may still be refused with 422.
# Unknown query parameters are ignored, as the API documents nothing about them.
CONFIG = schemathesis.Config.from_dict({
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "allow-extra-parameters": False},
    "operations": [{"include-method": "POST", "checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]}}}],
})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)  # needs no database


@schema.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_api_meets_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize(("method", "path", "statuses"), [
    ("post", "/api/v1/complaints", {"400", "401", "403", "409", "413", "422", "503"}),
    ("get", "/api/v1/complaints", {"400", "401", "422", "503"}),
    ("get", "/api/v1/complaints/{complaint_id}", {"401", "404", "422", "503"}),
    ("post", "/api/v1/complaints/{complaint_id}/events", {"400", "401", "403", "404", "409", "413", "422", "503"}),
    ("get", "/api/v1/complaints/{complaint_id}/documents", {"401", "403", "404", "422", "503"}),
    ("post", "/api/v1/complaints/{complaint_id}/documents", {"400", "401", "403", "404", "409", "413", "422", "503"}),
    ("get", "/api/v1/complaints/{complaint_id}/documents/{document_id}/versions/{number}",
     {"401", "403", "404", "422", "503"}),
    ("get", "/api/v1/decisions", {"401", "422", "503"}),
    ("get", "/api/v1/decisions/{reference}", {"401", "404", "422", "503"}),
])
def test_the_schema_documents_every_error_an_operation_gives(
    client: Any, method: str, path: str, statuses: set[str]
) -> None:
    documented = client.get("/api/v1/openapi.json").json()["paths"][path][method]["responses"]
    assert set(documented) - {"200", "201"} == statuses
    assert all(documented[s]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}
               for s in statuses)
