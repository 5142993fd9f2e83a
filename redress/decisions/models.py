"""The decisions library: one row per published decision statement, keyed by its reference.

Decisions are public data, not any council's: every signed-in user sees the same library. Lists
of codes (other bodies, reasons not investigated) are stored as ",code,code," so that filtering
on one code is a plain `contains` on SQLite and PostgreSQL alike. Full-text search lives beside
the table (an FTS5 table on SQLite, a tsvector column on PostgreSQL: see `search.py`).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from redress.core.decisions.record import money_json


def codes_text(codes: tuple[str, ...] | list[str]) -> str:
    """Codes as stored: ",court,police," ("" for none)."""
    return f",{','.join(codes)}," if codes else ""


class Decision(models.Model):
    reference = models.CharField(max_length=10, unique=True, help_text="As published: NN NNN NNN")
    authority = models.CharField(max_length=200, null=True, blank=True)
    category = models.CharField(max_length=200, null=True, blank=True)
    outcome = models.CharField("decision", max_length=100, null=True, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    summary = models.TextField(null=True, blank=True)
    fault = models.BooleanField(null=True)
    injustice = models.BooleanField(null=True)
    apology = models.BooleanField(null=True)
    payments = models.JSONField(default=list, blank=True, help_text='[{"amount_gbp": ..., "purpose": ...}]')
    payments_total_gbp = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    actions = models.JSONField(default=list, blank=True, help_text='[{"action": ..., "deadline": ...}]')
    other_bodies = models.CharField(max_length=300, blank=True, default="")
    reasons_not_investigated = models.CharField(max_length=400, blank=True, default="")
    ofsted_shared = models.BooleanField(null=True)
    stage_reached = models.PositiveSmallIntegerField(null=True, blank=True)
    text_complete = models.BooleanField(default=False)
    text = models.TextField()
    text_sha256 = models.CharField(max_length=64)
    search_words = models.TextField(
        blank=True, default="", editable=False, help_text="What full-text search indexes: the text's distinct words"
    )
    source = models.CharField(max_length=500, blank=True, default="", help_text="The file it was imported from")
    imported_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-decision_date", "reference"]
        indexes = [
            models.Index(fields=["category"], name="decision_category_idx"),
            models.Index(fields=["outcome"], name="decision_outcome_idx"),
            models.Index(fields=["decision_date"], name="decision_date_idx"),
            models.Index(fields=["authority"], name="decision_authority_idx"),
            models.Index(fields=["payments_total_gbp"], name="decision_payments_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.authority or 'Unknown authority'} ({self.reference})"

    @property
    def slug(self) -> str:
        """The reference without spaces, for URLs: 19011904."""
        return self.reference.replace(" ", "")

    @property
    def other_body_codes(self) -> list[str]:
        return [code for code in self.other_bodies.split(",") if code]

    @property
    def reason_codes(self) -> list[str]:
        return [code for code in self.reasons_not_investigated.split(",") if code]

    def to_json(self) -> dict[str, Any]:
        """The record in the shape `redress decisions parse --json` prints."""
        return {
            "authority": self.authority,
            "reference": self.reference,
            "category": self.category,
            "decision": self.outcome,
            "decision_date": self.decision_date.isoformat() if self.decision_date else None,
            "summary": self.summary,
            "fault": self.fault,
            "injustice": self.injustice,
            "apology": self.apology,
            "payments": self.payments,
            "payments_total_gbp": None if self.payments_total_gbp is None else money_json(self.payments_total_gbp),
            "actions": self.actions,
            "other_bodies": self.other_body_codes,
            "reasons_not_investigated": self.reason_codes,
            "ofsted_shared": self.ofsted_shared,
            "stage_reached": self.stage_reached,
            "text_complete": self.text_complete,
        }
