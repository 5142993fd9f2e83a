"""A history nobody can quietly change: hash chains over stored rows, and checking them.

Each row of a chain (a complaint's events, a council's audit log) carries `hash`, the SHA-256 of a
canonical JSON object holding the row's meaningful fields and `previous`, the hash of the row before
it ("" for the first). Changing a stored field changes the row's hash; deleting, inserting or moving
a row breaks the link from the row after it; and the chain's recorded length (a complaint's
`version`, a council's audit count) shows a row cut off the end.

A plain hash shows changes made by anyone who does not also recompute every later hash; to catch
that too, keep `redress verify`'s fingerprint (the hash of every chain's last hash) somewhere the
database's writers cannot reach, and compare.

Pure: no Django. The services compute hashes with `chain_hash` under the lock that orders the
chain; `redress verify` reads the rows in order and asks `chain_problem` for the first fault.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

GENESIS = ""
"""The `previous` of a chain's first row."""


def canonical(value: Any) -> Any:
    """`value` as plain JSON values: dates and times as ISO text (times in UTC, to the microsecond)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("a stored time must carry its time zone")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    return value


def canonical_json(fields: Mapping[str, Any]) -> bytes:
    """The one byte string for these fields: keys sorted, no spaces, UTF-8, no NaN."""
    return json.dumps(canonical(fields), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode()


def chain_hash(fields: Mapping[str, Any], previous: str) -> str:
    """The hash of a row holding `fields` that follows a row whose hash is `previous`."""
    if "previous" in fields:
        raise ValueError("'previous' is the chain's own field")
    return hashlib.sha256(canonical_json({**fields, "previous": previous})).hexdigest()


def chain_hashes(rows: Iterable[Mapping[str, Any]], previous: str = GENESIS) -> list[str]:
    """The hashes of rows appended in order after a row whose hash is `previous`."""
    hashes = []
    for fields in rows:
        previous = chain_hash(fields, previous)
        hashes.append(previous)
    return hashes


@dataclass(frozen=True, slots=True)
class StoredRow:
    """One stored row of a chain, as read back: its place, its meaningful fields, its stored hash."""

    position: int
    fields: Mapping[str, Any]
    hash: str


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """The first thing wrong with a chain: which row (by position; 1 for the first) and what."""

    position: int
    kind: str  # "altered", "deleted", "inserted", "reordered"
    message: str


def chain_problem(rows: Sequence[StoredRow], *, recorded: int) -> ChainProblem | None:
    """The first row of a chain that was altered, deleted, inserted or reordered; None if it is whole.

    `rows` are in stored order (by position); `recorded` is how many rows the chain should hold.
    """
    previous = GENESIS
    for index, row in enumerate(rows):
        expected = index + 1
        if row.position > recorded:
            return ChainProblem(row.position, "inserted",
                                f"inserted: it is beyond the {recorded} recorded")
        if chain_hash(row.fields, previous) != row.hash:
            return _why_not_linked(rows, index)
        if row.position != expected:
            return ChainProblem(expected, "deleted", "deleted: it is missing")
        previous = row.hash
    if len(rows) < recorded:
        return ChainProblem(len(rows) + 1, "deleted",
                            f"deleted: the chain ends at {len(rows)} of the {recorded} recorded")
    return None


def _why_not_linked(rows: Sequence[StoredRow], index: int) -> ChainProblem:
    """Name what happened at rows[index], whose hash does not follow the row before it.

    The row before was inserted when this row follows the one before that; this row was moved when
    it follows another row of the chain (or none, but is not first); it was inserted when the row
    after it follows the row before it; a row is missing where a position is skipped; otherwise
    the row itself was altered (its fields, or its hash).
    """
    row = rows[index]

    def follows(candidate: StoredRow, previous: str) -> bool:
        return chain_hash(candidate.fields, previous) == candidate.hash

    def hash_before(at: int) -> str:
        return rows[at - 1].hash if at >= 1 else GENESIS

    if index >= 1 and follows(row, hash_before(index - 1)):
        before = rows[index - 1]
        return ChainProblem(before.position, "inserted",
                            "inserted: it does not belong between its neighbours")
    for other in rows:
        if other is not row and follows(row, other.hash):
            return ChainProblem(row.position, "reordered",
                                f"reordered: it belongs after the one now at {other.position}")
    if index >= 1 and follows(row, GENESIS):
        return ChainProblem(row.position, "reordered", "reordered: it belongs first")
    after = rows[index + 1] if index + 1 < len(rows) else None
    if after is not None and follows(after, hash_before(index)):
        return ChainProblem(row.position, "inserted",
                            "inserted: it does not belong between its neighbours")
    if row.position != index + 1:
        return ChainProblem(index + 1, "deleted", "deleted: it is missing")
    return ChainProblem(row.position, "altered", "altered: it no longer matches its hash")
