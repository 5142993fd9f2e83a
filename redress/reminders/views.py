"""Reminder pages: each person's preference; the failures page for complaints managers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from redress.councils.models import User
from redress.reminders import selectors
from redress.reminders.forms import PreferenceForm
from redress.reminders.services import reminder_preference_set


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    return user


@login_required
@require_GET
def failures(request: HttpRequest) -> HttpResponse:
    """Reminders that could not be sent, with their errors, and what the last runs could not use."""
    user = _user(request)
    if not user.is_manager:
        raise PermissionDenied("Only a complaints manager can see the reminders that failed")
    assert user.council is not None
    rows = Paginator(selectors.failures_of(user.council), 50).get_page(request.GET.get("page"))
    problems = selectors.problems_for(user.council, since=timezone.now() - dt.timedelta(days=7))[:50]
    return render(request, "reminders/failures.html", {"page": rows, "problems": problems})


@login_required
@require_GET
def due_soon(request: HttpRequest) -> HttpResponse:
    """The council's deadlines within the reminder thresholds, and those past: the caseload's "Due soon"."""
    user = _user(request)
    assert user.council is not None
    rows = selectors.due_soon_list(council=user.council, today=timezone.localdate(), limit=50)
    return render(request, "reminders/due_soon.html", {"due_soon": rows, "due_soon_title": "Deadlines"})


@login_required
@require_http_methods(["GET", "POST"])
def preference(request: HttpRequest) -> HttpResponse:
    """Your reminders: one email each or a daily digest; pause them while away."""
    user = _user(request)
    current = selectors.preference_of(user)
    form = PreferenceForm(request.POST or None,
                          initial={"delivery": current.delivery, "paused": "yes" if current.paused else "no"})
    if request.method == "POST" and form.is_valid():
        reminder_preference_set(user=user, delivery=form.cleaned_data["delivery"],
                                paused=form.cleaned_data["paused"] == "yes")
        messages.success(request, "Your reminder settings are saved")
        return redirect("reminders:preference")
    return render(request, "reminders/preference.html", {"form": form, "preference": current})
