"""Casework pages: status, content, the persisted effect, and the denied cases for every page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from redress.complaints.models import Complaint, Event
from redress.councils.models import AuditEntry, Council, User
from redress.reminders.selectors import _KNOWN as known_due_soon
from tests.complaints.conftest import NOW, STAGE2_HISTORY, date_of, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]




def _new_complaint_form(**overrides: str) -> dict[str, str]:
    form = {
        "complainant_name": "Ms Sarah Walker", "complainant_role": "parent", "child_name": "Ellie",
        **date_of("2024-06-21", "received_on"), "via": "email", "officer": "",
        "point_1_text": "Contact was cancelled three times", "point_1_about": "contact",
        "point_2_text": "Nobody returned my calls", "point_2_about": "communication",
    }
    return {**form, **overrides}


def test_signed_out_people_are_sent_to_sign_in(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    for url in [reverse("complaints:caseload"), reverse("complaints:new"), reverse("complaints:detail", args=[complaint.pk]),
                reverse("complaints:choose-event", args=[complaint.pk]), reverse("complaints:export-csv"),
                reverse("complaints:record", args=[complaint.pk, "stage2.requested"])]:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("web:sign-in")), url


def test_the_caseload_lists_the_councils_open_complaints_soonest_first(
    council: Council, officer: User, other_council: Council, other_officer: User
) -> None:
    first = import_history(council, officer)
    mine = signed_in(officer).get(reverse("complaints:caseload"))
    assert mine.status_code == 200
    assert first.reference.encode() in mine.content
    assert b"working days overdue" in mine.content  # stage 2 response due 18 Mar 2024
    theirs = signed_in(other_officer).get(reverse("complaints:caseload"))
    assert first.reference.encode() not in theirs.content
    assert b"0 complaints" in theirs.content


def test_caseload_filters_and_bad_filter_values(council: Council, officer: User) -> None:
    import_history(council, officer)
    client = signed_in(officer)
    assert b"1 complaint" in client.get(reverse("complaints:caseload"), {"stage": "2", "status": "open"}).content
    assert b"0 complaints" in client.get(reverse("complaints:caseload"), {"stage": "3", "status": "open"}).content
    bad = client.get(reverse("complaints:caseload"), {"stage": "9", "warning": "<script>"})
    assert bad.status_code == 200
    assert b"There is a problem" in bad.content
    assert b"<script>" not in bad.content


def test_a_bad_caseload_filter_is_named_in_govuk_words_linked_to_its_field(council: Council, officer: User) -> None:
    """#17 walk: `?status=all` showed Django's "Select a valid choice. all is not one of the available choices." """
    import_history(council, officer)
    bad = signed_in(officer).get(reverse("complaints:caseload"), {
        "stage": "9", "status": "all", "warning": "nonsense", "officer": "999", "q": "x" * 101})
    page = bad.content.decode()
    assert bad.status_code == 200
    assert "valid choice" not in page and "Ensure this value" not in page
    for field, words in [("stage", "Choose a stage from the list"), ("status", "Choose a status from the list"),
                         ("warning", "Choose a warning from the list"), ("officer", "Choose an officer from the list"),
                         ("q", "Reference or name must be 100 characters or fewer")]:
        assert f'<a href="#id_{field}">{words}</a>' in page, field


def test_the_caseload_pages_keep_the_filters(council: Council, officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from redress.complaints import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    import_history(council, officer)
    import_history(council, officer)
    client = signed_in(officer)
    first = client.get(reverse("complaints:caseload"), {"stage": "2"}).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "stage=2" in first.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = client.get(reverse("complaints:caseload"), {"stage": "2", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second
    monkeypatch.setattr(views, "PAGE_SIZE", 50)
    assert "govuk-pagination" not in client.get(reverse("complaints:caseload")).content.decode()


def test_recording_a_new_complaint_starts_stage_1(council: Council, officer: User) -> None:
    response = signed_in(officer).post(reverse("complaints:new"), _new_complaint_form())
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:detail", args=[complaint.pk])
    assert complaint.points == [
        {"id": "P1", "text": "Contact was cancelled three times", "about": "contact"},
        {"id": "P2", "text": "Nobody returned my calls", "about": "communication"},
    ]
    assert complaint.events.get().type == "complaint.received"
    page = signed_in(officer).get(response["Location"])
    assert b"Stage 1 response" in page.content
    assert b"Fri 5 Jul 2024" in page.content  # 21 Jun 2024 + 10 working days


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"complainant_name": ""}, b"Enter the complainant&#x27;s name"),
        ({"received_on_day": "30", "received_on_month": "2"}, b"Date received must be a real date"),
        (date_of("2024-07-09", "received_on"), b"must be today or in the past"),
        ({"received_on_day": ""}, b"Date received must include a day"),
        ({"point_1_text": ""}, b"Enter at least one point of complaint"),
        ({"point_2_about": ""}, b"Choose what point 2 is about"),
        ({"complainant_role": "king"}, b"Choose who is complaining from the list"),
    ],
)
def test_a_new_complaint_with_bad_input_shows_the_error_summary_and_saves_nothing(
    council: Council, officer: User, overrides: dict[str, str], message: bytes
) -> None:
    response = signed_in(officer).post(reverse("complaints:new"), _new_complaint_form(**overrides))
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert message in response.content
    assert not Complaint.objects.exists()


