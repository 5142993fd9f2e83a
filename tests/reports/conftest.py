"""Generated histories of every procedure, imported into a council that runs them all."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from bench.histories import PROCEDURES, mixed_histories
from redress.complaints.models import Complaint
from redress.complaints.services import complaint_import
from redress.core.calendar import default_calendar
from redress.core.engine import replay
from redress.core.events import parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.reports import ComplaintFacts, complaint_facts
from redress.councils.models import Council

TODAY = dt.date(2025, 6, 30)


def with_ombudsman(histories: list[dict[str, Any]], *, seed: int = 7) -> list[dict[str, Any]]:
    """The histories, a third of the open ones taken on to an Ombudsman decision with remedies."""
    rng = random.Random(seed)
    out = []
    for data in histories:
        events = list(data["events"])
        last = dt.date.fromisoformat(events[-1]["date"])
        if events[-1]["type"] != "complaint.closed" and rng.random() < 0.35:
            if not any(e["type"] == "ombudsman.referred" for e in events):
                events.append({"date": (last + dt.timedelta(days=10)).isoformat(), "type": "ombudsman.referred"})
            decided = last + dt.timedelta(days=rng.randint(30, 200))
            outcome = rng.choice(["upheld", "not-upheld", "closed-after-initial-enquiries"])
            remedies = [{"id": "LG1", "what": "Apologise to the family", "due": "1 month"},
                        {"id": "LG2", "what": "Review practice on assessments", "due": "3 months"}]
            events.append({"date": decided.isoformat(), "type": "ombudsman.decided", "outcome": outcome,
                           **({"actions": remedies[: rng.randint(1, 2)]} if outcome == "upheld" else {})})
            if outcome == "upheld" and rng.random() < 0.6:
                events.append({"date": (decided + dt.timedelta(days=rng.choice([10, 60]))).isoformat(),
                               "type": "action.completed", "id": "LG1"})
        out.append({**data, "events": [e for e in events if e["date"] <= TODAY.isoformat()]})
    return out


def shifted(data: dict[str, Any], weeks: int) -> dict[str, Any]:
    """The history moved `weeks` later (whole weeks keep every event on its weekday)."""
    by = dt.timedelta(weeks=weeks)

    def move(value: Any) -> Any:
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            return (dt.date.fromisoformat(value) + by).isoformat()
        return value

    events = [{k: move(v) for k, v in event.items()} for event in data["events"]]
    return {**data, "events": events}


def python_facts(data: dict[str, Any], today: dt.date = TODAY) -> ComplaintFacts:
    """A history's facts by replaying it here, as the core does, with no database."""
    case = parse_case(data)
    calendar = default_calendar(procedure_named(case.procedure).nation)
    return complaint_facts(case, replay(case, today=today, calendar=calendar), calendar)


@pytest.fixture
def every_procedure_council(db: Any) -> Council:
    return Council.objects.create(name="Allshire Council", slug="allshire", reference_prefix="AS",
                                  procedures=" ".join(PROCEDURES))


@pytest.fixture
def generated(every_procedure_council: Council) -> list[tuple[Complaint, dict[str, Any]]]:
    """120 generated histories (a fifth of each procedure), imported as of TODAY."""
    made = []
    for data in with_ombudsman(mixed_histories(120, seed=11)):
        made.append((complaint_import(council=every_procedure_council, by=None, data=data, today=TODAY), data))
    return made


@pytest.fixture
def recent(every_procedure_council: Council) -> list[tuple[Complaint, dict[str, Any]]]:
    """150 generated histories moved 2½ years later, so many are open and busy in the months before TODAY."""
    made = []
    for data in with_ombudsman([shifted(d, 130) for d in mixed_histories(150, seed=12)]):
        if not data["events"]:  # received after TODAY
            continue
        made.append((complaint_import(council=every_procedure_council, by=None, data=data, today=TODAY), data))
    return made
