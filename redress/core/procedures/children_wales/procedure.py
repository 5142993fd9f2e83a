"""`children-wales` as a `Procedure`: its clocks, its table and its judgements, counted in Wales's working days."""

from __future__ import annotations

from redress.core.procedures import shared
from redress.core.procedures.children_wales import judgements, rules
from redress.core.procedures.children_wales.clocks import CLOCKS
from redress.core.table import Procedure

CHILDREN_WALES = Procedure(
    name="children-wales",
    title="Children's social services representations (Wales)",
    source="SI 2014/1795 (Representations Procedure (Wales) Regulations 2014); then the Public Services Ombudsman for Wales",
    clocks=CLOCKS,
    table=rules.TABLE,
    judgements=judgements.JUDGEMENTS,
    early_referral=judgements.early_referral,
    field_conditions=shared.FIELD_CONDITIONS | rules.FIELD_CONDITIONS,
    new_action_ids=shared.NEW_ACTION_IDS,
    nation="wales",
)
