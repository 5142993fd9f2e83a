"""What a two-stage complaint handling code is: its names, its sources and its four clocks (a leaf: no rules).

The Housing Ombudsman's Complaint Handling Code (`housing-code`) and the Local Government and Social
Care Ombudsman's (`corporate-code`) were written together and keep the same stages and limits:
acknowledge within 5 working days; a Stage 1 response within 10 working days of the acknowledgement,
extendable by up to 10 with the reasons explained; a Stage 2 request acknowledged within 5 working
days, a response within 20 working days of that acknowledgement, extendable by up to 20; then the
Ombudsman. Each procedure gives its own names and sources (`Code`); `two_stage.rules` builds its table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from redress.core.definitions import ClockDefinition

ACKNOWLEDGE_WD = 5
STAGE1_WD, STAGE1_MORE_WD = 10, 10
STAGE2_WD, STAGE2_MORE_WD = 20, 20


@dataclass(frozen=True, slots=True)
class Code:
    """One code's names and sources: `prefix` names its events (`housing.acknowledged`), `clocks` its clocks.

    Each source is the text cited in the docstring of the rules it governs (the Code's paragraph,
    or "project decision" and why).
    """

    name: str  # the code itself: "the Housing Ombudsman's Complaint Handling Code (2024)"
    short: str  # names its clocks beside other procedures' ("Stage 1 response (Housing Code)")
    prefix: str
    clocks: str
    who: str  # the person complaining, as the Code calls them: "the resident"
    ombudsman: str  # "the Housing Ombudsman"
    acknowledgement: str
    stage1_response: str
    stage1_extension: str
    escalation: str  # when Stage 2 may be asked for
    refusal: str  # declining to take a complaint to Stage 2
    stage2_acknowledgement: str
    stage2_response: str
    stage2_extension: str
    ombudsman_details: str  # the final response (or a refusal) names the Ombudsman
    both_stages: str  # the Ombudsman considers a complaint once both stages are done

    def clock(self, name: str) -> str:
        return f"{self.clocks}.{name}"

    def event(self, name: str) -> str:
        return f"{self.prefix}.{name}"


def named(rule: Callable[..., object], name: str, message: str, source: str) -> None:
    """Give a rule built for one code its name and its docstring: the message people see, then its source."""
    rule.__name__ = rule.__qualname__ = name
    rule.__doc__ = f"{message}\n\nSource: {source}."


def clocks(code: Code) -> dict[str, ClockDefinition]:
    """The code's four clocks, named `CLOCKS.acknowledgement`, `.stage1.response`, `.stage2.acknowledgement`, `.stage2.response`."""
    return {clock.name: clock for clock in (
        ClockDefinition(
            name=code.clock("acknowledgement"), title=f"Acknowledge the complaint ({code.short})",
            starts_when="the complaint was received", step="the complaint is acknowledged and logged at Stage 1",
            limit_wd=ACKNOWLEDGE_WD, source=code.acknowledgement, starts_on="complaint.received",
            noun="Acknowledgement", verb="sent"),
        ClockDefinition(
            name=code.clock("stage1.response"), title=f"Stage 1 response ({code.short})",
            starts_when="the complaint was acknowledged", step="the Stage 1 response is sent",
            limit_wd=STAGE1_WD, extended_wd=STAGE1_WD + STAGE1_MORE_WD, max_wd=STAGE1_WD + STAGE1_MORE_WD,
            source=f"{code.stage1_response}; {code.stage1_extension}", starts_on=code.event("acknowledged"),
            noun="Stage 1 response", verb="sent"),
        ClockDefinition(
            name=code.clock("stage2.acknowledgement"), title=f"Acknowledge the Stage 2 request ({code.short})",
            starts_when="Stage 2 was asked for", step="the Stage 2 request is acknowledged and logged",
            limit_wd=ACKNOWLEDGE_WD, source=code.stage2_acknowledgement, starts_on=code.event("stage2.requested"),
            noun="Stage 2 acknowledgement", verb="sent"),
        ClockDefinition(
            name=code.clock("stage2.response"), title=f"Stage 2 response ({code.short})",
            starts_when="the Stage 2 request was acknowledged", step="the Stage 2 (final) response is sent",
            limit_wd=STAGE2_WD, extended_wd=STAGE2_WD + STAGE2_MORE_WD, max_wd=STAGE2_WD + STAGE2_MORE_WD,
            source=f"{code.stage2_response}; {code.stage2_extension}", starts_on=code.event("stage2.acknowledged"),
            noun="Stage 2 response", verb="sent"),
    )}
