"""The procedure engine: replay 10,000 generated complaints (10 to 40 events each) in one process.

Target (issue 3): replay at least 5,000 complaints a second on one core, so a dashboard can
recompute a council's whole caseload live. Prints complaints and events per second for reading the case files
(parse_case) and for replaying them (replay), and for both together. Times are CPU time of this
process (time.process_time), so other work on the machine does not skew the figures.

Issue 9: the same over a mix of all five procedures (a fifth each; some corporate complaints moved into
the children's procedure by `procedure.changed`), at least 5,000 complaints a second; and the generic
engine on children-england against a baseline measured in the same run: the same histories applied
straight to the children's table and judged, without the engine's generic wrapper (the procedure found
by name, its calendar, corrections, the history of changes of procedure). At least 0.9.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from bench.histories import histories, mixed_histories
from redress.core.calendar import WorkingCalendar, default_calendar
from redress.core.engine import _judge, replay
from redress.core.events import Case, parse_case
from redress.core.procedures.children_england.procedure import CHILDREN_ENGLAND
from redress.core.table import apply

N = 10_000
TARGET = 5_000
RATIO_TARGET = 0.9
TODAY = dt.date(2024, 7, 1)


def _replayed(cases: Sequence[Case], calendar: WorkingCalendar) -> float:
    began = time.process_time()
    for case in cases:
        replay(case, today=TODAY, calendar=calendar)
    return time.process_time() - began


def _applied_and_judged(cases: Sequence[Case], calendar: WorkingCalendar) -> float:
    """The baseline: each history applied to the children's table and judged, nothing around it."""
    began = time.process_time()
    for case in cases:
        state = CHILDREN_ENGLAND.new_state(case.points, calendar)
        for event in case.events:
            apply(state, event)
        _judge(state, TODAY, ())
    return time.process_time() - began


def _best(run: float, again: float) -> float:
    return min(run, again)


def main() -> None:
    data = histories(N)
    events = sum(len(d["events"]) for d in data)
    calendar = default_calendar()
    for case in (parse_case(d) for d in data[:200]):  # warm the calendar's caches
        replay(case, today=TODAY, calendar=calendar)

    began = time.process_time()
    cases = [parse_case(d) for d in data]
    parsed = time.process_time() - began
    replayed = _best(_replayed(cases, calendar), _replayed(cases, calendar))

    total = parsed + replayed
    print(f"{N:,} complaints, {events:,} events ({events / N:.1f} a complaint, {min(len(d['events']) for d in data)}"
          f" to {max(len(d['events']) for d in data)})")
    print(f"read (parse_case):  {N / parsed:10,.0f} complaints/s  {events / parsed:12,.0f} events/s")
    print(f"replay:             {N / replayed:10,.0f} complaints/s  {events / replayed:12,.0f} events/s")
    print(f"read and replay:    {N / total:10,.0f} complaints/s  {events / total:12,.0f} events/s")
    verdict = "meets" if N / replayed >= TARGET else "MISSES"
    print(f"target {TARGET:,} complaints/s replayed on one core: {verdict} it ({N / replayed / TARGET:.2f}x the target)")

    baseline = _best(_applied_and_judged(cases, calendar), _applied_and_judged(cases, calendar))
    ratio = baseline / replayed
    verdict = "meets" if ratio >= RATIO_TARGET else "MISSES"
    print(f"children-england, the generic engine against the table applied and judged directly: {N / replayed:,.0f} "
          f"vs {N / baseline:,.0f} complaints/s, ratio {ratio:.2f} (target {RATIO_TARGET}: {verdict} it)")

    mixed = [parse_case(d) for d in mixed_histories(N)]
    mixed_events = sum(len(c.events) for c in mixed)
    for case in mixed[:200]:
        replay(case, today=TODAY, calendar=calendar)
    mix = _best(_replayed(mixed, calendar), _replayed(mixed, calendar))
    verdict = "meets" if N / mix >= TARGET else "MISSES"
    kinds = sorted({c.procedure for c in mixed})
    print(f"mix of {len(kinds)} procedures ({', '.join(kinds)}), {mixed_events:,} events: {N / mix:10,.0f} complaints/s "
          f"{mixed_events / mix:12,.0f} events/s; target {TARGET:,}: {verdict} it ({N / mix / TARGET:.2f}x)")
