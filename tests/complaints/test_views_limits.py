"""The web forms and pages under the input limits and bad input: NUL characters, full complaints, huge pages."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from redress.complaints.models import Complaint, Event
from redress.councils.models import Council, User
from tests.complaints.conftest import date_of, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]
APPOINTED = {**date_of("2024-02-14"), "role": "io", "person": "Quinn Ash", "council_employee": "no", "involved": "no",
             "version": "4"}




def _record(user: User, complaint: Complaint, **changes: str) -> Any:
    url = reverse("complaints:record", args=[complaint.pk, "stage2.appointed"])
    return signed_in(user).post(url, {**APPOINTED, **changes})


def test_a_nul_character_in_an_event_form_is_a_field_error_and_saves_nothing(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, person="Quinn\x00Ash")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and 'href="#id_person"' in page
    assert "Null characters are not allowed" in page
    assert complaint.events.count() == 4


def test_a_nul_character_in_the_new_complaint_form_is_a_field_error_and_saves_nothing(council: Council, officer: User) -> None:
    form = {
        "complainant_name": "Ms Sarah\x00 Walker", "complainant_role": "parent", "child_name": "Ellie",
        **date_of("2024-06-21", "received_on"), "via": "email", "officer": "",
        "point_1_text": "Contact was cancelled", "point_1_about": "contact",
    }
    response = signed_in(officer).post(reverse("complaints:new"), form)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_complainant_name"' in page and "Null characters are not allowed" in page
    assert not Complaint.objects.exists()


def test_an_event_form_on_a_complaint_at_the_event_limit_says_so_and_saves_nothing(
    council: Council, officer: User, settings: Settings
) -> None:
    complaint = import_history(council, officer)
    settings.REDRESS_MAX_EVENTS_PER_COMPLAINT = 4
    response = _record(officer, complaint)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "this complaint already has 4 events, the most one complaint may have (4)" in page
    assert complaint.events.count() == 4


def test_an_event_form_text_over_the_text_limit_says_so_and_saves_nothing(
    council: Council, officer: User, settings: Settings
) -> None:
    complaint = import_history(council, officer)
    settings.REDRESS_MAX_TEXT_LENGTH = 100
    response = _record(officer, complaint, person="Q" * 150)
    assert response.status_code == 200
    assert "person is longer than 100 characters" in response.content.decode()
    assert complaint.events.count() == 4


def test_a_form_body_over_the_limit_is_refused_and_saves_nothing(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == django_settings.REDRESS_MAX_BODY_BYTES == 1_000_000
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    url = reverse("complaints:record", args=[complaint.pk, "stage2.appointed"])
    response = client.post(url, {**APPOINTED, "person": "Q" * 1_000_001})
    assert response.status_code == 400
    assert Event.objects.filter(complaint=complaint).count() == 4


@pytest.mark.parametrize("url", ["/complaints/?page=99999999999999999999", "/complaints/?page=-1&status=open",
                                 "/decisions/?page=99999999999999999999", "/decisions/?q=care&page=99999999999999999999"])
def test_a_huge_or_silly_page_number_shows_the_last_page(council: Council, officer: User, url: str) -> None:
    import_history(council, officer)
    response = signed_in(officer).get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("REDRESS_MAX_EVENTS_PER_COMPLAINT", "lots", "REDRESS_MAX_EVENTS_PER_COMPLAINT must be a whole number, not 'lots'"),
        ("REDRESS_MAX_POINTS", "0", "REDRESS_MAX_POINTS must be 1 or more"),
        ("REDRESS_MAX_TEXT_LENGTH", "20000", "REDRESS_MAX_TEXT_LENGTH must be from 100 to 10,000"),
    ],
)
def test_a_limit_setting_that_is_not_a_sane_number_stops_the_start_in_one_line(name: str, value: str, message: str) -> None:
    env = {**os.environ, "REDRESS_DEBUG": "true", name: value}
    done = subprocess.run([sys.executable, "-m", "redress.cli", "check"], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (2, f"redress: {message}\n")


def test_limit_settings_are_read_from_the_environment() -> None:
    env = {**os.environ, "REDRESS_DEBUG": "true", "REDRESS_MAX_BODY_BYTES": "2_000_000", "REDRESS_MAX_POINTS": "80"}
    code = "from django.conf import settings; print(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.REDRESS_MAX_POINTS)"
    done = subprocess.run([sys.executable, "-c", f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='redress.settings'; {code}"],
                          env=env, capture_output=True, text=True, check=False)
    assert done.stdout == "2000000 80\n", done.stderr
