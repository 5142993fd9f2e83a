"""The shape of a decision statement: the heading fields, then named sections.

Layouts met in the wild: the older page (header lines separated by blank lines, numbered
paragraphs, "Back to top"), the newer page (single lines, bullets), a heading with no
Category/Decision/date lines, copies on other sites that start at "The Ombudsman's final decision"
or "Summary", and old report summaries headed by the reference alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from redress.core.decisions.text import Line

_REF = r"(\d{2})\s?(\d{3})\s?(\d{3})"
_TITLE = re.compile(rf"(?P<authority>\S.{{1,150}}?)\s*\(\s*(?:ref(?:erence)?\.?:?\s*)?{_REF}\s*\)")
_REF_ALONE = re.compile(rf"(?:(?:our )?ref(?:erence)?(?: no\.?| number)?\s*:?\s*)?{_REF}", re.IGNORECASE)
_CATEGORY = re.compile(r"category\s*:\s*(?P<value>\S.*)", re.IGNORECASE)
_DECISION = re.compile(r"decision\s*:\s*(?P<value>\S.{0,80})", re.IGNORECASE)
_DATE_LINE = re.compile(r"decision date\s*:\s*(?P<value>\S.*)", re.IGNORECASE)
_DATE = re.compile(r"(\d{1,2})(?:\s+|-)([A-Za-z]{3,9})\.?,?(?:\s+|-)(\d{4})|(\d{4})-(\d{2})-(\d{2})")
# A category page's list of statements: "Statement Upheld School transport 11-Mar-2019" under the title.
_LISTING = re.compile(
    r"statement\s+(?P<decision>upheld|not upheld|closed after initial enquiries)\s+(?P<category>\S.*?)\s+(?P<date>\d{1,2}-[A-Za-z]{3}-\d{4})",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

# Section headings, each a whole line (a trailing colon allowed), mapped to the section's role.
_HEADING_PATTERNS: tuple[tuple[str, str], ...] = (
    ("intro", r"the ombudsman's final decision|the ombudsman's decision|final decision summary"),
    ("summary", r"summary|report summary|decision summary"),
    ("complaint", r"the complaints?|complaint|what (?:the complaint is|is the complaint) about"),
    ("role", r"the ombudsman's role(?: and powers)?|our role(?: and powers)?|the ombudsman's powers"),
    ("considered", r"how (?:i|we) considered (?:this|the) complaint|how (?:i|we) considered this"),
    (
        "found",
        r"what (?:i|we) found|my findings|findings|analysis|(?:my |our )?assessment|(?:my )?consideration"
        r"|conclusions?|was there fault.{0,80}|my (?:view|decision)",
    ),
    (
        "action",
        r"agreed actions?|recommended actions?|actions?|remed(?:y|ies)|agreed remed(?:y|ies)"
        r"|recommended remed(?:y|ies)|recommendations?|what (?:i|we) (?:have )?recommended",
    ),
    ("final", r"final decision|decision|finding|our decision"),
    ("signature", r"(?:.{0,60}'s )?decision on behalf of the ombudsman\.?|.{0,40}decision on behalf of the ombudsman"),
)


def _headings(patterns: tuple[tuple[str, str], ...], flags: int = 0) -> re.Pattern[str]:
    """One pattern, one call a line: the named group that matched is the section's role (first wins)."""
    return re.compile("|".join(f"(?P<{key}>(?:{pattern})\\s*:?)" for key, pattern in patterns), flags)


_HEADINGS = _headings(_HEADING_PATTERNS, re.IGNORECASE)
# The same without IGNORECASE, for a lower-cased line: faster, and the same answer unless the line
# holds one of the two lower-case letters IGNORECASE also takes for an ASCII one (dotless i, long s).
# The signature comes last, so it can be tried apart, only on a line holding _SIGNED (as every
# signature does), and still lose to every other heading.
*_BODY_HEADINGS, _SIGNATURE_HEADING = _HEADING_PATTERNS
_LOWER_CASE_HEADINGS = _headings(tuple(_BODY_HEADINGS))
_LOWER_CASE_SIGNATURE = _headings((_SIGNATURE_HEADING,))
_SIGNED = "decision on behalf of the ombudsman"
_ALSO_ASCII = ("\u0131", "\u017f")
_SUMMARY_INLINE = re.compile(r"summary\s*:\s*(?=\S)", re.IGNORECASE)
_HEADER_LIMIT = 40


