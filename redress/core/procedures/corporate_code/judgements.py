"""The end-of-history judgements of `corporate-code`: the wrong procedure, a premature referral; no early referral."""

from __future__ import annotations

import datetime as dt

from redress.core.procedures.corporate_code.clocks import CODE
from redress.core.procedures.two_stage import rules
from redress.core.table import EarlyReferral, Judgement, ReportWarning, State
from redress.core.words import short_date

STATUTORY_ROLES = frozenset({
    "child", "parent", "parental-responsibility", "foster-carer", "sufficient-interest",
    "care-leaver", "special-guardian", "adoption-party",
})
"""Who may make a representation under the statutory children's procedure (so the corporate one is likely wrong).

Children Act 1989 s26(3): (a) a child looked after or in need, (b) a parent, (c) anyone else with
parental responsibility, (d) a local authority foster parent, (e) anyone the council considers has a
sufficient interest in the child's welfare (a decision still to make: so "may"); the same procedure
takes care leavers (s24D) and, under s26(3B)-(3C), special guardians and parties to adoption and its
support (DOMAIN.md section 2). `other` is left out: nothing says they may.
"""
STATUTORY = "children-england"


def likely_wrong_procedure(state: State, today: dt.date) -> list[ReportWarning]:
    """A complaint about children's social care, by someone who may make a statutory representation, handled here: a risk.

    Raised while the complaint is under this procedure; once `procedure.changed` moves it into the
    statutory children's procedure the risk is kept as history, resolved on that day.

    Source: Children Act 1989 s26(3) (and s24D, s26(3B)-(3C)); DOMAIN.md section 2: the wrong procedure is
    one of the Ombudsman's recurring findings, and its usual remedy is to consider the complaint under the
    statutory children's procedure.
    """
    if state.service != "children-social-care" or state.complainant_role not in STATUTORY_ROLES:
        return []
    change = state.changes[-1] if state.changes else None
    resolved = change.date if change and change.to == STATUTORY and state.procedure.name == STATUTORY else None
    who = f"A complaint about children's social care by a {state.complainant_role.replace('-', ' ')}"
    if resolved:
        message = (f"{who} was handled under the corporate procedure until {short_date(resolved)}, when it moved to "
                   "the statutory children's procedure (Children Act 1989 s26(3))")
    else:
        message = (f"{who} is handled under the corporate procedure: the complainant may make a statutory "
                   "representation (Children Act 1989 s26(3)); consider it under the statutory children's procedure")
    return [ReportWarning("procedure.likely-wrong", "risk", state.received, message, resolved)]


JUDGEMENTS: tuple[Judgement, ...] = (likely_wrong_procedure, rules.referred_before_both_stages(CODE))


def early_referral(state: State) -> EarlyReferral | None:
    """None: the Code has no panel stage to refer early from; the Ombudsman follows Stage 2.

    Source: LGSCO Complaint Handling Code: two stages, then the Ombudsman.
    """
    return None
