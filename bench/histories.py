"""Realistic complaint histories for the benchmarks: a random walk through the procedure.

Each history is a case file (SCENARIOS.md) of 10 to 40 events: the stages as far as the complaint
has gone, with advocacy, extensions, appointments, suspensions, agreed actions and their
completion, offers, and now and then a step done late.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from redress.core.calendar import WorkingCalendar

ABOUT = ["practice", "decision", "communication", "records", "delay", "contact", "staff-conduct"]
OUTCOMES = ["upheld", "partly-upheld", "not-upheld"]


class _Walk:
    def __init__(self, rng: random.Random, calendar: WorkingCalendar, start: dt.date, points: list[str]) -> None:
        self.rng, self.calendar, self.day, self.points = rng, calendar, start, points
        self.events: list[dict[str, Any]] = []
        self.open_actions: list[str] = []
        self.action_count = 0
        self.limit = 40

    def add(self, kind: str, **fields: Any) -> None:
        self.events.append({"date": self.day.isoformat(), "type": kind, **fields})

    def wait(self, limit: int, late: float = 0.15) -> None:
        spent = self.rng.randint(max(1, limit // 3), limit)
        if self.rng.random() < late:
            spent += self.rng.randint(1, 15)
        self.day = self.calendar.add_working_days(self.day, spent)

    def findings(self) -> dict[str, str]:
        return {p: self.rng.choice(OUTCOMES) for p in self.points}

    def actions(self, count: int) -> None:
        for _ in range(count):
            self.action_count += 1
            ident = f"A{self.action_count}"
            self.add("action.agreed", id=ident, what="Amend the record and write to the family",
                     due=self.rng.choice(["20 WD", "4 weeks", "1 month", "3 months"]))
            self.open_actions.append(ident)

    def completions(self) -> None:
        for ident in list(self.open_actions):
            if self.rng.random() < 0.6:
                self.wait(5, late=0)
                self.add("action.completed", id=ident, evidence="Letter sent")
                self.open_actions.remove(ident)


def history(
    rng: random.Random, calendar: WorkingCalendar, start: dt.date, *, events: tuple[int, int] = (10, 40)
) -> dict[str, Any]:
    """One case file of between `events` events, stopping at a random point in the procedure."""
    points = [f"P{i}" for i in range(1, rng.randint(1, 4) + 1)]
    walk = _Walk(rng, calendar, start, points)
    target = rng.randint(*events)
    walk.limit = events[1]
    walk.add("complaint.received", complainant={"role": rng.choice(["parent", "child", "foster-carer"])})
    walk.add("advocacy.offered")
    if rng.random() < 0.3:
        walk.wait(4, late=0)
        walk.add("stage1.extended", reason="Complex")
        walk.wait(14)
    else:
        walk.wait(10)
    walk.add("stage1.responded", findings=walk.findings())
    walk.actions(rng.randint(1, 3))
    walk.completions()
    walk.wait(18, late=0.05)
    walk.add("stage2.requested")
    walk.wait(10)
    walk.add("stage2.statement-agreed")
    walk.add("stage2.appointed", role="io", person="Quinn Ash", council_employee=False)
    walk.add("stage2.appointed", role="ip", person="Rae Bond", council_employee=False)
    limit = 25
    if rng.random() < 0.5:
        walk.wait(10, late=0)
        walk.add("stage2.extended", to_wd=65, reason="Many witnesses", notified=rng.random() < 0.9)
        limit = 45
    if rng.random() < 0.2:
        walk.wait(3, late=0)
        walk.add("procedure.suspended", reason="Care proceedings (reg 8)", notified=True)
        walk.day += dt.timedelta(days=rng.randint(20, 120))
        walk.add("procedure.resumed", reason="Proceedings ended", notified=True)
    if len(walk.events) >= target:
        return _case(walk)
    walk.wait(limit)
    recs = [{"id": f"R{i}", "what": "Apologise and review practice", "accepted": True, "due": "20 WD"}
            for i in range(1, rng.randint(1, 3) + 1)]
    walk.add("stage2.responded", findings=walk.findings(), recommendations=recs)
    walk.open_actions += [r["id"] for r in recs]
    walk.completions()
    if len(walk.events) >= target:
        return _case(walk)
    walk.wait(18, late=0.05)
    walk.add("stage3.requested")
    walk.wait(10, late=0)
    panel_on = walk.calendar.add_working_days(walk.day, rng.randint(5, 25))
    walk.add("stage3.panel-scheduled", panel_date=panel_on.isoformat(), members=["Ann Cole", "Ben Dee", "Cy Eve"])
    walk.day = panel_on
    walk.add("stage3.panel-held", members=["Ann Cole", "Ben Dee", "Cy Eve"])
    walk.wait(5)
    walk.add("stage3.panel-reported", findings=walk.findings(),
             recommendations=[{"id": "PR1", "what": "Review practice"}, {"id": "PR2", "what": "Pay £250"}])
    walk.wait(15)
    walk.add("stage3.responded", decisions={"PR1": {"accepted": True, "due": "12 weeks"},
                                            "PR2": {"accepted": False, "reason": "Not justified"}})
    walk.open_actions.append("PR1")
    while len(walk.events) < min(target, events[1]) - 2:
        walk.wait(5, late=0)
        walk.actions(1)
    walk.completions()
    if len(walk.events) < events[1] and rng.random() < 0.5:
        walk.wait(20, late=0)
        walk.add("complaint.closed", reason="All stages complete")
    return _case(walk)


def _case(walk: _Walk) -> dict[str, Any]:
    return {
        "procedure": "children-england",
        "points": [{"id": p, "text": f"Point {p}", "about": walk.rng.choice(ABOUT)} for p in walk.points],
        "events": walk.events[: walk.limit],
    }


def histories(count: int, *, seed: int = 2026) -> list[dict[str, Any]]:
    from redress.core.calendar import default_calendar

    rng = random.Random(seed)
    calendar = default_calendar()
    base = dt.date(2019, 1, 7)
    return [history(rng, calendar, base + dt.timedelta(days=rng.randint(0, 365 * 4))) for _ in range(count)]
