"""The parts of a letter: who it is to and from, its sections, and the letter a catalogue entry describes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redress.core.corrections import corrected_history
from redress.core.events import SAYS, Case, Event
from redress.core.words import short_date

if TYPE_CHECKING:  # the engine's report is passed in; importing the engine here would be circular
    from redress.core.engine import Report

OUTCOME_WORDS = {
    "upheld": "Upheld",
    "partly-upheld": "Partly upheld",
    "not-upheld": "Not upheld",
    "not-investigated": "Not investigated",
}

OMBUDSMAN: Mapping[str, str] = {
    "name": "Local Government and Social Care Ombudsman",
    "address": "PO Box 4771, Coventry CV4 0EH",
    "phone": "0300 061 0614",
    "web": "www.lgo.org.uk",
}
"""The Ombudsman's published contact details, for letters where the procedure reaches it."""


class LetterRefused(ValueError):
    """The history does not hold what the letter must say (or the letter does not apply yet)."""

    def __init__(self, message: str, *, code: str = "letter-refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class Parties:
    """The names a letter needs that the history does not hold: the council's record of the complaint."""

    council: str
    reference: str
    complainant_name: str
    complainant_address: str = ""
    child_name: str = ""
    officer_name: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its paragraphs, as the default Word and PDF letters lay them out."""

    heading: str
    lines: tuple[str, ...]

    def to_context(self) -> dict[str, Any]:
        return {"heading": self.heading, "lines": list(self.lines)}


@dataclass(frozen=True, slots=True)
class Source:
    """What a letter is filled from: the case, its history as corrected up to `today`, the report, the parties."""

    case: Case
    history: tuple[Event, ...]
    report: Report
    parties: Parties
    today: dt.date

    def latest(self, kind: str) -> Event | None:
        return next((e for e in reversed(self.history) if e.type == kind), None)

    def all_of(self, kind: str) -> list[Event]:
        return [e for e in self.history if e.type == kind]

    def point_text(self, point_id: str) -> str:
        return next((p.text for p in self.case.points if p.id == point_id), "")

    def due(self, clock: str) -> dt.date | None:
        report = self.report.clock(clock)
        return report.due if report is not None else None


def source_of(case: Case, report: Report, parties: Parties, today: dt.date) -> Source:
    """The letter's source as the complaint stood on `today` (corrections made, later events left out)."""
    history, _ = corrected_history(case.events, until=today)
    return Source(case, tuple(e for e in history if e.date <= today), report, parties, today)


Build = Callable[[Source, Event], tuple[dict[str, Any], tuple[Section, ...]]]
"""Fills a letter from its source and the event it follows: its own fields and its sections."""


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter of a procedure: sent after the event `follows`, with its own fields (name: what it holds)."""

    procedure: str
    kind: str
    title: str
    follows: str
    fields: Mapping[str, str]
    build: Build = field(repr=False)
    judged: bool = False  # whether the engine judges the response from what this letter says (`says`)


COMMON_FIELDS: Mapping[str, str] = {
    "council": "the council's name",
    "reference": "the complaint's reference",
    "date": "the letter's date, e.g. Mon 1 Jul 2024",
    "complainant_name": "the complainant's name",
    "complainant_address": "the complainant's address, a list of lines",
    "child_name": "the child's name (may be empty)",
    "officer_name": "the complaints officer's name (may be empty)",
    "title": "the letter's title, e.g. Stage 1 response",
    "subject": "the subject line",
    "sections": "the letter's body as the default template lays it out: each with heading and lines",
}
"""The fields every letter has, beside its own."""

SAYS_FIELDS: Mapping[str, frozenset[str]] = {
    "findings": frozenset({"points", "sections"}),
    "basis": frozenset({"basis", "sections"}),
    "remedy": frozenset({"remedy", "sections"}),
}
"""For a judged letter: which template fields carry each of the required contents (SCENARIOS.md `says`)."""


@dataclass(frozen=True, slots=True)
class LetterContent:
    """A letter filled in: its fields for a template, and what it says of the required contents."""

    letter: Letter
    date: dt.date
    context: Mapping[str, Any]

    def says(self, used: Sequence[str] | None = None) -> tuple[str, ...]:
        """Of findings, basis and remedy: those the letter gives, with a template that uses `used` fields."""
        if not self.letter.judged:
            return ()
        fields = set(self.context if used is None else used)
        return tuple(item for item in SAYS if fields & SAYS_FIELDS[item] and self.context.get(_carrier(item)))


def _carrier(item: str) -> str:
    return {"findings": "points", "basis": "basis", "remedy": "remedy"}[item]


def dated(day: dt.date | None) -> str:
    """'Fri 14 Jun 2024', or "" when there is no date."""
    return f"{day:%a} {day.day} {day:%b %Y}" if day is not None else ""


def short(day: dt.date | None) -> str:
    return short_date(day) if day is not None else ""


def address_lines(address: str) -> list[str]:
    return [line.strip() for line in address.replace(",", "\n").splitlines() if line.strip()]
