"""The Ombudsman's published decision statements, read into records. Pure Python: no Django."""

from redress.core.decisions.parse import parse_bytes, parse_decision, parse_html
from redress.core.decisions.record import OTHER_BODIES, REASONS_NOT_INVESTIGATED, Action, Decision, Payment

__all__ = [
    "OTHER_BODIES",
    "REASONS_NOT_INVESTIGATED",
    "Action",
    "Decision",
    "Payment",
    "parse_bytes",
    "parse_decision",
    "parse_html",
]
