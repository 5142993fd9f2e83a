"""What the complaint page, the caseload and the export show: people's words, every event's details,
sorting, filters that agree with the home page, the judged-as-of date, and the timeline's pages."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.councils.models import Council, User
from tests.complaints.conftest import NOW, STAGE2_HISTORY, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

POINTS = STAGE2_HISTORY["points"]

# A complaint through all three stages and the Ombudsman, with something recorded in every event.
FULL_HISTORY: dict[str, Any] = {
    "procedure": "children-england",
    "points": POINTS,
    "events": [
        {"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "special-guardian"}},
        {"date": "2024-01-22", "type": "stage1.responded", "findings": {"P1": "not-upheld", "P2": "not-upheld"},
         "note": "Letter sent by email and post"},
        {"date": "2024-02-05", "type": "stage2.requested"},
        {"date": "2024-02-12", "type": "stage2.statement-agreed"},
        {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Quinn Ash"},
        {"date": "2024-02-13", "type": "stage2.appointed", "role": "ip", "person": "Rae Bond", "council_employee": True},
        {"date": "2024-02-14", "type": "stage2.appointed", "role": "ip", "person": "Sam Hale"},
        {"date": "2024-02-15", "type": "procedure.suspended", "reason": "Care proceedings began", "notified": True},
        {"date": "2024-02-20", "type": "procedure.resumed", "reason": "The court has ruled"},
        {"date": "2024-03-11", "type": "stage2.responded", "findings": {"P1": "upheld", "P2": "not-upheld"},
         "recommendations": [{"id": "R1", "what": "Apologise in writing", "accepted": True}]},
        {"date": "2024-03-18", "type": "stage3.requested"},
        {"date": "2024-03-25", "type": "stage3.panel-scheduled", "panel_date": "2024-04-22",
         "members": ["Ann Lee", "Cy Dow", "Di Eve"]},
        {"date": "2024-04-22", "type": "stage3.panel-held", "members": ["Ann Lee", "Cy Dow", "Di Eve"]},
        {"date": "2024-04-26", "type": "stage3.panel-reported", "findings": {"P1": "upheld", "P2": "upheld"},
         "recommendations": [{"id": "PR1", "what": "Pay the family 250 pounds"}, {"id": "PR2", "what": "Train the assessors"}]},
        {"date": "2024-05-10", "type": "stage3.responded",
         "decisions": {"PR1": {"accepted": True}, "PR2": {"accepted": False, "reason": "The training was given in March"}}},
        {"date": "2024-05-20", "type": "action.completed", "id": "R1", "evidence": "Apology letter of 17 May on file"},
        {"date": "2024-05-28", "type": "ombudsman.referred", "reference": "24 001 234"},
        {"date": "2024-06-20", "type": "ombudsman.decided", "outcome": "upheld", "reference": "24 001 234",
         "actions": [{"id": "O1", "what": "Review the kinship policy", "due": "3 months"}]},
    ],
}




def _page(user: User, complaint: Complaint, **params: str) -> str:
    response = signed_in(user).get(reverse("complaints:detail", args=[complaint.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    """The page's words, tags removed and spaces collapsed (to look for phrases across markup)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _timeline(html: str) -> str:
    return _text(html.split('id="timeline"', 1)[1])


# --- 17.5 the timeline ------------------------------------------------------------------------------


def test_the_timeline_shows_what_each_event_recorded_in_peoples_words(council: Council, officer: User, manager: User) -> None:
    timeline = _timeline(_page(officer, import_history(council, manager, FULL_HISTORY)))
    for words in [
        "Stage 1 response sent", "Statement of complaint agreed", "Investigating officer appointed",
        "Independent person appointed", "Procedure suspended", "Final response sent", "Ombudsman's decision",
        "Letter sent by email and post",  # a note
        "Quinn Ash", "Rae Bond", "Sam Hale", "Member or officer of the council: Yes",
        "Panel date: Mon 22 Apr 2024", "Ann Lee, Cy Dow, Di Eve",
        "Care proceedings began", "The court has ruled",
        "P1: Upheld", "R1 Apologise in writing (accepted)",
        "PR1 Pay the family 250 pounds: accepted", "PR2 Train the assessors: rejected. The training was given in March",
        "Action: R1 Apologise in writing", "Evidence of completion: Apology letter of 17 May on file",
        "Ombudsman reference: 24 001 234", "Outcome: Upheld", "O1 Review the kinship policy (due 3 months)",
    ]:
        assert words in timeline, words
    assert "stage1.responded" not in timeline
    assert "Stage 1 responded" not in timeline


