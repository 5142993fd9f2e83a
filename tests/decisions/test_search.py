"""Search (FTS5 on SQLite, tsvector on PostgreSQL), filters, statistics and similar decisions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.decisions.models import Decision
from redress.decisions.search import search_words
from redress.decisions.selectors import (
    DecisionFilters,
    decision_by_reference,
    decision_search,
    filter_choices,
    normalise_reference,
    similar_decisions,
)
from redress.decisions.services import ImportOutcome
from redress.decisions.statistics import action_kind, remedy_statistics

pytestmark = pytest.mark.django_db


def refs(filters: DecisionFilters) -> list[str]:
    return [decision.reference for decision in decision_search(filters)]


def test_words_match_with_stemming_and_every_word_must_match(library: ImportOutcome) -> None:
    assert refs(DecisionFilters(query="humiliated")) == ["19 011 904"]  # "humiliating" in the text
    assert set(refs(DecisionFilters(query="Social Work England"))) == {"24 002 308"}
    assert refs(DecisionFilters(query="humiliated fostering")) == []
    assert refs(DecisionFilters(query='"; DROP TABLE -- *')) == refs(DecisionFilters(query="drop table"))


def test_no_query_lists_newest_first(library: ImportOutcome) -> None:
    dates = [d.decision_date for d in decision_search(DecisionFilters()) if d.decision_date]
    assert dates == sorted(dates, reverse=True)
    assert decision_search(DecisionFilters()).count() == 13


def test_each_filter(library: ImportOutcome) -> None:
    assert set(refs(DecisionFilters(category="Children's care services > Child protection"))) == {
        "19 011 904", "20 010 224", "23 009 441", "24 006 611"
    }
    assert set(refs(DecisionFilters(outcome="Closed after initial enquiries"))) == {"24 002 308", "24 006 611"}
    assert set(refs(DecisionFilters(year=2024))) == {"23 013 019", "24 002 308", "24 001 076", "24 006 611"} - {"24 001 076"}
    assert refs(DecisionFilters(authority="Kent County Council")) == ["24 002 308"]
    assert refs(DecisionFilters(authority="Kent")) == []  # chosen from the list, whole
    assert set(refs(DecisionFilters(other_body="nhs"))) == {"24 006 611"}
    with_payment = set(refs(DecisionFilters(has_payment=True)))
    assert with_payment == {"19 011 904", "23 013 019", "22 004 117", "23 009 441", "08 012 345", "21 015 902", "23 004 882", "22 018 330"}
    assert len(refs(DecisionFilters(has_payment=False))) == 13 - len(with_payment)
    assert refs(DecisionFilters(query="frustration", outcome="Upheld", year=2024)) == ["23 013 019"]


def test_filter_choices_come_from_the_library(library: ImportOutcome) -> None:
    choices = filter_choices()
    assert "Education > Other" in choices["categories"]
    assert choices["authorities"][0] == "Eastmere Borough Council" and len(choices["authorities"]) == 12  # 5 seeds + 7
    assert choices["outcomes"] == ["Closed after initial enquiries", "Not upheld", "Upheld"]
    assert choices["years"][0] == 2024 and choices["years"][-1] == 2020


def test_references_with_or_without_spaces(seeds: ImportOutcome) -> None:
    assert normalise_reference("19011904") == normalise_reference(" 19 011 904 ") == "19 011 904"
    assert normalise_reference("19-011-904") == "19 011 904"
    assert normalise_reference("1901190") is None
    decision = decision_by_reference("19011904")
    assert decision is not None and decision.authority == "Staffordshire County Council"
    assert decision_by_reference("99 999 999") is None
    assert decision_by_reference("nonsense") is None


def test_remedy_statistics_by_category_and_fault(library: ImportOutcome) -> None:
    stats = remedy_statistics()
    assert stats.decisions == 13
    by_fault = {group.label: group for group in stats.by_fault}
    found = by_fault["Fault found"]
    # Fault found: Staffordshire 300, Rotherham 700, older 500, newer 250, report summary 1,750,
    # cut off 500, saved page 1,250, distractors 3,500.
    assert found.payments == 8
    assert found.quartiles == (Decimal("450.00"), Decimal("600.00"), Decimal("1375.00"))
    assert found.to_json()["payment_median"] == 600.0
    assert by_fault["No fault found"].payments == 0 and by_fault["No fault found"].to_json()["payment_median"] is None
    child_protection = next(g for g in stats.by_category if g.label == "Children's care services > Child protection")
    assert (child_protection.decisions, child_protection.upheld, child_protection.with_outcome) == (4, 3, 4)
    assert child_protection.upheld_share == 0.75
    assert child_protection.quartiles == (Decimal("262.50"), Decimal("275.00"), Decimal("287.50"))  # £250 and £300
    assert dict(stats.actions)["Apologise"] == 4  # Staffordshire, older, newer, saved page
    assert stats.deadlines[:2] == [("within four weeks", 12), ("within one month", 8)]
    single = next(g for g in stats.by_category if g.label == "Children's care services > Fostering")
    assert single.quartiles == (Decimal(1250), Decimal(1250), Decimal(1250))


def test_action_kinds() -> None:
    assert action_kind("Apologise to Miss X in writing") == "Apologise"
    assert action_kind("pay Mr X £100") == "Pay the complainant"
    assert action_kind("Amend the Council's records") == "Correct or amend records"
    assert action_kind("Hold the stage 3 panel") == "Complete the complaints procedure"
    assert action_kind("remind relevant staff to use caution") == "Remind or train staff"
    assert action_kind("review its leaflet") == "Review policy or procedure"
    assert action_kind("write to Mr X or offer him a meeting") == "Explain, meet or write to the complainant"
    assert action_kind("arrange respite care") == "Assess or provide a service"
    assert action_kind("do something") == "Other action"


def test_similar_decisions_by_about_and_words(library: ImportOutcome) -> None:
    similar = similar_decisions(["staff-conduct", "records"], "The social worker's report about me was inaccurate and she lied")
    assert similar[0].reference == "24 002 308"
    assert len(similar) <= 5
    delay = similar_decisions(["delay"], "The stage 2 investigation took a year", limit=3)
    assert len(delay) == 3
    assert "23 013 019" in {d.reference for d in delay} or "22 004 117" in {d.reference for d in delay}
    assert similar_decisions([], "") == []
    assert similar_decisions(["unknown"], "a b c") == []


def test_statistics_of_an_empty_library(db: None) -> None:
    stats = remedy_statistics()
    assert (stats.decisions, stats.by_category, stats.by_fault, stats.actions) == (0, [], [], [])
    assert Decision.objects.count() == 0


def test_statistics_are_worked_out_again_when_the_library_changes(
    seeds: ImportOutcome, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redress.decisions import statistics

    calls: list[int] = []
    work = statistics.remedy_statistics_of
    monkeypatch.setattr(statistics, "remedy_statistics_of", lambda rows: calls.append(1) or work(rows))
    assert remedy_statistics().decisions == 5
    assert remedy_statistics().decisions == 5
    assert len(calls) == 1  # the second answer came from the cache
    Decision.objects.filter(reference="24 002 308").delete()
    assert remedy_statistics().decisions == 4
    assert len(calls) == 2


def test_search_words_are_the_distinct_words_in_first_seen_order() -> None:
    assert search_words("The  panel met.\nThe panel\tdecided; the Panel met.") == "The panel met. decided; the Panel"
    assert search_words("") == ""


def test_every_decision_is_searchable_by_its_words(library: ImportOutcome) -> None:
    for decision in Decision.objects.all():
        assert decision.search_words == search_words(decision.text)
    assert refs(DecisionFilters(query="rude hand gestures")) == ["24 002 308"]  # words far apart in the text


# Tokens chosen to trouble a full-text parser: possessives, hyphens, hosts, addresses, money,
# numbers, versions, paths, accents, curly quotes, brackets, odd spaces.
TRICKY_TOKENS = [
    "Council's", "council\u2019s", "social-work", "Social-Work-England", "e.g.", "i.e.", "www.lgo.org.uk",
    "https://www.lgo.org.uk/decisions?q=delay&page=2", "mr.x@example.org", "£1,250.00", "£300.", "10.5",
    "1.2.3", "24/7", "/home/council/file.txt", "A&E", "(IRO)", "[1]", "\u201cquoted\u201d", "Café", "naïve", "ICPC",
    "3rd", "co-operate", "—", "-", "stage-2", "Stage", "stage", "STAGE", "don't", "x", "panel.", "panel,",
]
WHITESPACE = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", " \n "]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's to_tsvector")
@given(
    st.lists(st.tuples(st.sampled_from(TRICKY_TOKENS), st.sampled_from(WHITESPACE)), max_size=40),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_postgres_makes_the_same_terms_of_the_words_as_of_the_text(db: None, pieces: list[tuple[str, str]]) -> None:
    text = "".join(token + space for token, space in pieces)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('english', %s)), tsvector_to_array(to_tsvector('english', %s))",
            [text, search_words(text)],
        )
        whole, words = cursor.fetchone()
    assert words == whole


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's to_tsvector")
def test_postgres_makes_the_same_terms_of_each_decision_as_of_its_text(library: ImportOutcome) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reference FROM decisions_decision"
            " WHERE tsvector_to_array(search_vector) <> tsvector_to_array(to_tsvector('english', text))"
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT count(*) FROM decisions_decision")
        assert cursor.fetchone() == (13,)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_postgres_keeps_no_statistics_of_the_search_vector(library: ImportOutcome) -> None:
    """Without them the planner always asks the index (see migration 0003); ANALYZE must not add them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE decisions_decision")
        cursor.execute("SELECT attname FROM pg_stats WHERE tablename = 'decisions_decision' AND schemaname = current_schema()")
        analysed = {row[0] for row in cursor.fetchall()}
    assert "search_vector" not in analysed and "category" in analysed
