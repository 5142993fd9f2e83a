"""Index each decision's distinct words (`search_words`) rather than its whole text.

The terms indexed are the same; PostgreSQL builds them in under half the time, which is most of
the cost of an import. On PostgreSQL the long columns are also compressed with lz4 where the
server has it (far quicker to write than the default pglz). Existing decisions get their words
here, before the search structures are rebuilt from them.
"""

from importlib import import_module

from django.db import migrations, models

CHUNK = 500

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS decisions_decision_fts_update",
    "DROP TRIGGER IF EXISTS decisions_decision_fts_delete",
    "DROP TRIGGER IF EXISTS decisions_decision_fts_insert",
    "DROP TABLE IF EXISTS decisions_decision_fts",
    """CREATE VIRTUAL TABLE decisions_decision_fts USING fts5(
        search_words, content='decisions_decision', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER decisions_decision_fts_insert AFTER INSERT ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(rowid, search_words) VALUES (new.id, new.search_words);
    END""",
    """CREATE TRIGGER decisions_decision_fts_delete AFTER DELETE ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(decisions_decision_fts, rowid, search_words)
        VALUES ('delete', old.id, old.search_words);
    END""",
    """CREATE TRIGGER decisions_decision_fts_update AFTER UPDATE OF search_words ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(decisions_decision_fts, rowid, search_words)
        VALUES ('delete', old.id, old.search_words);
        INSERT INTO decisions_decision_fts(rowid, search_words) VALUES (new.id, new.search_words);
    END""",
    "INSERT INTO decisions_decision_fts(decisions_decision_fts) VALUES ('rebuild')",
]
# Positions are stripped (nothing ranks or searches phrases), which makes the vector a third
# smaller. The column keeps no planner statistics: with them, PostgreSQL judges a common word
# cheaper to test row by row than to look up in the index, and testing a row means unpacking its
# vector from TOAST storage, which it does not count; 50,000 of those take most of a second. With
# none, it assumes any word is rare and always asks the index, which answers in milliseconds.
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS decisions_decision_search_idx",
    "ALTER TABLE decisions_decision DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE decisions_decision ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (strip(to_tsvector('english'::regconfig, search_words))) STORED""",
    "ALTER TABLE decisions_decision ALTER COLUMN search_vector SET STATISTICS 0",
    "CREATE INDEX decisions_decision_search_idx ON decisions_decision USING gin (search_vector)",
]
POSTGRES_LZ4 = [
    f"ALTER TABLE decisions_decision ALTER COLUMN {column} SET COMPRESSION lz4"
    for column in ("text", "search_words", "search_vector", "summary", "payments", "actions")
]


def fill_search_words(apps, schema_editor):
    from redress.decisions.search import search_words

    Decision = apps.get_model("decisions", "Decision")
    last = 0
    while chunk := list(Decision.objects.filter(id__gt=last).order_by("id").only("id", "text")[:CHUNK]):
        for decision in chunk:
            decision.search_words = search_words(decision.text)
        Decision.objects.bulk_update(chunk, ["search_words"])
        last = chunk[-1].id


def _has_lz4(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return bool(row and row[0])


def rebuild_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, [])
    if vendor == "postgresql" and _has_lz4(schema_editor.connection):
        statements = statements + POSTGRES_LZ4
    for statement in statements:
        schema_editor.execute(statement)


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD[:4], "postgresql": POSTGRES_FORWARD[:2]}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def restore_search(apps, schema_editor):
    """Back to migration 0002's structures, over the whole text (run after the column has gone,
    since SQLite drops a table's triggers when Django remakes the table to remove a column)."""
    previous = import_module("redress.decisions.migrations.0002_full_text_search")
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": previous.SQLITE_FORWARD, "postgresql": previous.POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_full_text_search")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore_search),
        migrations.AddField(
            model_name="decision",
            name="search_words",
            field=models.TextField(
                blank=True, default="", editable=False, help_text="What full-text search indexes: the text's distinct words"
            ),
        ),
        migrations.RunPython(fill_search_words, migrations.RunPython.noop),
        migrations.RunPython(rebuild_search, drop_search),
    ]
