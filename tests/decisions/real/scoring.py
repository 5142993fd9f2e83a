"""Score the parser against the hand-labelled real decisions in labels.json (see README.md).

Every labelled field of every text is one mark: the share of marks the parser gets is the score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from redress.core.decisions import Decision, parse_bytes

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
LABELS = HERE / "labels.json"
FIELDS = (
    "authority", "reference", "category", "decision", "decision_date", "summary", "fault", "injustice", "apology",
    "payments", "actions", "other_bodies", "reasons_not_investigated", "ofsted_shared", "stage_reached", "text_complete",
)


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def labelled() -> dict[str, dict[str, Any]]:
    texts: dict[str, dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))["texts"]
    return texts


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _read(decision: Decision | None, name: str) -> Any:
    """The parser's answer for one field, in the labels' terms."""
    if decision is None:
        return None
    value = getattr(decision, name)
    if name == "decision_date":
        return None if value is None else value.isoformat()
    if name == "payments":
        return [(payment.amount_gbp, payment.purpose) for payment in value]
    if name == "actions":
        return [(action.action, action.deadline) for action in value]
    if name in ("other_bodies", "reasons_not_investigated"):
        return sorted(value)
    return value


def _expected(label: Any, name: str) -> Any:
    if name == "payments":
        return [(Decimal(str(payment["amount_gbp"])), payment["purpose"]) for payment in label]
    if name == "actions":
        return [(action["action"], action["deadline"]) for action in label]
    if name in ("other_bodies", "reasons_not_investigated"):
        return sorted(label)
    return label


def field_right(decision: Decision | None, name: str, label: Any) -> bool:
    got = _read(decision, name)
    if name == "summary" and label is not None:  # labelled by its first and last words
        first, last = label
        return got is not None and _spaced(got).startswith(_spaced(first)) and _spaced(got).endswith(_spaced(last))
    return bool(got == _expected(label, name))


def score() -> Score:
    result = Score()
    for name, entry in sorted(labelled().items()):
        decision = parse_bytes((TEXTS / name).read_bytes())
        for field_name in FIELDS:
            label = entry["fields"][field_name]
            result.total += 1
            if field_right(decision, field_name, label):
                result.right += 1
            else:
                result.misses.append(f"{name} {field_name}: labelled {label!r}, read {_read(decision, field_name)!r}")
    return result
