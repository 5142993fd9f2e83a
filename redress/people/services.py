"""Writes to the register of investigators and panel: add, change, import from CSV. Managers only; audited.

Each write and its audit entry (`register.person-added`, `register.person-changed`, `register.imported`)
go in one transaction, through the council's audit chain.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower

from redress.councils.audit import audit_append, audit_record
from redress.councils.errors import DomainError
from redress.councils.models import AuditEntry, Council, User
from redress.people.models import Person, RegisterRole

FIELDS = ("name", "roles", "council_employee", "organisation", "email", "trained_on", "vetted_on", "active")
REQUIRED = ("name", "roles", "council_employee")
ROLE_WORDS = ", ".join(f"{code} ({label.lower()})" for code, label in RegisterRole.choices)


class RegisterRefused(DomainError):
    """A person the register will not keep as given; nothing was saved."""

    status = 422


@dataclass
class PersonFacts:
    """What is kept of one person, checked: the shape every edge turns its input into."""

    name: str
    roles: tuple[str, ...]
    council_employee: bool
    organisation: str = ""
    email: str = ""
    trained_on: dt.date | None = None
    vetted_on: dt.date | None = None
    active: bool = True
    problems: list[str] = field(default_factory=list)

    def as_fields(self) -> dict[str, Any]:
        return {"name": self.name, "roles": " ".join(self.roles), "council_employee": self.council_employee,
                "organisation": self.organisation, "email": self.email, "trained_on": self.trained_on,
                "vetted_on": self.vetted_on, "active": self.active}


def _check_manager(by: User, council: Council) -> None:
    if not by.is_active or not by.is_manager or by.council_id != council.pk:
        raise PermissionDenied("Only a complaints manager of this council can keep its register of investigators and panel")


def check_facts(facts: PersonFacts, *, today: dt.date) -> list[str]:
    """What is wrong with `facts`, in words; empty when they may be kept."""
    problems: list[str] = []
    facts.name = " ".join(facts.name.split())
    if not facts.name:
        problems.append("Enter the person's name")
    elif len(facts.name) > 200:
        problems.append("The name must be 200 characters or fewer")
    unknown = [r for r in facts.roles if r not in RegisterRole.values]
    if unknown:
        problems.append(f"There is no role {', '.join(unknown)}: the roles are {ROLE_WORDS}")
    elif not facts.roles:
        problems.append("Choose at least one role the person may take")
    facts.roles = tuple(r for r in RegisterRole.values if r in facts.roles)
    if "\x00" in facts.name + facts.organisation + facts.email:
        problems.append("The details hold a NUL character")
    if len(facts.organisation) > 200:
        problems.append("The organisation must be 200 characters or fewer")
    facts.email = facts.email.strip().lower()
    if facts.email:
        try:
            validate_email(facts.email)
        except ValidationError:
            problems.append("Enter an email address in the correct format, like name@example.gov.uk")
    for label, day in (("training", facts.trained_on), ("vetting", facts.vetted_on)):
        if day is not None and day > today:
            problems.append(f"The {label} date ({day:%d %b %Y}) is after today")
    if "ip" in facts.roles and facts.council_employee:
        problems.append("An independent person cannot be a member or officer of the council (SI 2006/1738 reg 2)")
    return problems


def _name_taken(council: Council, name: str, *, other_than: int | None = None) -> bool:
    people = Person.objects.filter(council=council, name__iexact=name)
    return (people.exclude(pk=other_than) if other_than is not None else people).exists()


def register_person_add(*, council: Council, by: User, facts: PersonFacts, today: dt.date) -> Person:
    """Add someone to the register; refused (nothing saved) with every problem named."""
    _check_manager(by, council)
    problems = check_facts(facts, today=today)
    if not problems and _name_taken(council, facts.name):
        problems.append(f"{facts.name} is already in the register: change their entry instead")
    if problems:
        raise RegisterRefused("; ".join(problems), code="bad-person")
    with transaction.atomic():
        person = Person.objects.create(council=council, **facts.as_fields())
        _audit(council, by, "register.person-added", person, _jsonable(facts.as_fields()))
    return person


def register_person_update(*, council: Council, by: User, person: Person, facts: PersonFacts, today: dt.date) -> Person:
    """Change someone's entry; the audit entry keeps each changed field before and after."""
    _check_manager(by, council)
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council's register")
    problems = check_facts(facts, today=today)
    if not problems and _name_taken(council, facts.name, other_than=person.pk):
        problems.append(f"{facts.name} is already in the register")
    if problems:
        raise RegisterRefused("; ".join(problems), code="bad-person")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        after = facts.as_fields()
        changed = {k: {"before": _jsonable({k: getattr(locked, k)})[k], "after": _jsonable({k: v})[k]}
                   for k, v in after.items() if getattr(locked, k) != v}
        if changed:
            Person.objects.filter(pk=locked.pk).update(**after)
            _audit(council, by, "register.person-changed", locked, changed)
    person.refresh_from_db()
    return person


@dataclass
class ImportResult:
    added: list[Person]
    updated: list[Person]


