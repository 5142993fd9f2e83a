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


def _case(walk: _Walk, procedure: str = "children-england") -> dict[str, Any]:
    return {
        "procedure": procedure,
        "points": [{"id": p, "text": f"Point {p}", "about": walk.rng.choice(ABOUT)} for p in walk.points],
        "events": walk.events[: walk.limit],
    }


def histories(count: int, *, seed: int = 2026) -> list[dict[str, Any]]:
    from redress.core.calendar import default_calendar

    rng = random.Random(seed)
    calendar = default_calendar()
    base = dt.date(2019, 1, 7)
    return [history(rng, calendar, base + dt.timedelta(days=rng.randint(0, 365 * 4))) for _ in range(count)]


PROCEDURES = ("children-england", "adults-england", "children-wales", "housing-code", "corporate-code")


def _walk_for(rng: random.Random, calendar: WorkingCalendar, start: dt.date) -> _Walk:
    return _Walk(rng, calendar, start, [f"P{i}" for i in range(1, rng.randint(1, 4) + 1)])


def _tail(walk: _Walk, target: int) -> None:
    """Up to `target` events of what follows a response: actions and their completion, offers, a suspension."""
    walk.actions(walk.rng.randint(1, 3))
    walk.completions()
    offers, referred = 0, False
    while len(walk.events) < target - 2:
        walk.wait(5, late=0)
        choice = walk.rng.random()
        if choice < 0.4:
            walk.actions(1)
            walk.completions()
        elif choice < 0.7:
            offers += 1
            walk.add("offer.made", id=f"O{offers}", what="A meeting with the manager", window="20 WD")
            walk.wait(5, late=0)
            walk.add("offer.taken-up", id=f"O{offers}")
        elif not referred:
            walk.add("ombudsman.referred")
            referred = True
        else:
            walk.actions(1)
    walk.completions()
    if walk.rng.random() < 0.5:
        walk.wait(20, late=0)
        walk.add("complaint.closed", reason="Done")


def code_history(rng: random.Random, calendar: WorkingCalendar, start: dt.date, prefix: str,
                 *, events: tuple[int, int] = (10, 40)) -> dict[str, Any]:
    """A `housing-code` or `corporate-code` history (`prefix` housing or corporate): both stages, extensions, actions."""
    walk = _walk_for(rng, calendar, start)
    target = rng.randint(*events)
    walk.limit = events[1]
    moved = prefix == "corporate" and rng.random() < 0.2  # a children's complaint moved to the statutory procedure
    walk.add("complaint.received", complainant={"role": rng.choice(["parent", "other"])},
             service="children-social-care" if moved else rng.choice(["housing", "other"]))
    walk.wait(5)
    walk.add(f"{prefix}.acknowledged")
    if moved:
        walk.wait(3, late=0)
        walk.add("procedure.changed", to="children-england", reason="A statutory representation")
        walk.wait(10)
        walk.add("stage1.responded", findings=walk.findings())
        _tail(walk, target)
        return _case(walk, f"{prefix}-code")
    if rng.random() < 0.3:
        walk.wait(4, late=0)
        walk.add(f"{prefix}.stage1.extended", reason="Contractor's report", reasons_told=rng.random() < 0.9)
        walk.wait(14)
    else:
        walk.wait(10)
    walk.add(f"{prefix}.stage1.responded", findings=walk.findings())
    walk.wait(10, late=0)
    walk.add(f"{prefix}.stage2.requested")
    walk.wait(5)
    walk.add(f"{prefix}.stage2.acknowledged")
    if rng.random() < 0.3:
        walk.wait(10, late=0)
        walk.add(f"{prefix}.stage2.extended", to_wd=40, reason="Survey", reasons_told=True)
        walk.wait(25)
    else:
        walk.wait(20)
    walk.add(f"{prefix}.stage2.responded", findings=walk.findings(), ombudsman_details=rng.random() < 0.9)
    _tail(walk, target)
    return _case(walk, f"{prefix}-code")


def adults_history(rng: random.Random, calendar: WorkingCalendar, start: dt.date,
                   *, events: tuple[int, int] = (10, 40)) -> dict[str, Any]:
    """An `adults-england` history: acknowledgement, an agreed period, the response, actions."""
    walk = _walk_for(rng, calendar, start)
    target = rng.randint(*events)
    walk.limit = events[1]
    walk.add("complaint.received", complainant={"role": "other"}, service="adult-social-care")
    walk.wait(3)
    walk.add("adults.acknowledged", discussion_offered=rng.random() < 0.9)
    walk.wait(5, late=0)
    walk.add("adults.response-period-agreed", respond_by=walk.calendar.add_working_days(walk.day, 40).isoformat())
    walk.wait(40)
    walk.add("adults.responded", findings=walk.findings(), ombudsman_rights=rng.random() < 0.9)
    _tail(walk, target)
    return _case(walk, "adults-england")


def wales_history(rng: random.Random, calendar: WorkingCalendar, start: dt.date,
                  *, events: tuple[int, int] = (10, 40)) -> dict[str, Any]:
    """A `children-wales` history: acknowledgement, local resolution, the formal investigation, actions."""
    walk = _walk_for(rng, calendar, start)
    target = rng.randint(*events)
    walk.limit = events[1]
    walk.add("complaint.received", complainant={"role": rng.choice(["parent", "child"])})
    walk.wait(2)
    walk.add("wales.acknowledged")
    walk.wait(10)
    walk.add("wales.local-resolution-ended", resolved=False, findings=walk.findings())
    walk.wait(5, late=0)
    walk.add("wales.investigation-requested")
    if rng.random() < 0.4:
        walk.wait(10, late=0)
        walk.add("wales.investigation-extended", to_wd=40, reason="Witnesses", notified=True)
        walk.wait(30)
    else:
        walk.wait(25)
    walk.add("wales.investigation-responded", findings=walk.findings(), ombudsman_rights=True)
    _tail(walk, target)
    return _case(walk, "children-wales")


def mixed_histories(count: int, *, seed: int = 2027) -> list[dict[str, Any]]:
    """`count` histories, a fifth of each procedure in turn (a fifth of the corporate ones moved to children's)."""
    from redress.core.calendar import default_calendar

    rng = random.Random(seed)
    calendar = default_calendar()
    base = dt.date(2019, 1, 7)
    made: list[dict[str, Any]] = []
    for i in range(count):
        start = base + dt.timedelta(days=rng.randint(0, 365 * 4))
        kind = PROCEDURES[i % len(PROCEDURES)]
        if kind == "children-england":
            made.append(history(rng, calendar, start))
        elif kind == "adults-england":
            made.append(adults_history(rng, calendar, start))
        elif kind == "children-wales":
            made.append(wales_history(rng, calendar, start))
        else:
            made.append(code_history(rng, calendar, start, kind.split("-")[0]))
    return made
