"""Reporting: the facts of each complaint, counted into the statutory annual report (pure, no Django).

`complaint_facts` turns one complaint's case and engine report into flat facts; `count_facts`
counts the facts of the complaints received in a reporting year; `annual_report` lays the counts
out in sections, suppressing small numbers and comparing with the year before.
"""

from redress.core.reports.annual import (
    AnnualReport,
    Cell,
    Counts,
    Row,
    Section,
    annual_report,
    count_facts,
    nearest_rank,
    reporting_year,
)
from redress.core.reports.facts import ComplaintFacts, Fact, complaint_facts, learning_kind

__all__ = [
    "AnnualReport", "Cell", "ComplaintFacts", "Counts", "Fact", "Row", "Section", "annual_report",
    "complaint_facts", "count_facts", "learning_kind", "nearest_rank", "reporting_year",
]
