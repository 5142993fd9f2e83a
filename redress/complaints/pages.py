"""What the casework pages show, worked out from projections and reports (no database writes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.paginator import Page, Paginator

from redress.complaints.models import Event, Projection
from redress.complaints.procedures import ALL_CLOCKS, procedure_title, web_for
from redress.complaints.selectors import ComplaintView
from redress.complaints.wording import clock_status, event_details, event_title
from redress.core.clocks import format_date
from redress.core.events import CaseFileError
from redress.core.procedures.registry import procedure_named
from redress.councils.models import Council, User
from redress.councils.selectors import council_calendar
from redress.decisions.selectors import similar_decisions
from redress.web.links import links_to

AMBER_WITHIN_WD = 5
TIMELINE_PAGE_SIZE = 50
MIN_SIMILARITY = 2.5
"""A published decision is similar enough to list when it scores at least this (decisions.selectors'
similar_decisions: a point for each distinctive word of the complaint in its summary, half a point
for each word going with a point's `about`, two for a body going with one, one for the children's
category that nearly every decision has): more than the category and a single shared word."""


@dataclass(frozen=True)
class CaseloadRow:
    projection: Projection
    days_left: int | None  # working days until the next deadline; negative when overdue
    rag: str  # red, amber or green
    href: str = ""  # the complaint's page

    @property
    def stage_name(self) -> str:
        """The stage in its procedure's words: 'Stage 2: investigation', 'Formal investigation'."""
        return web_for(self.projection.procedure).stage_name(self.projection.stage)

    @property
    def procedure_title(self) -> str:
        return web_for(self.projection.procedure).short_title

    @property
    def subject_short(self) -> str:
        return web_for(self.projection.procedure).subject_short

    @property
    def deadline(self) -> tuple[str, str]:
        """The next deadline's cell: what it says, and the hint under it ("" for none)."""
        p = self.projection
        if p.next_due:
            return format_date(p.next_due), p.next_due_what
        if p.suspended:
            return "Suspended", "Every clock paused"
        if p.status == "open":
            return "None for the council", "Waiting for the complainant"
        return "—", ""

    @property
    def warnings_text(self) -> str:
        """'2 faults, 1 risk', or 'None'."""
        p = self.projection
        said = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((p.faults, "fault"), (p.risks, "risk")) if n]
        return ", ".join(said) or "None"

    @property
    def state_tag(self) -> str:
        """A grey tag's words after the stage when the complaint is not simply open: its status, or 'suspended'."""
        p = self.projection
        if p.status != "open":
            return p.status
        return "suspended" if p.suspended else ""

    @property
    def days_left_text(self) -> str:
        if self.days_left is None:
            return "Suspended" if self.projection.suspended and self.projection.status == "open" else "No deadline"
        if self.days_left < 0:
            n = -self.days_left
            return f"{n} working day{'s' if n != 1 else ''} overdue"
        if self.days_left == 0:
            return "Due today"
        return f"{self.days_left} working day{'s' if self.days_left != 1 else ''} left"


def caseload_rows(projections: list[Projection], *, council: Council, today: dt.date) -> list[CaseloadRow]:
    """Each projection with its working days left (one numpy call for the page) and its RAG status.

    Red: the next deadline has passed. Amber: due within five working days, or a fault is recorded.
    Green: otherwise. Closed, withdrawn and suspended complaints have no colour of urgency (grey), nor
    has an open one waiting for the complainant with no council deadline running (blue).
    """
    calendar = council_calendar(council)
    dues = np.array([p.next_due for p in projections if p.next_due is not None], dtype="datetime64[D]")
    todays = np.full(dues.shape, np.datetime64(today, "D"))
    ahead = calendar.working_days_after_bulk(todays, dues)
    behind = calendar.working_days_after_bulk(dues, todays)
    rows = []
    index = 0
    complaint_page = links_to("complaints:detail")
    for projection in projections:
        days_left: int | None = None
        if projection.next_due is not None:
            days_left = int(ahead[index]) if projection.next_due >= today else -max(1, int(behind[index]))
            index += 1
            nation = _nation(projection.procedure)
            if nation != calendar.nation:  # the procedure it is under now counts another nation's days
                other = calendar.in_nation(nation)
                due = projection.next_due
                days_left = (other.working_days_after(today, due) if due >= today
                             else -max(1, other.working_days_after(due, today)))
        rows.append(CaseloadRow(projection, days_left, _rag(projection, days_left), complaint_page(projection.complaint_id)))
    return rows


