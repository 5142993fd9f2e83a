"""My work (`/work/`): the pages of someone appointed to complaints. Each complaint page shows only what the
role needs: the statement of complaint, the papers shared with them, their own deadlines; the IO records
findings per point and uploads the report, the IP uploads theirs, the panel sees the papers.

Anyone else, or a complaint they are not appointed to now, is 404 (redress/people/access.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from redress.complaints import selectors
from redress.complaints.models import Complaint
from redress.core.calendar import WorkingCalendar
from redress.core.independence import ROLE_WORDS
from redress.core.procedures.registry import procedure_named
from redress.councils.audit import audit_read
from redress.councils.errors import DomainError
from redress.councils.models import User
from redress.councils.selectors import council_calendar
from redress.documents.views import version_attachment
from redress.people import access, work
from redress.people.forms import FindingsForm, ReportUploadForm
from redress.people.models import Person
from redress.reminders.selectors import thresholds_of


def _user(request: HttpRequest) -> User:
    user = request.user
    if not access.is_appointed(user):
        raise Http404("Not found")
    assert isinstance(user, User)
    return user


def _complaint(user: User, complaint_id: int) -> tuple[Complaint, Person, access.MyAppointment]:
    person, mine = access.appointment_on(user, complaint_id)
    assert user.council is not None
    return selectors.complaint_get(council=user.council, complaint_id=complaint_id), person, mine


@dataclass(frozen=True)
class Row:
    complaint: Complaint
    roles: list[str]
    stage: int
    next: work.Deadline | None


@login_required
def work_home(request: HttpRequest) -> HttpResponse:
    """Each appointment and its deadlines, soonest first."""
    user = _user(request)
    person = access.person_of(user)
    appointments = access.appointments_of(person) if person is not None else {}
    complaints = list(Complaint.objects.filter(council=user.council, pk__in=list(appointments)).select_related("council"))
    today = timezone.localdate()
    reports = [(c, selectors.complaint_report(c, today=today).report) for c in complaints]
    deadlines = work.my_work(appointments, reports)
    rows = [Row(c, [ROLE_WORDS[r] for r in appointments[c.pk].roles], report.stage,
                next((d for d in deadlines if d.complaint.pk == c.pk), None)) for c, report in reports]
    rows.sort(key=lambda row: (row.next is None, row.next.due if row.next else dt.date.max, row.complaint.reference))
    return render(request, "people/work.html", {"person": person, "rows": rows, "deadlines": _due_soon(user, deadlines, today)})


def _due_soon(user: User, deadlines: list[work.Deadline], today: dt.date) -> list[work.Deadline]:
    """The deadlines within the council's reminder thresholds (as the caseload's Due soon), or past."""
    council = user.council
    assert council is not None
    ahead = thresholds_of(council).lookahead_wd
    calendars: dict[str, WorkingCalendar] = {}

    def soon(deadline: work.Deadline) -> bool:
        if deadline.status == "overdue" or deadline.due <= today:
            return True
        nation = procedure_named(deadline.complaint.procedure).nation
        calendar = calendars.get(nation) or calendars.setdefault(nation, council_calendar(council, nation))
        return calendar.working_days_after(today, deadline.due) <= ahead

    return [d for d in deadlines if soon(d)]


@login_required
def work_complaint(request: HttpRequest, complaint_id: int) -> HttpResponse:
    user = _user(request)
    complaint, person, mine = _complaint(user, complaint_id)
    audit_read(by=user, council=complaint.council, action="complaint.viewed", object_type="complaint",
               object_id=complaint.pk, data={"reference": complaint.reference, "as": list(mine.roles)})
    return _page_with(request, user, complaint, person, mine)


@login_required
@require_POST
def work_findings(request: HttpRequest, complaint_id: int) -> HttpResponse:
    user = _user(request)
    complaint, person, mine = _complaint(user, complaint_id)
    if "io" not in mine.roles:
        raise Http404("Not found")
    form = FindingsForm(request.POST, points=complaint.points, findings={})
    if form.is_valid():
        try:
            work.investigation_findings_record(complaint=complaint, person=person, mine=mine, by=user,
                                               findings=form.findings())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Your findings are recorded.")
            return redirect("work:complaint", complaint_id=complaint.pk)
    return _page_with(request, user, complaint, person, mine, findings_form=form)


@login_required
@require_POST
def work_report(request: HttpRequest, complaint_id: int) -> HttpResponse:
    user = _user(request)
    complaint, person, mine = _complaint(user, complaint_id)
    if not {"io", "ip"} & set(mine.roles):
        raise Http404("Not found")
    form = ReportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = work.appointee_report_upload(complaint=complaint, person=person, mine=mine, by=user,
                                                   name=str(upload.name), content=b"".join(upload.chunks()))
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, f"{version.document.title}: version {version.number} uploaded.")
            return redirect("work:complaint", complaint_id=complaint.pk)
    return _page_with(request, user, complaint, person, mine, upload_form=form)


def _page_with(request: HttpRequest, user: User, complaint: Complaint, person: Person,
               mine: access.MyAppointment, **forms: object) -> HttpResponse:
    report = selectors.complaint_report(complaint, today=timezone.localdate()).report
    context = {
        "complaint": complaint, "person": person, "roles": [ROLE_WORDS[r] for r in mine.roles],
        "is_io": "io" in mine.roles, "uploads": bool({"io", "ip"} & set(mine.roles)),
        "deadlines": work.my_deadlines(complaint, mine, report), "versions": work.shared_versions(complaint, person, mine),
        "findings_form": FindingsForm(points=complaint.points, findings=work.findings_of(complaint, person))
        if "io" in mine.roles else None,
        "upload_form": ReportUploadForm() if {"io", "ip"} & set(mine.roles) else None, "stage": report.stage,
    }
    context.update(forms)
    return render(request, "people/work_complaint.html", context, status=200)


@login_required
def work_download(request: HttpRequest, complaint_id: int, version_id: int) -> HttpResponseBase:
    """A paper shared with them (or their own upload); any other version is 404."""
    user = _user(request)
    complaint, person, mine = _complaint(user, complaint_id)
    version = next((v for v in work.shared_versions(complaint, person, mine) if v.pk == version_id), None)
    if version is None:
        raise Http404("Not found")
    audit_read(by=user, council=complaint.council, action="document.downloaded", object_type="document",
               object_id=version.document_id, data={"complaint": complaint.reference, "version": version.number})
    return version_attachment(version)
