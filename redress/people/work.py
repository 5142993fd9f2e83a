"""Services and selectors for the people appointed to complaints: inviting them, and their own work
(findings per point, their reports, the papers shared with them, their deadlines)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from redress.complaints.models import Complaint
from redress.complaints.procedures import ALL_CLOCKS
from redress.core.engine import Report
from redress.councils import people as council_people
from redress.councils.audit import audit_record
from redress.councils.errors import DomainError
from redress.councils.models import Council, Role, User
from redress.documents.models import Disclosure, Document, DocumentKind, DocumentVersion
from redress.documents.services import _checked_file, _store_version
from redress.people.access import MyAppointment
from redress.people.models import InvestigationFinding, Person

FINDINGS = {"upheld": "Upheld", "partly-upheld": "Partly upheld", "not-upheld": "Not upheld",
            "not-investigated": "Not investigated"}
# The clocks each appointment works to (the council's clocks the person's part of the procedure runs against).
ROLE_CLOCKS = {
    "io": ("stage2.response",),
    "ip": ("stage2.response",),
    "adjudicator": ("stage2.response",),
    "panel-chair": ("stage3.panel", "stage3.panel-report"),
    "panel-member": ("stage3.panel", "stage3.panel-report"),
    "advocate": ("stage1.response", "stage2.statement", "stage2.response", "stage3.panel", "stage3.response"),
}
# Who a disclosure to a recipient reaches (documents.Recipient), by the person's role on the complaint.
RECIPIENTS = {"io": "io", "ip": "ip", "panel-chair": "panel", "panel-member": "panel", "advocate": "advocate"}
REPORT_TITLES = {"io": "Investigating officer's report", "ip": "Independent person's report"}


def register_person_invite(*, council: Council, by: User, person: Person) -> tuple[User, str]:
    """Give someone in the register their own sign-in (a one-time password, returned once; the second factor
    applies at their first sign-in as for everyone). Invited again, they get a new one-time password."""
    if not by.is_active or not by.is_manager or by.council_id != council.pk:
        raise PermissionDenied("Only a complaints manager of this council can invite people from its register")
    if person.council_id != council.pk:
        raise PermissionDenied("That person is not in your council's register")
    if person.user is not None:
        password = council_people.person_password_reset(council=council, by=by, person=person.user)
        return person.user, password
    if not person.active:
        raise DomainError(f"{person.name} is switched off in the register: switch them on first", code="inactive")
    if not person.email:
        raise DomainError(f"Add {person.name}'s email address first: they sign in with it", code="no-email")
    if User.objects.filter(email__iexact=person.email).exists():
        raise DomainError(council_people.EMAIL_UNUSABLE, code="email-unusable")
    password = council_people.temporary_password()
    first, _, last = person.name.partition(" ")
    with transaction.atomic():
        user = User.objects.create_user(
            person.email, password, council=council, role=Role.APPOINTED, first_name=first, last_name=last,
            must_change_password=True, one_time_password_expires_at=council_people._one_time_password_expiry())
        Person.objects.filter(pk=person.pk).update(user=user)
        person.user = user
        audit_record(council=council, actor=by, action="register.person-invited", object_type="register-person",
                     object_id=str(person.pk), data={"email": person.email, "user": user.pk})
    return user, password


@dataclass(frozen=True)
class Deadline:
    complaint: Complaint
    title: str
    due: dt.date
    status: str
    role: str


def my_deadlines(complaint: Complaint, mine: MyAppointment, report: Report) -> list[Deadline]:
    """The deadlines this person works to on the complaint, soonest first (only those not yet met)."""
    wanted = {name for role in mine.roles for name in ROLE_CLOCKS.get(role, ())}
    found = []
    for clock in report.clocks:
        if clock.name in wanted and clock.due is not None and clock.status in {"running", "overdue", "paused"}:
            role = next(r for r in mine.roles if clock.name in ROLE_CLOCKS.get(r, ()))
            title = ALL_CLOCKS[clock.name].title if clock.name in ALL_CLOCKS else clock.name
            found.append(Deadline(complaint, title, clock.due, clock.status, role))
    return sorted(found, key=lambda d: d.due)


def shared_versions(complaint: Complaint, person: Person, mine: MyAppointment) -> list[DocumentVersion]:
    """The versions of the complaint's papers given to this person (the disclosure register: to their role,
    by name or to the role as a whole), and those they added themselves; each once, by document."""
    recipients = {RECIPIENTS[r] for r in mine.roles if r in RECIPIENTS}
    disclosed = (Disclosure.objects.filter(complaint=complaint, council=complaint.council, recipient__in=recipients)
                 .filter(Q(recipient_name="") | Q(recipient_name__iexact=person.name)).values_list("version_id", flat=True))
    versions = DocumentVersion.objects.filter(document__complaint=complaint, document__council=complaint.council).filter(
        Q(pk__in=list(disclosed)) | Q(added_by=person.user_id)).select_related("document").order_by("document_id", "number")
    return list(versions)


def findings_of(complaint: Complaint, person: Person) -> dict[str, InvestigationFinding]:
    """The investigating officer's standing finding on each point (their newest)."""
    latest: dict[str, InvestigationFinding] = {}
    for finding in InvestigationFinding.objects.filter(complaint=complaint, person=person).order_by("point", "-id"):
        latest.setdefault(finding.point, finding)
    return latest