# --- 17.6 people's words, not codes -----------------------------------------------------------------


def test_the_complaint_page_gives_warnings_in_words_without_codes(council: Council, officer: User, manager: User) -> None:
    page = _text(_page(officer, import_history(council, manager)))
    assert "Stage 2 response not sent: 71 working days overdue (due 18 Mar 2024)" in page
    assert "stage2.response.overdue" not in page


def test_the_export_gives_officers_by_name_and_warnings_in_words(council: Council, officer: User, manager: User) -> None:
    officer.first_name, officer.last_name = "Olive", "Okafor"
    officer.save()
    import_history(council, manager, officer=officer)
    response = signed_in(officer).get(reverse("complaints:export-csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["Officer"] == "Olive Okafor"
    assert rows[0]["Warnings"].split("; ") == ["For Social Work England", "Stage 2 response overdue"]
    assert "Warning codes" not in rows[0]
    assert officer.email not in response.content.decode()


# --- 17.7 resolved conflicts, windows, tags, similar decisions -------------------------------------


def test_a_put_right_conflict_is_marked_and_said_in_a_line_of_its_own(council: Council, officer: User, manager: User) -> None:
    page = _text(_page(officer, import_history(council, manager, FULL_HISTORY)))
    assert "The independent person, Rae Bond, is a member or officer of the council Put right on Wed 14 Feb 2024" in page
    assert "Sam Hale replaced Rae Bond as the independent person on 14 Feb 2024: the conflict was put right" in page


def test_a_passed_request_window_reads_window_closed(council: Council, officer: User, manager: User) -> None:
    history = {**STAGE2_HISTORY, "events": STAGE2_HISTORY["events"][:2]}  # the Stage 2 window passed in February
    page = _page(officer, import_history(council, manager, history))
    clocks = _text(page.split('id="clocks"', 1)[1].split("</table>", 1)[0])
    assert "Window closed" in clocks
    assert "Stopped" not in clocks


def test_suspended_and_no_deadline_cases_are_not_tagged_green(council: Council, officer: User, manager: User) -> None:
    suspended = {**STAGE2_HISTORY, "events": [
        *STAGE2_HISTORY["events"], {"date": "2024-02-13", "type": "procedure.suspended", "reason": "Court", "notified": True}]}
    waiting = {**STAGE2_HISTORY, "events": STAGE2_HISTORY["events"][:2]}
    import_history(council, manager, suspended, reference="SUSP-1")
    import_history(council, manager, waiting, reference="WAIT-1")
    page = signed_in(officer).get(reverse("complaints:caseload")).content.decode()
    found = {text: cls for cls, text in re.findall(r'<strong class="govuk-tag (govuk-tag--[a-z-]+)">(Suspended|No deadline)</strong>', page)}
    assert found == {"Suspended": "govuk-tag--grey", "No deadline": "govuk-tag--blue"}


def test_only_decisions_that_are_really_similar_are_listed(council: Council, officer: User, manager: User) -> None:
    from redress.decisions.services import load_seed_decisions

    load_seed_decisions(now=NOW)
    unrelated = {**STAGE2_HISTORY, "points": [{"id": "P1", "text": "Parking outside the office", "about": "other"},
                                              {"id": "P2", "text": "The lift was broken", "about": "other"}]}
    page = _text(_page(officer, import_history(council, manager, unrelated)))
    section = page.split("Similar published decisions", 1)[1].split("Timeline", 1)[0]
    assert "None of the decisions in the library is similar to this complaint" in section
    assert "payments £" not in section


# --- 17.8 the caseload's foot -----------------------------------------------------------------------


def test_the_caseload_foot_shows_no_template_comment(council: Council, officer: User, manager: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from redress.complaints import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    import_history(council, manager, reference="A-1")
    import_history(council, manager, reference="A-2")
    page = signed_in(officer).get(reverse("complaints:caseload")).content.decode()
    assert "Page 1 of 2" in page
    assert "{#" not in page
    assert "query_string" not in page


# --- 17.14 filters, as of, sorting ------------------------------------------------------------------


def test_officer_me_counts_open_complaints_only_as_the_home_page_does(council: Council, officer: User, manager: User) -> None:
    closed = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], {"date": "2024-02-20", "type": "complaint.closed"}]}
    import_history(council, manager, officer=officer, reference="OPEN-1")
    import_history(council, manager, closed, officer=officer, reference="SHUT-1")
    client = signed_in(officer)
    home = _text(client.get(reverse("web:home")).content.decode())
    assert "1 open and assigned to you" in home
    mine = client.get(reverse("complaints:caseload"), {"officer": "me"}).content.decode()
    assert "OPEN-1" in mine
    assert "SHUT-1" not in mine
    assert "1 complaint" in mine
    every = client.get(reverse("complaints:caseload"), {"officer": "me", "status": ""}).content.decode()
    assert "SHUT-1" in every


