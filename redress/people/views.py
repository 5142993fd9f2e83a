"""Pages of the register of investigators and panel (`/register/`): list, add, change, import. Managers only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.people import services, work
from redress.people.forms import RegisterImportForm, RegisterPersonForm
from redress.people.models import Person, RegisterRole

MAX_CSV_BYTES = 1_000_000


def _manager_council(request: HttpRequest) -> tuple[User, Council]:
    user = request.user
    if not isinstance(user, User) or user.council is None or not user.is_manager:
        raise PermissionDenied("Only a complaints manager can keep the register of investigators and panel")
    return user, user.council


def _person(council: Council, person_id: int) -> Person:
    person = Person.objects.filter(council=council, pk=person_id).first()
    if person is None:
        raise Http404("No such person in your council's register")
    return person


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    _, council = _manager_council(request)
    return render(request, "people/register.html", {"people": services.register_of(council), "roles": RegisterRole})


@login_required
@require_http_methods(["GET", "POST"])
def register_new(request: HttpRequest) -> HttpResponse:
    user, council = _manager_council(request)
    form = RegisterPersonForm(request.POST or None, initial={"active": "yes"})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.register_person_add(council=council, by=user, facts=form.facts(), today=timezone.localdate())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{person.name} added to the register")
            return redirect("register:list")
    return render(request, "people/register_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def register_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    user, council = _manager_council(request)
    person = _person(council, person_id)
    form = RegisterPersonForm(request.POST or None, initial=RegisterPersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.register_person_update(council=council, by=user, person=person, facts=form.facts(),
                                            today=timezone.localdate())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{person.name}'s entry changed")
            return redirect("register:list")
    return render(request, "people/register_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request: HttpRequest) -> HttpResponse:
    user, council = _manager_council(request)
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            form.add_error("file", f"The file must be {MAX_CSV_BYTES:,} bytes or smaller")
        else:
            try:
                result = services.register_import_csv(council=council, by=user, content=upload.read(),
                                                      today=timezone.localdate())
            except DomainError as error:
                form.add_error("file", error.message)
            else:
                messages.success(request, f"Imported: {len(result.added)} added, {len(result.updated)} changed")
                return redirect("register:list")
    return render(request, "people/register_import.html", {"form": form, "columns": services.FIELDS,
                                                           "roles": RegisterRole.choices})


@login_required
@require_POST
def register_invite(request: HttpRequest, person_id: int) -> HttpResponse:
    """Give someone in the register their own sign-in: a one-time password, shown once."""
    user, council = _manager_council(request)
    person = _person(council, person_id)
    try:
        account, password = work.register_person_invite(council=council, by=user, person=person)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("register:edit", person_id=person.pk)
    return render(request, "people/invited.html", {"person": person, "account": account, "password": password})
