"""What faults cost: remedy statistics over the library, by category and by the finding on fault.

For each group: how many decisions, the share upheld, how many had payments and the median and
quartiles of the amount paid per decision; and, over the whole selection, the most common kinds
of agreed action and the most common deadlines.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max

from redress.decisions.models import Decision

FAULT_LABELS = {True: "Fault found", False: "No fault found", None: "Fault not decided"}

# Kinds of agreed action, by the words that name them (matched in lower case, padded with spaces);
# the first kind that matches wins. Plain `in` tests: this runs for every action in the library.
ACTION_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Apologise", ("apolog",)),
    ("Pay the complainant", (" pay ", " pay.", "payment", " refund", " reimburse")),
    ("Correct or amend records", (" record", " amend", " correct")),
    ("Complete the complaints procedure", (" stage ", " panel", " investigation", "complaints procedure", "complaint procedure")),
    ("Remind or train staff", (" remind", " train", " staff", " learning")),
    ("Review policy or procedure", (" review", " policy", " policies", " procedure", " guidance", " practice")),
    ("Explain, meet or write to the complainant", (" explain", " meet", " meeting", " write to", " letter")),
    ("Assess or provide a service", (" assess", " provide", " arrange", " offer")),
)
OTHER_ACTION = "Other action"


def action_kind(text: str) -> str:
    padded = f" {text.lower()} "
    return next((label for label, words in ACTION_KINDS if any(word in padded for word in words)), OTHER_ACTION)


@dataclass(slots=True)
class GroupStatistics:
    label: str
    decisions: int = 0
    with_outcome: int = 0
    upheld: int = 0
    amounts: list[Decimal] = field(default_factory=list)  # emptied by close()
    payments: int = 0
    quartiles: tuple[Decimal, Decimal, Decimal] | None = None

    @property
    def upheld_share(self) -> float | None:
        return None if not self.with_outcome else self.upheld / self.with_outcome

    def close(self) -> GroupStatistics:
        """Work out the payments' count and quartiles, and let the amounts go (the result is cached)."""
        self.payments = len(self.amounts)
        if len(self.amounts) == 1:
            self.quartiles = (self.amounts[0],) * 3
        elif self.amounts:
            cent = Decimal("0.01")
            low, median, high = statistics.quantiles(sorted(self.amounts), n=4, method="inclusive")
            self.quartiles = (Decimal(low).quantize(cent), Decimal(median).quantize(cent), Decimal(high).quantize(cent))
        self.amounts = []
        return self

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
        by_category=sorted((group.close() for group in categories.values()), key=lambda g: (-g.decisions, g.label)),
        by_fault=[group.close() for group in faults.values() if group.decisions],
        actions=kinds.most_common(top),
        deadlines=deadlines.most_common(top),
        decisions=count,
    )


def remedy_statistics() -> RemedyStatistics:
    """Remedy statistics over the whole library, worked out again only when the library has changed.

    Reading every decision's actions takes seconds at 50,000 decisions, so the answer is cached
    under the library's size and latest change; an import or an edit makes a new key.
    """
    state = Decision.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    key = f"decisions:remedy-statistics:{state['count']}:{state['changed'].isoformat() if state['changed'] else '-'}"
    cached = cache.get(key)
    if isinstance(cached, RemedyStatistics):
        return cached
    rows = Decision.objects.order_by().values_list("category", "outcome", "fault", "payments_total_gbp", "actions")
    result = remedy_statistics_of(rows.iterator(chunk_size=2000))
    cache.set(key, result, timeout=24 * 3600)
    return result
