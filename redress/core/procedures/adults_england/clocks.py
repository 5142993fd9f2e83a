"""The clocks of `adults-england`: named `adults-england.*` so they sit beside children's without renaming them.

The response itself has no working-day clock: its limit is a period agreed with the complainant, or
six months (SI 2009/309 reg 14(2)), judged in `rules` and `judgements`.
"""

from __future__ import annotations

from redress.core.definitions import ClockDefinition

ACKNOWLEDGEMENT = ClockDefinition(
    name="adults-england.acknowledgement",
    title="Acknowledge the complaint",
    starts_when="the complaint was received",
    step="the complaint is acknowledged and a discussion of its handling offered",
    limit_wd=3,
    source="SI 2009/309 reg 13(2): acknowledge not later than 3 working days after the day the complaint is received",
    starts_on="complaint.received",
    noun="Acknowledgement",
    verb="sent",
)

CLOCKS: dict[str, ClockDefinition] = {clock.name: clock for clock in (ACKNOWLEDGEMENT,)}
