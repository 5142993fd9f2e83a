"""The daily run: each reminder exactly once through time, to the right people, retried when a send fails."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from redress.councils.models import Council, User
from redress.reminders.channels import EmailChannel
from redress.reminders.models import ReminderPreference, RunProblem, SendStatus, SentReminder
from redress.reminders.run import daily_run
from tests.reminders.conftest import FakeChannel, received_complaint

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2024, 6, 3, 7, 0, tzinfo=dt.UTC)


def _days(first: str, last: str):
    day = dt.date.fromisoformat(first)
    while day <= dt.date.fromisoformat(last):
        yield day
        day += dt.timedelta(days=1)


def test_driven_through_time_each_reminder_is_sent_exactly_once(council: Council, manager: User, officer: User) -> None:
    complaint = received_complaint(council, manager, officer=officer)
    channel = FakeChannel()
    for day in _days("2024-06-03", "2024-07-03"):
        now = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
        daily_run(today=day, channel=channel, now=now)
        again = daily_run(today=day, channel=channel, now=now)
        assert (again.sent, again.failed) == (0, 0)
    keys = list(SentReminder.objects.filter(complaint=complaint).values_list("threshold", "role", "day", "status"))
    assert sorted(keys) == sorted([
        ("5", "officer", dt.date(2024, 6, 17), "sent"), ("2", "officer", dt.date(2024, 6, 17), "sent"),
        ("0", "officer", dt.date(2024, 6, 17), "sent"),
        *[("overdue", role, day, "sent") for role in ("officer", "managers")
          for day in (dt.date(2024, 6, 18), dt.date(2024, 6, 25), dt.date(2024, 7, 2))],
    ])
    officer_mail = [m for m in channel.sent if m.to == officer.email]
    assert len(officer_mail) == 6 and "due in 5 working days (17 Jun 2024)" in officer_mail[0].body
    digests = [m for m in channel.sent if m.to == manager.email]
    assert len(digests) == 3 and all("1 complaint reminder today" in m.subject for m in digests)


def test_a_second_run_the_same_day_says_it_sent_nothing_new(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    out = io.StringIO()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("daily", "--today", "2024-06-18", stdout=out)
        call_command("daily", "--today", "2024-06-18", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "sent 2, already sent 0, failed 0"
    assert lines[-1] == "sent 0, already sent 2, failed 0"
    assert sorted(m.to[0] for m in mail.outbox) == [manager.email, officer.email]


def test_a_dry_run_sends_and_records_nothing(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    channel = FakeChannel()
    summary = daily_run(today=dt.date(2024, 6, 18), dry_run=True, channel=channel)
    assert summary.would_send == 2 and channel.sent == [] and not SentReminder.objects.exists()
    assert summary.last_line.startswith("dry run, nothing sent: would send 2;")


def test_an_officer_who_chose_the_digest_gets_one_email(council: Council, manager: User, officer: User) -> None:
    for _ in range(2):
        received_complaint(council, manager, officer=officer)
    ReminderPreference.objects.create(user=officer, delivery="digest")
    channel = FakeChannel()
    daily_run(today=dt.date(2024, 6, 10), channel=channel, now=NOW)
    [digest] = [m for m in channel.sent if m.to == officer.email]
    assert digest.subject == "Redress: 2 complaint reminders today"


def test_a_paused_officer_is_not_told_and_their_manager_is(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    ReminderPreference.objects.create(user=officer, paused=True)
    channel = FakeChannel()
    daily_run(today=dt.date(2024, 6, 10), channel=channel, now=NOW)
    assert [m.to for m in channel.sent] == [manager.email]
    assert "is away: their reminders come to you" in channel.sent[0].body


def test_managers_get_nothing_when_there_is_nothing(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    channel = FakeChannel()
    summary = daily_run(today=dt.date(2024, 6, 4), channel=channel, now=NOW)
    assert channel.sent == [] and summary.last_line == "sent 0, already sent 0, failed 0"


def test_a_failed_send_is_kept_and_retried_with_backoff_and_a_refused_one_is_not(
        council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    channel = FakeChannel()
    channel.fail, channel.refuse = {officer.email}, {manager.email}
    out: list[str] = []
    first = daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW, say=out.append)
    assert first.last_line == "sent 0, already sent 0, failed 2"
    assert any("550 no such user" in line for line in out)
    failed = SentReminder.objects.get(user=officer)
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (SendStatus.FAILED, 1, NOW + dt.timedelta(minutes=5))
    assert SentReminder.objects.get(user=manager).status == SendStatus.BOUNCED
    channel.fail = set()
    too_soon = daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW + dt.timedelta(minutes=1))
    assert (too_soon.sent, too_soon.already_sent) == (0, 2)
    later = daily_run(today=dt.date(2024, 6, 18), channel=channel, now=NOW + dt.timedelta(minutes=6))
    assert later.sent == 1 and [m.to for m in channel.sent] == [officer.email]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (SendStatus.SENT, 2)


def test_bad_settings_are_reported_and_the_run_goes_on(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    setting = f'{{"nowhere": {{"clock_due": [5]}}, "{council.slug}": {{"clock_due": "soon"}}}}'
    out: list[str] = []
    with override_settings(REDRESS_REMINDER_THRESHOLDS=setting):
        summary = daily_run(today=dt.date(2024, 6, 10), channel=FakeChannel(), now=NOW, say=out.append)
    assert summary.sent == 1  # the defaults: 5 working days before
    assert "problem: REDRESS_REMINDER_THRESHOLDS names a council 'nowhere' that does not exist; it is ignored" in out
    assert any("reminder thresholds: clock_due must be a list" in line for line in out)
    assert RunProblem.objects.filter(council=council).count() == 1


def test_email_goes_through_django_s_backend(council: Council, manager: User, officer: User) -> None:
    received_complaint(council, manager, officer=officer)
    daily_run(today=dt.date(2024, 6, 10), channel=EmailChannel(), now=NOW)
    [message] = mail.outbox
    assert message.to == [officer.email] and "Stage 1 response: due in 5 working days" in message.body


def test_another_council_s_complaints_are_not_reminded_to_this_council(
        council: Council, other_council: Council, manager: User, officer: User, other_officer: User) -> None:
    received_complaint(other_council, other_officer, officer=other_officer)
    channel = FakeChannel()
    daily_run(today=dt.date(2024, 6, 10), channel=channel, now=NOW)
    assert [m.to for m in channel.sent] == [other_officer.email]


def test_the_replays_spread_over_processes_give_the_same_reminders(council: Council, manager: User,
                                                                    officer: User) -> None:
    for _ in range(3):
        received_complaint(council, manager, officer=officer)
    received_complaint(council, manager, officer=None)
    alone, spread = FakeChannel(), FakeChannel()
    one = daily_run(today=dt.date(2024, 6, 18), channel=alone, now=NOW, dry_run=True)
    two = daily_run(today=dt.date(2024, 6, 18), channel=spread, now=NOW, dry_run=True, jobs=2)
    # three overdue to the officer and the managers; the unassigned one's overdue and no-officer to the managers
    assert one.lines == two.lines and one.would_send == two.would_send == 8
    out = io.StringIO()
    call_command("daily", "--today", "2024-06-18", "--jobs", "2", stdout=out)
    assert out.getvalue().splitlines()[-1] == "sent 8, already sent 0, failed 0"


def test_a_complainant_s_window_ending_is_told_even_with_the_council_s_next_deadline_far_off(
        council: Council, manager: User, officer: User) -> None:
    from redress.complaints.services import complaint_import
    from tests.reminders.conftest import RECEIVED

    data = {**RECEIVED, "events": [
        *RECEIVED["events"],
        {"date": "2024-06-14", "type": "stage1.responded", "findings": {"P1": "upheld"}},
        {"date": "2024-06-14", "type": "action.agreed", "id": "A1", "what": "Review the plan", "due": "3 months"},
    ]}
    complaint_import(council=council, by=manager, data=data, today=dt.date(2024, 6, 14), officer=officer)
    channel = FakeChannel()
    daily_run(today=dt.date(2024, 7, 12), channel=channel, now=NOW)  # 20 working days after the response
    [message] = channel.sent
    assert message.to == officer.email
    assert ("Window to ask for Stage 2 (the complainant's time; for information): due today (12 Jul 2024)"
            in message.body)
