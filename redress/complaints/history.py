"""The complaints' side of the tamper-evident history: what an event's hash covers, and `redress verify`.

Each complaint's events form one chain (in `sequence` order, as long as the complaint's `version`);
each council's audit log forms another (in `sequence` order, as long as its AuditChain's count).
The hashing and the judging are pure (redress/core/history.py); this module reads the rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from redress.complaints.models import Complaint, Event
from redress.core.history import ChainProblem, StoredRow, chain_problem
from redress.councils.audit import audit_fields
from redress.councils.models import AuditChain, AuditEntry, Council

READ_CHUNK = 2000


def event_fields(event: Event) -> dict[str, Any]:
    """The fields an event's hash covers: its complaint, date, type, data, who recorded it and when.

    (Its place is kept by the chain itself: each hash covers the hash before it.)
    """
    return {
        "complaint": event.complaint_id,
        "date": event.date,
        "type": event.type,
        "data": event.data,
        "recorded_by": event.recorded_by_id,
        "recorded_at": event.recorded_at,
    }


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken chain: whose, and its first problem."""

    council: str
    chain: str  # "complaint NC-2024-0007, event" or "audit log, entry"
    reference: str  # the complaint's reference, or "" for the audit log
    problem: ChainProblem

    def __str__(self) -> str:
        return f"{self.council}: {self.chain} {self.problem.position} {self.problem.message}"


@dataclass
class Verification:
    """What `redress verify` found."""

    councils: int = 0
    complaints: int = 0
    events: int = 0
    audit_entries: int = 0
    findings: list[Finding] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """One hash over every chain's length and last hash: record it elsewhere to compare later."""
        return hashlib.sha256("\n".join(sorted(self.heads)).encode()).hexdigest()


def history_verify(*, council: Council | None = None) -> Verification:
    """Check every complaint's event chain and every council's audit chain (or one council's)."""
    councils = Council.objects.order_by("pk") if council is None else Council.objects.filter(pk=council.pk)
    result = Verification()
    for each in councils:
        result.councils += 1
        _verify_events(each, result)
        _verify_audit(each, result)
    return result


def _verify_events(council: Council, result: Verification) -> None:
    complaints = dict(Complaint.objects.filter(council=council).values_list("pk", "version"))
    references = dict(Complaint.objects.filter(council=council).values_list("pk", "reference"))
    seen: set[int] = set()
    for complaint_id, rows in _event_chains(council):
        seen.add(complaint_id)
        _judge_events(council, result, complaint_id, rows, complaints, references)
    for complaint_id in complaints.keys() - seen:
        _judge_events(council, result, complaint_id, [], complaints, references)
    result.complaints += len(complaints)


def _judge_events(council: Council, result: Verification, complaint_id: int, rows: list[StoredRow],
                  versions: dict[int, int], references: dict[int, str]) -> None:
    result.events += len(rows)
    recorded = versions.get(complaint_id, 0)
    reference = references.get(complaint_id, f"complaint {complaint_id}")
    problem = chain_problem(rows, recorded=recorded)
    if problem is not None:
        result.findings.append(Finding(council.slug, f"complaint {reference}, event", reference, problem))
    result.heads.append(f"e{complaint_id}:{recorded}:{rows[-1].hash if rows else ''}")


def _event_chains(council: Council) -> Iterator[tuple[int, list[StoredRow]]]:
    """Each complaint's events as stored rows, complaint by complaint, read in chunks."""
    events = (Event.objects.filter(complaint__council=council).order_by("complaint_id", "sequence")
              .only("complaint_id", "sequence", "date", "type", "data", "recorded_by_id", "recorded_at", "hash"))
    current: int | None = None
    rows: list[StoredRow] = []
    for event in events.iterator(chunk_size=READ_CHUNK):
        if event.complaint_id != current:
            if current is not None:
                yield current, rows
            current, rows = event.complaint_id, []
        rows.append(StoredRow(event.sequence, event_fields(event), event.hash))
    if current is not None:
        yield current, rows


def _verify_audit(council: Council, result: Verification) -> None:
    chain = AuditChain.objects.filter(pk=council.pk).first()
    recorded = chain.count if chain else 0
    entries = AuditEntry.objects.filter(council=council).order_by("sequence", "pk")
    rows = [StoredRow(entry.sequence or 0, audit_fields(entry), entry.hash)
            for entry in entries.iterator(chunk_size=READ_CHUNK)]
    result.audit_entries += len(rows)
    problem = chain_problem(rows, recorded=recorded)
    if problem is not None:
        result.findings.append(Finding(council.slug, "audit log, entry", "", problem))
    result.heads.append(f"a{council.pk}:{recorded}:{rows[-1].hash if rows else ''}")
