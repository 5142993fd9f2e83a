"""What faults cost: remedy statistics over the library, by category and by the finding on fault.

For each group: how many decisions, the share upheld, how many had payments and the median and
quartiles of the amount paid per decision; and, over the whole selection, the most common kinds
of agreed action and the most common deadlines.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from redress.decisions.models import Decision

FAULT_LABELS = {True: "Fault found", False: "No fault found", None: "Fault not decided"}

# Kinds of agreed action, by the words that name them; the first that matches wins.
ACTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("Apologise", r"\bapolog"),
        ("Pay the complainant", r"\b(?:pay|refund|reimburse)\b"),
        ("Correct or amend records", r"\b(?:records?|amend|correct)\b"),
        ("Complete the complaints procedure", r"\b(?:stage|panel|investigation|complaints? procedure)\b"),
        ("Remind or train staff", r"\b(?:remind|train|training|staff|learning)\b"),
        ("Review policy or procedure", r"\b(?:review|policy|procedures?|guidance|practice)\b"),
        ("Explain, meet or write to the complainant", r"\b(?:explain|meet|meeting|write to|letter)\b"),
        ("Assess or provide a service", r"\b(?:assess|assessment|provide|arrange|offer)\b"),
    )
)
OTHER_ACTION = "Other action"


def action_kind(text: str) -> str:
    return next((label for label, pattern in ACTION_KINDS if pattern.search(text)), OTHER_ACTION)


@dataclass(slots=True)
class GroupStatistics:
    label: str
    decisions: int = 0
    with_outcome: int = 0
    upheld: int = 0
    amounts: list[Decimal] = field(default_factory=list)

    @property
    def upheld_share(self) -> float | None:
        return None if not self.with_outcome else self.upheld / self.with_outcome

    @property
    def payments(self) -> int:
        return len(self.amounts)

    @property
    def quartiles(self) -> tuple[Decimal, Decimal, Decimal] | None:
        """Lower quartile, median, upper quartile of the amounts paid (None when nothing was paid)."""
        if not self.amounts:
            return None
        if len(self.amounts) == 1:
            return (self.amounts[0],) * 3
        low, median, high = statistics.quantiles(sorted(self.amounts), n=4, method="inclusive")
        return (Decimal(low).quantize(Decimal("0.01")), Decimal(median).quantize(Decimal("0.01")), Decimal(high).quantize(Decimal("0.01")))

    def to_json(self) -> dict[str, Any]:
        quartiles = self.quartiles
        return {
            "label": self.label,
            "decisions": self.decisions,
            "upheld_share": self.upheld_share,
            "payments": self.payments,
            "payment_lower_quartile": None if quartiles is None else float(quartiles[0]),
            "payment_median": None if quartiles is None else float(quartiles[1]),
            "payment_upper_quartile": None if quartiles is None else float(quartiles[2]),
        }


@dataclass(slots=True)
class RemedyStatistics:
    by_category: list[GroupStatistics]
    by_fault: list[GroupStatistics]
    actions: list[tuple[str, int]]
    deadlines: list[tuple[str, int]]
    decisions: int


Row = tuple[str | None, str | None, bool | None, Decimal | None, list[dict[str, Any]]]


def remedy_statistics_of(rows: Iterable[Row], *, top: int = 8) -> RemedyStatistics:
    """The statistics of (category, decision, fault, payments total, actions) rows."""
    categories: dict[str, GroupStatistics] = {}
    faults = {value: GroupStatistics(label) for value, label in FAULT_LABELS.items()}
    kinds: Counter[str] = Counter()
    deadlines: Counter[str] = Counter()
    count = 0
    for category, outcome, fault, total, actions in rows:
        count += 1
        label = category or "Category not given"
        for group in (categories.setdefault(label, GroupStatistics(label)), faults[fault]):
            group.decisions += 1
            if outcome:
                group.with_outcome += 1
                group.upheld += outcome == "Upheld"
            if total is not None:
                group.amounts.append(Decimal(total))
        for action in actions or []:
            kinds[action_kind(str(action.get("action", "")))] += 1
            if action.get("deadline"):
                deadlines[str(action["deadline"]).lower()] += 1
    return RemedyStatistics(
        by_category=sorted(categories.values(), key=lambda group: (-group.decisions, group.label)),
        by_fault=[group for group in faults.values() if group.decisions],
        actions=kinds.most_common(top),
        deadlines=deadlines.most_common(top),
        decisions=count,
    )


def remedy_statistics() -> RemedyStatistics:
    """Remedy statistics over the whole library."""
    rows = Decision.objects.order_by().values_list("category", "outcome", "fault", "payments_total_gbp", "actions")
    return remedy_statistics_of(rows.iterator(chunk_size=2000))
