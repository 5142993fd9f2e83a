"""People pages: a complaints manager adds people to the council, changes roles, switches access off,
and chooses the complaints procedures the council runs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.core.procedures.registry import PROCEDURES
from redress.councils import people, second_factor, services, sign_in
from redress.councils.errors import DomainError
from redress.councils.forms import ROLE_HINTS, PersonChangeForm, PersonForm, ProceduresForm
from redress.councils.models import Council, User


def _manager_council(request: HttpRequest) -> tuple[User, Council]:
    user = request.user
    if not isinstance(user, User) or user.council is None or not user.is_manager:
        raise PermissionDenied("Only a complaints manager can manage the council's people")
    return user, user.council


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    _, council = _manager_council(request)
    return render(request, "councils/people.html", {
        "people": people.people_of(council), "role_hints": ROLE_HINTS,
        "enrolled": set(TOTPDevice.objects.filter(user__council=council, confirmed=True).values_list("user_id", flat=True)),
        "failed": sign_in.failed_sign_ins(council), "slow_after": settings.SIGN_IN_SLOW_AFTER,
        "lock_after": settings.AXES_FAILURE_LIMIT, "lock_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    })


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    user, council = _manager_council(request)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person, password = people.person_add(council=council, by=user, **form.cleaned_data)
        except DomainError as error:
            form.add_error("email" if error.code == "email-unusable" else None, error.message)
        else:
            return render(request, "councils/person_added.html", {"person": person, "password": password})
    return render(request, "councils/person_form.html", {"form": form, "role_hints": ROLE_HINTS})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user, council = _manager_council(request)
    person = User.objects.filter(council=council, pk=person_id).first()
    if person is None:
        raise Http404("No such person in your council")
    initial = {"role": person.role, "active": "yes" if person.is_active else "no"}
    form = PersonChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            people.person_update(council=council, by=user, person=person, role=form.cleaned_data["role"],
                                 active=form.cleaned_data["active"] == "yes")
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{person.email} updated")
            return redirect("people:list")
    return render(request, "councils/person_edit.html", {"form": form, "person": person, "role_hints": ROLE_HINTS,
                                                         "enrolled": second_factor.enrolled(person)})


@login_required
@require_POST
def person_password_reset(request: HttpRequest, person_id: int) -> HttpResponse:
    """Give someone a new one-time password, shown once."""
    user, council = _manager_council(request)
    person = User.objects.filter(council=council, pk=person_id).first()
    if person is None:
        raise Http404("No such person in your council")
    password = people.person_password_reset(council=council, by=user, person=person)
    person.refresh_from_db()
    return render(request, "councils/person_added.html", {"person": person, "password": password, "reset": True})


@login_required
@require_http_methods(["GET", "POST"])
def procedures_edit(request: HttpRequest) -> HttpResponse:
    """The procedures the council runs: checkboxes, at least one chosen."""
    user, council = _manager_council(request)
    form = ProceduresForm(request.POST if request.method == "POST" else None,
                          initial={"procedures": list(council.procedure_names)})
    if request.method == "POST" and form.is_valid():
        try:
            chosen = services.council_procedures_set(council=council, names=form.cleaned_data["procedures"], by=user)
        except DomainError as error:
            form.add_error("procedures", error.message)
        else:
            messages.success(request, f"Your council runs {len(chosen)} procedure{'s' if len(chosen) != 1 else ''}.")
            return redirect("people:procedures")
    sources = {name: procedure.source for name, procedure in PROCEDURES.items()}
    return render(request, "councils/procedures.html", {"form": form, "sources": sources})

def _person(council: Council, person_id: int) -> User:
    person = User.objects.filter(council=council, pk=person_id).first()
    if person is None:
        raise Http404("No such person in your council")
    return person


@login_required
@require_POST
def person_second_factor_reset(request: HttpRequest, person_id: int) -> HttpResponse:
    """Remove someone's authenticator app and recovery codes: they set up an app again (audited)."""
    user, council = _manager_council(request)
    person = _person(council, person_id)
    second_factor.person_second_factor_reset(council=council, by=user, person=person)
    messages.success(request, f"{person.email}'s second factor was reset: they set up an authenticator app at their next sign-in")
    return redirect("people:edit", person_id=person.pk)


@login_required
@require_POST
def person_sign_in_unlock(request: HttpRequest, person_id: int) -> HttpResponse:
    """Clear someone's failed sign-ins, and those from the addresses they came from (audited)."""
    user, council = _manager_council(request)
    person = _person(council, person_id)
    sign_in.person_sign_in_unlock(council=council, by=user, person=person)
    messages.success(request, f"{person.email} can sign in again")
    return redirect("people:list")
