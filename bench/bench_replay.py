"""The procedure engine: replay 10,000 generated complaints (10 to 40 events each) in one process.

Target (issue 3): replay at least 5,000 complaints a second on one core, so a dashboard can
recompute a council's whole caseload live. Prints complaints and events per second for reading the case files
(parse_case) and for replaying them (replay), and for both together. Times are CPU time of this
process (time.process_time), so other work on the machine does not skew the figures.
"""

from __future__ import annotations

import datetime as dt
import time

from bench.histories import histories
from redress.core.calendar import default_calendar
from redress.core.engine import replay
from redress.core.events import parse_case

N = 10_000
TARGET = 5_000


def main() -> None:
    data = histories(N)
    events = sum(len(d["events"]) for d in data)
    calendar = default_calendar()
    today = dt.date(2024, 7, 1)
    for case in (parse_case(d) for d in data[:200]):  # warm the calendar's caches
        replay(case, today=today, calendar=calendar)

    began = time.process_time()
    cases = [parse_case(d) for d in data]
    parsed = time.process_time() - began

    began = time.process_time()
    for case in cases:
        replay(case, today=today, calendar=calendar)
    replayed = time.process_time() - began

    total = parsed + replayed
    print(f"{N:,} complaints, {events:,} events ({events / N:.1f} a complaint, {min(len(d['events']) for d in data)}"
          f" to {max(len(d['events']) for d in data)})")
    print(f"read (parse_case):  {N / parsed:10,.0f} complaints/s  {events / parsed:12,.0f} events/s")
    print(f"replay:             {N / replayed:10,.0f} complaints/s  {events / replayed:12,.0f} events/s")
    print(f"read and replay:    {N / total:10,.0f} complaints/s  {events / total:12,.0f} events/s")
    verdict = "meets" if N / replayed >= TARGET else "MISSES"
    print(f"target {TARGET:,} complaints/s replayed on one core: {verdict} it ({N / replayed / TARGET:.2f}x the target)")
