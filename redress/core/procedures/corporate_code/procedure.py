"""`corporate-code` as a `Procedure`: its clocks, its table and its judgements, for the engine to load."""

from __future__ import annotations

from redress.core.procedures import shared
from redress.core.procedures.corporate_code import judgements, rules
from redress.core.procedures.corporate_code.clocks import CLOCKS
from redress.core.table import Procedure

CORPORATE_CODE = Procedure(
    name="corporate-code",
    title="Corporate complaints (the LGSCO's Complaint Handling Code)",
    source="Local Government and Social Care Ombudsman Complaint Handling Code (applied from 1 April 2026); then the "
           "Ombudsman",
    clocks=CLOCKS,
    table=rules.TABLE,
    judgements=judgements.JUDGEMENTS,
    early_referral=judgements.early_referral,
    field_conditions=shared.FIELD_CONDITIONS | rules.FIELD_CONDITIONS,
    new_action_ids=shared.NEW_ACTION_IDS,
    nation="england",
)
