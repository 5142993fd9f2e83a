"""`parse_decision(text)`: a published decision statement, pasted or saved, as a `Decision` record."""

from __future__ import annotations

import re

from redress.core.decisions.findings import (
    apology_in,
    failing_remedied,
    fault_found,
    harm_caused,
    injustice_found,
    ofsted_shared,
    other_bodies_in,
    reasons_in,
    says_not_investigating,
    stage_reached,
)
from redress.core.decisions.record import Decision
from redress.core.decisions.remedies import actions_in, payments_in
from redress.core.decisions.structure import Layout, read_layout
from redress.core.decisions.text import Line, clean_lines, decode, html_to_text, looks_like_html

_SPEAKS_OF_COMPLAINTS = re.compile(r"\bcomplain|\bombudsman\b", re.IGNORECASE)
_SPEAKS_OF_COUNCILS = re.compile(r"\bombudsman\b|\bcouncil\b", re.IGNORECASE)
_SIGNED = "decision on behalf of the ombudsman"
_SENTENCE_ENDS = (".", "!", "?", ")", '"', "'", ":")
MAX_CHARS = 2_000_000  # far beyond any real statement; a bigger file is not one


def _is_decision(layout: Layout, kept: list[Line]) -> bool:
    if layout.reference is not None and not layout.reference_alone:
        return True
    if layout.reference_alone:
        return _SPEAKS_OF_COMPLAINTS.search(_joined(kept)) is not None
    if layout.category is not None and layout.decision is not None:
        return True
    if layout.first("intro") is not None:
        return True
    return layout.first("summary") is not None and _SPEAKS_OF_COUNCILS.search(_joined(kept)) is not None


def _joined(lines: list[Line]) -> str:
    return "\n".join([line.norm for line in lines])


def _lowered(lines: list[Line]) -> str:
    return "\n".join([line.low for line in lines])


def _section_lines(layout: Layout, *keys: str) -> list[Line]:
    return [line for section in layout.sections if section.key in keys for line in section.lines]


def _ends_whole(final_lines: list[Line]) -> bool:
    """The final decision ends at the end of a sentence (or of the signature's first words), not cut off
    mid-sentence as pages copied or returned in part are."""
    lines = final_lines
    last = lines[-1].low.rstrip(" .") if lines else ""
    at = last.find("decision")
    if 0 <= at <= 60 and _SIGNED.startswith(last[at:]):
        lines = lines[:-1]  # "Investigator's decision on": the signature, cut
    return not lines or lines[-1].norm.rstrip().endswith(_SENTENCE_ENDS)


def _summary(layout: Layout) -> str | None:
    section = layout.first("summary")
    if section is None:
        return None
    return "\n\n".join(" ".join(line.text.split()) for line in section.lines).strip() or None


def parse_decision(text: str) -> Decision | None:
    """The record of a decision statement given as plain text, or None if the text is not one."""
    if len(text) > MAX_CHARS:
        return None
    lines = clean_lines(text)
    layout = read_layout(lines)
    kept = lines[: layout.end]
    if not kept or not _is_decision(layout, kept):
        return None
    summary_lines = _section_lines(layout, "summary")
    final_lines = _section_lines(layout, "final")
    action_lines = _section_lines(layout, "action")
    story = _lowered(
        _section_lines(layout, "preamble", "summary", "complaint", "considered", "found", "action", "final")
    )
    conclusions = [_lowered(final_lines), _lowered(summary_lines), _lowered(action_lines)]
    actions = actions_in(action_lines)
    payments = payments_in(action_lines, action_items=True) or payments_in(final_lines + summary_lines)
    complete = layout.signed or (layout.first("final") is not None and _ends_whole(final_lines))
    shared = ofsted_shared(_lowered(kept))
    said = conclusions[0] + "\n" + conclusions[1]
    closed = (layout.decision or "").lower().startswith("closed")
    # Findings put in other words are read only where the Ombudsman did investigate: the conclusions do
    # not say it will not (a part left out, told in the story, does not count).
    investigated = not closed and not says_not_investigating(said, "")
    injustice = injustice_found(conclusions)
    if injustice is None and investigated and harm_caused(said):
        injustice = True
    fault = fault_found(conclusions)
    if fault is None and investigated and failing_remedied(conclusions[1], injustice=injustice):
        fault = True
    return Decision(
        authority=layout.authority,
        reference=layout.reference,
        category=layout.category,
        decision=layout.decision,
        decision_date=layout.decision_date,
        summary=_summary(layout),
        fault=fault,
        injustice=injustice,
        apology=apology_in([action.action for action in actions], conclusions[:2]),
        payments=tuple(payments),
        actions=tuple(actions),
        other_bodies=tuple(other_bodies_in(story)),
        reasons_not_investigated=tuple(reasons_in(said, story, closed=closed)),
        ofsted_shared=True if shared else (False if complete else None),
        stage_reached=stage_reached(story),
        text_complete=complete,
        text="\n".join([line.text for line in kept]),
    )


def parse_html(html: str) -> Decision | None:
    """The record of a decision saved as an HTML page (the page's scripts, styles and menus ignored)."""
    return parse_decision(html_to_text(html))


def parse_bytes(data: bytes) -> Decision | None:
    """The record of a file's contents, text or HTML; None for binary data or anything not a decision."""
    if len(data) > MAX_CHARS * 4:
        return None
    text = decode(data)
    if text is None:
        return None
    return parse_html(text) if looks_like_html(text) else parse_decision(text)
