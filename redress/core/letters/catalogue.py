"""Every letter Redress produces, by (procedure, kind); `compose` fills one from a complaint's history.

A procedure's letters are catalogue entries alone: add a module like `children_england` with its
`LETTERS` and list it in `_MODULES`. Each entry names the event the letter follows (it may be sent
once that event is recorded) and the fields its templates may use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from redress.core.letters import adults_england, children_england
from redress.core.letters.model import (
    COMMON_FIELDS,
    Letter,
    LetterContent,
    LetterRefused,
    Parties,
    address_lines,
    dated,
    source_of,
)

if TYPE_CHECKING:
    from redress.core.engine import Report
    from redress.core.events import Case

_MODULES = (children_england, adults_england)

CATALOGUE: dict[tuple[str, str], Letter] = {
    (letter.procedure, letter.kind): letter for module in _MODULES for letter in module.LETTERS
}


def letters_of(procedure: str) -> list[Letter]:
    """The procedure's letters in the order its steps send them (none for a procedure without any yet)."""
    return [letter for (name, _), letter in CATALOGUE.items() if name == procedure]


def letter_of(procedure: str, kind: str) -> Letter:
    """The letter `kind` of `procedure`; LetterRefused naming the procedure's letters when there is none."""
    letter = CATALOGUE.get((procedure, kind))
    if letter is None:
        kinds = ", ".join(item.kind for item in letters_of(procedure)) or "none yet"
        raise LetterRefused(f"There is no letter {kind!r} in the procedure {procedure}; its letters are {kinds}",
                            code="unknown-letter")
    return letter


def template_fields(letter: Letter) -> dict[str, str]:
    """Every field a template of this letter may use, with what it holds."""
    return {**COMMON_FIELDS, **letter.fields}


def compose(letter: Letter, *, case: Case, report: Report, parties: Parties, today: dt.date) -> LetterContent:
    """The letter filled from the complaint as it stood on `today`: LetterRefused when it cannot be sent.

    It follows the latest event of its kind (`letter.follows`); before that event there is no letter.
    """
    source = source_of(case, report, parties, today)
    event = source.latest(letter.follows)
    if event is None:
        raise LetterRefused(f"The {letter.title.lower()} follows {letter.follows}, which is not recorded yet",
                            code="letter-not-yet")
    own, sections = letter.build(source, event)
    context = {
        "council": parties.council,
        "reference": parties.reference,
        "date": dated(today),
        "complainant_name": parties.complainant_name,
        "complainant_address": address_lines(parties.complainant_address),
        "child_name": parties.child_name,
        "officer_name": parties.officer_name,
        "title": letter.title,
        "subject": f"{letter.title}: complaint {parties.reference}"
                   + (f" about {parties.child_name}" if parties.child_name else ""),
        "sections": [s.to_context() for s in sections if s.lines],
        **own,
    }
    return LetterContent(letter, today, context)
