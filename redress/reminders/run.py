"""The daily run: for every open complaint of every council, what is due, sent once, retried until it goes.

1. One SQL pass over the projections picks each council's candidates: open complaints with a council
   deadline within reach of the largest threshold (or past), no deadline of the council's (the
   complainant's window), an event recent enough for a complainant's window to be running, no
   officer, at Stage 3, or with an offer made. Only those are replayed.
2. The core (`redress.core.reminders`) says what each calls for today; recipients are resolved to
   people (a paused or switched-off officer's reminders go to the council's managers).
3. Each (complaint, reminder, threshold, recipient, day) is claimed by inserting it into the sent
   log; the unique constraint means two runs at once never both claim one. What this run claimed is
   sent (digests grouped by person), and so is anything an earlier run failed to send whose retry is due.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from redress.complaints.models import Event, Projection
from redress.complaints.projections import _read_chunk as read_histories
from redress.core.calendar import CalendarError, calendar_with
from redress.core.clocks import CLOCKS
from redress.core.engine import RuleViolation, replay
from redress.core.events import CaseFileError, parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.reminders import (
    DEFAULT_THRESHOLDS,
    MANAGERS,
    OFFICER,
    Reminder,
    Subject,
    ThresholdError,
    Thresholds,
    reminders_for,
    thresholds_from,
)
from redress.councils.models import Council, Role, User
from redress.councils.selectors import council_calendar
from redress.people.access import appointed_users
from redress.reminders.channels import Channel, Outgoing, SendError, configured_channel
from redress.reminders.models import (
    DailyRun,
    Delivery,
    ReminderPreference,
    RunProblem,
    SendStatus,
    SentReminder,
)

CHUNK = 2000
WINDOW_REACH_WD = max(max(c.limit_wd, c.extended_wd or 0, c.max_wd or 0) for c in CLOCKS.values() if c.complainants_window)
"""The longest complainant's window of any procedure, in working days."""
LEASE = dt.timedelta(hours=1)  # a claim not sent by then (the run died) is tried again
BACKOFF_MINUTES = (5, 30, 120, 720, 1440)


@dataclass
class RunSummary:
    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    would_send: int = 0
    dry_run: bool = False
    lines: list[str] = field(default_factory=list)

    @property
    def last_line(self) -> str:
        counts = f"sent {self.sent}, already sent {self.already_sent}, failed {self.failed}"
        return f"dry run, nothing sent: would send {self.would_send}; {counts}" if self.dry_run else counts


@dataclass(frozen=True, slots=True)
class Target:
    """A reminder resolved to one person."""

    reminder: Reminder
    council_id: int
    user: User
    role: str
    message: str
    digest: bool

    @property
    def key(self) -> tuple[int, str, str, str, dt.date]:
        r = self.reminder
        return (r.complaint_id, r.reminder, r.threshold, f"user:{self.user.pk}", r.day)


def daily_run(*, today: dt.date, dry_run: bool = False, channel: Channel | None = None,
              now: dt.datetime | None = None, source: str = "command",
              say: Callable[[str], None] | None = None, jobs: int = 1) -> RunSummary:
    """Work out and send every council's reminders for `today`; `say` hears each line of the run's report.

    `jobs`: how many processes replay the histories (`redress daily --jobs`).
    """
    now = now or timezone.now()
    summary = RunSummary(dry_run=dry_run)

    def report(line: str) -> None:
        summary.lines.append(line)
        if say is not None:
            say(line)

    run = None if dry_run else DailyRun.objects.create(today=today, source=source)
    councils = list(Council.objects.order_by("pk"))
    thresholds, problems = council_thresholds(councils, settings.REDRESS_REMINDER_THRESHOLDS)
    for council_id, message in problems:
        report(f"problem: {message}")
        if run is not None:
            RunProblem.objects.create(run=run, council_id=council_id, message=message)
    for council in councils:
        targets = council_targets(council, thresholds.get(council.pk, DEFAULT_THRESHOLDS), today, report, jobs)
        fresh = _not_yet_logged(targets)
        summary.already_sent += len(targets) - len(fresh)
        if dry_run:
            summary.would_send += len(fresh)
            for target in fresh:
                report(f"would send to {target.user.email}: {target.message}")
        else:
            assert run is not None
            summary.already_sent += len(fresh) - _claim(fresh, run)
    if run is not None:
        rows = _claimed(SentReminder.objects.filter(run=run, status=SendStatus.SENDING))
        rows += _retries_due(now, run)
        _send(rows, channel or configured_channel(), now, summary, report)
        DailyRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), sent=summary.sent,
                                                  already_sent=summary.already_sent, failed=summary.failed)
    report(summary.last_line)
    return summary