def test_read_only_users_cannot_record(council: Council, officer: User, reader: User) -> None:
    complaint = import_history(council, officer)
    client = signed_in(reader)
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 200
    assert client.get(reverse("complaints:new")).status_code == 403
    assert client.post(reverse("complaints:new"), _new_complaint_form()).status_code == 403
    assert client.post(reverse("complaints:record", args=[complaint.pk, "advocacy.offered"]), date_of("2024-06-20")).status_code == 403
    assert complaint.events.count() == 4


def test_another_councils_complaint_is_not_found(council: Council, officer: User, other_officer: User) -> None:
    complaint = import_history(council, officer)
    client = signed_in(other_officer)
    for url in [reverse("complaints:detail", args=[complaint.pk]), reverse("complaints:choose-event", args=[complaint.pk]),
                reverse("complaints:record", args=[complaint.pk, "advocacy.offered"])]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("complaints:record", args=[complaint.pk, "advocacy.offered"]), date_of("2024-06-20")).status_code == 404
    assert complaint.events.count() == 4


def test_the_complaint_page_shows_clocks_explained_warnings_and_the_timeline(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    page = signed_in(officer).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert complaint.reference in page
    assert "Stage 2 response (adjudication)" in page
    assert "How this was worked out" in page
    assert "Mon 18 Mar 2024" in page  # the Stage 2 response deadline
    assert "Stage 2 response not sent: 71 working days overdue" in page
    assert "stage2.response.overdue" not in page  # codes are for the API
    assert "The assessor was rude" in page
    assert "Statement of complaint agreed" in page  # the timeline


def test_recording_an_event_through_its_form(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:record", args=[complaint.pk, "stage2.appointed"])
    form = {**date_of("2024-02-14"), "role": "io", "person": "Quinn Ash", "council_employee": "no", "involved": "no", "version": "4"}
    response = signed_in(officer).post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = complaint.events.order_by("-sequence").first()
    assert event is not None
    assert event.data == {"date": "2024-02-14", "type": "stage2.appointed", "role": "io", "person": "Quinn Ash",
                          "council_employee": False, "involved": False}
    assert AuditEntry.objects.filter(action="complaint.event-recorded", actor=officer, data__sequence=5).count() == 1


def test_an_event_the_rules_refuse_shows_the_rules_message_and_changes_nothing(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:record", args=[complaint.pk, "stage3.panel-held"])
    response = signed_in(officer).post(url, {**date_of("2024-02-20"), "version": "4"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert Event.objects.filter(complaint=complaint).count() == 4


def test_a_stale_form_is_told_to_reload(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:record", args=[complaint.pk, "advocacy.offered"])
    response = signed_in(officer).post(url, {**date_of("2024-02-20"), "version": "3"})
    assert b"Reload the page" in response.content
    assert complaint.events.count() == 4


def test_every_event_form_renders(council: Council, manager: User) -> None:
    from redress.complaints.event_forms import EVENT_SPECS

    complaint = import_history(council, manager)
    client = signed_in(manager)
    for event_type in EVENT_SPECS:
        response = client.get(reverse("complaints:record", args=[complaint.pk, event_type]))
        assert response.status_code == 200, event_type
    assert client.get(reverse("complaints:record", args=[complaint.pk, "no.such"])).status_code == 404


def test_the_caseload_exports_to_csv_and_xlsx(council: Council, officer: User, other_officer: User) -> None:
    complaint = import_history(council, officer, complainant_name="=HYPERLINK(bad)")
    csv = signed_in(officer).get(reverse("complaints:export-csv"))
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode()
    assert complaint.reference in text
    assert "'=HYPERLINK(bad)" in text  # a formula is never handed to a spreadsheet
    xlsx = signed_in(officer).get(reverse("complaints:export-xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert complaint.reference not in signed_in(other_officer).get(reverse("complaints:export-csv")).content.decode()


def _queries_for(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_caseload_and_complaint_page_make_a_fixed_number_of_queries(council: Council, officer: User, on_today: None) -> None:
    """Pinned: the caseload costs the same for 3 complaints as for 1, and so does a complaint page's history.

    (The clock is frozen so that no request falls in a new minute and renews the session: see
    tests/web/test_query_counts.py.)"""
    client = signed_in(officer)
    known_due_soon.clear()  # Due soon's items of histories replayed before, by other tests in this process
    first = import_history(council, officer)
    caseload_one, detail_short = _queries_for(client, "/complaints/"), _queries_for(client, f"/complaints/{first.pk}/")
    for _ in range(2):
        import_history(council, officer)
    longer = import_history(council, officer, data={**STAGE2_HISTORY, "events": [
        *STAGE2_HISTORY["events"],
        {"date": "2024-02-14", "type": "stage2.appointed", "role": "io", "person": "Quinn Ash"},
        {"date": "2024-02-14", "type": "stage2.appointed", "role": "ip", "person": "Rae Bond"},
        {"date": "2024-03-01", "type": "action.agreed", "id": "A1", "what": "Write to the family", "due": "20 WD"},
    ]})
    assert _queries_for(client, "/complaints/") == caseload_one
    assert _queries_for(client, f"/complaints/{longer.pk}/") == detail_short
    assert (caseload_one, detail_short) == (CASELOAD_QUERIES, DETAIL_QUERIES)
    assert _queries_for(client, "/complaints/") == CASELOAD_QUERIES - 2  # Due soon's histories replayed already


CASELOAD_QUERIES = 12  # measured (the second-factor device is one; 4 are Due soon: its projections, the council's
# calendar, and the complaints and histories of those not replayed before); a rise means a query per row crept in
# Includes the similar published decisions, other open complaints from the same people, the complaint's
# documents and disclosures, and the audit entry of the read in the council's chain (five: a savepoint
# and its release, the chain row locked, the entry, the chain's new head), and whether the council keeps a
# register of investigators and panel (one: with a register, its independence warnings take two more).
DETAIL_QUERIES = 17


def test_the_complaint_page_lists_similar_published_decisions(council: Council, officer: User) -> None:
    from redress.decisions.services import load_seed_decisions

    load_seed_decisions(now=NOW)
    complaint = import_history(council, officer)  # points about delay and a rude assessor (staff conduct)
    page = signed_in(officer).get(f"/complaints/{complaint.pk}/").content.decode()
    section = page[page.index('id="similar"'):page.index('id="timeline"')]
    assert "/decisions/" in section and "Kent County Council, 24 002 308" in section


def test_an_event_dated_after_today_is_an_error_on_its_date(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    url = reverse("complaints:record", args=[complaint.pk, "advocacy.offered"])
    response = signed_in(officer).post(url, {**date_of("2024-07-02"), "version": "4"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert form.errors["date"] == ["The event is dated 2 Jul 2024, after today (1 Jul 2024). Enter the date it happened."]
    page = response.content.decode()
    assert '<p id="id_date-error" class="govuk-error-message">' in page
    assert '<a href="#id_date_day">The event is dated 2 Jul 2024' in page
    assert complaint.events.count() == 4


def test_a_refusal_names_the_event_to_record_in_words_not_its_code(council: Council, manager: User) -> None:
    """#17 walk: a suspended complaint's form said "record procedure.resumed first"."""
    data = {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"],
                                         {"date": "2024-02-13", "type": "procedure.suspended", "reason": "Police"}]}
    complaint = import_history(council, manager, data)
    url = reverse("complaints:record", args=[complaint.pk, "stage2.extended"])
    response = signed_in(manager).post(url, {**date_of("2024-03-01"), "to_wd": "40", "reason": "Staff away",
                                             "notified": "yes", "version": "5"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The procedure has been suspended since 13 Feb 2024: record &quot;Procedure resumed&quot; first." in page
    assert "procedure.resumed" not in page
    assert complaint.events.count() == 5
