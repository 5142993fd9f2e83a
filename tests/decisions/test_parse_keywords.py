"""The story's keywords: every occurrence, found in one pass, where `str.find` would find them."""

# The decisions' own typography (curly quotes, dashes) is kept on purpose: beyond Latin-1 is searched otherwise.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from redress.core.decisions.keywords import Keywords


def _find_all(text: str, word: str) -> list[int]:
    starts, start = [], text.find(word)
    while start != -1:
        starts.append(start)
        start = text.find(word, start + len(word))
    return starts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the court and the courts; stage 2, then stages one and two",
        "the parliamentary and health service ombudsman, not the health service",
        "£300 – a café’s “stage 3” review panel ☃ court",
    ],
)
def test_keywords_are_found_where_str_find_finds_them(text: str) -> None:
    keywords = Keywords(["court", "health service", "parliamentary and health service ombudsman", "stage", " panel"])
    for word in keywords.words:
        assert keywords.found(text).get(word, []) == _find_all(text, word), word
        assert keywords.found(text).get(word, []) == _find_all(text, word), word  # the same text again: remembered


def test_a_keyword_that_could_overlap_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="overlap itself"):
        Keywords(["court", "abab"])