@dataclass(slots=True)
class Section:
    key: str
    heading: str
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """A decision split up: heading fields (None when absent) and the body's sections in order."""

    authority: str | None = None
    reference: str | None = None
    category: str | None = None
    decision: str | None = None
    decision_date: dt.date | None = None
    reference_alone: bool = False
    sections: list[Section] = field(default_factory=list)
    signed: bool = False
    end: int = 0

    def first(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)


def heading_key(line: Line) -> str | None:
    """The role of a line that is a section heading, or None for a line of text."""
    if line.low.startswith("summary") and _SUMMARY_INLINE.match(line.norm):
        return "summary"
    if len(line.norm) > 90 or line.bullet:
        return None
    low = line.low
    if _ALSO_ASCII[0] in low or _ALSO_ASCII[1] in low:
        match = _HEADINGS.fullmatch(low)
    else:
        match = _LOWER_CASE_HEADINGS.fullmatch(low)
        if match is None and _SIGNED in low:
            match = _LOWER_CASE_SIGNATURE.fullmatch(low)
    return None if match is None else match.lastgroup


def parse_date(text: str) -> dt.date | None:
    """A date as the pages write it ("06 Jun 2024", "6 June 2024", "2024-06-06"), else None."""
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        if match.group(4):
            return dt.date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        month = _MONTHS.get(match.group(2).lower())
        return None if month is None else dt.date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def _reference(match: re.Match[str], first_group: int) -> str:
    return " ".join(match.group(first_group + offset) for offset in range(3))


def _read_header_line(layout: Layout, line: Line) -> None:
    if layout.reference is None and (title := _TITLE.fullmatch(line.norm)):
        layout.authority = line.text[: title.end("authority")].strip()
        layout.reference = _reference(title, 2)
    elif layout.reference is None and (alone := _REF_ALONE.fullmatch(line.norm)):
        layout.reference = _reference(alone, 1)
        layout.reference_alone = True
    elif layout.category is None and (category := _CATEGORY.fullmatch(line.norm)):
        layout.category = " ".join(line.text[category.start("value") :].split())
    elif layout.decision_date is None and (when := _DATE_LINE.fullmatch(line.norm)):
        layout.decision_date = parse_date(when.group("value"))
    elif layout.decision is None and (decision := _DECISION.fullmatch(line.norm)):
        layout.decision = " ".join(line.text[decision.start("value") :].split()).rstrip(".")
    elif layout.decision is None and line.low.startswith("statement") and (listed := _LISTING.fullmatch(line.norm)):
        layout.decision = listed.group("decision").capitalize()
        layout.category = line.text[listed.start("category") : listed.end("category")]
        layout.decision_date = parse_date(listed.group("date"))


def read_layout(lines: list[Line]) -> Layout:
    """Heading fields from the lines before the first section, then the sections up to the signature."""
    layout = Layout()
    index = 0
    while index < len(lines) and index < _HEADER_LIMIT and heading_key(lines[index]) is None:
        _read_header_line(layout, lines[index])
        index += 1
    if layout.reference is None and layout.category is None and layout.decision is None:
        index = 0  # no heading: every line is body
    current = Section(key="preamble", heading="")
    layout.end = len(lines)
    for position in range(index, len(lines)):
        line = lines[position]
        key = heading_key(line)
        if key == "signature":
            layout.signed = True
            layout.end = position + 1
            break
        if key is None:
            current.lines.append(line)
            continue
        if current.lines or current.key != "preamble":
            layout.sections.append(current)
        current = Section(key=key, heading=line.text)
        if key == "summary" and (inline := _SUMMARY_INLINE.match(line.norm)):
            current.heading = line.text[: inline.end()].strip()
            rest = inline.end()
            current.lines.append(Line(line.text[rest:], line.norm[rest:], line.indent, False, line.low[rest:]))
    if current.lines or current.key != "preamble":
        layout.sections.append(current)
    return layout
