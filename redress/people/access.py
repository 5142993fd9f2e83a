"""What someone appointed to complaints (role `appointed`) may reach: their own work, nothing else.

An IO, IP, panel member or advocate signs in like everyone (password, then the second factor) and then
reaches only "My work" (`/work/`) and the complaints they are appointed to now, through those pages;
every other page of the council answers 404, and so does the API (they have no token use). The
appointments are read from the complaints' histories (`redress.core.independence.complaint_people`), so
an IO replaced on a complaint stops seeing it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from redress.core.independence import Appointment, ComplaintPeople, complaint_people, with_register_ids
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


def _current_people(council_id: int) -> Iterator[tuple[int, ComplaintPeople]]:
    """Each complaint of the council that has had an appointment, with its appointments now (matched to the
    register by name where an event carries no register id). One query over the appointing events."""
    from redress.complaints.models import Event

    histories: dict[int, list[dict[str, object]]] = {}
    rows = (Event.objects.filter(complaint__council_id=council_id,
                                 type__in=APPOINTING | {"event.voided", "event.corrected"})
            .order_by("complaint_id", "sequence").values_list("complaint_id", "sequence", "data"))
    for complaint_id, sequence, data in rows:
        history = histories.setdefault(complaint_id, [])
        history += [{"type": ""}] * (sequence - 1 - len(history))  # the events between keep their places
        history.append(data)
    ids = ids_by_name(council_id)
    for complaint_id, history in histories.items():
        yield complaint_id, with_register_ids(complaint_people(str(complaint_id), history), ids)


def appointments_of(person: Person) -> dict[int, MyAppointment]:
    """By complaint id: the complaints of the person's council they hold an appointment on now."""
    found: dict[int, MyAppointment] = {}
    for complaint_id, people in _current_people(person.council_id):
        mine = tuple(a for a in people.appointments if a.person_id == person.pk)
        if mine:
            found[complaint_id] = MyAppointment(complaint_id, tuple(dict.fromkeys(a.role for a in mine)), mine)
    return found


def appointed_users(council_id: int) -> dict[int, list[tuple[User, tuple[str, ...]]]]:
    """By complaint id: the people of the council's register who sign in (active, with the appointed role)
    and hold an appointment on it now, each with their roles there (for their reminders)."""
    users = {p.pk: p.user for p in Person.objects.filter(council_id=council_id, active=True, user__is_active=True,
                                                          user__role=Role.APPOINTED).select_related("user")
             if p.user is not None}
    if not users:
        return {}
    found: dict[int, list[tuple[User, tuple[str, ...]]]] = {}
    for complaint_id, people in _current_people(council_id):
        roles: dict[int, list[str]] = {}
        for a in people.appointments:
            if a.person_id in users:
                roles.setdefault(a.person_id, []).append(a.role)
        if roles:
            found[complaint_id] = [(users[pid], tuple(dict.fromkeys(rs))) for pid, rs in roles.items()]
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
