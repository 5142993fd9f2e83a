"""Pages of the web shell. Each view validates its input, calls one service or selector, and renders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.core.calendar import FIRST_YEAR, LAST_YEAR, CalendarError
from redress.core.clocks import ClockError, compute_deadline
from redress.councils.errors import DomainError
from redress.councils.models import Council, CouncilHoliday, User
from redress.councils.selectors import council_calendar, council_holidays_in_year
from redress.councils.services import council_holiday_add, council_holiday_remove
from redress.reminders.health import worker_status
from redress.reminders.selectors import due_soon_list
from redress.web.forms import CouncilHolidayForm, DeadlineForm, SignInForm, YearForm
from redress.web.middleware import SIGNED_IN_BY
from redress.web.selectors import home_figures


class SignInView(auth_views.LoginView):
    """Email and password: the first step. Django's login gives the session a new id; the second
    factor comes next (SecondFactorRequiredMiddleware). A locked account or address answers 429."""

    template_name = "web/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_BY] = "password"
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "locked", False) or any(error.code == "slowed" for error in form.errors.as_data().get("email", [])):
            response.status_code = 429
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "single_sign_on": bool(settings.OIDC_ISSUER), "provider_name": settings.OIDC_PROVIDER_NAME,
        }


sign_in = SignInView.as_view()


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET); says so on the sign-in page it returns to."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


sign_out = SignOutView.as_view()


def _user(request: HttpRequest) -> tuple[User, Council]:
    """The signed-in user and their council; 403 for an account linked to no council."""
    user = request.user
    if not isinstance(user, User) or user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    return user, user.council


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Whether the service can work, as JSON: 200 when the database answers, 503 when it does not.

    `task_worker` is the background daily run's state (`redress.reminders.health`: "not configured",
    "not scheduled", "scheduled", "ok" or "late") and `task_worker_last_run` when it last finished one.
    A late worker does not make the answer 503: the pages still work, and a load balancer should
    not take them away for it; monitoring reads the field. No sign-in needed, and nothing about the
    data is told.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
        worker, last_run = worker_status(now=timezone.now())
    except DatabaseError:
        database, worker, last_run = "unavailable", "unknown", None
    fine = database == "ok"
    body = {"status": "ok" if fine else "unavailable", "database": database, "task_worker": worker,
            "task_worker_last_run": last_run.isoformat(timespec="seconds") if last_run else None}
    return JsonResponse(body, status=200 if fine else 503)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user, council = _user(request)
    today = timezone.localdate()
    figures = home_figures(council=council, user=user, today=today)
    due_soon = due_soon_list(council=council, today=today, officer=user)
    return render(request, "web/home.html", {"figures": figures, "due_soon": due_soon,
                                             "due_soon_title": "My work: due soon"})


@login_required
@require_GET
def deadlines(request: HttpRequest) -> HttpResponse:
    """Working out a deadline: a clock, a start date and any extension give the due date, explained."""
    _, council = _user(request)
    form = DeadlineForm(request.GET or None)
    deadline = None
    if form.is_valid():
        try:
            deadline = compute_deadline(
                form.clock_definition,
                form.cleaned_data["start"],
                council_calendar(council),
                extended_to=form.extended_to,
            )
        except (CalendarError, ClockError) as error:
            form.add_error("start", f"{str(error)[:1].upper()}{str(error)[1:]}")
    return render(request, "web/deadlines.html", {"form": form, "deadline": deadline})


@login_required
@require_http_methods(["GET", "POST"])
def bank_holidays(request: HttpRequest) -> HttpResponse:
    """The calendar's holidays for a year; a complaints manager adds the council's own days here."""
    user, council = _user(request)
    today = timezone.localdate()
    add_form = CouncilHolidayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not user.is_manager:
            raise PermissionDenied("Only a complaints manager can change the council's days")
        if add_form.is_valid():
            try:
                holiday = council_holiday_add(
                    council=council,
                    day=add_form.cleaned_data["day"],
                    name=add_form.cleaned_data["name"],
                    by=user,
                    today=today,
                )
            except DomainError as error:
                add_form.add_error("day", error.message)
            else:
                messages.success(
                    request,
                    f"{holiday} is now a non-working day. Deadlines that span it are being worked out again.",
                )
                return redirect(f"{reverse('web:bank-holidays')}?year={holiday.day.year}")
    context = _year_navigation(request, today)
    context.update(
        form=add_form,
        rows=council_holidays_in_year(council, context["year"]),
        may_change=user.is_manager,
    )
    return render(request, "web/bank_holidays.html", context, status=400 if add_form.errors else 200)


def _year_navigation(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """The year asked for in `?year=` (this year when absent or wrong) and its neighbours, for the pagination."""
    year_form = YearForm(request.GET if "year" in request.GET else {"year": today.year})
    year: int = year_form.cleaned_data["year"] if year_form.is_valid() else today.year
    return {
        "year": year,
        "year_form": year_form,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
        "nearby_years": [nearby for nearby in range(year - 2, year + 3) if FIRST_YEAR <= nearby <= LAST_YEAR],
    }


@login_required
@require_POST
def bank_holiday_remove(request: HttpRequest, holiday_id: int) -> HttpResponse:
    """Make a council day a working day again (complaints managers only)."""
    user, council = _user(request)
    if not user.is_manager:
        raise PermissionDenied("Only a complaints manager can change the council's days")
    try:
        holiday = council_holiday_remove(
            council=council, holiday_id=holiday_id, by=user, today=timezone.localdate()
        )
    except CouncilHoliday.DoesNotExist:
        raise Http404("No council day with that id") from None
    messages.success(
        request, f"{holiday} is a working day again. Deadlines that span it are being worked out again."
    )
    return redirect(f"{reverse('web:bank-holidays')}?year={holiday.day.year}")