def standing_findings(complaint: Complaint) -> list[InvestigationFinding]:
    """Each investigating officer's standing finding on each point of the complaint, for the casework page."""
    latest: dict[tuple[int, str], InvestigationFinding] = {}
    for finding in (InvestigationFinding.objects.filter(complaint=complaint, council=complaint.council)
                    .select_related("person").order_by("point", "-id")):
        latest.setdefault((finding.person_id, finding.point), finding)
    return sorted(latest.values(), key=lambda f: (f.point, f.person.name))


def investigation_findings_record(*, complaint: Complaint, person: Person, mine: MyAppointment, by: User,
                                  findings: Mapping[str, tuple[str, str]]) -> list[InvestigationFinding]:
    """The IO records a finding (and its reasoning) on points of the complaint; audited together."""
    if "io" not in mine.roles or by.pk != person.user_id:
        raise PermissionDenied("Only the complaint's investigating officer records the investigation's findings")
    points = {str(p["id"]) for p in complaint.points}
    unknown = sorted(set(findings) - points)
    if unknown:
        raise DomainError(f"There is no point {', '.join(unknown)} in this complaint", code="bad-point")
    bad = sorted(p for p, (outcome, _) in findings.items() if outcome not in FINDINGS)
    if bad:
        raise DomainError(f"Choose a finding for {', '.join(bad)} from the list", code="bad-finding")
    if not findings:
        raise DomainError("Choose a finding for at least one point", code="no-findings")
    with transaction.atomic():
        made = [InvestigationFinding.objects.create(council_id=complaint.council_id, complaint=complaint, person=person,
                                                    point=point, finding=outcome, reasoning=reasoning.strip(),
                                                    recorded_by=by)
                for point, (outcome, reasoning) in sorted(findings.items())]
        audit_record(council=complaint.council_id, actor=by, action="investigation.findings-recorded",
                     object_type="complaint", object_id=str(complaint.pk),
                     data={"person": person.pk, "findings": {p: o for p, (o, _) in sorted(findings.items())}})
    return made


def appointee_report_upload(*, complaint: Complaint, person: Person, mine: MyAppointment, by: User, name: str,
                            content: bytes) -> DocumentVersion:
    """The IO or IP uploads their report: the next version of their report document on the complaint (the
    documents store's checks apply: kind of file read from its content, size, name)."""
    role = next((r for r in ("io", "ip") if r in mine.roles), None)
    if role is None or by.pk != person.user_id:
        raise PermissionDenied("Only the complaint's investigating officer or independent person uploads a report here")
    media_type = _checked_file(name, content)
    title = f"{REPORT_TITLES[role]} ({person.name})"
    document = Document.objects.filter(complaint=complaint, council=complaint.council, created_by=by,
                                       kind=DocumentKind.REPORT, title=title).first()
    return _store_version(complaint=complaint, by=by, name=name, content=content, media_type=media_type,
                          document=document, new={"title": title, "kind": DocumentKind.REPORT, "event_sequence": None,
                                                  "letter_kind": ""})


def my_work(appointments: Mapping[int, MyAppointment],
            reports: Sequence[tuple[Complaint, Report]]) -> list[Deadline]:
    """Every deadline of every complaint the person is appointed to, soonest first."""
    found = [d for complaint, report in reports for d in my_deadlines(complaint, appointments[complaint.pk], report)]
    return sorted(found, key=lambda d: (d.due, d.complaint.reference))
