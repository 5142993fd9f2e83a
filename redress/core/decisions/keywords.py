"""Where a fixed set of words occurs in a text, all found in one pass.

The findings look for some fifty words in the same story: the other bodies, the hints of each
reason for not investigating, "stage" and " panel". One `str.find` scan of the story a word was the
slowest part of the parser; an Aho-Corasick automaton (the ahocorasick-rs package) finds them all
in one pass, and the story is searched once for the three readings that use it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick, Implementation


def _overlaps_itself(word: str) -> bool:
    return any(word[:size] == word[-size:] for size in range(1, len(word)))


class Keywords:
    """A fixed set of words, and where each occurs in the text searched last."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(dict.fromkeys(words))
        if any(_overlaps_itself(word) for word in self.words):
            # Its occurrences could overlap, which a `str.find` loop stepping past each would not count.
            raise ValueError("a keyword must not overlap itself")
        self._automaton = AhoCorasick(self.words)
        # Most texts are Latin-1 ("£", "é"), where a byte is a character: searched as bytes, the
        # positions need no counting of characters.
        self._latin1_automaton = BytesAhoCorasick(
            [word.encode("latin-1") for word in self.words], implementation=Implementation.DFA
        )
        self._last: tuple[str, dict[str, list[int]]] = ("", {})

    def found(self, text: str) -> dict[str, list[int]]:
        """Each keyword in `text` and where it starts, left to right: what a `str.find` loop finds,
        scanning on from the end of each occurrence (no keyword overlaps itself, so those are all its
        occurrences). Keywords absent from the text are absent from the answer."""
        last_text, found = self._last
        if last_text is text:
            return found
        try:
            matches = self._latin1_automaton.find_matches_as_indexes(text.encode("latin-1"), overlapping=True)
        except UnicodeEncodeError:
            matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        found = {}
        for index, start, _ in matches:
            found.setdefault(self.words[index], []).append(start)
        self._last = (text, found)
        return found