def _nation(procedure: str) -> str:
    try:
        return procedure_named(procedure).nation
    except CaseFileError:  # a procedure no longer known: counted as England's, as before
        return "england"


def _rag(projection: Projection, days_left: int | None) -> str:
    """Red, amber or green; grey when closed or suspended, and blue when no council deadline is running."""
    if projection.status != "open" or days_left is None:
        return "grey" if projection.status != "open" or projection.suspended else "blue"
    if days_left < 0:
        return "red"
    if days_left <= AMBER_WITHIN_WD or projection.faults:
        return "amber"
    return "green"


def timeline_page(
    view: ComplaintView, *, number: str | None, newest_first: bool
) -> tuple[Page[Event], list[dict[str, Any]]]:
    """One page of the timeline as of the judged day (later events hidden), and its events in words."""
    shown = [event for event in view.events if event.date <= view.today]
    if newest_first:
        shown.reverse()
    page = Paginator(shown, TIMELINE_PAGE_SIZE).get_page(number)
    recommendations = {str(action.id): action.what for action in view.report.actions} | {
        str(offer.id): offer.what for offer in view.report.offers
    } | {
        str(rec.get("id")): str(rec.get("what", ""))
        for event in view.events if event.type == "stage3.panel-reported"
        for rec in event.data.get("recommendations") or ()
    }
    entries = [
        {"event": event, "title": event_title(event.data), "note": event.data.get("note", ""),
         "details": event_details(event.data, recommendations=recommendations)}
        for event in page.object_list
    ]
    return page, entries


def complaint_page_context(view: ComplaintView, *, user: User) -> dict[str, Any]:
    """Context for the complaint page: the report arranged for people to read."""
    report = view.report
    table = web_for(view.procedure)
    findings = report.findings  # the engine's, so a corrected event's findings are the ones shown
    # The procedure's stages (and any stage a finding was recorded at, e.g. under a procedure it left).
    stages = sorted(set(table.stages) | {stage for by_stage in findings.values() for stage in by_stage}) or [1]
    points = [
        {**point, "findings": [{"stage": table.stage_name(stage), "outcome": findings.get(point["id"], {}).get(stage, "")}
                               for stage in stages]}
        for point in view.complaint.points
    ]
    clocks: list[dict[str, Any]] = [
        {
            "clock": clock,
            "title": ALL_CLOCKS[clock.name].title if clock.name in ALL_CLOCKS else clock.name,
            "explanation": clock.deadline.explanation() if getattr(clock, "deadline", None) else [],
            "window": ALL_CLOCKS[clock.name].complainants_window if clock.name in ALL_CLOCKS else False,
        }
        for clock in report.clocks
    ]
    for item in clocks:
        item["status"] = clock_status(item["clock"].status, window=item["window"])
    order = {"fault": 0, "risk": 1, "info": 2}
    return {
        "complaint": view.complaint,
        "report": report,
        "procedure_title": procedure_title(view.procedure),
        "first_procedure_title": procedure_title(view.complaint.procedure)
        if view.complaint.procedure != view.procedure else "",
        "stage_name": table.stage_name(report.stage),
        "stage_columns": [table.stage_name(stage) for stage in stages],
        "points": points,
        "clocks": clocks,
        "warnings": sorted(report.warnings, key=lambda w: (order.get(w.severity, 3), str(w.date))),
        "actions": report.actions,
        "events": view.events,  # every event, so a correction on another timeline page still names who made it
        "today": view.today,
        "today_text": format_date(view.today),
        "similar_decisions": similar_decisions(
            [str(p["about"]) for p in view.complaint.points], " ".join(str(p["text"]) for p in view.complaint.points),
            min_score=MIN_SIMILARITY,
        ),
        "may_record": user.can_record_events,
    }
