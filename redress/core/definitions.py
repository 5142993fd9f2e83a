"""What a procedure's clock is: the DOMAIN.md definition (start event, limit, extension, who owns the time).

A leaf module (no other part of the core), so every procedure can define its clocks with it.
"""

from __future__ import annotations

from dataclasses import dataclass


class ClockError(ValueError):
    """An unknown clock, or an extension the rules do not allow."""


@dataclass(frozen=True, slots=True)
class ClockDefinition:
    """One statutory clock: what starts it, its limit, how far it may be extended, and its source.

    `starts_on` is the event type that starts it; `noun` and `verb` say in warnings what is late
    ("Stage 1 response" ... "sent"). A complainant's window is time the complainant owns: it is
    never the council's fault when it runs out.
    """

    name: str
    title: str
    starts_when: str
    step: str
    limit_wd: int
    extended_wd: int | None = None
    max_wd: int | None = None
    complainants_window: bool = False
    source: str = ""
    starts_on: str = ""
    noun: str = ""
    verb: str = ""

    @property
    def owner(self) -> str:
        """Whose time it is: the council's (a deadline it can miss) or the complainant's (a window)."""
        return "complainant" if self.complainants_window else "council"

    def limit_for(self, extended_to: int | None) -> int:
        """The limit in working days once any extension is applied, checked against the rules."""
        if extended_to is None:
            return self.limit_wd
        ceiling = self.max_wd or self.extended_wd
        if ceiling is None:
            raise ClockError(f"{self.name} cannot be extended")
        if extended_to < self.limit_wd:
            raise ClockError(f"an extension of {self.name} must be at least {self.limit_wd} working days")
        if extended_to > ceiling:
            raise ClockError(
                f"{self.name} can be extended to {ceiling} working days at most, not {extended_to}"
            )
        return extended_to
