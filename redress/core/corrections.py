"""Corrections: a wrongly recorded event put right, without rewriting the history.

A history is append-only. A mistake is put right by a later event that names it by its place in
the history (1 for the first): `event.voided` {event, reason} takes it out of what the procedure
sees, and `event.corrected` {event, reason, replacement} puts the whole corrected event in its
place. The history keeps both; `corrected_history` gives the events the rules are applied to, and
the list of corrections the report shows ("corrected on ... because ...").

Source: project decision (issue #17.1), after the Ombudsman's insistence that records are accurate
and that changes to them are themselves recorded (Guidance on good administrative practice).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redress.core.events import CORRECTIONS, Event
from redress.core.table import OK, Problem, RuleViolation, message_of
from redress.core.words import short_date

__all__ = ["CORRECTIONS", "Correction", "corrected_history"]


@dataclass(frozen=True, slots=True)
class Correction:
    """One event put right: which (`event`, its 1-based place), how, when, why, and by which event (`position`)."""

    event: int
    kind: str  # voided | corrected
    date: dt.date
    reason: str
    original_type: str
    replacement_type: str | None
    position: int

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "kind": self.kind, "date": self.date.isoformat(), "reason": self.reason,
                "original_type": self.original_type, "replacement_type": self.replacement_type,
                "position": self.position}


CorrectionCondition = Callable[[Sequence[Event], int, Event, dict[int, Correction]], Problem]


def dated_in_order(events: Sequence[Event], position: int, event: Event, done: dict[int, Correction]) -> Problem:
    """Events are recorded in date order: this one is dated {date}, before the last event ({last}).

    Source: SCENARIOS.md: a history is a list of dated events, oldest first; a correction is one of them.
    """
    last = events[position - 2].date if position > 1 else event.date
    return OK if event.date >= last else {"date": short_date(event.date), "last": short_date(last)}


def names_an_earlier_event(events: Sequence[Event], position: int, event: Event, done: dict[int, Correction]) -> Problem:
    """There is no event {event} before this one: name an earlier event by its number (1 to {last}).

    Source: project decision: a correction puts right an event already recorded.
    """
    target: int = event.get("event")
    return OK if 1 <= target < position else {"event": target, "last": position - 1}


def not_a_correction(events: Sequence[Event], position: int, event: Event, done: dict[int, Correction]) -> Problem:
    """Event {event} is itself a correction ({type}); a correction cannot be voided or corrected.

    Source: project decision: corrections are kept as they were made, so the audit trail stays plain.
    """
    target = events[event.get("event") - 1]
    return OK if target.type not in CORRECTIONS else {"event": event.get("event"), "type": target.type}


def not_corrected_already(events: Sequence[Event], position: int, event: Event, done: dict[int, Correction]) -> Problem:
    """Event {event} was already {how} on {on}; it cannot be voided or corrected again.

    Source: project decision: one correction per event, so the history says plainly what stands.
    """
    earlier = done.get(event.get("event"))
    return OK if earlier is None else {"event": earlier.event, "how": earlier.kind, "on": short_date(earlier.date)}


def receipt_kept(events: Sequence[Event], position: int, event: Event, done: dict[int, Correction]) -> Problem:
    """The complaint.received event cannot be removed; correct it instead.

    Source: SCENARIOS.md: every history starts with the complaint's receipt, from which every clock counts.
    """
    target = events[event.get("event") - 1]
    return OK if event.type == "event.corrected" or target.type != "complaint.received" else {}


CONDITIONS: tuple[CorrectionCondition, ...] = (dated_in_order, names_an_earlier_event, not_a_correction, not_corrected_already,
                                               receipt_kept)


def corrected_history(
    events: Sequence[Event], *, until: dt.date | None = None
) -> tuple[tuple[Event, ...], tuple[Correction, ...]]:
    """The events the procedure applies once every correction is made, and the corrections, in order.

    Each correction is checked against the history before it (a RuleViolation names the first that
    fails). With `until`, corrections dated after it are checked but not made: the history as it
    stood then.
    """
    if not any(e.type in CORRECTIONS for e in events):
        return tuple(events), ()
    result: list[Event | None] = list(events)
    done: dict[int, Correction] = {}
    for place, event in enumerate(events, start=1):
        if event.type not in CORRECTIONS:
            continue
        for condition in CONDITIONS:
            problem = condition(events, place, event, done)
            if problem is not None:
                raise RuleViolation(message_of(condition, problem), code=condition.__name__.replace("_", "-"),
                                    event_index=place - 1 if event.index is None else event.index,
                                    event_type=event.type)
        target: int = event.get("event")
        original = events[target - 1]
        replacement: Event | None = event.get("replacement")
        done[target] = Correction(target, "voided" if replacement is None else "corrected", event.date,
                                  event.get("reason"), original.type, replacement.type if replacement else None, place)
        result[place - 1] = None
        if until is None or event.date <= until:
            result[target - 1] = None if replacement is None else dataclasses.replace(replacement, index=original.index)
    made = tuple(c for c in done.values() if until is None or c.date <= until)
    return tuple(e for e in result if e is not None), made