def test_a_correction_and_a_removal_are_shown_in_words_with_what_the_event_now_records(
    council: Council, officer: User, manager: User
) -> None:
    events = [*STAGE2_HISTORY["events"],
              {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Quin Ash"},
              {"date": "2024-02-14", "type": "advocacy.offered"},
              {"date": "2024-02-20", "type": "event.corrected", "event": 5, "reason": "The name was misspelt",
               "replacement": {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": "Quinn Ash"}},
              {"date": "2024-02-20", "type": "event.voided", "event": 6, "reason": "Recorded on the wrong complaint"}]
    complaint = import_history(council, manager, {**STAGE2_HISTORY, "events": events})
    html = _page(officer, complaint)
    timeline = _timeline(html)
    assert "Tue 20 Feb 2024: Event corrected Reason: The name was misspelt" in timeline
    assert "Now recorded as: Investigating officer appointed on Tue 13 Feb 2024 Investigating officer: Quinn Ash" in timeline
    assert "Tue 20 Feb 2024: Event removed Reason: Recorded on the wrong complaint" in timeline
    assert "event.corrected" not in html and "event.voided" not in html
    assert "{" not in timeline


def test_as_of_hides_the_events_after_that_day(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager, FULL_HISTORY)
    timeline = _timeline(_page(officer, complaint, as_of="2024-02-12"))
    assert "Statement of complaint agreed" in timeline
    assert "Investigating officer appointed" not in timeline
    assert "Ombudsman" not in timeline


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2024-02-30", "The date to judge the complaint as of must be a real date, like 2024-03-01"),
        ("yesterday", "The date to judge the complaint as of must be a real date, like 2024-03-01"),
        ("2023-12-01", "The date to judge the complaint as of must be on or after Mon 8 Jan 2024, when it was received"),
        ("2024-08-01", "The date to judge the complaint as of must be today or in the past"),
    ],
)
def test_an_impossible_as_of_date_is_refused_with_a_message(
    council: Council, officer: User, manager: User, as_of: str, message: str
) -> None:
    complaint = import_history(council, manager)
    response = signed_in(officer).get(reverse("complaints:detail", args=[complaint.pk]), {"as_of": as_of})
    assert response.status_code == 200
    page = _text(response.content.decode())
    assert "There is a problem" in page
    assert message in page
    assert "Judged as of Mon 1 Jul 2024" in page  # today, not a guess at what was meant


def test_as_of_is_typed_in_the_gov_uk_date_boxes(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager, FULL_HISTORY)
    html = _page(officer, complaint, as_of_day="12", as_of_month="2", as_of_year="2024")
    assert "Judged as of Mon 12 Feb 2024" in _text(html)
    assert "Investigating officer appointed" not in _timeline(html)
    for part, value in (("day", "12"), ("month", "2"), ("year", "2024")):
        assert f'name="as_of_{part}" type="text" inputmode="numeric" value="{value}"' in html


def test_an_as_of_link_fills_the_date_boxes(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager, FULL_HISTORY)
    html = _page(officer, complaint, as_of="2024-02-12")
    for part, value in (("day", "12"), ("month", "2"), ("year", "2024")):
        assert f'name="as_of_{part}" type="text" inputmode="numeric" value="{value}"' in html


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (("30", "2", "2024"), "Date to judge the complaint as of must be a real date"),
        (("", "2", "2024"), "Date to judge the complaint as of must include a day"),
        (("1", "8", "2024"), "The date to judge the complaint as of must be today or in the past"),
    ],
)
def test_an_impossible_date_in_the_as_of_boxes_is_an_error_on_the_day_box(
    council: Council, officer: User, manager: User, boxes: tuple[str, str, str], message: str
) -> None:
    complaint = import_history(council, manager)
    day, month, year = boxes
    html = _page(officer, complaint, as_of_day=day, as_of_month=month, as_of_year=year)
    assert f'<a href="#id_as_of_day">{message}' in unescape(html)
    assert '<p id="id_as_of-error" class="govuk-error-message">' in html
    assert "Judged as of Mon 1 Jul 2024" in _text(html)


