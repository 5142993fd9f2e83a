"""`redress deadline CLOCK START [--extended] [--json]`: one statutory deadline, explained."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from redress.core.calendar import CalendarError, default_calendar
from redress.core.clocks import CLOCKS, ClockError, clock_named, compute_deadline
from redress.core.commands import ArgumentParser, CommandError


def parse_date(text: str) -> dt.date:
    """An ISO date (YYYY-MM-DD), or a CommandError that says what is wrong with it."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-05-05") from None


def main(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="redress deadline",
        description="Work out a statutory deadline in working days, with its explanation.",
    )
    parser.add_argument("clock", help=f"one of: {', '.join(CLOCKS)}")
    parser.add_argument("start", help="the day the clock started, YYYY-MM-DD (day 0)")
    parser.add_argument("--extended", action="store_true", help="apply the clock's extension")
    parser.add_argument("--json", action="store_true", help="print the explanation as JSON")
    args = parser.parse_args(argv)
    try:
        clock = clock_named(args.clock)
        start = parse_date(args.start)
        extended_to = None
        if args.extended:
            extended_to = clock.extended_wd
            if extended_to is None:
                raise CommandError(f"{clock.name} cannot be extended")
        deadline = compute_deadline(clock, start, default_calendar(), extended_to=extended_to)
    except (ClockError, CalendarError) as error:
        raise CommandError(str(error)) from None
    assert deadline.due is not None  # no suspensions here
    if args.json:
        print(json.dumps(deadline.to_json(), indent=2))
    else:
        for line in deadline.explanation():
            print(line)
    print(deadline.due.isoformat())
    return 0
