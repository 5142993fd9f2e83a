"""Migration 0003: a library made before it is searchable after it, and after undoing it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from redress.decisions.search import search_words
from tests.decisions.conftest import NOW

BEFORE = [("decisions", "0002_full_text_search")]
AFTER = [("decisions", "0003_search_words")]
TEXT = "Northshire Council (25 000 001)\n\nThe panel heard about the humiliating meeting. The panel agreed."


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _matches(word: str) -> list[str]:
    """References matching one word, asked of the database's search structures directly."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reference FROM decisions_decision WHERE search_vector @@ plainto_tsquery('english', %s)", [word]
            )
        else:
            cursor.execute(
                "SELECT reference FROM decisions_decision WHERE id IN"
                " (SELECT rowid FROM decisions_decision_fts WHERE decisions_decision_fts MATCH %s)",
                [f'"{word}"'],
            )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_existing_decisions_get_their_words_and_the_migration_can_be_undone() -> None:
    executor = _migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("decisions", "Decision")
        old.objects.create(reference="25 000 001", text=TEXT, text_sha256="0" * 64, imported_at=NOW, updated_at=NOW)
        assert _matches("humiliated") == ["25 000 001"]

        executor = _migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps.get_model("decisions", "Decision")
        assert new.objects.get().search_words == search_words(TEXT)
        assert _matches("humiliated") == ["25 000 001"]
        assert _matches("fostering") == []

        _migrate(BEFORE)
        assert _matches("humiliated") == ["25 000 001"]
        old.objects.create(reference="25 000 002", text="A new fostering text", text_sha256="1" * 64, imported_at=NOW, updated_at=NOW)
        assert _matches("fostering") == ["25 000 002"]  # the undone structures are kept in step again
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert _matches("humiliated") == ["25 000 001"]
