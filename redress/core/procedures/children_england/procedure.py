"""`children-england` as a `Procedure`: its clocks, its table and its judgements, for the engine to load."""

from __future__ import annotations

from redress.core.procedures import shared
from redress.core.procedures.children_england import judgements, rules
from redress.core.procedures.children_england.clocks import CLOCKS
from redress.core.table import Procedure

CHILDREN_ENGLAND = Procedure(
    name="children-england",
    title="Children's social care complaints (England)",
    source="Children Act 1989 s26(3); SI 2006/1738; Getting the Best from Complaints (DfES 2006)",
    clocks=CLOCKS,
    table=rules.TABLE,
    judgements=judgements.JUDGEMENTS,
    early_referral=judgements.early_referral,
    field_conditions=shared.FIELD_CONDITIONS | rules.FIELD_CONDITIONS,
    new_action_ids=rules.ACTION_IDS,
)
