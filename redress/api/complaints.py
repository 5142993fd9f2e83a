"""Complaints over JSON: create from a case file, read the report, append events, list the caseload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from redress.api.errors import errors
from redress.complaints import selectors, services
from redress.complaints.models import Complaint, Event
from redress.core.procedures.registry import PROCEDURES
from redress.councils.audit import audit_read
from redress.councils.models import Council, User
from redress.web.paging import page_bounds

router = Router()


class ComplaintListItem(Schema):
    id: int
    reference: str
    procedure: str
    stage: int
    status: str
    suspended: bool
    received_on: dt.date
    next_due: dt.date | None
    next_due_what: str
    faults: int
    risks: int
    warnings: list[str]
    officer: str | None


class ComplaintPage(Schema):
    items: list[ComplaintListItem]
    count: int
    page: int
    pages: int


class ListFilters(Schema):
    procedure: str | None = Field(None, json_schema_extra={"enum": list(PROCEDURES)})
    # Bounds told in the schema (json_schema_extra); the endpoint checks them itself and answers 400 with the rule.
    stage: int | None = Field(None, json_schema_extra={"minimum": 1, "maximum": 3})
    status: str | None = Field(None, json_schema_extra={"enum": ["open", "closed", "withdrawn"]})
    warning: str | None = None
    overdue: bool = False
    page: int = Field(1, json_schema_extra={"minimum": 1})
    page_size: int = Field(50, json_schema_extra={"minimum": 1, "maximum": 200})


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # BearerToken sets it
    return user


def _council(user: User) -> Council:
    """The council the token's user belongs to; a user with none may not use the complaints API."""
    if user.council is None:
        raise HttpError(403, "This token's user belongs to no council, so it cannot see complaints")
    return user.council


def _event_body(event: Event) -> dict[str, Any]:
    return {
        "sequence": event.sequence,
        "date": event.date.isoformat(),
        "type": event.type,
        "data": event.data,
        "recorded_by": event.recorded_by.email if event.recorded_by else None,
        "recorded_at": event.recorded_at.isoformat(),
    }


def _report_body(complaint: Complaint, report: Any, events: list[Event]) -> dict[str, Any]:
    """The report, plus the procedure it is under now, the history it was replayed from and its `version`
    (to send as `expected_version`)."""
    return {
        "id": complaint.pk,
        "council": complaint.council.name,
        "reference": complaint.reference,
        "procedure": selectors.procedure_now(selectors.complaint_case(complaint, events)),
        **report.to_json(),
        "version": complaint.version,
        "events": [_event_body(event) for event in events],
    }


@router.post("", response={201: dict[str, Any], **errors(400, 403, 409, 413)}, summary="Create a complaint from a case file")
def complaint_create(request: HttpRequest, case: Body[dict[str, Any]]) -> Status[dict[str, Any]]:
    """Takes a case file (the JSON form of SCENARIOS.md) and answers with the complaint's id and report.

    The complaint is created in your council; a `council` field in the file is kept as a note.
    """
    user = _user(request)
    complaint = services.complaint_import(council=_council(user), by=user, data=case, today=timezone.localdate())
    view = selectors.complaint_report(complaint, today=timezone.localdate())
    return Status(201, _report_body(view.complaint, view.report, view.events))


@router.get("", response={200: ComplaintPage, **errors(400)}, summary="List your council's complaints")
def complaint_list(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    """Complaints of your council, soonest council deadline first, paged (`page`, `page_size` up to 200; a page past the last gives the last)."""
    if filters.page < 1 or not 1 <= filters.page_size <= 200:
        raise HttpError(400, "page must be 1 or more and page_size from 1 to 200")
    if filters.stage is not None and filters.stage not in {1, 2, 3}:
        raise HttpError(400, "stage must be 1, 2 or 3")
    if filters.status is not None and filters.status not in {"open", "closed", "withdrawn"}:
        raise HttpError(400, "status must be open, closed or withdrawn")
    if filters.procedure is not None and filters.procedure not in PROCEDURES:
        raise HttpError(400, f"procedure must be one of {', '.join(PROCEDURES)}")
    rows = selectors.caseload(
        council=_council(_user(request)),
        filters=selectors.CaseloadFilters(
            stage=filters.stage, status=filters.status, warning=filters.warning, overdue=filters.overdue,
            procedure=filters.procedure,
        ),
        today=timezone.localdate(),
    )
    count = rows.count()
    page, pages, start = page_bounds(filters.page, count, filters.page_size)
    items = [
        {
            "id": row.complaint_id,
            "reference": row.complaint.reference,
            "procedure": row.procedure,
            "stage": row.stage,
            "status": row.status,
            "suspended": row.suspended,
            "received_on": row.received_on,
            "next_due": row.next_due,
            "next_due_what": row.next_due_what,
            "faults": row.faults,
            "risks": row.risks,
            "warnings": row.warning_codes.split(),
            "officer": row.officer.email if row.officer else None,
        }
        for row in rows[start : start + filters.page_size]
    ]
    return {"items": items, "count": count, "page": page, "pages": pages}


@router.get("/{complaint_id}", response={200: dict[str, Any], **errors(404)}, summary="A complaint's report")
def complaint_detail(request: HttpRequest, complaint_id: int) -> dict[str, Any]:
    """The report: the same JSON as `redress replay --json` for the same history, plus id, council and
    reference, the recorded events and `version` (the number of events, for `expected_version`)."""
    user = _user(request)
    complaint = selectors.complaint_get(council=_council(user), complaint_id=complaint_id)
    view = selectors.complaint_report(complaint, today=timezone.localdate())
    audit_read(by=user, council=complaint.council, action="complaint.viewed", object_type="complaint",
               object_id=complaint.pk, data={"reference": complaint.reference, "via": "api"})
    return _report_body(complaint, view.report, view.events)


@router.post(
    "/{complaint_id}/events",
    response={201: dict[str, Any], **errors(400, 403, 404, 409, 413)},
    summary="Append one event",
)
def complaint_event_create(
    request: HttpRequest, complaint_id: int, event: Body[dict[str, Any]], expected_version: int | None = None
) -> Status[dict[str, Any]]:
    """Append one event (SCENARIOS.md vocabulary). 409 when the procedure does not allow it now, or
    when `expected_version` (the number of events you saw) is stale; 422 when the event is malformed.
    Nothing is changed on any error."""
    user = _user(request)
    complaint = selectors.complaint_get(council=_council(user), complaint_id=complaint_id)
    report = services.complaint_record_event(
        complaint=complaint, event=event, by=user, today=timezone.localdate(), expected_version=expected_version
    )
    return Status(201, _report_body(complaint, report, selectors.complaint_events(complaint)))
