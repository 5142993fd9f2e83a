"""The reminder pages: Due soon on the caseload and home page, the failures page, your reminders."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.councils.models import AuditEntry, Council, User
from redress.reminders.models import ReminderPreference
from redress.reminders.run import daily_run
from tests.complaints.conftest import on_today, signed_in  # noqa: F401 - on_today is a fixture
from tests.reminders.conftest import FakeChannel, received_complaint

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("on_today")
def test_due_soon_shows_on_the_caseload_and_my_work(council: Council, manager: User, officer: User) -> None:
    complaint = received_complaint(council, manager, officer=officer)  # due 17 June: overdue on 1 July
    caseload = signed_in(officer).get("/complaints/").content.decode()
    due_soon = caseload[caseload.index('id="due-soon-heading"'):caseload.index("</table>")]
    assert complaint.reference in due_soon and "Overdue by 10 working days" in due_soon
    assert "Stage 1 response" in due_soon and 'href="/reminders/due-soon/"' in caseload
    page = signed_in(officer).get("/reminders/due-soon/").content.decode()
    assert 'id="due-soon"' in page and complaint.reference in page and "Overdue by 10 working days" in page
    home = signed_in(officer).get("/").content.decode()
    assert "My work: due soon" in home and complaint.reference in home
    assert "Nothing is due" in signed_in(manager).get("/").content.decode()  # not the manager's complaint


@pytest.mark.usefixtures("on_today")
def test_the_caseload_s_due_soon_keeps_to_the_caseload_s_filters(
        council: Council, other_council: Council, manager: User, officer: User, other_officer: User) -> None:
    mine = received_complaint(council, manager, officer=officer)
    theirs = received_complaint(council, manager, officer=manager)
    elsewhere = received_complaint(other_council, other_officer, officer=other_officer)
    everyone = signed_in(officer).get("/complaints/").content.decode()
    assert mine.reference in everyone and theirs.reference in everyone and elsewhere.reference not in everyone
    only_mine = signed_in(officer).get("/complaints/?officer=me").content.decode()
    assert only_mine.count(mine.reference) >= 2  # in Due soon and in the caseload's rows
    assert theirs.reference not in only_mine
    closed = signed_in(officer).get("/complaints/?status=closed").content.decode()
    assert "Nothing is due within the reminder thresholds" in closed and mine.reference not in closed


def test_the_failures_page_shows_each_failure_with_its_error_to_managers_only(
        council: Council, other_council: Council, manager: User, officer: User, other_officer: User) -> None:
    complaint = received_complaint(council, manager, officer=officer)
    channel = FakeChannel()
    channel.fail = {officer.email}
    daily_run(today=dt.date(2024, 6, 18), channel=channel)
    response = signed_in(manager).get("/reminders/failures/")
    page = response.content.decode()
    assert response.status_code == 200 and complaint.reference in page and "connection refused" in page
    assert signed_in(officer).get("/reminders/failures/").status_code == 403
    other = make_manager(other_council)
    assert complaint.reference not in signed_in(other).get("/reminders/failures/").content.decode()


def make_manager(council: Council) -> User:
    from redress.councils.models import Role
    from tests.conftest import make_user

    return make_user(council, Role.MANAGER, "boss@elsewhere.example")


def test_a_person_chooses_a_digest_and_pauses_their_reminders(council: Council, officer: User) -> None:
    client = signed_in(officer)
    assert client.get("/reminders/").status_code == 200
    response = client.post("/reminders/", {"delivery": "digest", "paused": "yes"})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=officer)
    assert (preference.delivery, preference.paused) == ("digest", True)
    assert AuditEntry.objects.filter(action="reminders.preference-changed", object_id=str(officer.pk)).exists()
    bad = client.post("/reminders/", {"delivery": "pigeon"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()
    assert ReminderPreference.objects.get(user=officer).delivery == "digest"


def test_settings_the_run_could_not_use_are_on_the_failures_page(
        council: Council, other_council: Council, manager: User, officer: User) -> None:
    from django.test import override_settings

    received_complaint(council, manager, officer=officer)
    setting = f'{{"nowhere": {{"clock_due": [5]}}, "{council.slug}": {{"offer_ending": [-3]}}}}'
    with override_settings(REDRESS_REMINDER_THRESHOLDS=setting):
        summary = daily_run(today=dt.date(2024, 6, 10), channel=FakeChannel())
    assert summary.sent == 1  # the run went on, with the defaults
    page = signed_in(manager).get("/reminders/failures/").content.decode()
    problems = page[page.index('id="problems"'):page.index("</ul>", page.index('id="problems"'))]
    assert "names a council &#x27;nowhere&#x27; that does not exist; it is ignored" in problems
    assert "Northshire County Council&#x27;s reminder thresholds: offer_ending" in problems
    assert "the defaults are used" in problems
    elsewhere = signed_in(make_manager(other_council)).get("/reminders/failures/").content.decode()
    assert "nowhere" in elsewhere and "Northshire County Council" not in elsewhere
