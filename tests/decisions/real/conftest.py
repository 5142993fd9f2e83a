"""Prints the real decisions' score at the end of the run (`make test`, `pytest tests/decisions/real`)."""

from __future__ import annotations

from typing import Any

from tests.decisions.real.scoring import Score

SCORES: list[Score] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for result in SCORES:
        terminalreporter.write_line(
            f"decisions parser on real texts: {result.right}/{result.total} labelled fields right ({result.share:.1%})"
        )
