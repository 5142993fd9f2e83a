"""'What happened': what the procedure allows now, why nothing when nothing, and an error for no choice."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from redress.complaints.permissions import why_nothing_to_record
from redress.councils.models import Council, Role, User
from tests.complaints.conftest import STAGE2_HISTORY, TODAY, import_history, signed_in


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_continue_with_no_choice_shows_an_error_summary(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:choose-event", args=[complaint.pk])
    first = signed_in(officer).get(url)
    assert first.status_code == 200
    assert b"govuk-error-summary" not in first.content
    assert b'name="choosing"' in first.content
    response = signed_in(officer).get(url, {"choosing": "1"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b'<a href="#type">Select what happened</a>' in response.content
    assert b"Error: Record an event" in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_an_event_not_offered_is_an_error_not_a_redirect(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:choose-event", args=[complaint.pk])
    response = signed_in(officer).get(url, {"choosing": "1", "type": "stage2.extended"})  # a manager's decision
    assert response.status_code == 200
    assert b"Select one of the events listed" in response.content
    chosen = signed_in(officer).get(url, {"choosing": "1", "type": "stage2.appointed"})
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("complaints:record", args=[complaint.pk, "stage2.appointed"])


@pytest.mark.django_db
def test_a_history_dated_after_today_says_why_nothing_can_be_recorded(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)  # the last event is 12 Feb 2024
    with time_machine.travel(dt.datetime(2024, 2, 1, 10, tzinfo=dt.UTC), tick=False):
        response = signed_in(officer).get(reverse("complaints:choose-event", args=[complaint.pk]))
    assert response.status_code == 200
    assert b"Nothing can be recorded" in response.content
    assert b"12 Feb 2024, after today" in response.content
    assert b"Continue" not in response.content
    assert b"govuk-radios__input" not in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_a_read_only_user_is_told_their_role_records_nothing(council: Council, officer: User, reader: User) -> None:
    complaint = import_history(council, officer)
    response = signed_in(reader).get(reverse("complaints:choose-event", args=[complaint.pk]))
    assert response.status_code == 403
    assert b"Your role (read only) records nothing" in response.content
    assert b"Continue" not in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("on_today")
def test_a_suspended_complaint_tells_an_officer_that_only_a_manager_can_resume(council: Council, officer: User, manager: User) -> None:
    history = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-20", "type": "procedure.suspended", "reason": "Police"}]}
    complaint = import_history(council, manager, history)
    response = signed_in(officer).get(reverse("complaints:choose-event", args=[complaint.pk]))
    assert response.status_code == 200
    assert b"The procedure is suspended, and only a complaints manager can resume it" in response.content
    assert b"procedure.resumed" not in response.content
    assert b"procedure.resumed" in signed_in(manager).get(reverse("complaints:choose-event", args=[complaint.pk])).content


def _person(role: Role) -> User:
    return User(email="x@example.com", role=role, council_id=1, is_active=True)


@pytest.mark.parametrize(
    ("role", "status", "suspended", "possible", "expected"),
    [
        (Role.READ_ONLY, "open", False, ["stage2.appointed"], "Your role (read only) records nothing"),
        (Role.OFFICER, "closed", False, [], "This complaint is closed"),
        (Role.OFFICER, "withdrawn", False, [], "This complaint was withdrawn"),
        (Role.OFFICER, "open", True, ["procedure.resumed"], "only a complaints manager can resume it"),
        (Role.OFFICER, "open", False, ["stage3.refused"], "Only a complaints manager can record what can happen next"),
        (Role.MANAGER, "open", False, [], "The procedure allows no event on this complaint now"),
    ],
)
def test_why_nothing_to_record_names_the_reason(
    role: Role, status: str, suspended: bool, possible: list[str], expected: str
) -> None:
    reason = why_nothing_to_record(
        _person(role), status=status, suspended=suspended, possible=possible, last_event_on=TODAY, today=TODAY
    )
    assert expected in reason


def test_a_last_event_after_today_comes_before_any_other_reason() -> None:
    reason = why_nothing_to_record(
        _person(Role.OFFICER), status="closed", suspended=False, possible=[], last_event_on=dt.date(2024, 7, 2), today=TODAY
    )
    assert reason.startswith("The last event is dated 2 Jul 2024, after today (1 Jul 2024)")
