"""From a pasted or saved decision page to clean lines: HTML to text, page furniture removed.

Each `Line` keeps the page's own characters (curly apostrophes and all) in `text`, and in `norm`
the same characters with typographic quotes, dashes and odd spaces made plain, one for one, so a
match found in `norm` can be sliced out of `text` at the same offsets.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

# Typographic characters and their plain equivalents, one character for one.
_PLAIN = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
    ("\u200b", " "),
    ("\ufeff", " "),
    ("\t", " "),
    ("\u2022", "*"),
    ("\u2026", "."),
    ("\u00ad", "-"),
)


def plain(text: str) -> str:
    """The text with typographic quotes, dashes and spaces made plain; same length, same offsets."""
    for fancy, simple in _PLAIN:
        if fancy in text:
            text = text.replace(fancy, simple)
    return text


# Whole lines that belong to the website, not to the decision: cookie banner, navigation, print links.
_FURNITURE_LINES = frozenset(
    (
        "back to top", "print this page", "lgo logogram", "review your privacy settings", "required cookies",
        "view required cookies", "analytical cookies", "view analytical cookies", "privacy settings",
        "we recommend you set these 'on'.", "we recommend you set these 'on'", "accept all cookies", "reject all cookies",
        "accept cookies", "reject cookies", "accept analytical cookies", "reject analytical cookies", "save cookie settings",
        "save my settings", "save settings", "save preferences", "cookie settings", "cookie preferences", "cookie policy",
        "skip to main content", "skip to content", "share this page", "on", "off", "menu", "search",
    )
)
_LONGEST_FURNITURE = max(map(len, _FURNITURE_LINES))
_FURNITURE_STARTS = (
    "these cookies enable ", "google analytics cookies help ", "in using google analytics", "we use cookies ",
    "google has developed a tool ",
)
_BULLET_STARTS = frozenset("*-\u00b7\u25aa\u25e60123456789(abcdefghivx")
_BULLET = re.compile(r"(?:[\u2022\u00b7\u25aa\u25e6*\-]|\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-h]\)|\(?[ivx]{1,4}\))\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_CHARS = tuple(chr(code) for code in (*range(0, 9), 11, 12, *range(14, 32), 127))
_CONTROL_CHARS_AND_CR = (*_CONTROL_CHARS, "\r")
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>]|<h1)", re.IGNORECASE)

_BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul"]
)
_SKIPPED_TAGS = frozenset(["script", "style", "noscript", "template", "head", "svg", "button", "select", "option", "nav"])


class Line(NamedTuple):
    """One line of a decision: its own characters, the plain form for matching, its indent."""

    text: str
    norm: str
    indent: int
    bullet: bool
    low: str  # norm in lower case


class _TextExtractor(HTMLParser):
    """Text of an HTML page with a line break at every block, list items marked with a bullet."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "li":
            self.parts.append("\n\u2022 ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split("\n")))


def looks_like_html(text: str) -> bool:
    return _HTML_START.match(text[:2000]) is not None


def html_to_text(html: str) -> str:
    """The visible text of a saved page, one block a line (scripts, styles, navigation left out)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


def decode(data: bytes) -> str | None:
    """Bytes of a text file as str (UTF-8, else Windows-1252), or None when they are binary."""
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > len(sample) // 100:
        return None
    return text


def _without_controls(text: str) -> str:
    """The text without control characters, its line ends made "\n"."""
    for control in _CONTROL_CHARS:  # one fast scan per character beats one slow regex scan
        if control in text:
            text = text.replace(control, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_lines(text: str) -> list[Line]:
    """The decision's non-empty lines, furniture and list markers removed, indents kept.

    Only the plain text is split into lines: the page's own characters are sliced from `text` at
    the same offsets.
    """
    flat = plain(text)
    if any(map(flat.__contains__, _CONTROL_CHARS_AND_CR)):  # plain text is scanned fastest
        text = _without_controls(text)
        flat = plain(text)
    lines: list[Line] = []
    furniture, furniture_starts, bullet_starts = _FURNITURE_LINES, _FURNITURE_STARTS, _BULLET_STARTS
    # The loop below runs for every line of every decision, so it is written out in full: a call to
    # a helper (or to Line's own __new__) costs more than the work it does.
    start_of_line = 0
    for flat_line in flat.split("\n"):
        line_start, start_of_line = start_of_line, start_of_line + len(flat_line) + 1
        stripped = flat_line.strip()
        if not stripped:
            continue
        size = len(stripped)
        lowered = stripped.lower()
        if size <= 400 and (
            lowered.startswith(furniture_starts) or (size <= _LONGEST_FURNITURE and lowered in furniture)
        ):
            continue
        indent = 0 if flat_line[0] == stripped[0] else len(flat_line) - len(flat_line.lstrip())
        skip = 0  # the length of a list marker ("1.", "(a)", "•") and its spaces, when text follows it
        if stripped[0] in bullet_starts and (bullet := _BULLET.match(stripped)) is not None and bullet.end() < size:
            skip = bullet.end()
            low = lowered[skip:] if len(lowered) == size else stripped[skip:].lower()
            stripped = stripped[skip:]
        else:
            low = lowered
        start = line_start + indent + skip
        lines.append(tuple.__new__(Line, (text[start : start + len(stripped)], stripped, indent, skip > 0, low)))
    return lines
