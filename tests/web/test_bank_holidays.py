"""The bank holidays page: everyone reads the calendar; complaints managers add and remove council days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.councils.models import AuditEntry, CouncilHoliday, User

pytestmark = pytest.mark.django_db

URL = "/bank-holidays/"


def add(client: Client, day: str, month: str, year: str, name: str) -> Any:
    return client.post(URL, {"day_day": day, "day_month": month, "day_year": year, "name": name})


def test_the_page_lists_a_years_bank_holidays(client: Client, officer: User) -> None:
    client.force_login(officer)
    response = client.get(URL, {"year": "2023"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bank holidays 2023" in html
    for day in (
        "Sun 1 Jan 2023",
        "Mon 2 Jan 2023",
        "Fri 7 Apr 2023",
        "Mon 8 May 2023",
        "Mon 25 Dec 2023",
        "Tue 26 Dec 2023",
    ):
        assert day in html
    assert "Coronation" in html
    assert html.count("Bank holiday</td>") == 10  # New Year's Day fell on a Sunday: it and its substitute
    assert 'href="?year=2022"' in html and 'href="?year=2024"' in html


def test_the_year_defaults_to_this_year(client: Client, officer: User) -> None:
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert f"Bank holidays {dt.date.today().year}" in html  # noqa: DTZ011 - the view defaults to today too


def test_a_bad_year_shows_an_error_and_this_years_holidays(client: Client, officer: User) -> None:
    client.force_login(officer)
    html = client.get(URL, {"year": "1066"}).content.decode()
    assert "Year must be 1990 or later" in html
    assert '<a href="#id_year">' in html


def test_a_manager_adds_a_council_day_and_every_deadline_moves(client: Client, manager: User) -> None:
    client.force_login(manager)
    response = add(client, "15", "5", "2023", "Flood closure")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?year=2023"
    holiday = CouncilHoliday.objects.get()
    assert (holiday.council, holiday.day, holiday.name, holiday.added_by) == (
        manager.council,
        dt.date(2023, 5, 15),
        "Flood closure",
        manager,
    )
    entry = AuditEntry.objects.get(action="holiday.added")
    assert (entry.council, entry.actor, entry.object_id) == (manager.council, manager, str(holiday.pk))
    assert entry.data == {"day": "2023-05-15", "name": "Flood closure"}
    page = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Flood closure" in page and "Council day" in page
    due = client.get(
        "/deadlines/",
        {"clock": "stage1.response", "start_day": "5", "start_month": "5", "start_year": "2023"},
    )
    assert "Due Tuesday 23 May 2023" in due.content.decode()


def test_a_manager_sees_the_add_form_and_remove_buttons(client: Client, manager: User) -> None:
    assert manager.council is not None
    CouncilHoliday.objects.create(council=manager.council, day=dt.date(2023, 5, 15), name="Flood closure")
    client.force_login(manager)
    html = client.get(URL, {"year": "2023"}).content.decode()
    assert "Add a council day" in html
    assert html.count(">Remove<") == 1


def test_an_officer_sees_no_forms_and_cannot_add(client: Client, officer: User) -> None:
    assert officer.council is not None
    CouncilHoliday.objects.create(council=officer.council, day=dt.date(2023, 5, 15), name="Flood closure")
    client.force_login(officer)
    html = client.get(URL, {"year": "2023"}).content.decode()
    assert "Add a council day" not in html and ">Remove<" not in html
    assert "Flood closure" in html
    response = add(client, "16", "5", "2023", "Another day")
    assert response.status_code == 403
    assert CouncilHoliday.objects.count() == 1
    assert not AuditEntry.objects.exists()


def test_an_officer_cannot_remove_a_day(client: Client, officer: User) -> None:
    assert officer.council is not None
    holiday = CouncilHoliday.objects.create(
        council=officer.council, day=dt.date(2023, 5, 15), name="Flood closure"
    )
    client.force_login(officer)
    assert client.post(reverse("web:bank-holiday-remove", args=[holiday.pk])).status_code == 403
    assert CouncilHoliday.objects.filter(pk=holiday.pk).exists()


def test_a_manager_removes_a_council_day(client: Client, manager: User) -> None:
    assert manager.council is not None
    holiday = CouncilHoliday.objects.create(
        council=manager.council, day=dt.date(2023, 5, 15), name="Flood closure"
    )
    client.force_login(manager)
    response = client.post(reverse("web:bank-holiday-remove", args=[holiday.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?year=2023"
    assert not CouncilHoliday.objects.exists()
    entry = AuditEntry.objects.get(action="holiday.removed")
    assert (entry.actor, entry.object_id, entry.data["day"]) == (manager, str(holiday.pk), "2023-05-15")
    assert "is a working day again" in client.get(response["Location"]).content.decode()


def test_removing_is_post_only(client: Client, manager: User) -> None:
    assert manager.council is not None
    holiday = CouncilHoliday.objects.create(
        council=manager.council, day=dt.date(2023, 5, 15), name="Flood closure"
    )
    client.force_login(manager)
    assert client.get(reverse("web:bank-holiday-remove", args=[holiday.pk])).status_code == 405
    assert CouncilHoliday.objects.exists()


def test_another_councils_day_is_not_found(client: Client, manager: User, other_manager: User) -> None:
    assert other_manager.council is not None
    theirs = CouncilHoliday.objects.create(
        council=other_manager.council, day=dt.date(2023, 5, 15), name="Theirs"
    )
    client.force_login(manager)
    response = client.post(reverse("web:bank-holiday-remove", args=[theirs.pk]))
    assert response.status_code == 404
    assert CouncilHoliday.objects.filter(pk=theirs.pk).exists()
    assert not AuditEntry.objects.exists()
    assert "Theirs" not in client.get(URL, {"year": "2023"}).content.decode()


@pytest.mark.parametrize(
    ("day", "month", "year", "name", "message"),
    [
        (
            "8",
            "5",
            "2023",
            "Extra",
            "Mon 8 May 2023 is already a non-working day (Coronation of Charles III)",
        ),
        ("6", "5", "2023", "Extra", "Sat 6 May 2023 is already a non-working day (Saturday)"),
        ("31", "2", "2023", "Extra", "Date must be a real date"),
        ("", "", "", "Extra", "Enter the date"),
        ("15", "5", "2023", "", "Enter the name of the day"),
        ("15", "5", "2023", "x" * 121, "Name must be 120 characters or fewer"),
    ],
    ids=["bank-holiday", "weekend", "impossible-date", "no-date", "no-name", "long-name"],
)
def test_a_refused_day_shows_why_and_changes_nothing(
    client: Client, manager: User, day: str, month: str, year: str, name: str, message: str
) -> None:
    client.force_login(manager)
    response = add(client, day, month, year, name)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert html.count(message) >= 2
    assert not CouncilHoliday.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_same_council_day_twice_is_refused(client: Client, manager: User) -> None:
    client.force_login(manager)
    add(client, "15", "5", "2023", "Flood closure")
    html = add(client, "15", "5", "2023", "Flood closure").content.decode()
    assert "Mon 15 May 2023 is already a non-working day (Flood closure (council day))" in html
    assert CouncilHoliday.objects.count() == 1


def test_adding_and_removing_a_day_moves_the_stored_caseload_deadlines(
    client: Client, manager: User, other_manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    from redress.complaints.models import Projection
    from redress.complaints.services import complaint_import

    assert manager.council is not None and other_manager.council is not None
    case = {
        "procedure": "children-england",
        "points": [{"id": "P1", "text": "The assessment took a year", "about": "delay"}],
        "events": [{"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "parent"}}],
    }
    ours = complaint_import(council=manager.council, by=manager, data=case, today=dt.date(2024, 1, 8))
    theirs = complaint_import(
        council=other_manager.council, by=other_manager, data=case, today=dt.date(2024, 1, 8)
    )
    assert Projection.objects.get(pk=ours.pk).next_due == dt.date(2024, 1, 22)
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        add(client, "15", "1", "2024", "Flood closure")
    assert Projection.objects.get(pk=ours.pk).next_due == dt.date(2024, 1, 23)
    assert Projection.objects.get(pk=theirs.pk).next_due == dt.date(2024, 1, 22)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:bank-holiday-remove", args=[CouncilHoliday.objects.get().pk]))
    assert Projection.objects.get(pk=ours.pk).next_due == dt.date(2024, 1, 22)


@pytest.mark.parametrize("holiday_id", ["0", "99999999999999999999999999"])
def test_a_day_that_does_not_exist_is_not_found(client: Client, manager: User, holiday_id: str) -> None:
    client.force_login(manager)
    assert client.post(f"{URL}{holiday_id}/remove/").status_code == 404


def test_a_read_only_user_is_refused_with_a_reason(client: Client, reader: User) -> None:
    client.force_login(reader)
    response = add(client, "16", "5", "2023", "Another day")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do that" in html
    assert "Only a complaints manager can change the council&#x27;s days" in html
    assert not CouncilHoliday.objects.exists()


def test_a_refused_day_keeps_the_year_being_looked_at(client: Client, manager: User) -> None:
    client.force_login(manager)
    data = {"day_day": "6", "day_month": "5", "day_year": "2023", "name": "Extra"}
    html = client.post(f"{URL}?year=2023", data).content.decode()
    assert "Bank holidays 2023" in html
    assert f'action="{URL}?year=2023"' in html
