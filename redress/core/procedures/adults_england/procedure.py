"""`adults-england` as a `Procedure`: its clocks, its table and its judgements, for the engine to load."""

from __future__ import annotations

from redress.core.procedures import shared
from redress.core.procedures.adults_england import judgements, rules
from redress.core.procedures.adults_england.clocks import CLOCKS
from redress.core.table import Procedure

ADULTS_ENGLAND = Procedure(
    name="adults-england",
    title="Adult social care complaints (England)",
    source="SI 2009/309 (Local Authority Social Services and NHS Complaints (England) Regulations 2009)",
    clocks=CLOCKS,
    table=rules.TABLE,
    judgements=judgements.JUDGEMENTS,
    early_referral=judgements.early_referral,
    field_conditions=shared.FIELD_CONDITIONS | rules.FIELD_CONDITIONS,
    new_action_ids=shared.NEW_ACTION_IDS,
    nation="england",
    due_dates=judgements.due_dates,
)
