"""Every procedure in the web: a council's choice of procedures, intake, each procedure's event forms, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from redress.complaints import selectors
from redress.complaints.models import Complaint
from redress.complaints.services import InvalidEvent, complaint_record_event
from redress.core.engine import replay
from redress.core.events import EVENT_FIELDS
from redress.councils.errors import DomainError
from redress.councils.models import AuditEntry, Council, User
from redress.councils.services import council_procedures_set
from tests.complaints.conftest import TODAY, date_of, import_history, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

ADULTS_ENGLAND = "adults-england"
CHILDREN_WALES = "children-wales"


def runs(council: Council, *names: str) -> Council:
    council.procedures = " ".join(names)
    council.save(update_fields=["procedures"])
    return council


def new_complaint_form(procedure: str, role: str = "other", **extra: str) -> dict[str, str]:
    return {"procedure": procedure, "complainant_name": "Ms Rose Hart", "complainant_role": role,
            "child_name": "Mr Alan Hart", **date_of("2024-05-03", "received_on"), "via": "email", "officer": "",
            "point_1_text": "The care package was cut without a review", "point_1_about": "decision", **extra}


def record(client: Any, complaint: Complaint, event_type: str, form: dict[str, str]) -> Any:
    return client.post(reverse("complaints:record", args=[complaint.pk, event_type]), form)


# --- the council's choice --------------------------------------------------------------------------


def test_a_council_runs_childrens_procedure_by_default(council: Council) -> None:
    assert council.procedure_names == ("children-england",)


def test_a_manager_chooses_the_procedures_and_the_change_is_audited(council: Council, manager: User) -> None:
    chosen = council_procedures_set(council=council, names=[CHILDREN_WALES, "children-england"], by=manager)
    assert chosen == ("children-england", CHILDREN_WALES)  # Redress's own order, whatever order they came in
    council.refresh_from_db()
    assert council.procedure_names == chosen
    entry = AuditEntry.objects.get(action="council.procedures-changed")
    assert (entry.actor, entry.data) == (manager, {"before": ["children-england"], "after": list(chosen)})


@pytest.mark.parametrize(("names", "words"), [([], "Choose at least one procedure"),
                                              (["children-england", "housing-rules"], "does not know the procedure housing-rules")])
def test_no_procedure_or_an_unknown_one_is_refused_and_nothing_changes(
    council: Council, manager: User, names: list[str], words: str
) -> None:
    with pytest.raises(DomainError, match=words):
        council_procedures_set(council=council, names=names, by=manager)
    council.refresh_from_db()
    assert council.procedure_names == ("children-england",)
    assert not AuditEntry.objects.filter(action="council.procedures-changed").exists()


def test_only_a_manager_of_the_council_chooses_its_procedures(council: Council, officer: User, other_council: Council,
                                                               manager: User) -> None:
    for by, where in [(officer, council), (manager, other_council)]:
        with pytest.raises(PermissionDenied):
            council_procedures_set(council=where, names=[ADULTS_ENGLAND], by=by)
    assert Council.objects.get(pk=council.pk).procedure_names == ("children-england",)


def test_the_procedures_page_shows_checkboxes_and_saves_the_choice(council: Council, manager: User) -> None:
    client = signed_in(manager)
    url = reverse("people:procedures")
    page = client.get(url).content.decode()
    assert 'type="checkbox" value="adults-england"' in page
    assert 'value="children-england" aria-describedby="id_procedures_0-hint" checked' in page
    assert "SI 2009/309" in page  # each procedure's source, beside its box
    response = client.post(url, {"procedures": ["children-england", ADULTS_ENGLAND]})
    assert response.status_code == 302
    assert Council.objects.get(pk=council.pk).procedure_names == ("children-england", ADULTS_ENGLAND)


def test_the_procedures_page_refuses_to_leave_none_chosen(council: Council, manager: User) -> None:
    response = signed_in(manager).post(reverse("people:procedures"), {})
    assert response.status_code == 200
    assert "Select at least one procedure" in response.content.decode()
    assert 'href="#id_procedures_0"' in response.content.decode()  # the error summary links to the first box
    assert Council.objects.get(pk=council.pk).procedure_names == ("children-england",)


def test_officers_and_read_only_users_cannot_choose_procedures(council: Council, officer: User, reader: User) -> None:
    for user in (officer, reader):
        client = signed_in(user)
        assert client.get(reverse("people:procedures")).status_code == 403
        assert client.post(reverse("people:procedures"), {"procedures": [ADULTS_ENGLAND]}).status_code == 403
    assert Council.objects.get(pk=council.pk).procedure_names == ("children-england",)


# --- intake -------------------------------------------------------------------------------------------


def test_a_council_running_one_procedure_is_not_asked_which(council: Council, officer: User) -> None:
    page = signed_in(officer).get(reverse("complaints:new")).content.decode()
    assert "Which procedure is the complaint under?" not in page
    assert "Recording the complaint starts Stage 1" in page


def test_a_council_running_several_is_asked_which_first(council: Council, officer: User) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    client = signed_in(officer)
    page = client.get(reverse("complaints:new")).content.decode()
    assert "Which procedure is the complaint under?" in page
    assert 'type="radio" value="adults-england"' in page and "children-wales" not in page
    missing = client.get(reverse("complaints:new"), {"choosing": "1"}).content.decode()
    assert "Select the procedure the complaint is under" in missing
    wales = client.get(reverse("complaints:new"), {"procedure": CHILDREN_WALES}).content.decode()
    assert "Select one of the procedures your council runs" in wales
    form = client.get(reverse("complaints:new"), {"procedure": ADULTS_ENGLAND}).content.decode()
    assert "3 working day clock to acknowledge it" in form
    assert "Name of the adult the complaint is about" in form
    assert "The adult who receives, or received, care or support" in form and "A foster carer" not in form


def test_an_adults_complaint_is_recorded_through_the_form(council: Council, officer: User) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    response = signed_in(officer).post(reverse("complaints:new"), new_complaint_form(ADULTS_ENGLAND), follow=True)
    assert response.status_code == 200
    assert "recorded under Adult social care complaints (England)" in response.content.decode()
    complaint = Complaint.objects.get()
    assert (complaint.procedure, complaint.projection.procedure) == (ADULTS_ENGLAND, ADULTS_ENGLAND)
    assert complaint.events.get().data["complainant"] == {"role": "other"}
    assert complaint.projection.next_due_what == "Acknowledge the complaint"


@pytest.mark.parametrize(("role", "service", "raised"), [
    ("parent", "children-social-care", True),  # a statutory representation under the corporate Code
    ("parent", "housing", False),
    ("other", "children-social-care", False),  # not someone who may make a statutory representation
    ("parent", "", False),  # nothing said of the service: nothing to judge
])
def test_intake_records_the_service_and_a_childrens_complaint_under_the_corporate_code_is_flagged(
    council: Council, officer: User, role: str, service: str, raised: bool
) -> None:
    runs(council, "children-england", "corporate-code")
    form = new_complaint_form("corporate-code", role=role, service=service)
    assert signed_in(officer).post(reverse("complaints:new"), form).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.events.get().data.get("service", "") == service
    assert (" procedure.likely-wrong " in complaint.projection.warning_codes) is raised


def test_an_unknown_service_is_refused_at_intake_and_nothing_is_saved(council: Council, officer: User) -> None:
    runs(council, "children-england", "corporate-code")
    response = signed_in(officer).post(reverse("complaints:new"),
                                       new_complaint_form("corporate-code", role="parent", service="parks"))
    assert response.status_code == 200
    assert "Choose the service from the list" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_procedure_the_council_does_not_run_is_refused_at_intake(council: Council, officer: User) -> None:
    response = signed_in(officer).post(reverse("complaints:new"), new_complaint_form(ADULTS_ENGLAND))
    assert response.status_code == 200
    assert "Choose one of the procedures your council runs" in response.content.decode()
    assert not Complaint.objects.exists()


# --- each procedure taken through its stages in the web ------------------------------------------------


def test_an_adults_complaint_is_taken_through_its_steps_in_the_web(council: Council, officer: User) -> None:
    runs(council, ADULTS_ENGLAND)
    client = signed_in(officer)
    client.post(reverse("complaints:new"), new_complaint_form(ADULTS_ENGLAND))
    complaint = Complaint.objects.get()
    offered = client.get(reverse("complaints:choose-event", args=[complaint.pk])).content.decode()
    assert "Record the acknowledgement" in offered and "Record the Stage 1 response" not in offered
    assert "Adult social care complaints (England): Local stage" in offered
    refused = record(client, complaint, "adults.acknowledged", {**date_of("2024-05-07"), "discussion_offered": "no"})
    assert "Acknowledging without offering that discussion is a risk" in refused.content.decode()  # asked before saving
    assert complaint.events.count() == 1
    steps = [("adults.acknowledged", {**date_of("2024-05-07"), "discussion_offered": "yes"}),
             ("adults.response-period-agreed", {**date_of("2024-05-10"), **date_of("2024-06-28", "respond_by")}),
             ("adults.responded", {**date_of("2024-06-20"), "finding_P1": "upheld", "remedy": "Package restored",
                                   "ombudsman_rights": "yes"})]
    for event_type, form in steps:
        response = record(client, complaint, event_type, form)
        assert response.status_code == 302, (event_type, response.content.decode()[:2000])
    assert [e.type for e in complaint.events.order_by("sequence")] == [
        "complaint.received", "adults.acknowledged", "adults.response-period-agreed", "adults.responded"]
    assert complaint.events.get(type="adults.response-period-agreed").data["respond_by"] == "2024-06-28"
    view = selectors.complaint_report(complaint, today=TODAY)
    assert view.report.warnings == ()
    assert view.report.findings == {"P1": {1: "upheld"}}
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Adult social care complaints (England)" in page
    assert "Local stage" in page and "Stage 3" not in page
    assert "Acknowledge the complaint" in page  # the clock's own title
    assert "Response due by: Fri 28 Jun 2024" in page
    assert _replayed(complaint) == view.report.to_json()


def test_a_wales_complaint_is_taken_through_both_stages_in_the_web(council: Council, officer: User, manager: User) -> None:
    runs(council, CHILDREN_WALES)
    client, managers = signed_in(officer), signed_in(manager)
    client.post(reverse("complaints:new"), new_complaint_form(CHILDREN_WALES, role="care-leaver"))
    complaint = Complaint.objects.get()
    assert complaint.procedure == CHILDREN_WALES
    steps = [(client, "wales.acknowledged", date_of("2024-05-07")),
             (client, "wales.local-resolution-ended", {**date_of("2024-05-15"), "resolved": "no"}),
             (client, "wales.investigation-requested", date_of("2024-05-20")),
             (managers, "wales.investigation-extended", {**date_of("2024-06-03"), "to_wd": "40", "reason": "Leave",
                                                         "notified": "yes"}),
             (client, "wales.investigation-responded", {**date_of("2024-06-28"), "finding_P1": "upheld",
                                                        "ombudsman_rights": "yes"})]
    for who, event_type, form in steps:
        response = record(who, complaint, event_type, form)
        assert response.status_code == 302, (event_type, response.content.decode()[:2000])
    view = selectors.complaint_report(complaint, today=TODAY)
    assert view.report.stage == 2
    assert view.report.warnings == ()
    assert view.report.clock("children-wales.investigation").status == "met"
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Formal investigation" in page and "Children&#x27;s social services representations (Wales)" in page
    assert _replayed(complaint) == view.report.to_json()


def test_an_officer_cannot_extend_wales_formal_investigation(council: Council, officer: User) -> None:
    runs(council, CHILDREN_WALES)
    complaint = import_history(council, officer, _wales_history())
    response = record(signed_in(officer), complaint, "wales.investigation-extended",
                      {**date_of("2024-06-03"), "to_wd": "40", "reason": "Leave", "notified": "yes"})
    assert response.status_code == 403
    assert complaint.events.count() == 3


def test_an_extension_beyond_wales_limit_is_refused_naming_the_rule(council: Council, manager: User) -> None:
    runs(council, CHILDREN_WALES)
    complaint = import_history(council, manager, _wales_history())
    response = record(signed_in(manager), complaint, "wales.investigation-extended",
                      {**date_of("2024-06-03"), "to_wd": "80", "reason": "Leave", "notified": "yes"})
    assert response.status_code == 200
    assert "can be extended to between 26 and 65 working days, not 80" in response.content.decode()
    assert complaint.events.count() == 3


# --- bad input: another procedure's event or clock -------------------------------------------------------


def test_an_event_of_another_procedure_is_refused_naming_it_and_nothing_is_saved(council: Council, officer: User) -> None:
    complaint = import_history(council, officer)  # children-england
    response = record(signed_in(officer), complaint, "adults.responded",
                      {**date_of("2024-06-20"), "finding_P1": "upheld", "finding_P2": "upheld", "ombudsman_rights": "yes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "&quot;Response sent&quot; is not an event of the procedure children-england" in page
    assert complaint.events.count() == 4


def test_extending_a_clock_of_another_procedure_is_refused(council: Council, officer: User) -> None:
    runs(council, ADULTS_ENGLAND)
    complaint = import_history(council, officer, _adults_history())
    with pytest.raises(DomainError, match=r"stage1\.extended is not an event of the procedure adults-england"):
        complaint_record_event(complaint=complaint, event={"date": "2024-05-07", "type": "stage1.extended",
                                                           "reason": "Complex"}, by=officer, today=TODAY)
    assert complaint.events.count() == 1


# --- moving a complaint to another procedure ---------------------------------------------------------------


def test_only_a_manager_may_move_a_complaint_to_another_procedure(council: Council, officer: User) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    complaint = import_history(council, officer)
    url = reverse("complaints:record", args=[complaint.pk, "procedure.changed"])
    assert signed_in(officer).get(url).status_code == 403
    with pytest.raises(PermissionDenied, match="Only a complaints manager can move to another procedure"):
        complaint_record_event(complaint=complaint, event={"date": "2024-06-20", "type": "procedure.changed",
                                                           "to": ADULTS_ENGLAND, "reason": "About adult care"},
                               by=officer, today=TODAY)


def test_the_move_form_offers_only_the_councils_other_procedures(council: Council, manager: User) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    complaint = import_history(council, manager)
    page = signed_in(manager).get(reverse("complaints:record", args=[complaint.pk, "procedure.changed"])).content.decode()
    assert "Move to another procedure" in page
    assert 'value="adults-england"' in page
    assert 'value="children-england"' not in page and 'value="children-wales"' not in page


@pytest.mark.parametrize(("to", "words"), [(CHILDREN_WALES, "your council does not run the procedure children-wales"),
                                           ("housing-rules", "there is no procedure 'housing-rules'")])
def test_a_move_to_a_procedure_the_council_does_not_run_is_refused_and_nothing_saved(
    council: Council, manager: User, to: str, words: str
) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    complaint = import_history(council, manager)
    with pytest.raises(InvalidEvent, match=words) as refused:
        complaint_record_event(complaint=complaint, event={"date": "2024-06-20", "type": "procedure.changed", "to": to,
                                                           "reason": "Wrong procedure"}, by=manager, today=TODAY)
    assert refused.value.status == 422
    assert complaint.events.count() == 4
    posted = signed_in(manager).post(reverse("complaints:record", args=[complaint.pk, "procedure.changed"]),
                                     {**date_of("2024-06-20"), "to": to, "reason": "Wrong procedure"})
    assert "Select the procedure to move it to" in posted.content.decode()  # the form offers only the council's
    assert complaint.events.count() == 4


@pytest.mark.skipif("procedure.changed" not in EVENT_FIELDS, reason="the core's procedure.changed is not merged yet")
def test_a_manager_moves_a_complaint_and_the_caseload_follows(council: Council, manager: User) -> None:
    runs(council, "children-england", ADULTS_ENGLAND)
    complaint = import_history(council, manager)
    client = signed_in(manager)
    response = client.post(reverse("complaints:record", args=[complaint.pk, "procedure.changed"]),
                           {**date_of("2024-06-20"), "to": ADULTS_ENGLAND, "reason": "It is about adult care"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert complaint.events.order_by("-sequence").first().data == {
        "date": "2024-06-20", "type": "procedure.changed", "to": ADULTS_ENGLAND, "reason": "It is about adult care"}
    complaint.refresh_from_db()
    assert (complaint.procedure, complaint.projection.procedure) == ("children-england", ADULTS_ENGLAND)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Moved from Children&#x27;s social care complaints (England)" in page
    assert "Moved to: Adult social care complaints (England)" in page
    listed = client.get(reverse("complaints:caseload"), {"procedure": ADULTS_ENGLAND}).content.decode()
    assert complaint.reference in listed


def test_a_case_file_moving_to_a_procedure_the_council_does_not_run_is_refused(council: Council, manager: User) -> None:
    history = _adults_history()
    history["events"].append({"date": "2024-05-07", "type": "procedure.changed", "to": CHILDREN_WALES, "reason": "x"})
    runs(council, ADULTS_ENGLAND)
    with pytest.raises(InvalidEvent, match=r"Event 2 \(procedure.changed\): your council does not run the procedure"):
        import_history(council, manager, history)
    assert not Complaint.objects.exists()


# --- helpers --------------------------------------------------------------------------------------------


def _replayed(complaint: Complaint) -> dict[str, Any]:
    """The report `redress replay --json` gives for the complaint's case file, as of TODAY."""
    return replay(selectors.complaint_case(complaint), today=TODAY).to_json()  # the procedure's nation's calendar


def _adults_history() -> dict[str, Any]:
    return {"procedure": ADULTS_ENGLAND,
            "points": [{"id": "P1", "text": "The care package was cut", "about": "decision"}],
            "events": [{"date": "2024-05-03", "type": "complaint.received", "complainant": {"role": "other"}}]}


def _wales_history() -> dict[str, Any]:
    return {"procedure": CHILDREN_WALES,
            "points": [{"id": "P1", "text": "The pathway plan was never shared", "about": "communication"}],
            "events": [{"date": "2024-05-03", "type": "complaint.received", "complainant": {"role": "care-leaver"}},
                       {"date": "2024-05-07", "type": "wales.acknowledged"},
                       {"date": "2024-05-09", "type": "wales.investigation-requested"}]}
