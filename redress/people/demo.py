"""Demo data for the register of investigators and panel: Northshire's, with two people who sign in.

`io@northshire.example` (Dr Ruth Bellamy, an investigating officer) and `ip@northshire.example` (Joan
Whitfield, an independent person) have the demo password and authenticator key of the other demo users.
The demo's generated complaints name the register's people, so each of the two is appointed to some of
Northshire's complaints and not others. Loaded after the complaints: those histories predate the register
and are matched to it by name.
"""

from __future__ import annotations

from collections.abc import Callable

from redress.councils.audit import audit_record
from redress.councils.models import Council, Role, User
from redress.people.models import Person

# name, roles, council employee, organisation, demo sign-in (email local part)
NORTHSHIRE: tuple[tuple[str, str, bool, str, str], ...] = (
    ("Dr Ruth Bellamy", "io", False, "Bellamy Associates", "io"),
    ("Alan Forsyth", "io adjudicator", True, "", ""),
    ("Meera Joshi", "io", False, "Kestrel Reviews", ""),
    ("Colin Ward", "io", False, "Independent Voices", ""),
    ("Joan Whitfield", "ip", False, "Whitfield Consulting", "ip"),
    ("Samuel Adeyemi", "ip", False, "Kestrel Reviews", ""),
    ("Lorna Baird", "ip", False, "", ""),
    ("Peter Quayle", "ip", False, "Independent Voices", ""),
    ("Hilary Stone", "panel-chair panel-member", False, "", ""),
    ("Raj Mehta", "panel-member", False, "", ""),
    ("Ann O'Neill", "panel-member", True, "", ""),
    ("David Crane", "panel-chair panel-member", False, "", ""),
    ("Yvonne Ellis", "panel-member", False, "", ""),
    ("Ibrahim Sultan", "panel-member", False, "", ""),
    ("Chloe Marsh", "advocate", False, "Voice for Children", ""),
)


def load_register_demo(*, council: Council, by: User, password: str, second_factor: Callable[[User], None]) -> int:
    """Northshire's register (in the caller's transaction), and the two demo sign-ins; how many people."""
    for name, roles, employee, organisation, local in NORTHSHIRE:
        email = f"{local}@{council.slug}.example" if local else ""
        person = Person.objects.create(council=council, name=name, roles=roles, council_employee=employee,
                                       organisation=organisation, email=email)
        if local:
            first, _, last = name.partition(" ")
            person.user = User.objects.create_user(email, password, council=council, role=Role.APPOINTED,
                                                   first_name=first, last_name=last)
            person.save(update_fields=["user"])
            second_factor(person.user)
        audit_record(council=council, actor=by, action="register.person-added", object_type="register-person",
                     object_id=str(person.pk), data={"name": name, "roles": roles, "demo": True})
    return len(NORTHSHIRE)
