"""The event forms (issue #17): dates, notes, GOV.UK messages, panel ids, the Ombudsman's decision,
warnings before saving, and correcting or removing a recorded event."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.urls import reverse

from redress.complaints.models import Complaint, Event
from redress.complaints.templatetags.govuk_errors import error_summary
from redress.councils.models import AuditEntry, Council, User
from tests.complaints.conftest import STAGE2_HISTORY, date_of, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]




def _record(user: User, complaint: Complaint, kind: str, form: dict[str, str]) -> Any:
    return signed_in(user).post(reverse("complaints:record", args=[complaint.pk, kind]), form)


def _history(*events: dict[str, Any]) -> dict[str, Any]:
    return {**STAGE2_HISTORY, "events": [*STAGE2_HISTORY["events"], *events]}


PANEL_REPORTED = [
    {"date": "2024-03-15", "type": "stage2.responded", "findings": {"P1": "upheld", "P2": "upheld"},
     "recommendations": [{"id": "R1", "what": "Apologise", "accepted": True, "due": "2024-12-01"}]},
    {"date": "2024-03-20", "type": "stage3.requested"},
    {"date": "2024-04-22", "type": "stage3.panel-held"},
]


def _panel_reported(rec_id: str) -> dict[str, Any]:
    return {"date": "2024-04-25", "type": "stage3.panel-reported",
            "recommendations": [{"id": rec_id, "what": "Review how visits are arranged"}]}


# --- 17.12 dates, 17.5 notes, 17.11 messages ------------------------------------------------------


def test_event_forms_use_the_govuk_date_input_not_the_browsers_date_picker(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    page = signed_in(manager).get(reverse("complaints:record", args=[complaint.pk, "stage3.panel-scheduled"])).content.decode()
    assert 'name="date_day"' in page and 'name="date_month"' in page and 'name="date_year"' in page
    assert 'name="panel_date_day"' in page
    assert 'type="date"' not in page
    assert 'value="1"' in page and 'value="7"' in page and 'value="2024"' in page  # today, 1 7 2024


def test_a_missing_date_says_which_date_to_enter_and_links_to_the_day_box(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "stage2.responded", {"finding_P1": "upheld", "finding_P2": "upheld",
                                                                 "version": "4"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_date_day">Enter the date the adjudication was sent</a>' in page
    assert complaint.events.count() == 4


def test_an_impossible_date_says_it_must_be_a_real_date(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "advocacy.offered", {"date_day": "31", "date_month": "2", "date_year": "2024"})
    assert "Date must be a real date" in response.content.decode()
    assert complaint.events.count() == 4


def test_every_event_form_keeps_an_optional_note(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "advocacy.offered", {**date_of("2024-02-20"), "note": "Offered by phone",
                                                                "version": "4"})
    assert response.status_code == 302
    event = complaint.events.order_by("-sequence").first()
    assert event is not None and event.data == {"date": "2024-02-20", "type": "advocacy.offered", "note": "Offered by phone"}


def test_text_too_long_says_the_limit_in_words_not_djangos_default(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    response = _record(manager, complaint, "stage2.extended", {**date_of("2024-02-20"), "to_wd": "40", "notified": "yes",
                                                               "reason": "x" * 2001, "note": "y" * 10_001})
    page = response.content.decode()
    assert "Reason must be 2,000 characters or fewer" in page
    assert "Note must be 10,000 characters or fewer" in page
    assert "Ensure this value" not in page
    assert complaint.events.count() == 4


def test_a_choice_not_offered_is_refused_in_words(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "stage2.appointed", {**date_of("2024-02-20"), "role": "boss", "person": "Q",
                                                                "council_employee": "maybe", "involved": "no"})
    page = response.content.decode()
    assert "Select the role" in page and "Select yes or no" in page
    assert "Select a valid choice" not in page


def test_the_error_summary_lists_each_message_once_each_linked_to_its_field() -> None:
    class Pair(forms.Form):
        a = forms.CharField()
        b = forms.CharField()

    form = Pair(data={})
    form.is_valid()
    form.add_error(None, "Something about the whole form")
    assert error_summary(form) == [("#id_a", "Something about the whole form"), ("#id_a", "This field is required.")]


def test_a_refusal_about_one_field_is_shown_at_that_field(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "action.completed", {**date_of("2024-02-20"), "id": "A9", "version": "4"})
    page = response.content.decode()
    summary = page[page.find("There is a problem"):][:800]
    assert '<a href="#id_id">There is no agreed action A9 that is still open; the open ones are none.</a>' in page, summary
    assert 'id="id_id-error"' in page


def test_the_403_page_says_in_words_who_may_do_it(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)
    response = _record(officer, complaint, "stage2.extended", {**date_of("2024-02-20"), "to_wd": "40", "reason": "Busy",
                                                               "notified": "yes"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only a complaints manager can extend Stage 2" in page
    assert "stage2.extended" not in page
    assert complaint.events.count() == 4


# --- 17.2 panel recommendation ids -----------------------------------------------------------------


def test_panel_recommendations_left_blank_are_pr1_pr2_and_the_field_is_filled_in(council: Council, officer: User) -> None:
    complaint = import_history(council, officer, data=_history(*PANEL_REPORTED))
    url = reverse("complaints:record", args=[complaint.pk, "stage3.panel-reported"])
    assert 'name="rec_id_1" type="text" value="PR1"' in signed_in(officer).get(url).content.decode()
    response = signed_in(officer).post(url, {**date_of("2024-04-25"), "rec_what_1": "Review visits",
                                           "rec_what_2": "Train staff"})
    assert response.status_code == 302
    event = complaint.events.order_by("-sequence").first()
    assert event is not None
    assert [r["id"] for r in event.data["recommendations"]] == ["PR1", "PR2"]


def test_a_clash_with_a_stage2_action_is_resolved_in_the_response_form(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history(*PANEL_REPORTED, _panel_reported("R1")))
    url = reverse("complaints:record", args=[complaint.pk, "stage3.responded"])
    assert 'name="action_R1" type="text" value="R1"' in signed_in(manager).get(url).content.decode()
    form = {**date_of("2024-05-10"), "decision_R1": "yes", "due_R1": "12 weeks", "version": "8"}
    clash = signed_in(manager).post(url, {**form, "action_R1": "R1"}).content.decode()
    assert '<a href="#id_action_R1">There is already an action R1' in clash
    assert complaint.events.count() == 8
    assert signed_in(manager).post(url, {**form, "action_R1": "PR1"}).status_code == 302
    event = complaint.events.order_by("-sequence").first()
    assert event is not None and event.data["decisions"] == {"R1": {"accepted": True, "due": "12 weeks", "action": "PR1"}}
    page = signed_in(manager).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "<strong>PR1</strong> Review how visits are arranged" in page


# --- 17.10 what the law needs, asked for before saving -------------------------------------------


def test_a_rejection_without_reasons_is_asked_for_before_saving_and_a_manager_may_save_anyway(
    council: Council, manager: User
) -> None:
    complaint = import_history(council, manager, data=_history(*PANEL_REPORTED, _panel_reported("PR1")))
    form = {**date_of("2024-05-10"), "decision_PR1": "no", "version": "8"}
    first = _record(manager, complaint, "stage3.responded", form).content.decode()
    assert "Enter the reasons for rejecting PR1: the council must give reasons" in first
    assert 'name="save_anyway"' in first
    assert complaint.events.count() == 8
    assert _record(manager, complaint, "stage3.responded", {**form, "save_anyway": "on"}).status_code == 302
    assert complaint.events.count() == 9


def test_an_acceptance_without_a_due_date_is_asked_for_before_saving(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history(*PANEL_REPORTED, _panel_reported("PR1")))
    page = _record(manager, complaint, "stage3.responded", {**date_of("2024-05-10"), "decision_PR1": "yes",
                                                            "action_PR1": "PR1"}).content.decode()
    assert "Enter when PR1 is due" in page
    assert complaint.events.count() == 8


def test_the_save_anyway_box_is_not_shown_until_there_is_a_warning(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history(*PANEL_REPORTED, _panel_reported("PR1")))
    page = signed_in(manager).get(reverse("complaints:record", args=[complaint.pk, "stage3.responded"])).content.decode()
    assert 'name="save_anyway"' not in page


def test_an_extension_without_notice_is_asked_about_before_saving(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    form = {**date_of("2024-02-20"), "to_wd": "40", "reason": "Witnesses", "notified": "no", "version": "4"}
    assert "Extending Stage 2 without telling the complainant is fault" in _record(
        manager, complaint, "stage2.extended", form).content.decode()
    assert complaint.events.count() == 4


# --- 17.3 the Ombudsman's decision ----------------------------------------------------------------


def test_the_ombudsmans_decision_has_a_form_and_its_outcome_shows_on_the_complaint(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history(
        {"date": "2024-03-01", "type": "ombudsman.referred", "reference": "23 001 002"}))
    choices = signed_in(manager).get(reverse("complaints:choose-event", args=[complaint.pk])).content.decode()
    assert "Record the Ombudsman&#x27;s decision" in choices
    response = _record(manager, complaint, "ombudsman.decided", {
        **date_of("2024-06-03"), "outcome": "upheld", "fault": "yes", "injustice": "yes", "remedy_id_1": "OA1",
        "remedy_what_1": "Apologise", "remedy_due_1": "1 month", "payment_id_1": "OP1", "payment_amount_1": "250",
        "payment_purpose_1": "distress", "version": "5"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = complaint.events.order_by("-sequence").first()
    assert event is not None and event.data == {
        "date": "2024-06-03", "type": "ombudsman.decided", "outcome": "upheld", "fault": True, "injustice": True,
        "actions": [{"id": "OA1", "what": "Apologise", "due": "1 month"}],
        "payments": [{"id": "OP1", "amount_gbp": 250, "purpose": "distress"}]}
    page = signed_in(manager).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    section = page[page.index('id="ombudsman"'):]
    assert "Upheld, decided on Mon 3 Jun 2024" in section and "23 001 002" in section
    assert "<strong>OP1</strong> Pay £250 for distress" in page


def test_a_payment_that_is_not_an_amount_is_refused_in_words(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history({"date": "2024-03-01", "type": "ombudsman.referred"}))
    page = _record(manager, complaint, "ombudsman.decided", {**date_of("2024-06-03"), "outcome": "upheld",
                                                             "payment_amount_1": "lots"}).content.decode()
    assert "Payment 1 must be an amount in pounds, like 250 or 250.50" in page
    assert complaint.events.count() == 5


# --- 17.1 correcting or removing a recorded event -------------------------------------------------


def test_managers_see_a_correct_link_on_each_timeline_row_and_officers_do_not(
    council: Council, manager: User, officer: User
) -> None:
    complaint = import_history(council, manager)
    url = reverse("complaints:detail", args=[complaint.pk])
    assert signed_in(manager).get(url).content.decode().count("Correct or remove this event") == 4
    assert "Correct or remove this event" not in signed_in(officer).get(url).content.decode()


def test_correcting_an_event_records_the_correction_and_the_page_shows_who_and_why(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    url = reverse("complaints:correct-event", args=[complaint.pk, 2])
    form_page = signed_in(manager).get(url).content.decode()
    assert 'name="date_day" type="text" inputmode="numeric" value="22"' in form_page  # filled in as recorded
    assert '<option value="not-upheld" selected>' in form_page
    response = signed_in(manager).post(url, {"correction_reason": "The letter was sent a day later", **date_of("2024-01-23"),
                                           "finding_P1": "not-upheld", "finding_P2": "not-upheld", "version": "4"})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = complaint.events.order_by("-sequence").first()
    assert event is not None and event.sequence == 5
    assert event.data == {"date": "2024-02-12", "type": "event.corrected", "event": 2,  # the last event's date
                          "reason": "The letter was sent a day later",
                          "replacement": {"date": "2024-01-23", "type": "stage1.responded",
                                          "findings": {"P1": "not-upheld", "P2": "not-upheld"}}}
    assert AuditEntry.objects.filter(action="complaint.event-recorded", actor=manager, data__sequence=5).exists()
    page = signed_in(manager).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert f"Corrected on Mon 1 Jul 2024 by {manager} because: The letter was sent a day later" in page


def test_after_a_correction_the_paperwork_of_the_days_before_today_can_still_be_recorded(
    council: Council, manager: User
) -> None:
    """A correction takes its place at the end of the history as it stands, not today's date, which
    would shut out every event still to be recorded for the days before it."""
    complaint = import_history(council, manager)
    url = reverse("complaints:correct-event", args=[complaint.pk, 2])
    corrected = signed_in(manager).post(url, {"correction_reason": "The letter was sent a day later", **date_of("2024-01-23"),
                                              "finding_P1": "not-upheld", "finding_P2": "not-upheld", "version": "4"})
    assert corrected.status_code == 302
    later = _record(manager, complaint, "advocacy.offered", {**date_of("2024-03-01"), "version": "5"})
    assert later.status_code == 302, later.content.decode()[:2000]
    assert complaint.events.order_by("-sequence").first().type == "advocacy.offered"  # type: ignore[union-attr]


def test_removing_an_event_takes_it_out_of_the_procedure(council: Council, manager: User) -> None:
    complaint = import_history(council, manager, data=_history({"date": "2024-02-14", "type": "advocacy.offered"}))
    response = signed_in(manager).post(reverse("complaints:void-event", args=[complaint.pk, 5]),
                                     {"reason": "Recorded on the wrong complaint", "version": "5"})
    assert response.status_code == 302
    event = complaint.events.order_by("-sequence").first()
    assert event is not None and event.data == {"date": "2024-02-14", "type": "event.voided", "event": 5,
                                                "reason": "Recorded on the wrong complaint"}
    page = signed_in(manager).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Removed on Mon 1 Jul 2024" in page and "because: Recorded on the wrong complaint" in page


def test_a_removal_the_rules_refuse_shows_the_message_and_changes_nothing(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    url = reverse("complaints:void-event", args=[complaint.pk, 3])  # Stage 2 request; the statement follows it
    page = signed_in(manager).post(url, {"reason": "Wrong complaint", "version": "4"}).content.decode()
    assert "With this correction, event 4 (stage2.statement-agreed): This can only be recorded after the Stage 2 request" in page
    receipt = signed_in(manager).post(reverse("complaints:void-event", args=[complaint.pk, 1]),
                                    {"reason": "Wrong", "version": "4"}).content.decode()
    assert "The complaint.received event cannot be removed; correct it instead" in receipt
    empty = signed_in(manager).post(url, {"reason": "", "version": "4"}).content.decode()
    assert "Enter why the event should be removed" in empty
    assert complaint.events.count() == 4


def test_only_a_manager_may_correct_and_another_councils_event_is_not_found(
    council: Council, manager: User, officer: User, other_officer: User
) -> None:
    complaint = import_history(council, manager)
    correct = reverse("complaints:correct-event", args=[complaint.pk, 2])
    denied = signed_in(officer).post(correct, {"correction_reason": "x", **date_of("2024-01-23")})
    assert denied.status_code == 403
    assert "Only a complaints manager can correct a recorded event" in denied.content.decode()
    assert signed_in(officer).post(reverse("complaints:void-event", args=[complaint.pk, 2]), {"reason": "x"}).status_code == 403
    assert signed_in(other_officer).get(correct).status_code == 404
    assert signed_in(manager).get(reverse("complaints:correct-event", args=[complaint.pk, 99])).status_code == 404
    assert complaint.events.count() == 4
    assert Event.objects.count() == 4


def test_the_points_table_shows_the_corrected_findings(council: Council, manager: User) -> None:
    complaint = import_history(council, manager)
    url = reverse("complaints:correct-event", args=[complaint.pk, 2])
    assert signed_in(manager).post(url, {"correction_reason": "P1 was upheld", **date_of("2024-01-22"),
                                       "finding_P1": "upheld", "finding_P2": "not-upheld"}).status_code == 302
    page = signed_in(manager).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    table = page[page.index('id="points"'):page.index('id="clocks"')]
    assert table.count("Not upheld") == 1 and table.count("Upheld") == 1


def test_a_correction_dating_the_event_after_today_is_an_error_on_its_date_and_changes_nothing(
    council: Council, manager: User
) -> None:
    complaint = import_history(council, manager)
    url = reverse("complaints:correct-event", args=[complaint.pk, 4])
    response = signed_in(manager).post(url, {"correction_reason": "Agreed later than recorded", **date_of("2024-07-02"),
                                           "version": "4"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert form.errors["date"] == ["The event is dated 2 Jul 2024, after today (1 Jul 2024). Enter the date it happened."]
    assert '<a href="#id_date_day">The event is dated 2 Jul 2024' in response.content.decode()
    assert complaint.events.count() == 4