def register_import_csv(*, council: Council, by: User, content: bytes, today: dt.date) -> ImportResult:
    """Add or update people from a CSV file with a header row (FIELDS; name, roles, council_employee required).

    All or nothing: any bad row is named (by its line) with what is wrong, and nothing is saved. A name
    already in the register updates that person.
    """
    _check_manager(by, council)
    rows = read_csv(content)
    facts_by_line: list[tuple[int, PersonFacts]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        facts, row_problems = facts_from_row(row)
        row_problems += check_facts(facts, today=today) if not row_problems else []
        key = facts.name.lower()
        if key and key in seen:
            row_problems.append(f"{facts.name} is also on line {seen[key]}")
        seen.setdefault(key, line)
        problems += [f"Line {line}: {p}" for p in row_problems]
        facts_by_line.append((line, facts))
    if problems:
        raise RegisterRefused("Nothing was imported. " + "; ".join(problems[:20])
                              + (f"; and {len(problems) - 20} more" if len(problems) > 20 else ""), code="bad-csv")
    result = ImportResult(added=[], updated=[])
    with transaction.atomic():
        existing = {p.name.lower(): p for p in Person.objects.select_for_update().filter(council=council)}
        entries = []
        for _line, facts in facts_by_line:
            person = existing.get(facts.name.lower())
            if person is None:
                person = Person.objects.create(council=council, **facts.as_fields())
                result.added.append(person)
                entries.append(_entry(council, by, "register.person-added", person, _jsonable(facts.as_fields())))
            else:
                changed = {k: v for k, v in facts.as_fields().items() if getattr(person, k) != v}
                if changed:
                    Person.objects.filter(pk=person.pk).update(**changed)
                    result.updated.append(person)
                    entries.append(_entry(council, by, "register.person-changed", person, _jsonable(changed)))
        entries.append(_entry(council, by, "register.imported", None,
                              {"added": len(result.added), "updated": len(result.updated)}))
        audit_append(entries)
    return result


def read_csv(content: bytes) -> list[tuple[int, Mapping[str, str]]]:
    """The rows of a register CSV, each with its line number; a file that is not one is refused, named."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegisterRefused("Nothing was imported: the file is not UTF-8 text (save it as CSV UTF-8)",
                              code="bad-csv") from None
    if "\x00" in text:
        raise RegisterRefused("Nothing was imported: the file holds a NUL character, so it is not a CSV file",
                              code="bad-csv")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [f for f in REQUIRED if f not in header]
    unknown = [h for h in header if h not in FIELDS]
    if missing or unknown:
        words = (f"lacks the columns {', '.join(missing)}" if missing else "") + (
            ("; " if missing else "") + f"has columns Redress does not know: {', '.join(unknown)}" if unknown else "")
        raise RegisterRefused(f"Nothing was imported: the header row {words}. The columns are {', '.join(FIELDS)}",
                              code="bad-csv")
    reader.fieldnames = header
    rows: list[tuple[int, Mapping[str, str]]] = []
    try:
        for row in reader:
            if None in row:
                raise RegisterRefused(f"Nothing was imported: line {reader.line_num} has more cells than the header",
                                      code="bad-csv")
            if any((v or "").strip() for v in row.values()):
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except csv.Error as error:
        raise RegisterRefused(f"Nothing was imported: line {reader.line_num} is not valid CSV ({error})",
                              code="bad-csv") from None
    if not rows:
        raise RegisterRefused("Nothing was imported: the file has no rows under its header", code="bad-csv")
    return rows


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def facts_from_row(row: Mapping[str, str]) -> tuple[PersonFacts, list[str]]:
    """A CSV row (or any mapping of strings) as PersonFacts, with what could not be read."""
    problems: list[str] = []

    def yes_no(name: str, default: bool | None) -> bool:
        value = row.get(name, "").lower()
        if not value and default is not None:
            return default
        if value in YES | NO:
            return value in YES
        problems.append(f"{name} must be yes or no, not {value!r}" if value else f"Say yes or no for {name}")
        return False

    def day(name: str) -> dt.date | None:
        value = row.get(name, "")
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            problems.append(f"{name} must be a real date as YYYY-MM-DD, not {value!r}")
            return None

    roles = tuple(r for r in row.get("roles", "").replace(",", " ").replace(";", " ").lower().split())
    facts = PersonFacts(
        name=row.get("name", ""), roles=roles, council_employee=yes_no("council_employee", None),
        organisation=row.get("organisation", ""), email=row.get("email", ""), trained_on=day("trained_on"),
        vetted_on=day("vetted_on"), active=yes_no("active", True),
    )
    return facts, problems


def _jsonable(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}


def _entry(council: Council, by: User, action: str, person: Person | None, data: dict[str, Any]) -> AuditEntry:
    return AuditEntry(council=council, actor=by, action=action, object_type="register-person",
                      object_id=str(person.pk) if person else "", data=data)


def _audit(council: Council, by: User, action: str, person: Person, data: dict[str, Any]) -> None:
    audit_record(council=council, actor=by, action=action, object_type="register-person", object_id=str(person.pk),
                 data=data)


def register_of(council: Council, *, role: str | None = None, active_only: bool = False) -> Sequence[Person]:
    """The council's register, by name; `role` keeps those who may take it."""
    people = Person.objects.filter(council=council)
    if active_only:
        people = people.filter(active=True)
    found = list(people.order_by(Lower("name")))
    return [p for p in found if role is None or p.may_take(role)]
