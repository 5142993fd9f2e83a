"""Full-text search over the library, by database: FTS5 on SQLite, tsvector on PostgreSQL.

The search structures are created by migration 0002 and kept in step by the database itself
(triggers on SQLite, a generated column on PostgreSQL), so every write path, the import included,
keeps them current. Words typed by a user are reduced to plain terms, all of which must match;
nothing they type is passed through as search syntax.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from redress.decisions.models import Decision

_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TERMS of them."""
    return [term.lower() for term in _TERM.findall(query)][:MAX_TERMS]


def full_text_filter(queryset: QuerySet[Decision], query: str, *, any_term: bool = False) -> QuerySet[Decision]:
    """Decisions matching every word of the query (or any, with `any_term`), best match first.

    An empty query changes nothing.
    """
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        joiner = " or " if any_term else " "
        tsquery = "websearch_to_tsquery('english', %s)"
        matching: QuerySet[Decision] = queryset.extra(
            where=[f"decisions_decision.search_vector @@ {tsquery}"], params=[joiner.join(terms)]
        )
        return (
            matching
            .annotate(rank=RawSQL(f"ts_rank(decisions_decision.search_vector, {tsquery})", [joiner.join(terms)]))
            .order_by("-rank", "-decision_date", "reference")
        )
    match = (" OR " if any_term else " ").join(f'"{term}"' for term in terms)
    return queryset.extra(
        tables=["decisions_decision_fts"],
        where=["decisions_decision_fts.rowid = decisions_decision.id", "decisions_decision_fts MATCH %s"],
        params=[match],
        select={"rank": "decisions_decision_fts.rank"},
        order_by=["rank", "-decision_date", "reference"],
    )
