"""Putting a recorded event right: a complaints manager corrects it or removes it, giving the reason.

Each page validates its form and records one event (`event.corrected` or `event.voided`) through
`services.complaint_record_event`, like any other event; the history keeps the mistake beside it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from redress.complaints import selectors, services
from redress.complaints.event_forms import (
    EVENT_SPECS,
    VoidForm,
    correction_event,
    correction_form,
    field_for_refusal,
    void_event,
)
from redress.complaints.models import Complaint, Event
from redress.complaints.permissions import denied_message, may_record
from redress.complaints.procedures import procedure_title
from redress.complaints.views import _council, _int_or_none, panel_recommendations_of
from redress.complaints.wording import in_words
from redress.councils.errors import DomainError
from redress.councils.models import User


def _setup(request: HttpRequest, complaint_id: int, sequence: int, kind: str) -> tuple[Complaint, User, Event, list[Event]]:
    complaint = selectors.complaint_get(council=_council(request), complaint_id=complaint_id)
    user = request.user
    assert isinstance(user, User)
    if not may_record(user, kind):
        raise PermissionDenied(denied_message(kind))
    events = selectors.complaint_events(complaint)
    original = next((e for e in events if e.sequence == sequence), None)
    if original is None or original.type not in EVENT_SPECS:
        raise Http404("No such event to put right")
    return complaint, user, original, events


def _on(events: list[Event], *dates: dt.date) -> dt.date:
    """The correction's place in the history: the last event's date, or a later date the correction gives.

    Not today: a correction dated today would shut out every event still to be recorded for the days
    before it (a history runs in date order), and a team catching up on its paperwork would be stuck.
    When the correction was made is kept as when it was recorded, and the timeline says so.
    """
    return max(*(e.date for e in events), *dates)


@login_required
@require_http_methods(["GET", "POST"])
def event_correct(request: HttpRequest, complaint_id: int, sequence: int) -> HttpResponse:
    """The event's own form, filled in as recorded; saving records `event.corrected` with the reason."""
    complaint, user, original, events = _setup(request, complaint_id, sequence, "event.corrected")
    spec = EVENT_SPECS[original.type]
    today = timezone.localdate()
    view = selectors.complaint_report(complaint, today=today)
    form = correction_form(spec, original=original.data, points=complaint.points,
                           panel_recommendations=panel_recommendations_of(view.case), data=request.POST or None,
                           procedures=[(name, procedure_title(name)) for name in complaint.council.procedure_names])
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_record_event(
                complaint=complaint, event=correction_event(form, sequence=sequence, on=_on(events, form.cleaned_data["date"])), by=user,
                today=today, expected_version=_int_or_none(request.POST.get("version")))
        except DomainError as error:
            form.add_error(field_for_refusal(form, error.code, error.message), in_words(error.message))
        else:
            messages.success(request, f"Event {sequence} ({spec.title.lower()}): corrected.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/correct_event.html", {
        "complaint": complaint, "original": original, "spec": spec, "form": form, "version": complaint.version,
        "may_remove": original.type != "complaint.received",
    })


@login_required
@require_http_methods(["GET", "POST"])
def event_void(request: HttpRequest, complaint_id: int, sequence: int) -> HttpResponse:
    """Remove a wrongly recorded event from what the procedure counts: records `event.voided` with the reason."""
    complaint, user, original, events = _setup(request, complaint_id, sequence, "event.voided")
    spec = EVENT_SPECS[original.type]
    today = timezone.localdate()
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_record_event(
                complaint=complaint, event=void_event(form, sequence=sequence, on=_on(events)), by=user,
                today=today, expected_version=_int_or_none(request.POST.get("version")))
        except DomainError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(request, f"Event {sequence} ({spec.title.lower()}): removed.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/void_event.html", {
        "complaint": complaint, "original": original, "spec": spec, "form": form, "version": complaint.version,
    })