def council_thresholds(councils: Sequence[Council], raw: str) -> tuple[dict[int, Thresholds], list[tuple[int | None, str]]]:
    """Each council's thresholds from the setting (JSON by council slug), and what could not be used."""
    if not raw.strip():
        return {}, []
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return {}, [(None, f"REDRESS_REMINDER_THRESHOLDS is not JSON ({error}); every council uses the default thresholds")]
    if not isinstance(data, dict):
        return {}, [(None, "REDRESS_REMINDER_THRESHOLDS must map council slugs to thresholds; every council uses the defaults")]
    by_slug = {council.slug: council for council in councils}
    found: dict[int, Thresholds] = {}
    problems: list[tuple[int | None, str]] = []
    for slug, values in data.items():
        council = by_slug.get(slug)
        if council is None:
            problems.append((None, f"REDRESS_REMINDER_THRESHOLDS names a council {slug!r} that does not exist; it is ignored"))
            continue
        try:
            found[council.pk] = thresholds_from(values)
        except ThresholdError as error:
            problems.append((council.pk, f"{council.name}'s reminder thresholds: {error}; the defaults are used"))
    return found, problems


def candidates(council: Council, thresholds: Thresholds, today: dt.date) -> list[int]:
    """The one SQL pass: the council's open complaints that may call for a reminder today."""
    # A calendar-day reach safely beyond the largest threshold in working days, holidays included.
    horizon = today + dt.timedelta(days=thresholds.lookahead_wd * 7 // 5 + 12)
    offered = Exists(Event.objects.filter(complaint_id=OuterRef("complaint_id"), type="offer.made"))
    reach = Q(next_due__lte=horizon) | Q(next_due__isnull=True) | Q(officer__isnull=True) | Q(stage=3) | Q(offered)
    if thresholds.window_ending:
        # A complainant's window still running began with an event no longer ago than the longest window.
        reach |= Q(last_event_on__gte=today - dt.timedelta(days=WINDOW_REACH_WD * 7 // 5 + 12))
    rows = Projection.objects.filter(council=council, status="open", received_on__lte=today).filter(reach)
    return list(rows.order_by("complaint_id").values_list("complaint_id", flat=True))


def council_reminders(council: Council, thresholds: Thresholds, today: dt.date,
                      report: Callable[[str], None], jobs: int = 1) -> Iterable[tuple[Reminder, str, int | None]]:
    """Every reminder of the council's candidates today, with the complaint's reference and officer.

    With `jobs` above 1 the replays run in that many worker processes while this one reads the next
    chunk of histories (as `rebuild-projections` does; for the command line, not for requests).
    """
    days = sorted(council_calendar(council).council_days.items())
    with _judges(jobs, days, thresholds, today) as judge:
        pending: tuple[list[Any], Iterable[tuple[list[Reminder], str | None]]] | None = None
        for chunk in [*_batches(candidates(council, thresholds, today), CHUNK), []]:
            items = read_histories(chunk) if chunk else []
            work = judge(items) if items else iter(())
            if pending is not None:
                for (complaint, _), (found, problem) in zip(pending[0], pending[1], strict=True):
                    if problem is not None:
                        report(f"problem: {problem}")
                    for reminder in found:
                        yield reminder, complaint.reference, complaint.officer_id
            pending = (items, work)


_worker: dict[str, Any] = {}


def _start_judge(council_days: list[tuple[dt.date, str]], thresholds: Thresholds, today: dt.date) -> None:
    _worker.clear()
    _worker.update(calendar=calendar_with(council_days), thresholds=thresholds, today=today)


def _judge(item: tuple[Any, list[dict[str, Any]]]) -> tuple[list[Reminder], str | None]:
    """One complaint's reminders today, or why it could not be replayed: pure computation (it may run in a worker)."""
    complaint, events = item
    today, thresholds = _worker["today"], _worker["thresholds"]
    try:
        case = parse_case({"procedure": complaint.procedure, "points": complaint.points, "events": events})
        calendar = _worker["calendar"].in_nation(procedure_named(case.procedure).nation)
        result = replay(case, today=today, calendar=calendar)
        subject = Subject(complaint.pk, complaint.officer_id is not None, case.events[0].date, case.events)
        return reminders_for(subject, result, thresholds=thresholds, today=today, calendar=calendar), None
    except (CaseFileError, RuleViolation, CalendarError) as error:
        return [], f"{complaint.reference} could not be replayed: {error}"


@contextmanager
def _judges(jobs: int, council_days: list[tuple[dt.date, str]], thresholds: Thresholds,
            today: dt.date) -> Iterator[Callable[[list[Any]], Iterable[tuple[list[Reminder], str | None]]]]:
    """A function from a chunk of histories to their reminders: here, or spread over `jobs` worker processes."""
    if jobs <= 1:
        _start_judge(council_days, thresholds, today)
        yield lambda items: [_judge(item) for item in items]
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_judge,
                             initargs=(council_days, thresholds, today)) as pool:
        yield lambda items: pool.map(_judge, items, chunksize=max(1, len(items) // (jobs * 4)))


def council_targets(council: Council, thresholds: Thresholds, today: dt.date,
                    report: Callable[[str], None], jobs: int = 1) -> list[Target]:
    """The council's reminders for today, each resolved to the people who are told."""
    people = {user.pk: user for user in User.objects.filter(council=council)}
    preferences = {p.user_id: p for p in ReminderPreference.objects.filter(user__council=council)}

    def away(user: User) -> bool:
        return not user.is_active or (user.pk in preferences and preferences[user.pk].paused)

    managers = [u for u in people.values() if u.role == Role.MANAGER and not away(u)]
    appointees = appointed_users(council.pk)
    targets: dict[tuple[int, str, str, str, dt.date], Target] = {}
    for reminder, reference, officer_id in council_reminders(council, thresholds, today, report, jobs):
        message = f"{reference}: {reminder.message}"
        officer = people.get(officer_id) if officer_id is not None else None
        if reminder.recipient == OFFICER and officer is not None and not away(officer):
            preference = preferences.get(officer.pk)
            chosen = [Target(reminder, council.pk, officer, OFFICER, message,
                             preference is not None and preference.delivery == Delivery.DIGEST)]
        elif reminder.recipient == OFFICER and officer is not None:
            note = f"{message} ({officer} is away: their reminders come to you)"
            chosen = [Target(reminder, council.pk, m, "officer-away", note, True) for m in managers if m != officer]
        elif reminder.recipient in {OFFICER, MANAGERS}:
            chosen = [Target(reminder, council.pk, m, MANAGERS, message, True) for m in managers]
        else:
            chosen = []
        chosen += _to_appointees(reminder, council.pk, message, appointees.get(reminder.complaint_id, ()),
                                 preferences, away)
        for target in chosen:
            targets.setdefault(target.key, target)
    return list(targets.values())


def _to_appointees(reminder: Reminder, council_id: int, message: str,
                   appointees: Iterable[tuple[User, tuple[str, ...]]], preferences: dict[int, ReminderPreference],
                   away: Callable[[User], bool]) -> list[Target]:
    """A clock's reminder to the people appointed to the complaint whose part runs against that clock (the IO
    and IP against Stage 2's response, the panel against its own), as their own: `appointed:<role>`."""
    from redress.people.work import ROLE_CLOCKS

    if not reminder.reminder.startswith("clock:"):
        return []
    clock = reminder.reminder.removeprefix("clock:")
    chosen = []
    for user, roles in appointees:
        role = next((r for r in roles if clock in ROLE_CLOCKS.get(r, ())), None)
        if role is None or away(user):
            continue
        preference = preferences.get(user.pk)
        chosen.append(Target(reminder, council_id, user, f"appointed:{role}", message,
                             preference is not None and preference.delivery == Delivery.DIGEST))
    return chosen


def _not_yet_logged(targets: list[Target]) -> list[Target]:
    if not targets:
        return []
    logged: set[tuple[int, str, str, str, dt.date]] = set()
    ids = sorted({t.reminder.complaint_id for t in targets})
    first_day = min(t.reminder.day for t in targets)
    for chunk in _batches(ids, CHUNK):
        logged.update(SentReminder.objects.filter(complaint_id__in=chunk, day__gte=first_day).values_list(
            "complaint_id", "reminder", "threshold", "recipient", "day"))
    return [t for t in targets if t.key not in logged]


def _claim(targets: list[Target], run: DailyRun) -> int:
    """Insert the sent-log rows; a row another run inserted first stays its own. Returns how many are ours."""
    if not targets:
        return 0
    if connection.vendor == "postgresql":
        _claim_postgresql(targets, run)
        return SentReminder.objects.filter(run=run, council_id=targets[0].council_id).count()
    rows = [SentReminder(complaint_id=t.reminder.complaint_id, council_id=t.council_id, reminder=t.reminder.reminder,
                         threshold=t.reminder.threshold, recipient=f"user:{t.user.pk}", day=t.reminder.day,
                         role=t.role, user=t.user, message=t.message, digest=t.digest, run=run)
            for t in targets]
    SentReminder.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return SentReminder.objects.filter(run=run, council_id=targets[0].council_id).count() if targets else 0


def _claim_postgresql(targets: list[Target], run: DailyRun) -> None:
    """The same rows in one INSERT ... SELECT FROM unnest(...) a chunk: a sent log of 300,000 reminders a day
    spent two minutes in bulk_create building and quoting model instances, and seconds in PostgreSQL."""
    table = SentReminder._meta.db_table
    sql = (f"INSERT INTO {table} (complaint_id, council_id, reminder, threshold, recipient, day, role, user_id, message, "
           "digest, run_id, status, channel, attempts, last_error, created_at) "
           "SELECT c, %s, r, t, rc, d, ro, u, m, dg, %s, %s, '', 0, '', %s FROM unnest("
           "%s::bigint[], %s::text[], %s::text[], %s::text[], %s::date[], %s::text[], %s::bigint[], %s::text[], "
           "%s::boolean[]) AS x(c, r, t, rc, d, ro, u, m, dg) ON CONFLICT DO NOTHING")
    created = timezone.now()
    with connection.cursor() as cursor:
        for chunk in _batches(targets, 5000):
            columns = [[t.reminder.complaint_id for t in chunk], [t.reminder.reminder for t in chunk],
                       [t.reminder.threshold for t in chunk], [f"user:{t.user.pk}" for t in chunk],
                       [t.reminder.day for t in chunk], [t.role for t in chunk], [t.user.pk for t in chunk],
                       [t.message for t in chunk], [t.digest for t in chunk]]
            cursor.execute(sql, [chunk[0].council_id, run.pk, SendStatus.SENDING.value, created, *columns])


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed row of the sent log, as the sending needs it (read as plain values: a day's run sends 300,000)."""

    pk: int
    complaint_id: int
    reminder: str
    message: str
    digest: bool
    attempts: int
    user_id: int | None
    email: str
    role: str = ""


def _claimed(rows: QuerySet[SentReminder]) -> list[Claimed]:
    return [Claimed(*values) for values in rows.values_list(
        "pk", "complaint_id", "reminder", "message", "digest", "attempts", "user_id", "user__email", "role")]


def _retries_due(now: dt.datetime, run: DailyRun) -> list[Claimed]:
    """Earlier failures whose retry is due (and claims a dead run left), each taken by this run alone."""
    due = SentReminder.objects.filter(
        Q(status=SendStatus.FAILED, next_attempt_at__lte=now) | Q(status=SendStatus.SENDING, created_at__lt=now - LEASE)
    ).exclude(run=run)
    taken = []
    for pk, status, attempts in due.values_list("pk", "status", "attempts"):
        if SentReminder.objects.filter(pk=pk, status=status, attempts=attempts).update(
                status=SendStatus.SENDING, run=run, next_attempt_at=now + LEASE):
            taken.append(pk)
    return _claimed(SentReminder.objects.filter(pk__in=taken)) if taken else []


SENT_BATCH = 500
"""Sent messages are marked sent this many at a time: one UPDATE each rather than one a message. A run that
dies between a send and its batch's UPDATE leaves those rows `sending`, so a later run sends them again
after LEASE (at most this many duplicates, never a reminder lost)."""


def _send(rows: list[Claimed], channel: Channel, now: dt.datetime, summary: RunSummary,
          report: Callable[[str], None]) -> None:
    """Send each person's digest and each single reminder; record every outcome on its rows."""
    digests: dict[int | None, list[Claimed]] = defaultdict(list)
    sent: list[int] = []
    for row in rows:
        if row.digest:
            digests[row.user_id].append(row)
        else:
            _deliver([row], channel, _single(row), now, summary, report, sent)
    for group in digests.values():
        _deliver(group, channel, _digest(group), now, summary, report, sent)
    _mark_sent(sent, channel)


def _deliver(rows: list[Claimed], channel: Channel, message: Outgoing, now: dt.datetime,
             summary: RunSummary, report: Callable[[str], None], sent: list[int]) -> None:
    ids = [row.pk for row in rows]
    attempts = max(row.attempts for row in rows) + 1
    try:
        channel.send(message)
    except SendError as error:
        status = SendStatus.BOUNCED if error.permanent else SendStatus.FAILED
        retry = None if error.permanent else now + dt.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])
        SentReminder.objects.filter(pk__in=ids).update(status=status, attempts=attempts, last_error=str(error)[:2000],
                                                       next_attempt_at=retry, channel=channel.name)
        summary.failed += len(rows)
        report(f"failed: {message.subject} to {message.to or 'a person with no email address'}: {error}")
        return
    sent += ids
    summary.sent += len(rows)
    if len(sent) >= SENT_BATCH:
        _mark_sent(sent, channel)


def _mark_sent(ids: list[int], channel: Channel) -> None:
    """Record `ids` as sent (each one attempt more), and empty the list."""
    for chunk in _batches(ids, CHUNK):
        SentReminder.objects.filter(pk__in=chunk).update(status=SendStatus.SENT, attempts=F("attempts") + 1,
                                                         sent_at=timezone.now(), last_error="", next_attempt_at=None,
                                                         channel=channel.name)
    ids.clear()


def _link(row: Claimed) -> str:
    """The complaint's page: its My work page for someone appointed to it, who reaches no other."""
    where = "work" if row.role.startswith("appointed:") else "complaints"
    return f"{settings.REDRESS_SITE_URL.rstrip('/')}/{where}/{row.complaint_id}/"


def _single(row: Claimed) -> Outgoing:
    choose = ("" if row.role.startswith("appointed:") else
              "\n\nYou can choose a daily digest instead, or pause your reminders, on Your reminders.")
    body = f"{row.message}\n\n{_link(row)}{choose}"
    return Outgoing(row.email, f"Redress reminder: {row.message[:150]}", body, f"reminder-{row.pk}")


def _digest(rows: list[Claimed]) -> Outgoing:
    lines = [f"- {row.message}\n  {_link(row)}" for row in sorted(rows, key=lambda r: (r.complaint_id, r.reminder))]
    count = len(rows)
    body = f"Today's complaint reminders ({count}):\n\n" + "\n".join(lines)
    return Outgoing(rows[0].email, f"Redress: {count} complaint reminder{'s' if count != 1 else ''} today", body,
                    f"digest-{rows[0].pk}")


def _batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start: start + size]
