"""The end-of-history judgements of `housing-code`: a referral before both stages are done; no early referral."""

from __future__ import annotations

from redress.core.procedures.housing_code.clocks import CODE
from redress.core.procedures.two_stage import rules
from redress.core.table import EarlyReferral, Judgement, State

JUDGEMENTS: tuple[Judgement, ...] = (rules.referred_before_both_stages(CODE),)


def early_referral(state: State) -> EarlyReferral | None:
    """None: the Code has no panel stage to refer early from; the Housing Ombudsman follows Stage 2.

    Source: Housing Ombudsman Complaint Handling Code (2024): two stages, then the Ombudsman.
    """
    return None
