"""Writing the audit log: every entry takes the next place in its council's hash chain.

Every writer of audit entries calls `audit_append` (or `audit_record` for one), inside the
transaction of the change it records. The council's AuditChain row is locked until that
transaction ends, so entries written at once take their places one after another.

Audited reads (`audit_read`): who saw or took what, and when, as government casework systems audit
case views; one entry each, in the chain like every other, e.g.

    audit_read(by=request.user, council=council, action="document.downloaded",
               object_type="document", object_id=document.pk, data={"complaint": complaint.reference})
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from redress.core.history import chain_hash
from redress.councils.models import AuditChain, AuditEntry, Council, User


def audit_fields(entry: AuditEntry) -> dict[str, Any]:
    """The fields an audit entry's hash covers: council, actor, action, object, data and time.

    (Its place is kept by the chain itself: each hash covers the hash before it.)
    """
    return {
        "council": entry.council_id,
        "actor": entry.actor_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "data": entry.data,
        "at": entry.at,
    }


def audit_append(entries: Sequence[AuditEntry]) -> list[AuditEntry]:
    """Store the entries at the end of their councils' chains, in order, with their places and hashes."""
    by_council: dict[int, list[AuditEntry]] = defaultdict(list)
    for entry in entries:
        by_council[entry.council_id].append(entry)
    with transaction.atomic():
        for council_id, mine in by_council.items():
            chain = _locked_chain(council_id)
            for entry in mine:
                chain.count += 1
                entry.sequence = chain.count
                entry.hash = chain_hash(audit_fields(entry), chain.head)
                chain.head = entry.hash
            AuditEntry.objects.bulk_create(mine)
            AuditChain.objects.filter(pk=council_id).update(count=chain.count, head=chain.head)
    return list(entries)


def audit_record(*, council: Council | int, actor: User | None, action: str, object_type: str, object_id: str,
                 data: dict[str, Any]) -> AuditEntry:
    """Store one audit entry at the end of its council's chain."""
    council_id = council if isinstance(council, int) else council.pk
    entry = AuditEntry(council_id=council_id, actor=actor, action=action, object_type=object_type,
                       object_id=object_id, data=data)
    audit_append([entry])
    return entry


def _locked_chain(council_id: int) -> AuditChain:
    """The council's chain row, locked until the transaction ends; made (once) when it has none yet."""
    chain = AuditChain.objects.select_for_update().filter(pk=council_id).first()
    if chain is not None:
        return chain
    AuditChain.objects.bulk_create([AuditChain(council_id=council_id)], ignore_conflicts=True)
    return AuditChain.objects.select_for_update().get(pk=council_id)


def audit_read(*, by: User | None, council: Council, action: str, object_type: str, object_id: object,
               data: dict[str, Any] | None = None) -> AuditEntry:
    """Record that `by` (None: the command line) read something of `council`'s, at the end of its chain."""
    return audit_record(council=council, actor=by, action=action, object_type=object_type,
                        object_id=str(object_id), data=data or {})
