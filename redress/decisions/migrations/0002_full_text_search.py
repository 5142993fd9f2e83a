"""Full-text search over the decisions: an FTS5 table kept in step by triggers on SQLite; a
generated, GIN-indexed tsvector column on PostgreSQL. Neither is a model field (see search.py)."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE decisions_decision_fts USING fts5(
        authority, category, summary, text,
        content='decisions_decision', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER decisions_decision_fts_insert AFTER INSERT ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(rowid, authority, category, summary, text)
        VALUES (new.id, new.authority, new.category, new.summary, new.text);
    END""",
    """CREATE TRIGGER decisions_decision_fts_delete AFTER DELETE ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(decisions_decision_fts, rowid, authority, category, summary, text)
        VALUES ('delete', old.id, old.authority, old.category, old.summary, old.text);
    END""",
    """CREATE TRIGGER decisions_decision_fts_update AFTER UPDATE OF authority, category, summary, text
    ON decisions_decision BEGIN
        INSERT INTO decisions_decision_fts(decisions_decision_fts, rowid, authority, category, summary, text)
        VALUES ('delete', old.id, old.authority, old.category, old.summary, old.text);
        INSERT INTO decisions_decision_fts(rowid, authority, category, summary, text)
        VALUES (new.id, new.authority, new.category, new.summary, new.text);
    END""",
    "INSERT INTO decisions_decision_fts(decisions_decision_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS decisions_decision_fts_update",
    "DROP TRIGGER IF EXISTS decisions_decision_fts_delete",
    "DROP TRIGGER IF EXISTS decisions_decision_fts_insert",
    "DROP TABLE IF EXISTS decisions_decision_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE decisions_decision ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(authority, '') || ' ' || coalesce(category, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, text), 'C')
    ) STORED""",
    "CREATE INDEX decisions_decision_search_idx ON decisions_decision USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS decisions_decision_search_idx",
    "ALTER TABLE decisions_decision DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_library")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
