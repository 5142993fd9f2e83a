"""The parser scored against 72 real published decision statements, labelled by hand (see README.md)."""

from __future__ import annotations

from collections import Counter

from redress.core.decisions import parse_bytes
from tests.decisions.real import conftest
from tests.decisions.real.scoring import FIELDS, TEXTS, field_right, labelled, score

TARGET = 0.99


def test_the_set_is_real_varied_and_fully_labelled() -> None:
    entries = labelled()
    assert len(entries) >= 60
    assert sorted(entries) == sorted(path.name for path in TEXTS.glob("*.txt"))
    assert all(set(entry["fields"]) == set(FIELDS) and entry["source"].startswith("http") for entry in entries.values())
    # every category: children's (c), adults' (a), education (e), housing (h), planning (p), benefits (b), information (i)
    assert set(Counter(name[0] for name in entries)) == set("caehpbi")
    # older and newer layouts, pages cut short, and copies without the header
    texts = {name: (TEXTS / name).read_text(encoding="utf-8") for name in entries}
    assert any("\n  1. " in text for text in texts.values()) and any("\n- " in text for text in texts.values())
    assert sum(not entry["fields"]["text_complete"] for entry in entries.values()) >= 50
    assert sum(entry["fields"]["reference"] is None for entry in entries.values()) >= 15


def test_the_parser_reads_at_least_99_percent_of_the_labelled_fields() -> None:
    result = score()
    conftest.SCORES.append(result)
    assert result.share >= TARGET, "\n".join(result.misses)


def test_a_field_not_stated_is_never_guessed() -> None:
    """Of the fields labelled empty (the text does not state them), none is read as something."""
    guessed = []
    for name, entry in sorted(labelled().items()):
        decision = parse_bytes((TEXTS / name).read_bytes())
        guessed += [
            f"{name} {field_name}"
            for field_name, label in entry["fields"].items()
            if label in (None, []) and not field_right(decision, field_name, label)
        ]
    assert guessed == []


def test_the_scorer_marks_a_wrong_reading_wrong() -> None:
    assert field_right(None, "fault", None) is True
    assert field_right(None, "fault", True) is False
    assert field_right(None, "summary", ["Mrs X", "caused."]) is False
