"""Reading the library: search with filters, one decision by reference, similar decisions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from redress.decisions.models import Decision
from redress.decisions.search import full_text_filter, search_terms

_REFERENCE = re.compile(r"(\d{2})\s*(\d{3})\s*(\d{3})")
LONG_FIELDS = ("text", "search_words")  # kilobytes each: read only where shown


@dataclass(frozen=True, slots=True)
class DecisionFilters:
    query: str = ""
    category: str | None = None
    outcome: str | None = None
    year: int | None = None
    authority: str | None = None
    other_body: str | None = None
    has_payment: bool | None = None


def normalise_reference(text: str) -> str | None:
    """"19 011 904", "19011904", "19-011-904" -> "19 011 904"; anything else -> None."""
    match = _REFERENCE.fullmatch(text.strip().replace("-", " "))
    return " ".join(match.groups()) if match else None


def decision_by_reference(reference: str) -> Decision | None:
    normalised = normalise_reference(reference)
    return None if normalised is None else Decision.objects.defer("search_words").filter(reference=normalised).first()


def decision_search(filters: DecisionFilters) -> QuerySet[Decision]:
    """Decisions matching the words and filters, newest first."""
    decisions = Decision.objects.defer(*LONG_FIELDS)
    if filters.category:
        decisions = decisions.filter(category=filters.category)
    if filters.outcome:
        decisions = decisions.filter(outcome=filters.outcome)
    if filters.year:
        decisions = decisions.filter(decision_date__year=filters.year)
    if filters.authority:
        decisions = decisions.filter(authority=filters.authority)  # chosen from a list: the index answers
    if filters.other_body:
        decisions = decisions.filter(other_bodies__contains=f",{filters.other_body},")
    if filters.has_payment is not None:
        decisions = decisions.filter(payments_total_gbp__isnull=not filters.has_payment)
    return full_text_filter(decisions, filters.query).order_by("-decision_date", "reference")


COUNT_CAP = 1000


def capped_count(decisions: QuerySet[Decision], cap: int = COUNT_CAP) -> int:
    """How many decisions match, counting no further than cap + 1.

    An exact count of a common word's matches reads every match (seconds at 50,000 decisions);
    "more than 1,000" is as useful to a reader, and stops early.
    """
    return decisions.order_by()[: cap + 1].count()


def filter_choices() -> dict[str, list[Any]]:
    """The categories, decisions, councils and years present in the library, for the search form."""
    base = Decision.objects.order_by()
    return {
        "authorities": sorted(a for a in base.values_list("authority", flat=True).distinct() if a),
        "categories": sorted(c for c in base.values_list("category", flat=True).distinct() if c),
        "outcomes": sorted(o for o in base.values_list("outcome", flat=True).distinct() if o),
        "years": sorted(
            {d.year for d in base.filter(decision_date__isnull=False).dates("decision_date", "year")}, reverse=True
        ),
    }


# What a point of complaint is about (SCENARIOS.md) -> words its decisions use, and bodies they name.
ABOUT_WORDS: dict[str, tuple[str, ...]] = {
    "practice": ("practice", "assessment"),
    "decision": ("decision",),
    "communication": ("communication", "told", "informed"),
    "records": ("records", "report", "inaccurate", "inaccuracies"),
    "data": ("data", "information"),
    "staff-conduct": ("conduct", "social", "worker"),
    "delay": ("delay", "delayed"),
    "contact": ("contact",),
    "court": ("court",),
    "other": (),
}
ABOUT_BODIES: dict[str, str] = {
    "records": "information-commissioner",
    "data": "information-commissioner",
    "staff-conduct": "social-work-england",
    "court": "court",
}
_STOPWORDS = frozenset(
    ["about", "after", "again", "also", "been", "before", "being", "between", "both", "could", "council", "council's", "did", "does", "doing", "each", "from", "further", "have", "having", "here", "into", "just", "more", "most", "other", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until", "very", "were", "what", "when", "where", "which", "while", "will", "with", "would", "your", "complaint", "complained", "complains", "because", "said", "says"]
)
CANDIDATES = 300


# The newest decisions read first for candidates: when CANDIDATES of them match, they are the newest
# CANDIDATES matches of the whole library; when fewer do, the whole library is asked (see below).
NEWEST_WINDOW = 4 * CANDIDATES
_SCORING_FIELDS = ("id", "summary", "category", "other_bodies")
# The window is a subquery with a LIMIT, so the database reads the date index newest first and tests
# only those rows; given the plain filter, PostgreSQL fetches every match from the full-text index
# (tens of thousands for common words) and sorts them. The first column is the window's size, on a
# row of its own when none matches, so that a library smaller than the window is asked once.
_NEWEST_MATCHING = """SELECT size.decisions, matched.id, matched.summary, matched.category, matched.other_bodies
    FROM (SELECT count(*) AS decisions FROM (SELECT 1 FROM decisions_decision LIMIT %s) AS window_rows) AS size
    LEFT JOIN (
        SELECT id, summary, category, other_bodies, decision_date, reference FROM (
            SELECT id, summary, category, other_bodies, decision_date, reference{vector}
            FROM decisions_decision ORDER BY decision_date DESC, reference LIMIT %s) AS newest
        WHERE {matches} ORDER BY decision_date DESC, reference LIMIT %s
    ) AS matched ON 1 = 1
    ORDER BY matched.decision_date DESC, matched.reference"""
_NEWEST_MATCHING_BY_VENDOR = {
    "postgresql": _NEWEST_MATCHING.format(
        vector=", search_vector", matches="search_vector @@ websearch_to_tsquery('english', %s)"
    ),
    "sqlite": _NEWEST_MATCHING.format(
        vector="", matches="id IN (SELECT rowid FROM decisions_decision_fts WHERE decisions_decision_fts MATCH %s)"
    ),
}
_Candidate = tuple[int, str | None, str | None, str]


def _distinctive_words(text: str, limit: int = 10) -> list[str]:
    words = [word for word in re.findall(r"[a-z]{4,}", text.lower()) if word not in _STOPWORDS]
    return sorted(set(words), key=lambda w: (-len(w), w))[:limit]


def _candidates(words: list[str]) -> list[_Candidate]:
    """The scoring fields of the newest CANDIDATES decisions matching any of the words, newest first.

    The same decisions, in the same order, as `full_text_filter(..., any_term=True)` ordered by date:
    first asked of the NEWEST_WINDOW newest decisions (milliseconds, where the words are common and
    the plain query sorts nearly the whole library), then, only if too few of those match and there
    are more decisions than that, of all.
    """
    terms = search_terms(" ".join(words))
    sql = _NEWEST_MATCHING_BY_VENDOR.get(connection.vendor)
    if sql is not None:
        on_postgres = connection.vendor == "postgresql"
        query = " or ".join(terms) if on_postgres else " OR ".join(f'"{term}"' for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(sql, [NEWEST_WINDOW, NEWEST_WINDOW, query, CANDIDATES])
            rows = cursor.fetchall()
        newest: list[_Candidate] = [row[1:] for row in rows if row[1] is not None]
        if len(newest) == CANDIDATES or rows[0][0] < NEWEST_WINDOW:  # enough, or the window is the whole library
            return newest
    matching = full_text_filter(Decision.objects.all(), " ".join(words), any_term=True)
    return list(matching.order_by("-decision_date", "reference").values_list(*_SCORING_FIELDS)[:CANDIDATES])


def similar_decisions(
    complaint_points_about: list[str], text: str, limit: int = 5, min_score: float = 0
) -> list[Decision]:
    """Published decisions most like a complaint: by its points' `about`, its words, and the category.

    Candidates are the newest CANDIDATES decisions sharing any distinctive word of the complaint
    (or a word that goes with its points' `about`). Each scores for the complaint's words in its
    summary, for the bodies that go with the points' `about` (records -> Information Commissioner,
    staff conduct -> Social Work England, court -> court), and for being a children's care services
    decision. Ties go to the newer decision. Those scoring under `min_score` are left out.
    Only the candidates' scoring fields are read; then the few listed, as the page shows them.
    """
    abouts = [about for about in complaint_points_about if about in ABOUT_WORDS]
    own_words = _distinctive_words(text)
    about_words = [word for about in abouts for word in ABOUT_WORDS[about]]
    if not own_words and not about_words:
        return []
    bodies = {ABOUT_BODIES[about] for about in abouts if about in ABOUT_BODIES}

    def score(candidate: _Candidate) -> float:
        _, summary, category, other_bodies = candidate
        words = f"{summary or ''} {category or ''}".lower()
        points = float(sum(1 for word in own_words if word in words))
        points += 0.5 * sum(1 for word in about_words if word in words)
        points += 2 * len(bodies & {code for code in other_bodies.split(",") if code})
        points += 1 if (category or "").startswith("Children's care services") else 0
        return points

    scored = [(score(candidate), candidate[0]) for candidate in _candidates(own_words + about_words)]
    chosen = [decision_id for points, decision_id in sorted(scored, key=lambda pair: pair[0], reverse=True)
              if points >= min_score][:limit]
    if not chosen:
        return []
    by_id = Decision.objects.defer(*LONG_FIELDS).in_bulk(chosen)
    return [by_id[decision_id] for decision_id in chosen]
