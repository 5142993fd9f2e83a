"""The "Working out a deadline" page."""

from __future__ import annotations

import datetime as dt
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.core.clocks import CLOCKS
from redress.councils.models import CouncilHoliday, User

pytestmark = pytest.mark.django_db


def ask(client: Client, **params: Any) -> str:
    response = client.get(reverse("web:deadlines"), params)
    assert response.status_code == 200
    return response.content.decode()


def date_params(name: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


@pytest.fixture
def signed_in(client: Client, officer: User) -> Client:
    client.force_login(officer)
    return client


def test_the_empty_page_lists_every_clock_and_no_errors(signed_in: Client) -> None:
    html = ask(signed_in)
    for name, clock in CLOCKS.items():
        assert f'value="{name}"' in html
        assert clock.title in unescape(html)  # the clock's select box is a Jinja2 partial: its &#39;
    assert "govuk-date-input" in html
    assert "govuk-error-summary" not in html


def test_stage1_from_the_friday_before_the_coronation_is_due_on_22_may_2023(signed_in: Client) -> None:
    html = ask(signed_in, clock="stage1.response", **date_params("start", "5", "5", "2023"))
    assert "Due Monday 22 May 2023" in html
    assert "Friday 5 May 2023, when the complaint was received" in html
    assert "The clock started on Fri 5 May 2023" in html
    assert "Due on Mon 22 May 2023" in html
    skipped = html.split('id="skipped"')[1]
    assert "Mon 8 May 2023" in skipped
    assert "Coronation" in skipped
    assert "Sat 6 May 2023" in skipped and "Sun 21 May 2023" in skipped
    assert "Non-working days skipped (7)" in skipped  # three weekends and the Coronation


def test_an_extended_stage2_response_runs_65_working_days(signed_in: Client) -> None:
    html = ask(signed_in, clock="stage2.response", extended="on", **date_params("start", "20", "3", "2023"))
    assert "Due Monday 26 June 2023" in html
    assert "Extended from 25 to 65 working days." in html


def test_a_council_day_moves_the_deadline(signed_in: Client, officer: User) -> None:
    assert officer.council is not None
    CouncilHoliday.objects.create(council=officer.council, day=dt.date(2023, 5, 15), name="Flood closure")
    html = ask(signed_in, clock="stage1.response", **date_params("start", "5", "5", "2023"))
    assert "Due Tuesday 23 May 2023" in html
    assert "Flood closure (council day)" in html


def test_another_councils_day_does_not_move_this_councils_deadline(
    signed_in: Client, other_manager: User
) -> None:
    assert other_manager.council is not None
    CouncilHoliday.objects.create(council=other_manager.council, day=dt.date(2023, 5, 15), name="Their day")
    html = ask(signed_in, clock="stage1.response", **date_params("start", "5", "5", "2023"))
    assert "Due Monday 22 May 2023" in html
    assert "Friday 5 May 2023, when the complaint was received" in html
    assert "Their day" not in html


@pytest.mark.parametrize(
    ("params", "message", "anchor"),
    [
        (date_params("start", "5", "5", "2023"), "Select a clock", "#id_clock_0"),
        (
            {"clock": "stage9.nothing", **date_params("start", "5", "5", "2023")},
            "Select a clock from the list",
            "#id_clock_0",
        ),
        ({"clock": "stage1.response"}, "Enter the start date", "#id_start_day"),
        (
            {"clock": "stage1.response", **date_params("start", "31", "2", "2023")},
            "Start date must be a real date",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "x", "2", "2023")},
            "Start date must be a real date",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "", "2", "2023")},
            "Start date must include a day",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "9" * 30, "2", "2023")},
            "Start date must be a real date",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "1", "2", "2023½")},
            "Start date must be a real date",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "1", "", "")},
            "Start date must include a month and year",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "1", "2", "23")},
            "Year must include 4 numbers",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "1", "2", "1989")},
            "Start date must be between 1990 and 2100",
            "#id_start_day",
        ),
        (
            {"clock": "stage1.response", **date_params("start", "1", "2", "9999")},
            "Start date must be between 1990 and 2100",
            "#id_start_day",
        ),
        (
            {"clock": "stage3.panel", **date_params("start", "20", "12", "2100")},
            "The deadline falls after 2100",
            "#id_start_day",
        ),
        (
            {"clock": "stage2.statement", "extended": "on", **date_params("start", "1", "2", "2023")},
            "clock cannot be extended",
            "#id_extended",
        ),
    ],
    ids=[
        "no-clock",
        "unknown-clock",
        "no-date",
        "31-feb",
        "letters",
        "no-day",
        "huge-day",
        "unicode-digit",
        "no-month-year",
        "short-year",
        "before-1990",
        "year-9999",
        "due-after-2100",
        "not-extendable",
    ],
)
def test_bad_input_gives_an_error_summary_and_inline_errors(
    signed_in: Client, params: dict[str, str], message: str, anchor: str
) -> None:
    html = ask(signed_in, **params)
    assert "There is a problem" in html
    assert f'<a href="{anchor}">' in html
    assert html.count(message) >= 2  # in the summary and beside the field
    assert "govuk-form-group--error" in html
    assert "<title>Error: Working out a deadline" in html
    assert 'id="due-date"' not in html


def test_what_was_typed_stays_in_the_boxes(signed_in: Client) -> None:
    html = ask(signed_in, clock="stage1.response", **date_params("start", "31", "2", "2023"))
    assert 'name="start_day" type="text" inputmode="numeric" value="31"' in html
    assert 'value="stage1.response" checked' in html
