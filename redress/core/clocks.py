"""The statutory clocks of every procedure, and explained deadlines.

Each clock (DOMAIN.md section 5; defined by its procedure, `redress.core.procedures`) starts on a dated event and has a limit in working days. A
deadline is computed from scratch from its start, its limit (or extension) and any pauses, so it is
never stored and always moves when the calendar changes. Every deadline carries its explanation:
start, rule, limit, extension, pauses, the non-working days skipped, and the due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from redress.core.calendar import NonWorkingDay, WorkingCalendar
from redress.core.definitions import ClockDefinition as ClockDefinition
from redress.core.definitions import ClockError as ClockError
from redress.core.procedures.adults_england.clocks import CLOCKS as ADULTS_ENGLAND_CLOCKS
from redress.core.procedures.children_england.clocks import CLOCKS as CHILDREN_ENGLAND_CLOCKS
from redress.core.procedures.children_wales.clocks import CLOCKS as CHILDREN_WALES_CLOCKS
from redress.core.procedures.corporate_code.clocks import CLOCKS as CORPORATE_CODE_CLOCKS
from redress.core.procedures.housing_code.clocks import CLOCKS as HOUSING_CODE_CLOCKS

CLOCKS: dict[str, ClockDefinition] = {
    **CHILDREN_ENGLAND_CLOCKS, **ADULTS_ENGLAND_CLOCKS, **CHILDREN_WALES_CLOCKS, **HOUSING_CODE_CLOCKS,
    **CORPORATE_CODE_CLOCKS,
}
"""Every procedure's clocks by name (each procedure's own are `Procedure.clocks`).

Children's in England keep their first names (`stage1.response`); later procedures' clocks are named
with the procedure (`adults-england.acknowledgement`). New clocks go at the end, so codes stay put.
"""


def clock_named(name: str) -> ClockDefinition:
    """The clock called `name`, or a ClockError listing the clocks there are."""
    try:
        return CLOCKS[name]
    except KeyError:
        raise ClockError(f"unknown clock {name!r}; the clocks are: {', '.join(CLOCKS)}") from None


@dataclass(frozen=True, slots=True)
class Pause:
    """The procedure suspended from `suspended` until `resumed` (None while still suspended).

    `remaining_wd` is the working days the clock had left when suspended; None when the clock was
    already past due, in which case it stays past due and the pause does not move it.
    """

    suspended: dt.date
    resumed: dt.date | None
    remaining_wd: int | None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A clock's deadline and everything needed to explain it to a person."""

    clock: ClockDefinition
    start: dt.date
    limit_wd: int
    due: dt.date | None
    pauses: tuple[Pause, ...] = ()
    calendar: WorkingCalendar | None = field(default=None, repr=False, compare=False)

    @property
    def skipped(self) -> tuple[NonWorkingDay, ...]:
        """The non-working days the clock stepped over while running (computed when asked)."""
        if self.calendar is None:
            return ()
        return _skipped_while_running(self.start, self.due, self.pauses, self.calendar)

    @property
    def extended(self) -> bool:
        return self.limit_wd != self.clock.limit_wd

    @property
    def paused(self) -> bool:
        """True while the procedure is suspended and the clock has days left to run."""
        return bool(self.pauses) and self.pauses[-1].resumed is None and self.pauses[-1].remaining_wd is not None

    def explanation(self) -> list[str]:
        """The deadline in sentences a complaints officer can check by hand."""
        lines = [
            f"The clock started on {format_date(self.start)}, when {self.clock.starts_when}; that day is day 0.",
            f"Rule: {self.clock.source}.",
        ]
        if self.extended:
            lines.append(f"Extended from {self.clock.limit_wd} to {self.limit_wd} working days.")
        else:
            lines.append(f"Limit: {self.limit_wd} working days.")
        for pause in self.pauses:
            lines.append(_explain_pause(pause))
        all_skipped = self.skipped
        holidays = [day for day in all_skipped if not day.is_weekend]
        weekends = len(all_skipped) - len(holidays)
        if all_skipped:
            skipped = ", ".join(f"{format_date(day.day)} ({day.reason})" for day in holidays)
            lines.append(
                f"Skipped {weekends} weekend day{'s' if weekends != 1 else ''}"
                + (f" and {len(holidays)} holiday{'s' if len(holidays) != 1 else ''}: {skipped}." if holidays else ".")
            )
        if self.due is None:
            lines.append("No due date while the procedure is suspended.")
        else:
            lines.append(f"Due on {format_date(self.due)}: {self.clock.step} by then.")
        return lines

    def to_json(self) -> dict[str, Any]:
        """The deadline and its explanation as plain JSON-ready data."""
        return {
            "clock": self.clock.name,
            "title": self.clock.title,
            "start": self.start.isoformat(),
            "limit_wd": self.limit_wd,
            "standard_limit_wd": self.clock.limit_wd,
            "extended": self.extended,
            "rule": self.clock.source,
            "pauses": [
                {
                    "suspended": pause.suspended.isoformat(),
                    "resumed": pause.resumed.isoformat() if pause.resumed else None,
                    "remaining_wd": pause.remaining_wd,
                }
                for pause in self.pauses
            ],
            "skipped": [{"date": day.day.isoformat(), "reason": day.reason} for day in self.skipped],
            "due": self.due.isoformat() if self.due else None,
            "explanation": self.explanation(),
        }


