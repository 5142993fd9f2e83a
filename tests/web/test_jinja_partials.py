"""The Jinja2 partials (redress/web/jinja.py) of the caseload and the timeline: escaped, and saying what they said."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.complaints.models import Projection
from redress.complaints.pages import CaseloadRow, caseload_rows
from redress.complaints.services import complaint_create, complaint_record_event
from redress.councils.models import Council, User
from tests.complaints.conftest import TODAY, on_today, signed_in  # noqa: F401 - on_today is a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_today")]

SCRIPT = '<script>alert("x")</script>'


def _complaint(council: Council, by: User, **names: str):  # type: ignore[no-untyped-def]
    return complaint_create(
        council=council, by=by, complainant_name=names.get("complainant", "Ann Smith"), complainant_role="parent",
        child_name=names.get("child", "Ben Smith"), points=[{"id": "P1", "text": "A delay", "about": "delay"}],
        received_on=dt.date(2024, 6, 3), today=TODAY, officer=by)


def test_the_caseload_rows_escape_what_people_typed(council: Council, officer: User) -> None:
    complaint = _complaint(council, officer, complainant=SCRIPT, child=f"{SCRIPT} & co")
    page = signed_in(officer).get("/complaints/").content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page  # markupsafe's escape of the name
    assert f'href="/complaints/{complaint.pk}/">{complaint.reference}</a>' in page
    assert "&amp; co" in page


def test_a_caseload_row_says_its_deadline_warnings_and_state(council: Council, officer: User) -> None:
    complaint = _complaint(council, officer)
    row = caseload_rows([Projection.objects.select_related("complaint", "officer").get(pk=complaint.pk)],
                        council=council, today=TODAY)[0]
    assert row.deadline == ("Mon 17 Jun 2024", "Stage 1 response")
    assert row.warnings_text == "1 fault"  # the Stage 1 response is late
    assert '<td class="govuk-table__cell" data-label="Warnings">1 fault</td>' in signed_in(officer).get(
        "/complaints/").content.decode()
    assert [CaseloadRow(Projection(faults=f, risks=r), None, "grey").warnings_text for f, r in ((2, 1), (0, 0), (0, 2))] == [
        "2 faults, 1 risk", "None", "2 risks"]
    assert row.state_tag == "" and row.days_left_text == "10 working days overdue"
    page = signed_in(officer).get("/complaints/").content.decode()
    assert ('<td class="govuk-table__cell" data-label="Next deadline">Mon 17 Jun 2024<br>'
            '<span class="govuk-hint govuk-!-font-size-16">Stage 1 response</span></td>') in page
    assert '<strong class="govuk-tag govuk-tag--red">10 working days overdue</strong>' in page
    complaint_record_event(complaint=complaint, by=officer, today=TODAY,
                           event={"date": "2024-07-01", "type": "complaint.withdrawn"})
    row = caseload_rows([Projection.objects.select_related("complaint", "officer").get(pk=complaint.pk)],
                        council=council, today=TODAY)[0]
    assert row.state_tag == "withdrawn" and row.deadline == ("—", "")


def test_a_select_box_marks_the_value_chosen(council: Council, officer: User) -> None:
    page = signed_in(officer).get("/complaints/?status=closed").content.decode()
    assert '<option value="closed" selected>' in page and '<option value="open" selected>' not in page
    assert page.count(" selected>") >= 1


def test_the_timeline_escapes_a_note_and_names_who_recorded_each_event(council: Council, manager: User) -> None:
    complaint = _complaint(council, manager)
    complaint_record_event(complaint=complaint, by=manager, today=TODAY,
                           event={"date": "2024-06-04", "type": "stage1.extended", "reason": "Complex",
                                  "note": "<b>Phoned</b> the parent"})
    page = signed_in(manager).get(f"/complaints/{complaint.pk}/").content.decode()
    timeline = page[page.index('id="timeline"'):]
    assert "<b>Phoned</b>" not in timeline and "Note: &lt;b&gt;Phoned&lt;/b&gt; the parent" in timeline
    assert f"Recorded by {manager} on 1 Jul 2024" in timeline
    assert timeline.count("Correct or remove this event") == 2  # a manager's link on each event


def test_the_partials_filters_say_what_django_s_say() -> None:
    from django.template.defaultfilters import capfirst as django_capfirst
    from django.template.defaultfilters import date as django_date
    from django.utils import timezone

    from redress.web.jinja import capfirst, pluralize, short_date

    late_evening = dt.datetime(2024, 7, 1, 23, 30, tzinfo=dt.UTC)  # already 2 July in London
    for moment in (late_evening, dt.datetime(2024, 1, 31, 12, tzinfo=dt.UTC), dt.datetime(2024, 12, 9, tzinfo=dt.UTC)):
        assert short_date(moment) == django_date(timezone.localtime(moment), "j M Y")
    assert short_date(late_evening) == "2 Jul 2024" and short_date(None) == ""
    assert [capfirst(w) for w in ("overdue", "", "iP")] == [django_capfirst(w) for w in ("overdue", "", "iP")]
    assert [pluralize(n) for n in (0, 1, 2)] == ["s", "", "s"]

