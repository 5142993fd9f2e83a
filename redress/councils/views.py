"""People pages: a complaints manager adds people to the council, changes roles, switches access off,
and chooses the complaints procedures the council runs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from redress.core.procedures.registry import PROCEDURES
from redress.councils import people, services
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
    return render(request, "councils/people.html", {"people": people.people_of(council), "role_hints": ROLE_HINTS})


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
    return render(request, "councils/person_edit.html", {"form": form, "person": person, "role_hints": ROLE_HINTS})


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
