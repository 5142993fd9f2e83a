"""`redress procedures [--json]`: the procedures Redress knows, each with its clocks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from redress.core.commands import ArgumentParser
from redress.core.definitions import ClockDefinition
from redress.core.procedures.registry import PROCEDURES


def _limit(clock: ClockDefinition) -> str:
    ceiling = clock.max_wd or clock.extended_wd
    return f"{clock.limit_wd} WD" + (f" (to {ceiling})" if ceiling else "")


def _clock_json(clock: ClockDefinition) -> dict[str, Any]:
    return {"name": clock.name, "title": clock.title, "starts_on": clock.starts_on, "limit_wd": clock.limit_wd,
            "max_wd": clock.max_wd or clock.extended_wd, "owner": clock.owner, "rule": clock.source}


def main(argv: Sequence[str]) -> int:
    parser = ArgumentParser(prog="redress procedures", description="List the procedures and their clocks.")
    parser.add_argument("--json", action="store_true", help="print them as JSON")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps([
            {"name": p.name, "title": p.title, "source": p.source, "events": list(p.events),
             "clocks": [_clock_json(c) for c in p.clocks.values()]}
            for p in PROCEDURES.values()
        ], indent=2))
        return 0
    for procedure in PROCEDURES.values():
        print(f"{procedure.name}: {procedure.title} ({procedure.source})")
        width = max(len(name) for name in procedure.clocks)
        for clock in procedure.clocks.values():
            print(f"  {clock.name:<{width}}  {_limit(clock):<13}  {clock.owner:<11}  "
                  f"from {clock.starts_on}: {clock.title}")
    return 0