def test_another_councils_complaint_with_as_of_is_not_found(council: Council, officer: User, manager: User, other_officer: User) -> None:
    complaint = import_history(council, manager)
    response = signed_in(other_officer).get(reverse("complaints:detail", args=[complaint.pk]), {"as_of": "2024-02-01"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("reference", "asc", ["A-1", "B-2", "C-3"]),
        ("reference", "desc", ["C-3", "B-2", "A-1"]),
        ("complainant", "asc", ["B-2", "C-3", "A-1"]),
        ("next_due", "desc", ["C-3", "A-1", "B-2"]),
        ("next_due", "asc", ["B-2", "A-1", "C-3"]),
        ("stage", "desc", ["C-3", "B-2", "A-1"]),
        ("warnings", "desc", ["B-2", "C-3", "A-1"]),
    ],
)
def test_the_caseload_sorts_by_any_column(
    council: Council, officer: User, manager: User, sort: str, direction: str, expected: list[str]
) -> None:
    stage1 = {**STAGE2_HISTORY, "events": [{"date": "2024-06-24", "type": "complaint.received", "complainant": {"role": "parent"}}]}
    stage3 = {**STAGE2_HISTORY, "events": [
        *STAGE2_HISTORY["events"],
        {"date": "2024-03-15", "type": "stage2.responded", "findings": {"P1": "upheld", "P2": "upheld"}},
        {"date": "2024-06-20", "type": "stage3.requested"}]}
    import_history(council, manager, stage1, reference="A-1", complainant_name="Zara Young")
    import_history(council, manager, reference="B-2", complainant_name="Amy Bell")
    import_history(council, manager, stage3, reference="C-3", complainant_name="Mo Khan")
    page = signed_in(officer).get(reverse("complaints:caseload"), {"sort": sort, "dir": direction}).content.decode()
    rows = page[page.index('id="caseload-table"'):]  # not the Due soon list above it
    assert re.findall(r">([ABC]-\d)</a>", rows) == expected
    header = re.search(r'<th scope="col" class="govuk-table__header" aria-sort="([a-z]+)">', page)
    assert header is not None and header.group(1) == ("ascending" if direction == "asc" else "descending")
    assert f"sort={sort}&amp;dir={'asc' if direction == 'desc' else 'desc'}" in page  # the link turns it round


def test_an_unknown_sort_falls_back_to_the_soonest_deadline(council: Council, officer: User, manager: User) -> None:
    import_history(council, manager, reference="A-1")
    response = signed_in(officer).get(reverse("complaints:caseload"), {"sort": "password", "dir": "sideways"})
    assert response.status_code == 200
    assert 'aria-sort="ascending"' in response.content.decode()  # next deadline, soonest first


# --- 16.5 the timeline in pages --------------------------------------------------------------------


def _long_history(actions: int) -> dict[str, Any]:
    events = [*STAGE2_HISTORY["events"]]
    for n in range(actions):
        events.append({"date": "2024-02-13", "type": "action.agreed", "id": f"A{n}", "what": f"Step {n}", "due": "2025-01-01"})
    return {**STAGE2_HISTORY, "events": events}


def test_the_timeline_comes_in_pages_of_fifty(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager, _long_history(96))  # 100 events
    first = _page(officer, complaint)
    assert first.count('class="app-timeline__event"') == 50
    assert "Page 1 of 2" in first
    assert "Complaint received" in _timeline(first)  # oldest first by default
    second = _page(officer, complaint, events="2")
    assert second.count('class="app-timeline__event"') == 50
    assert "Step 95" in _timeline(second)
    newest = _page(officer, complaint, order="newest")
    assert _timeline(newest).index("Step 95") < _timeline(newest).index("Step 60")
    assert "Complaint received" not in _timeline(newest)


def test_a_bad_timeline_page_shows_the_last_page(council: Council, officer: User, manager: User) -> None:
    complaint = import_history(council, manager, _long_history(96))
    page = _page(officer, complaint, events="99", order="sideways")
    assert "Page 2 of 2" in page
