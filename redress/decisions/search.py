"""Full-text search over the library, by database: FTS5 on SQLite, tsvector on PostgreSQL.

What is indexed is a decision's `search_words` (see `search_words`): its distinct words, not its
whole text, because a search asks which decisions hold the words, never where. The index holds the
same terms either way, and PostgreSQL builds it in under half the time (reading the text into
terms is most of the cost of an import). The search structures are created by migrations 0002 and
0003 and kept in step by the database itself (triggers on SQLite, a generated column on
PostgreSQL), so every write path, the import included, keeps them current. Words typed by a user are reduced to plain terms, all of which must match
(or any, for similar decisions); nothing they type is passed through as search syntax.

Matches are a filter, not a ranking: the index answers "which decisions" in milliseconds, while
ranking every match (bm25, ts_rank) costs time in proportion to the matches, which on a library of
tens of thousands is seconds for a common word. Callers order the matches (newest first).
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet

from redress.decisions.models import Decision

_TERM = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_words(text: str) -> str:
    """The text's distinct words, each once, in the order first seen, one space between.

    A "word" here is whatever lies between whitespace, punctuation and capitals as they are, so
    the database's own parser sees every token just as it appears in the text and makes the same
    terms of it (tests/decisions/test_search.py checks this against PostgreSQL's `to_tsvector`).
    """
    return " ".join(dict.fromkeys(text.split()))


def search_terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TERMS of them."""
    return [term.lower() for term in _TERM.findall(query)][:MAX_TERMS]


def full_text_filter(queryset: QuerySet[Decision], query: str, *, any_term: bool = False) -> QuerySet[Decision]:
    """Decisions matching every word of the query (or any, with `any_term`). An empty query changes nothing."""
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        # The vector has no planner statistics (migration 0003), so PostgreSQL takes any word for a
        # rare one and asks the GIN index for the matches, then sorts them; it never walks the date
        # index testing each row's vector, which would mean unpacking it from TOAST storage.
        tsquery = (" or " if any_term else " ").join(terms)
        return queryset.extra(
            where=["decisions_decision.search_vector @@ websearch_to_tsquery('english', %s)"], params=[tsquery]
        )
    match = (" OR " if any_term else " ").join(f'"{term}"' for term in terms)
    return queryset.extra(
        where=["decisions_decision.id IN (SELECT rowid FROM decisions_decision_fts WHERE decisions_decision_fts MATCH %s)"],
        params=[match],
    )
