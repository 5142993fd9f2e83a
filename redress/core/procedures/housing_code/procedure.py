"""`housing-code` as a `Procedure`: its clocks, its table and its judgements, for the engine to load."""

from __future__ import annotations

from redress.core.procedures import shared
from redress.core.procedures.housing_code import judgements, rules
from redress.core.procedures.housing_code.clocks import CLOCKS
from redress.core.table import Procedure

HOUSING_CODE = Procedure(
    name="housing-code",
    title="Housing complaints (the Housing Ombudsman's Complaint Handling Code)",
    source="Housing Ombudsman Complaint Handling Code (statutory from 1 April 2024); then the Housing Ombudsman",
    clocks=CLOCKS,
    table=rules.TABLE,
    judgements=judgements.JUDGEMENTS,
    early_referral=judgements.early_referral,
    field_conditions=shared.FIELD_CONDITIONS | rules.FIELD_CONDITIONS,
    new_action_ids=shared.NEW_ACTION_IDS,
    nation="england",
)
