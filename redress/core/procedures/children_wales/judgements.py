"""The end-of-history judgements of `children-wales`: none beyond its clocks and actions, and no early referral."""

from __future__ import annotations

import datetime as dt

from redress.core.table import EarlyReferral, Judgement, ReportWarning, State


def referred_before_investigation(state: State, today: dt.date) -> list[ReportWarning]:
    """A referral to the Ombudsman before the formal investigation response is a risk: it may be premature.

    Source: Public Services Ombudsman (Wales) Act 2019 s10 (the body's own procedure first); project decision.
    """
    on = state.steps.get("ombudsman.referred")
    if on is None or "wales.investigation-responded" in state.steps or state.status != "open":
        return []
    return [ReportWarning("wales.referral.premature", "risk", on,
                          "Referred to the Public Services Ombudsman for Wales before the formal investigation "
                          "response was sent")]


JUDGEMENTS: tuple[Judgement, ...] = (referred_before_investigation,)


def early_referral(state: State) -> EarlyReferral | None:
    """None: there is no review panel in Wales, so no early referral to judge.

    Source: SI 2014/1795 (no panel stage).
    """
    return None
