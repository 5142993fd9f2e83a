"""Chain every council's existing audit entries (oldest first), as redress/councils/audit.py does for new ones."""

import datetime as dt
import hashlib
import json

from django.db import migrations

BATCH = 2000


# A frozen copy of redress.core.history.chain_hash as it was when this migration was written
# (migrations import no app code); tests/complaints/test_history_migrations.py checks that the two agree.
def _canonical(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value


def _chain_hash(fields, previous):
    text = json.dumps(_canonical({**fields, "previous": previous}), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _write(schema_editor, table, columns, rows):
    """Set `columns` of the rows (id first, then the values) in one statement a batch."""
    if not rows:
        return
    connection = schema_editor.connection
    quoted = [connection.ops.quote_name(c) for c in columns]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            placeholders = ", ".join(["(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"] * len(rows))
            sets = ", ".join(f"{q} = v.{q}" for q in quoted)
            cursor.execute(
                f"UPDATE {table} AS t SET {sets} FROM (VALUES {placeholders}) AS v(id, {', '.join(quoted)}) "
                "WHERE t.id = v.id", [value for row in rows for value in row])
        else:
            sets = ", ".join(f"{q} = %s" for q in quoted)
            cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", [(*row[1:], row[0]) for row in rows])


def chain_audit(apps, schema_editor):
    Council = apps.get_model("councils", "Council")
    AuditEntry = apps.get_model("councils", "AuditEntry")
    AuditChain = apps.get_model("councils", "AuditChain")
    for council_id in Council.objects.order_by("pk").values_list("pk", flat=True):
        count, previous, changed = 0, "", []
        for entry in AuditEntry.objects.filter(council_id=council_id).order_by("at", "pk").iterator(chunk_size=BATCH):
            count += 1
            previous = _chain_hash({
                "council": entry.council_id, "actor": entry.actor_id, "action": entry.action,
                "object_type": entry.object_type, "object_id": entry.object_id, "data": entry.data, "at": entry.at,
            }, previous)
            changed.append((entry.pk, count, previous))
            if len(changed) >= BATCH:
                _write(schema_editor, AuditEntry._meta.db_table, ["sequence", "hash"], changed)
                changed = []
        _write(schema_editor, AuditEntry._meta.db_table, ["sequence", "hash"], changed)
        AuditChain.objects.update_or_create(council_id=council_id, defaults={"count": count, "head": previous})


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0007_audit_chain"),
    ]

    operations = [
        migrations.RunPython(chain_audit, migrations.RunPython.noop, elidable=False),
    ]
