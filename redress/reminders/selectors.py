"""Reads for the reminder pages, each scoped to one council."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery

from redress.complaints.models import Complaint, Event, Projection
from redress.complaints.projections import _read_chunk as read_histories
from redress.core.calendar import WorkingCalendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.reminders import DEFAULT_THRESHOLDS, DueSoon, Thresholds, due_soon
from redress.councils.models import Council, User
from redress.councils.selectors import council_calendar
from redress.reminders.models import ReminderPreference, RunProblem, SendStatus, SentReminder
from redress.reminders.run import council_thresholds

DUE_SOON_ROWS = 10


@dataclass(frozen=True)
class DueSoonRow:
    complaint: Complaint
    item: DueSoon


def due_soon_list(*, council: Council, today: dt.date, officer: User | None = None,
                  limit: int = DUE_SOON_ROWS, within: QuerySet[Projection] | None = None) -> list[DueSoonRow]:
    """The soonest council deadlines within the council's thresholds (or past), `officer`'s only if given.

    `within`: only among these projections (the caseload's, as filtered), so the list never names a
    complaint the caseload above it leaves out.

    The projections give the complaints with the soonest next deadline; only those are replayed, and
    only if this process has not replayed the same history for the same day before (`_Known`). A
    fixed number of queries: the projections with their newest event's hash, a calendar, and the
    histories of those not replayed before.
    """
    thresholds = thresholds_of(council)
    horizon = today + dt.timedelta(days=thresholds.lookahead_wd * 7 // 5 + 12)
    rows = (within if within is not None else Projection.objects).filter(
        council=council, status="open", next_due__lte=horizon, received_on__lte=today)
    if officer is not None:
        rows = rows.filter(officer=officer)
    newest = Event.objects.filter(complaint_id=OuterRef("complaint_id"), sequence=OuterRef("complaint__version"))
    projections = list(rows.select_related("complaint").annotate(head=Subquery(newest.values("hash")[:1]))
                       .order_by("next_due", "complaint_id")[:limit])
    if not projections:
        return []
    by_id = {projection.complaint_id: projection.complaint for projection in projections}
    heads = {projection.complaint_id: projection.head for projection in projections}
    own = council_calendar(council)
    found: list[DueSoonRow] = []
    unknown = []
    for complaint in by_id.values():
        key = _history_key(complaint, heads[complaint.pk], today, own, thresholds)
        items = _KNOWN.get(key) if key else None
        if items is None:
            unknown.append(complaint.pk)
        else:
            found += [DueSoonRow(complaint, item) for item in items]
    calendars: dict[str, WorkingCalendar] = {own.nation: own}
    for history, events in read_histories(unknown) if unknown else ():
        complaint = by_id[history.pk]
        case = parse_case({"procedure": complaint.procedure, "points": complaint.points, "events": events})
        nation = procedure_named(case.procedure).nation
        calendar = calendars.get(nation) or calendars.setdefault(nation, council_calendar(council, nation))
        report = replay(case, today=today, calendar=calendar)
        items = tuple(due_soon(complaint.pk, report, thresholds=thresholds, today=today, calendar=calendar))
        key = _history_key(complaint, heads[complaint.pk], today, own, thresholds)
        if key:
            _KNOWN.put(key, items)
        found += [DueSoonRow(complaint, item) for item in items]
    return sorted(found, key=lambda row: (row.item.due, row.complaint.reference))[:limit]


class _Known:
    """The due-soon items of histories already replayed in this process, the most recent `size` of them.

    Keyed by the history's newest event hash (which chains every event before it and the complaint's
    id, so it names the whole history: any event, correction or void makes a new one), the
    complaint's procedure and points, the day, the council's calendar
    (the same object for the same days, `councils.selectors.council_calendar`; held by the key, so
    no other calendar can take its id) and the thresholds. Nothing here can be stale: what the items
    depend on is in the key.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[object, ...], tuple[DueSoon, ...]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> tuple[DueSoon, ...] | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def clear(self) -> None:
        with self.lock:
            self.items.clear()

    def put(self, key: tuple[object, ...], items: tuple[DueSoon, ...]) -> None:
        with self.lock:
            self.items[key] = items
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_KNOWN = _Known(4096)


def _history_key(complaint: Complaint, head: str | None, today: dt.date, calendar: WorkingCalendar,
                 thresholds: Thresholds) -> tuple[object, ...] | None:
    """The key of `complaint`'s items in _KNOWN; None when its newest event has no hash to name it by."""
    if not head:
        return None
    return (head, complaint.pk, complaint.procedure, repr(complaint.points), today, calendar, thresholds)

def thresholds_of(council: Council) -> Thresholds:
    """The council's reminder thresholds (its setting, else the defaults)."""
    return council_thresholds([council], _setting())[0].get(council.pk, DEFAULT_THRESHOLDS)


def _setting() -> str:
    return str(settings.REDRESS_REMINDER_THRESHOLDS)


def failures_of(council: Council) -> QuerySet[SentReminder]:
    """Reminders of `council` not sent: waiting for a retry, or refused."""
    return (SentReminder.objects.filter(council=council, status__in=[SendStatus.FAILED, SendStatus.BOUNCED])
            .select_related("complaint", "user").order_by("-created_at", "-id"))


def problems_for(council: Council, *, since: dt.datetime) -> QuerySet[RunProblem]:
    """Recent problems of the daily runs with `council`'s settings, or with the settings as a whole."""
    return RunProblem.objects.filter(Q(council=council) | Q(council__isnull=True), at__gte=since).order_by("-at", "-id")


def preference_of(user: User) -> ReminderPreference:
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)
