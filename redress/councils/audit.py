"""Audited reads: who saw or took what, and when, as government casework systems audit case views.

One insert each, nothing read first: `audit_read` is cheap enough for every complaint page, every
export and (for the documents branch) every document download, e.g.

    audit_read(by=request.user, council=council, action="document.downloaded",
               object_type="document", object_id=document.pk, data={"complaint": complaint.reference})
"""

from __future__ import annotations

from typing import Any

from redress.councils.models import AuditEntry, Council, User


def audit_read(*, by: User | None, council: Council, action: str, object_type: str, object_id: object,
               data: dict[str, Any] | None = None) -> AuditEntry:
    """Record that `by` (None: the command line) read something of `council`'s. One INSERT."""
    return AuditEntry.objects.create(council=council, actor=by, action=action, object_type=object_type,
                                     object_id=str(object_id), data=data or {})
