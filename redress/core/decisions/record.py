"""The record read from one published decision statement: plain, frozen, JSON-ready."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

OTHER_BODIES = (
    "information-commissioner",
    "social-work-england",
    "court",
    "tribunal",
    "police",
    "nhs",
    "housing-ombudsman",
    "parliamentary-ombudsman",
)

REASONS_NOT_INVESTIGATED = (
    "premature",
    "insufficient-evidence-of-fault",
    "no-significant-injustice",
    "no-different-outcome",
    "no-worthwhile-outcome",
    "could-not-add",
    "other-body-better-placed",
    "court-proceedings",
    "late",
    "outside-jurisdiction",
    "remedy-agreed",
)


def money_json(amount: Decimal) -> int | float:
    """Whole pounds as an int (300), pence as a float (12.5)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


@dataclass(frozen=True, slots=True)
class Payment:
    """Money paid, or to be paid, to the complainant or their family, and what it is for."""

    amount_gbp: Decimal
    purpose: str | None

    def to_json(self) -> dict[str, Any]:
        return {"amount_gbp": money_json(self.amount_gbp), "purpose": self.purpose}


@dataclass(frozen=True, slots=True)
class Action:
    """One remedy the council agreed to, with its deadline as written ("within four weeks")."""

    action: str
    deadline: str | None

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "deadline": self.deadline}


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision statement as a record. Every field is None when the text does not say it."""

    authority: str | None
    reference: str | None
    category: str | None
    decision: str | None
    decision_date: dt.date | None
    summary: str | None
    fault: bool | None
    injustice: bool | None
    apology: bool | None
    payments: tuple[Payment, ...]
    actions: tuple[Action, ...]
    other_bodies: tuple[str, ...]
    reasons_not_investigated: tuple[str, ...]
    ofsted_shared: bool | None
    stage_reached: int | None
    text_complete: bool
    text: str

    @property
    def payments_total_gbp(self) -> Decimal | None:
        """The sum of the payments, or None when there are none."""
        if not self.payments:
            return None
        return sum((payment.amount_gbp for payment in self.payments), Decimal(0))

    def to_json(self, *, include_text: bool = False) -> dict[str, Any]:
        total = self.payments_total_gbp
        data: dict[str, Any] = {
            "authority": self.authority,
            "reference": self.reference,
            "category": self.category,
            "decision": self.decision,
            "decision_date": self.decision_date.isoformat() if self.decision_date else None,
            "summary": self.summary,
            "fault": self.fault,
            "injustice": self.injustice,
            "apology": self.apology,
            "payments": [payment.to_json() for payment in self.payments],
            "payments_total_gbp": None if total is None else money_json(total),
            "actions": [action.to_json() for action in self.actions],
            "other_bodies": list(self.other_bodies),
            "reasons_not_investigated": list(self.reasons_not_investigated),
            "ofsted_shared": self.ofsted_shared,
            "stage_reached": self.stage_reached,
            "text_complete": self.text_complete,
        }
        if include_text:
            data["text"] = self.text
        return data
