"""Random case files posted to the API: never a 500, and a refused one changes nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.complaints.models import Complaint, Event
from redress.councils.models import AuditEntry, Council, User
from redress.councils.tokens import api_token_create
from tests.complaints.conftest import STAGE2_HISTORY

pytestmark = pytest.mark.django_db

# Bounded: a few dozen files a run, each small, so the suite stays fast.
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
    st.sampled_from(["2024-02-29", "2023-02-29", "0000-01-01", "2099-01-01", "P1", "P3", "upheld",
                     "complaint.received", "stage2.extended", "complaint.closed", "\x00", "é\u202e"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=8)


def _containers(value: Any) -> list[Any]:
    """Every dict and list inside `value` (itself included), in a fixed order."""
    found = [value] if isinstance(value, dict | list) else []
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        found += _containers(child)
    return found


@st.composite
def case_files(draw: st.DrawFn) -> Any:
    """A valid case file with a few parts replaced by random values, or now and then any JSON value at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(VALUES)
    case = copy.deepcopy(STAGE2_HISTORY)
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(_containers(case)))
        if isinstance(target, dict):
            key = draw(st.sampled_from(sorted(target)) | st.text(max_size=8)) if target else draw(st.text(max_size=8))
            target[key] = draw(VALUES)
        elif target:
            target[draw(st.integers(0, len(target) - 1))] = draw(VALUES)
        else:
            target.append(draw(VALUES))
    return case


def _counts() -> tuple[int, int, int]:
    return Complaint.objects.count(), Event.objects.count(), AuditEntry.objects.count()


@BOUNDED
@given(case=case_files())
def test_a_random_case_file_never_gives_a_500_and_a_refused_one_changes_nothing(council: Council, officer: User, case: Any) -> None:
    _, token = api_token_create(user=officer)
    before = _counts()

    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/complaints", data=json.dumps(case), content_type="application/json"
    )

    assert response.status_code in {201, 400, 403, 409, 413, 422}, (response.status_code, response.content)
    assert set(response.json()) >= ({"id", "version", "events"} if response.status_code == 201 else {"message", "code"})
    after = _counts()
    if response.status_code == 201:
        assert after[0] == before[0] + 1
        assert after[1] == before[1] + response.json()["version"]
    else:
        assert after[1:] == before[1:] and after[0] == before[0], response.json()
