"""Similar decisions: the quick selector gives exactly what the straightforward one gives.

The straightforward implementation (below, as it was before it was made quick) fetches the newest
CANDIDATES decisions matching any of the complaint's words as whole records and scores each in
Python. The selector must list the same decisions in the same order, threshold included, on a
generated library with undated decisions, shared dates, missing summaries and other bodies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.decisions import selectors
from redress.decisions.models import Decision, codes_text
from redress.decisions.search import full_text_filter, search_words
from redress.decisions.selectors import (
    ABOUT_BODIES,
    ABOUT_WORDS,
    LONG_FIELDS,
    _distinctive_words,
    similar_decisions,
)

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def straightforward_similar(
    complaint_points_about: list[str], text: str, limit: int = 5, min_score: float = 0
) -> list[Decision]:
    abouts = [about for about in complaint_points_about if about in ABOUT_WORDS]
    own_words = _distinctive_words(text)
    about_words = [word for about in abouts for word in ABOUT_WORDS[about]]
    if not own_words and not about_words:
        return []
    candidates = list(
        full_text_filter(Decision.objects.defer(*LONG_FIELDS), " ".join(own_words + about_words), any_term=True).order_by(
            "-decision_date", "reference"
        )[:selectors.CANDIDATES]
    )
    bodies = {ABOUT_BODIES[about] for about in abouts if about in ABOUT_BODIES}

    def score(decision: Decision) -> float:
        summary = f"{decision.summary or ''} {decision.category or ''}".lower()
        points = float(sum(1 for word in own_words if word in summary))
        points += 0.5 * sum(1 for word in about_words if word in summary)
        points += 2 * len(bodies & set(decision.other_body_codes))
        points += 1 if (decision.category or "").startswith("Children's care services") else 0
        return points

    scored = [(score(decision), decision) for decision in candidates]
    return [decision for points, decision in sorted(scored, key=lambda pair: pair[0], reverse=True)
            if points >= min_score][:limit]


# Words from the complaints below and their `about`s, some inside longer words ("report" in "reported").
VOCABULARY = [
    "social", "worker", "assessment", "factual", "errors", "family", "child", "protection", "conference", "views",
    "heard", "care", "plan", "changed", "telling", "refused", "request", "respite", "support", "rude", "dismissive",
    "visit", "contact", "daughter", "cancelled", "notice", "delay", "delayed", "special", "guardianship", "personal",
    "information", "shared", "partner", "pathway", "reflect", "calls", "weeks", "foster", "placement", "allowance",
    "stopped", "report", "reported", "court", "misrepresented", "records", "inaccurate", "inaccuracies", "data",
    "practice", "decision", "communication", "told", "informed", "conduct", "fault", "injustice", "apology",
    "remedy", "council", "stage", "investigation", "panel",
]
CATEGORIES = [
    "Children's care services > Child protection", "Children's care services > Looked after children",
    "Children's care services > Other", "Education > Other", "Adult care services > Assessment", None,
]
BODIES = ["information-commissioner", "social-work-england", "court", "police", "ofsted"]
COMPLAINTS = [
    (["records"], "The social worker's assessment contains factual errors about our family"),
    (["practice", "staff-conduct"], "The child protection conference was held without my views being heard. "
     "The social worker was rude and dismissive on the home visit"),
    (["communication"], "My son's care plan was changed without telling me"),
    (["delay", "court"], "It took eight months to complete the special guardianship assessment. "
     "The report to the family court misrepresented what I said"),
    (["data", "records", "contact"], "My personal information was shared with my ex-partner. Contact with my "
     "daughter was cancelled at short notice three times"),
    (["other"], "Nobody returned my calls for six weeks"),
    (["decision"], "The foster placement allowance was stopped without notice"),
    (["staff-conduct"], "zzzz qqqq"),  # only the about's words can match
    ([], "Inaccuracies in the pathway plan"),
    ([], "zzzz telling"),  # one word: no decision scores 2.5
]


def _library(count: int, seed: int = 15) -> None:
    """`count` decisions, a tenth undated, dates drawn from a few years so that many are shared."""
    rng = random.Random(seed)
    decisions = []
    for number in range(count):
        summary = None if rng.random() < 0.05 else " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 25)))
        text = f"{summary or ''} " + " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 40)))
        bodies = rng.sample(BODIES, rng.choice([0, 0, 0, 1, 1, 2]))
        decisions.append(Decision(
            reference=f"{20 + number // 100_000:02d} {(number // 1000) % 1000:03d} {number % 1000:03d}",
            authority=rng.choice(["Northshire County Council", "Oakfield Council", None]),
            category=rng.choice(CATEGORIES),
            outcome=rng.choice(["Upheld", "Not upheld", None]),
            decision_date=None if rng.random() < 0.1 else dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 400)),
            summary=summary,
            other_bodies=codes_text(bodies),
            text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            search_words=search_words(text),
            imported_at=NOW,
            updated_at=NOW,
        ))
    rng.shuffle(decisions)  # ids in no particular order of date or reference
    Decision.objects.bulk_create(decisions, batch_size=500)


def _references(decisions: list[Decision]) -> list[str]:
    return [decision.reference for decision in decisions]


@pytest.mark.parametrize(("candidates", "window"), [(selectors.CANDIDATES, selectors.NEWEST_WINDOW), (40, 120)])
def test_similar_decisions_are_those_of_the_straightforward_selector(
    db: Any, monkeypatch: pytest.MonkeyPatch, candidates: int, window: int
) -> None:
    """With the real sizes the window holds the whole library; with small ones it holds a part, and
    the rarer words match too few of its decisions, so the whole library is asked."""
    monkeypatch.setattr(selectors, "CANDIDATES", candidates)
    monkeypatch.setattr(selectors, "NEWEST_WINDOW", window)
    _library(900)  # more matches than the candidates for the common words, fewer for the rare
    for limit, min_score in [(5, 2.5), (5, 0), (12, 1.5), (1000, 0)]:
        for abouts, text in COMPLAINTS:
            expected = straightforward_similar(abouts, text, limit=limit, min_score=min_score)
            got = similar_decisions(abouts, text, limit=limit, min_score=min_score)
            assert _references(got) == _references(expected), (abouts, text, limit, min_score)
    listed = [len(straightforward_similar(abouts, text, min_score=2.5)) for abouts, text in COMPLAINTS]
    assert 5 in listed and 0 in listed  # some complaints list the most, some none


def test_similar_decisions_come_with_what_the_page_shows(db: Any) -> None:
    _library(300)
    similar = similar_decisions(["records"], "The social worker's assessment contains factual errors", min_score=0)
    assert len(similar) == 5
    with CaptureQueriesContext(connection) as queries:  # nothing more is read for the page
        shown = [(d.authority, d.reference, d.outcome, d.decision_date, d.payments_total_gbp, d.summary) for d in similar]
    assert len(queries) == 0
    assert all(reference for _, reference, *_ in shown)


def test_similar_decisions_read_the_newest_decisions_then_those_listed(db: Any) -> None:
    _library(900)
    with CaptureQueriesContext(connection) as queries:
        similar = similar_decisions(["records"], "The social worker's assessment contains factual errors", min_score=2.5)
    assert len(similar) == 5
    assert len(queries) == 2  # the newest decisions' scoring fields, enough of them matching; the five listed
    with CaptureQueriesContext(connection) as queries:
        assert similar_decisions([], "qqqq zzzz") == []
    assert len(queries) == 1  # none matches, and the window holds the whole library: nothing more to ask


def test_similar_decisions_ask_the_whole_library_when_too_few_of_the_newest_match(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "NEWEST_WINDOW", 100)
    _library(900)
    abouts, text = [], "zzzz guardianship"  # fewer than CANDIDATES can match in a window of 100
    with CaptureQueriesContext(connection) as queries:
        similar = similar_decisions(abouts, text, min_score=0)
    assert len(queries) == 3  # the newest, too few matching; the whole library; the five listed
    assert _references(similar) == _references(straightforward_similar(abouts, text, min_score=0))
    assert len(similar) == 5
