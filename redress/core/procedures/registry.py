"""The procedures by name: `procedure_named` gives one, or says which there are.

Every procedure includes the shared events (`shared.SHARED_EVENTS`) with one meaning and its own
clocks; `register` checks both before a procedure can be used.
"""

from __future__ import annotations

from redress.core.events import CaseFileError
from redress.core.procedures.adults_england.procedure import ADULTS_ENGLAND
from redress.core.procedures.children_england.procedure import CHILDREN_ENGLAND
from redress.core.procedures.children_wales.procedure import CHILDREN_WALES
from redress.core.procedures.corporate_code.procedure import CORPORATE_CODE
from redress.core.procedures.housing_code.procedure import HOUSING_CODE
from redress.core.procedures.shared import SHARED_EVENTS
from redress.core.table import Procedure

DEFAULT_PROCEDURE = "children-england"
"""The procedure of a case file that names none."""

PROCEDURES: dict[str, Procedure] = {}


def register(procedure: Procedure) -> Procedure:
    """Add `procedure` to the ones Redress knows; a ValueError when it leaves out a shared event."""
    missing = [kind for kind in SHARED_EVENTS if kind not in procedure.table]
    if missing:
        raise ValueError(f"procedure {procedure.name} has no row for the shared events {', '.join(missing)}")
    if any(step.type != kind for kind, step in procedure.table.items()):
        raise ValueError(f"procedure {procedure.name} has a row filed under another event's type")
    PROCEDURES[procedure.name] = procedure
    return procedure


def procedure_named(name: object) -> Procedure:
    """The procedure called `name`; a CaseFileError (code `bad-procedure`) naming the ones there are."""
    procedure = PROCEDURES.get(name) if isinstance(name, str) else None
    if procedure is not None:
        return procedure
    raise CaseFileError(f"unknown procedure {name!r}; known: {', '.join(PROCEDURES)}", code="bad-procedure")


register(CHILDREN_ENGLAND)
register(ADULTS_ENGLAND)
register(CHILDREN_WALES)
register(HOUSING_CODE)
register(CORPORATE_CODE)
