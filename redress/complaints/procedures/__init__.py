"""Each procedure's web table (`ProcedureWeb`): its event forms and words, by procedure name.

Adding a procedure to the web is adding a module here and naming it in `_TABLES`: the forms of its
own events, the names of its stages, what intake says, the complainant's roles in its words, the
titles of its events and warnings, and which of its events only a manager records. A procedure the
core knows but that has no table yet gets `_generic`: it can be chosen and its complaints shown,
but its own events have no forms until its table gives them (tests/complaints/test_procedure_tables.py
says which are missing).
"""

from __future__ import annotations

from redress.complaints.procedures.adults_england import ADULTS_ENGLAND
from redress.complaints.procedures.children_england import CHILDREN_ENGLAND, CHILDREN_ROLES
from redress.complaints.procedures.children_wales import CHILDREN_WALES
from redress.complaints.procedures.two_stage import CORPORATE_CODE, HOUSING_CODE
from redress.complaints.specs import ProcedureWeb
from redress.core.definitions import ClockDefinition
from redress.core.procedures.registry import PROCEDURES

_TABLES: dict[str, ProcedureWeb] = {
    table.name: table for table in (CHILDREN_ENGLAND, ADULTS_ENGLAND, CHILDREN_WALES, HOUSING_CODE, CORPORATE_CODE)
}
"""The tables there are; one for a procedure the core does not know (yet) is not used."""


def _generic(name: str) -> ProcedureWeb:
    return ProcedureWeb(name=name, short_title=PROCEDURES[name].title, stages={}, roles=CHILDREN_ROLES,
                        intake="Recording the complaint starts the procedure's first clock.", subject="Who it is about",
                        subject_short="About")


WEB: dict[str, ProcedureWeb] = {name: _TABLES.get(name) or _generic(name) for name in PROCEDURES}
"""Every procedure the core knows, with its web table (or the generic one), in the core's order."""

ALL_CLOCKS: dict[str, ClockDefinition] = {
    clock.name: clock for procedure in PROCEDURES.values() for clock in procedure.clocks.values()
}
"""Every procedure's clocks by name, for the pages' titles and the next council deadline."""


def web_for(name: str) -> ProcedureWeb:
    """The web table of procedure `name` (a KeyError for a name the core does not know)."""
    return WEB[name]


def procedure_title(name: str) -> str:
    """The procedure's title, from the core: 'Adult social care complaints (England)'."""
    procedure = PROCEDURES.get(name)
    return procedure.title if procedure is not None else name
