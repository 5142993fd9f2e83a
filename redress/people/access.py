"""What someone appointed to complaints (role `appointed`) may reach: their own work, nothing else.

An IO, IP, panel member or advocate signs in like everyone (password, then the second factor) and then
reaches only "My work" (`/work/`) and the complaints they are appointed to now, through those pages;
every other page of the council answers 404, and so does the API (they have no token use). The
appointments are read from the complaints' histories (`redress.core.independence.complaint_people`), so
an IO replaced on a complaint stops seeing it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from redress.core.independence import Appointment, complaint_people, with_register_ids
from redress.councils.models import Role, User
from redress.people.appointments import APPOINTING, ids_by_name
from redress.people.models import Person

OPEN_PREFIXES = ("/static/", "/healthz", "/work/")


def is_appointed(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.role == Role.APPOINTED


class AppointedAccessMiddleware:
    """Everything but their own pages answers 404 to someone appointed to complaints; the home page is My work."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_appointed(getattr(request, "user", None)):
            if request.path == "/":
                return redirect("work:home")
            allowed = {reverse("web:sign-out"), reverse("web:sign-in"), reverse("web:two-factor"),
                       reverse("web:two-factor-setup"), reverse("account:password")}
            if request.path not in allowed and not request.path.startswith(OPEN_PREFIXES):
                raise Http404("Not found")
        return self.get_response(request)


@dataclass(frozen=True)
class MyAppointment:
    """One complaint someone is appointed to now, and in which roles."""

    complaint_id: int
    roles: tuple[str, ...]
    appointments: tuple[Appointment, ...]


def person_of(user: User) -> Person | None:
    """The register entry of an appointed user (of their own council), or None."""
    if not is_appointed(user) or user.council_id is None:
        return None
    return Person.objects.filter(user=user, council_id=user.council_id, active=True).first()


def appointments_of(person: Person) -> dict[int, MyAppointment]:
    """By complaint id: the complaints of the person's council they hold an appointment on now."""
    from redress.complaints.models import Event

    histories: dict[int, list[dict[str, object]]] = {}
    rows = (Event.objects.filter(complaint__council_id=person.council_id,
                                 type__in=APPOINTING | {"event.voided", "event.corrected"})
            .order_by("complaint_id", "sequence").values_list("complaint_id", "sequence", "data"))
    for complaint_id, sequence, data in rows:
        history = histories.setdefault(complaint_id, [])
        history += [{"type": ""}] * (sequence - 1 - len(history))  # the events between keep their places
        history.append(data)
    found: dict[int, MyAppointment] = {}
    ids = ids_by_name(person.council_id)
    for complaint_id, history in histories.items():
        people = with_register_ids(complaint_people(str(complaint_id), history), ids)
        mine = tuple(a for a in people.appointments if a.person_id == person.pk)
        if mine:
            found[complaint_id] = MyAppointment(complaint_id, tuple(dict.fromkeys(a.role for a in mine)), mine)
    return found


def appointment_on(user: User, complaint_id: int) -> tuple[Person, MyAppointment]:
    """The person and their appointment on this complaint; 404 unless they are appointed to it now."""
    person = person_of(user)
    if person is None:
        raise Http404("Not found")
    mine = appointments_of(person).get(complaint_id)
    if mine is None:
        raise Http404("Not found")
    return person, mine
