"""Chain every complaint's existing events (in sequence order), as redress/core/history.py does for new ones."""

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


def chain_events(apps, schema_editor):
    Event = apps.get_model("complaints", "Event")
    events = Event.objects.order_by("complaint_id", "sequence").only(
        "complaint_id", "date", "type", "data", "recorded_by_id", "recorded_at", "hash")
    current, previous, changed = None, "", []
    for event in events.iterator(chunk_size=BATCH):
        if event.complaint_id != current:
            current, previous = event.complaint_id, ""
        previous = _chain_hash({
            "complaint": event.complaint_id, "date": event.date, "type": event.type, "data": event.data,
            "recorded_by": event.recorded_by_id, "recorded_at": event.recorded_at,
        }, previous)
        if event.hash != previous:
            changed.append((event.pk, previous))
        if len(changed) >= BATCH:
            _write(schema_editor, Event._meta.db_table, ["hash"], changed)
            changed = []
    _write(schema_editor, Event._meta.db_table, ["hash"], changed)


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0006_event_hash"),
    ]

    operations = [
        migrations.RunPython(chain_events, migrations.RunPython.noop, elidable=False),
    ]
