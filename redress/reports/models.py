"""The reporting table: each complaint's reporting facts, kept by the projection as events arrive.

A cache of the engine's answer like the Projection (redress/complaints/projections.py): written in
the same transaction as the events and the projection, replaced whole by `rebuild-projections`.
No names or free text: only codes (redress/core/reports/facts.py).
"""

from __future__ import annotations

from django.db import models

from redress.complaints.models import Complaint
from redress.councils.models import Council


class ReportComplaint(models.Model):
    """One row a complaint: what the annual report counts it by (its procedure and date received)."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, primary_key=True, related_name="reporting")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField(max_length=40, help_text="The procedure the complaint is under now.")
    received_on = models.DateField()
    stage = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16)
    closed_on = models.DateField(null=True, blank=True, help_text="The day it was closed or withdrawn.")
    computed_on = models.DateField(help_text="The date the facts were worked out as of.")

    class Meta:
        indexes = [
            models.Index(fields=["council", "procedure", "received_on"], name="report_complaint_year"),
            models.Index(fields=["council", "closed_on"], name="report_complaint_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.procedure} received {self.received_on}"


class ReportFact(models.Model):
    """One reporting fact of a complaint (`kind`, `key`, `value`; see redress.core.reports.facts).

    `council`, `procedure` and `received_on` are copied from the complaint's row so that a year's
    report is one aggregate over one index range.
    """

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+", db_index=False)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+", db_index=False)
    procedure = models.CharField(max_length=40)
    received_on = models.DateField()
    kind = models.CharField(max_length=16)
    key = models.CharField(max_length=64)
    value = models.CharField(max_length=40)
    on = models.DateField(help_text="When it happened (a clock: the day of its step, or its start).")
    days = models.PositiveIntegerField(null=True, blank=True, help_text="Working days taken (done clocks).")

    class Meta:
        # Each index carries every column its reads use, so they are answered from the index alone:
        # the annual report's year range, and the dashboard's facts of a kind by the day they happened.
        indexes = [
            models.Index(fields=["council", "procedure", "received_on", "kind", "key", "value", "days"],
                         name="report_fact_year_all"),
            models.Index(fields=["complaint"], name="report_fact_complaint"),
            models.Index(fields=["council", "kind", "on", "value", "key"], name="report_fact_kind_on_all"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.kind} {self.key} {self.value}"