def compute_deadline(
    clock: ClockDefinition,
    start: dt.date,
    calendar: WorkingCalendar,
    *,
    extended_to: int | None = None,
    suspensions: tuple[tuple[dt.date, dt.date | None], ...] = (),
) -> Deadline:
    """The deadline of `clock` started on `start`, with any extension and suspensions applied.

    A suspension stops the clock: it keeps the working days it had left after the day it was
    suspended and, on resuming, counts them from the resume date. A clock already past due when
    suspended stays past due (SCENARIOS.md). Suspensions must be in date order and not overlap.
    """
    limit = clock.limit_for(extended_to)
    due: dt.date | None = calendar.add_working_days(start, limit)
    pauses: list[Pause] = []
    counted_from = start
    for suspended, resumed in suspensions:
        if due is None or suspended < counted_from:
            raise ClockError("suspensions must be in date order and must not overlap")
        if suspended > due:
            pauses.append(Pause(suspended, resumed, None))
            continue
        remaining = calendar.working_days_after(suspended, due)
        pauses.append(Pause(suspended, resumed, remaining))
        due = None if resumed is None else calendar.add_working_days(resumed, remaining)
        counted_from = resumed or suspended
    return Deadline(clock, start, limit, due, tuple(pauses), calendar)


CLOCK_ORDER: tuple[str, ...] = tuple(CLOCKS)
"""Clock codes for the bulk path: code i is the clock named CLOCK_ORDER[i]."""


def clock_codes(clock_names: Sequence[str] | npt.NDArray[np.str_]) -> npt.NDArray[np.int8]:
    """The clock code of each name (see CLOCK_ORDER); an unknown name raises ClockError."""
    names = np.asarray(clock_names)
    keys = np.array(sorted(CLOCKS))
    left = np.searchsorted(keys, names, side="left")
    unknown = left == np.searchsorted(keys, names, side="right")  # not in the table
    if unknown.any():
        clock_named(str(names[np.argmax(unknown)]))
    sorted_to_code = np.array([CLOCK_ORDER.index(str(k)) for k in keys], dtype=np.int8)
    codes: npt.NDArray[np.int8] = sorted_to_code[left]
    return codes


def compute_due_dates(
    clocks: Sequence[str] | npt.ArrayLike,
    starts: npt.ArrayLike,
    calendar: WorkingCalendar,
    *,
    extended: npt.ArrayLike | bool = False,
) -> npt.NDArray[np.datetime64]:
    """Due dates for many (clock, start) pairs in one call, for dashboards and reports.

    `clocks` holds clock codes (integers indexing CLOCK_ORDER, the fast path) or clock names;
    `starts` the parallel start dates; `extended` one flag for all or a parallel array of flags
    (an extended clock uses its standard extension). No suspensions: a complaint with a suspension
    is worked out one at a time by the engine.
    """
    array = np.asarray(clocks)
    if array.dtype.kind in "iu":
        if array.size and (array.min() < 0 or array.max() >= len(CLOCK_ORDER)):
            raise ClockError(f"clock codes run from 0 to {len(CLOCK_ORDER) - 1}")
        codes = array
    else:
        codes = clock_codes(array)
    standard = np.array([CLOCKS[name].limit_wd for name in CLOCK_ORDER], dtype=np.int64)
    longest = np.array([CLOCKS[name].extended_wd or CLOCKS[name].limit_wd for name in CLOCK_ORDER], dtype=np.int64)
    flags = np.broadcast_to(np.asarray(extended, dtype=bool), codes.shape)
    limits = np.where(flags, longest[codes], standard[codes])
    return calendar.add_working_days_bulk(starts, limits)


def _skipped_while_running(
    start: dt.date, due: dt.date | None, pauses: tuple[Pause, ...], calendar: WorkingCalendar
) -> tuple[NonWorkingDay, ...]:
    """The non-working days the clock stepped over while running (not those inside a suspension)."""
    if due is None:
        return ()
    skipped: list[NonWorkingDay] = []
    running_from = start
    for pause in pauses:
        if pause.remaining_wd is None or pause.resumed is None:
            continue
        skipped += calendar.non_working_days(running_from, pause.suspended)
        running_from = pause.resumed
    skipped += calendar.non_working_days(running_from, due)
    return tuple(skipped)


def _explain_pause(pause: Pause) -> str:
    if pause.remaining_wd is None:
        return (
            f"Suspended on {format_date(pause.suspended)}, after the deadline had passed: it stays past due."
        )
    days = f"{pause.remaining_wd} working day{'s' if pause.remaining_wd != 1 else ''}"
    if pause.resumed is None:
        return f"Suspended on {format_date(pause.suspended)} with {days} left; not yet resumed."
    return f"Suspended on {format_date(pause.suspended)} with {days} left; resumed on {format_date(pause.resumed)}."


def format_date(day: dt.date) -> str:
    """A date as people in the council write it: 'Mon 22 May 2023'."""
    return f"{day:%a} {day.day} {day:%b %Y}"
