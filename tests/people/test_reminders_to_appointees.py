"""The daily run tells the people appointed to a complaint of their own deadlines, once each, with a link
to their own page (issue 12, once the register exists)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from redress.complaints import selectors
from redress.complaints.models import Complaint
from redress.complaints.services import complaint_record_event
from redress.councils.models import Council, User
from redress.people.models import Person
from redress.reminders.models import ReminderPreference, SentReminder
from redress.reminders.run import daily_run
from tests.complaints.conftest import TODAY, import_history, signed_in
from tests.people.conftest import appointed_user
from tests.reminders.conftest import FakeChannel

pytestmark = pytest.mark.django_db


def _appoint(complaint: Complaint, manager: User, role: str, person: Person) -> None:
    complaint_record_event(complaint=complaint, by=manager, today=TODAY, event={
        "date": "2024-02-13", "type": "stage2.appointed", "role": role, "person": person.name})


def _run_days(first: dt.date, last: dt.date, channel: FakeChannel) -> None:
    day = first
    while day <= last:
        now = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
        daily_run(today=day, channel=channel, now=now)
        assert daily_run(today=day, channel=channel, now=now).sent == 0  # a second run the same day: nothing new
        day += dt.timedelta(days=1)


def test_the_io_and_ip_are_told_of_stage_2_s_response_each_reminder_once(
        manager: User, council: Council, register: dict[str, Person]) -> None:
    mine, other = import_history(council, manager), import_history(council, manager)
    _appoint(mine, manager, "io", register["io2"])
    _appoint(mine, manager, "ip", register["ip"])
    _appoint(other, manager, "io", register["io"])  # appointed, but with no sign-in: told nothing
    io, ip = appointed_user(register["io2"], "io@northshire.example"), appointed_user(register["ip"], "ip@northshire.example")
    due = selectors.complaint_report(mine, today=TODAY).report.clock("stage2.response").due
    assert due is not None

    channel = FakeChannel()
    _run_days(due - dt.timedelta(days=10), due + dt.timedelta(days=1), channel)

    for user, role in ((io, "io"), (ip, "ip")):
        got = [m for m in channel.sent if m.to == user.email]
        assert len(got) == 4, [m.subject for m in got]  # 5, 2 and 0 working days ahead, then overdue
        assert all(mine.reference in m.body and f"/work/{mine.pk}/" in m.body for m in got)
        assert all(other.reference not in m.body and "/complaints/" not in m.body for m in got)
        assert all("Your reminders" not in m.body for m in got)  # a page they cannot reach
        rows = SentReminder.objects.filter(user=user)
        assert sorted(rows.values_list("threshold", flat=True)) == ["0", "2", "5", "overdue"]
        assert set(rows.values_list("role", flat=True)) == {f"appointed:{role}"}
        assert set(rows.values_list("complaint_id", flat=True)) == {mine.pk}


def test_a_replaced_or_paused_appointee_is_told_nothing(manager: User, council: Council,
                                                         register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    _appoint(complaint, manager, "io", register["io2"])
    _appoint(complaint, manager, "ip", register["ip"])
    complaint_record_event(complaint=complaint, by=manager, today=TODAY, event={
        "date": "2024-02-14", "type": "stage2.appointed", "role": "io", "person": register["io"].name,
        "replaces": register["io2"].name})
    replaced = appointed_user(register["io2"], "io@northshire.example")
    paused = appointed_user(register["ip"], "ip@northshire.example")
    ReminderPreference.objects.create(user=paused, paused=True)
    due = selectors.complaint_report(complaint, today=TODAY).report.clock("stage2.response").due
    assert due is not None

    channel = FakeChannel()
    _run_days(due, due, channel)

    assert channel.sent and not [m for m in channel.sent if m.to in {replaced.email, paused.email}]


def test_my_work_s_due_soon_keeps_to_the_council_s_thresholds(manager: User, council: Council,
                                                               register: dict[str, Person]) -> None:
    complaint = import_history(council, manager)
    _appoint(complaint, manager, "io", register["io2"])
    io = appointed_user(register["io2"], "io@northshire.example")
    due = selectors.complaint_report(complaint, today=TODAY).report.clock("stage2.response").due
    assert due is not None
    for day, listed in ((dt.date(2024, 2, 14), False), (due - dt.timedelta(days=2), True), (due + dt.timedelta(days=3), True)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC), tick=False):
            page = signed_in(io).get("/work/").content.decode()
        assert complaint.reference in page  # the appointment itself is always listed
        assert ("<h2 class=\"govuk-heading-m\">Due soon</h2>" in page) is listed, day
