"""Casework pages. Each view validates its input, calls one selector or service, and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from redress.complaints import selectors, services
from redress.complaints.event_forms import EVENT_SPECS, build_event_form, field_for_refusal
from redress.complaints.exports import caseload_csv, caseload_xlsx
from redress.complaints.forms import (
    AsOfForm,
    CaseloadFilterForm,
    ChangeOfficerForm,
    ComplaintDetailsForm,
    NewComplaintForm,
    ProcedureChoiceForm,
)
from redress.complaints.models import Complaint
from redress.complaints.pages import caseload_rows, complaint_page_context, timeline_page
from redress.complaints.permissions import denied_message, may_record, suspended_notice, why_nothing_to_record
from redress.complaints.procedures import procedure_title, web_for
from redress.complaints.wording import in_words
from redress.core.corrections import corrected_history
from redress.core.events import Case
from redress.councils.audit import audit_read
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.documents.selectors import disclosures_of, documents_of
from redress.people import appointments
from redress.people.forms import CONFLICT_REASON, adapt_appointment_form, appointment_event
from redress.people.work import standing_findings
from redress.reminders.selectors import due_soon_list
from redress.reports.filters import described

PAGE_SIZE = 50


def _council(request: HttpRequest) -> Council:
    user = request.user
    if not isinstance(user, User) or user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    return user.council


CASELOAD_COLUMNS = [
    ("reference", "Reference"), ("complainant", "Complainant"), ("stage", "Stage"), ("next_due", "Next deadline"),
    (None, "Days left"), ("warnings", "Warnings"), ("officer", "Officer"),
]


def _filter_data(request: HttpRequest) -> dict[str, Any]:
    """The caseload's filters from the query; with no status asked for, open complaints (as the home page counts)."""
    data: dict[str, Any] = request.GET.dict()
    data.setdefault("status", "open")
    return data


def _sort(request: HttpRequest) -> tuple[str, bool]:
    sort = request.GET.get("sort", "")
    if sort not in selectors.CASELOAD_SORTS:
        return "next_due", False
    return sort, request.GET.get("dir") == "desc"


def _sort_headers(request: HttpRequest, sort: str, descending: bool) -> list[dict[str, str]]:
    """The caseload's column headers as GOV.UK sortable-table links, with aria-sort on the sorted one."""
    params = request.GET.copy()
    for name in ("page", "sort", "dir"):
        params.pop(name, None)
    headers = []
    for key, label in CASELOAD_COLUMNS:
        header = {"label": label, "href": "", "aria_sort": ""}
        if key is not None:
            flip = key == sort and not descending
            params["sort"], params["dir"] = key, "desc" if flip else "asc"
            header["href"] = "?" + params.urlencode()
            if key == sort:
                header["aria_sort"] = "descending" if descending else "ascending"
        headers.append(header)
    return headers


def _filters(form: CaseloadFilterForm, user: User, sort: tuple[str, bool] = ("next_due", False)) -> selectors.CaseloadFilters:
    data = form.cleaned_data if form.is_valid() else {"status": "open"}
    officer = data.get("officer")
    officer_user = user if officer == "me" else User.objects.filter(pk=officer, council=user.council).first() if officer else None
    return selectors.CaseloadFilters(
        stage=int(data["stage"]) if data.get("stage") else None,
        procedure=data.get("procedure") or None,
        status=data.get("status") or None,
        warning=data.get("warning") or None,
        officer=officer_user,
        overdue=bool(data.get("overdue")),
        query=data.get("q") or "",
        sort=sort[0],
        descending=sort[1],
        report=form.report_filter(),
    )


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """Open complaints, soonest deadline first, with working days left and a red/amber/green status."""
    council = _council(request)
    today = timezone.localdate()
    form = CaseloadFilterForm(_filter_data(request), council=council)
    assert isinstance(request.user, User)
    sort = _sort(request)
    rows = selectors.caseload(council=council, filters=_filters(form, request.user, sort), today=today)
    page = Paginator(selectors.caseload_page_rows(rows), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": caseload_rows(list(page.object_list), council=council, today=today),
        "headers": _sort_headers(request, *sort),
        "today": today,
        "query_string": _without_page(request),
        "may_create": request.user.can_record_events,
        "due_soon": due_soon_list(council=council, today=today, within=rows),
        "due_soon_title": "Due soon",
        "narrowed_to": described(form.report_filter()),
    }
    return render(request, "complaints/caseload.html", context)


@login_required
def caseload_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered caseload as CSV or XLSX."""
    council = _council(request)
    assert isinstance(request.user, User)
    form = CaseloadFilterForm(_filter_data(request), council=council)
    rows = selectors.caseload(council=council, filters=_filters(form, request.user, _sort(request)),
                              today=timezone.localdate())
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            caseload_xlsx(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(caseload_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="caseload-{council.slug}-{stamp}.{fmt}"'
    audit_read(by=request.user, council=council, action="caseload.exported", object_type="caseload",
               object_id=council.slug, data={"format": fmt, "filters": request.GET.urlencode()[:500]})
    return response


def _intake_procedure(request: HttpRequest, council: Council) -> tuple[str | None, ProcedureChoiceForm | None]:
    """The procedure a new complaint is under: the council's only one, or the one chosen on the question page.

    None and the question (with its error, if a choice was sent and is not one the council runs) otherwise.
    """
    if len(council.procedure_names) == 1:
        return council.procedure_names[0], None
    sent = request.POST.get("procedure") if request.method == "POST" else request.GET.get("procedure")
    if sent is None and "choosing" in request.GET:
        sent = ""
    question = ProcedureChoiceForm({"procedure": sent} if sent is not None else None, council=council)
    if sent is not None and question.is_valid():
        return question.cleaned_data["procedure"], None
    return None, question


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """A new complaint: first, where the council runs more than one, which procedure it is under; then the form."""
    council = _council(request)
    assert isinstance(request.user, User)
    if not request.user.can_record_events:
        raise PermissionDenied("Read-only users cannot record complaints")
    procedure, question = _intake_procedure(request, council)
    if procedure is None:
        return render(request, "complaints/new_procedure.html", {"form": question})
    today = timezone.localdate()
    table = web_for(procedure)
    form = NewComplaintForm(request.POST or None, council=council, today=today, procedure=table,
                            initial={"procedure": procedure})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.complaint_create(
                council=council, by=request.user, complainant_name=data["complainant_name"].strip(),
                complainant_role=data["complainant_role"], child_name=data["child_name"].strip(),
                points=form.points(), received_on=data["received_on"], matter_on=data.get("matter_on"),
                via=data.get("via") or "", service=data.get("service") or "", today=today, procedure=data["procedure"],
                officer=User.objects.filter(pk=data["officer"], council=council).first() if data.get("officer") else None,
                contact=form.contact(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Complaint {complaint.reference} recorded under {procedure_title(procedure)}.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/new.html", {
        "form": form, "procedure": table, "procedure_title": procedure_title(procedure),
        "asked": len(council.procedure_names) > 1,
    })


@login_required
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Everything about one complaint: summary, points, clocks explained, warnings, actions, timeline."""
    complaint = selectors.complaint_get(council=_council(request), complaint_id=complaint_id)
    assert isinstance(request.user, User)
    events = selectors.complaint_events(complaint)
    as_of = AsOfForm(request.GET, today=timezone.localdate(), received=events[0].date if events else None)
    today = as_of.day
    view = selectors.complaint_report(complaint, today=today, events=events)
    context = complaint_page_context(view, user=request.user)
    params = request.GET.copy()
    params.pop("events", None)
    newest_first = request.GET.get("order") == "newest"
    timeline, entries = timeline_page(view, number=request.GET.get("events"), newest_first=newest_first)
    context |= {
        "as_of": as_of,
        "timeline": timeline,
        "timeline_entries": entries,
        "newest_first": newest_first,
        "timeline_query": params.urlencode(),
        # Joining is for an open complaint: a closed or withdrawn one is not offered to be joined.
        "same_people": list(selectors.complaints_open_for_same_people(complaint)[:5])
        if context["report"].status == "open" else [],
        "may_change": request.user.can_record_events,
        "papers": {"documents": list(documents_of(complaint)), "disclosures": list(disclosures_of(complaint))},
    }
    if appointments.has_register(complaint.council):
        context["warnings"] = with_register_warnings(context["warnings"], appointments.complaint_register_warnings(
            council=complaint.council, complaint_id=complaint.pk, events=[e.data for e in events if e.date <= today],
            today=today, open=context["report"].status == "open"))
        context["investigation_findings"] = standing_findings(complaint)
    audit_read(by=request.user, council=complaint.council, action="complaint.viewed", object_type="complaint",
               object_id=complaint.pk, data={"reference": complaint.reference})
    return render(request, "complaints/detail.html", context)


def _complaint_to_change(request: HttpRequest, complaint_id: int) -> tuple[Complaint, User]:
    """The complaint (404 outside the council) and the person changing it (403 unless officer or manager)."""
    complaint = selectors.complaint_get(council=_council(request), complaint_id=complaint_id)
    assert isinstance(request.user, User)
    if not request.user.can_record_events:
        raise PermissionDenied("Read-only users cannot change complaints")
    return complaint, request.user


@login_required
@require_http_methods(["GET", "POST"])
def complaint_change_officer(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Reassign the complaint to another officer of the council, or to no one."""
    complaint, user = _complaint_to_change(request, complaint_id)
    form = ChangeOfficerForm(request.POST or None, council=complaint.council, initial={"officer": complaint.officer_id or ""})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("officer")
        officer = User.objects.filter(pk=chosen, council=complaint.council).first() if chosen else None
        try:
            services.complaint_assign(complaint=complaint, officer=officer, by=user, today=timezone.localdate())
        except DomainError as error:
            form.add_error("officer", error.message)
        else:
            messages.success(request, f"Officer changed to {officer or 'no one'}.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/change_officer.html", {"complaint": complaint, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def complaint_change_details(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """Change the complainant's and child's names and the complainant's contact details (audited)."""
    complaint, user = _complaint_to_change(request, complaint_id)
    initial = {name: getattr(complaint, name) for name in services.DETAIL_FIELDS}
    form = ComplaintDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.complaint_update_details(
                complaint=complaint, by=user, details=form.details(), today=timezone.localdate()
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Details changed." if changed else "Nothing was changed.")
            return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/change_details.html", {"complaint": complaint, "form": form})


@login_required
def event_choose(request: HttpRequest, complaint_id: int) -> HttpResponse:
    """What happened: the events the procedure allows now and the person's role may record.

    With nothing to offer, the page says why; Continue with no choice is an error.
    """
    complaint = selectors.complaint_get(council=_council(request), complaint_id=complaint_id)
    assert isinstance(request.user, User)
    user = request.user
    today = timezone.localdate()
    possible = selectors.complaint_next_events(complaint, on=today)
    choices = [spec for spec in EVENT_SPECS.values() if spec.type in possible and may_record(user, spec.type)]
    error = ""
    if choices and ("choosing" in request.GET or "type" in request.GET):
        chosen = request.GET.get("type", "")
        if chosen in {spec.type for spec in choices}:
            return redirect("complaints:record", complaint_id=complaint.pk, event_type=chosen)
        error = "Select one of the events listed" if chosen else "Select what happened"
    projection = complaint.projection
    context = {
        "complaint": complaint, "choices": choices, "error": error,
        "procedure_title": procedure_title(projection.procedure),
        "stage_name": web_for(projection.procedure).stage_name(projection.stage),
        "notice": suspended_notice(user, suspended=projection.suspended, possible=possible),
        "nothing": "" if choices else why_nothing_to_record(
            user, status=projection.status, suspended=projection.suspended, possible=possible,
            last_event_on=projection.last_event_on, today=today,
        ),
    }
    return render(request, "complaints/choose_event.html", context, status=200 if user.can_record_events else 403)


@login_required
@require_http_methods(["GET", "POST"])
def event_record(request: HttpRequest, complaint_id: int, event_type: str) -> HttpResponse:
    """The form for one event type; a refusal by the rules shows the rule's message and changes nothing."""
    complaint = selectors.complaint_get(council=_council(request), complaint_id=complaint_id)
    spec = EVENT_SPECS.get(event_type)
    if spec is None:
        raise Http404("No such event type")
    assert isinstance(request.user, User)
    if not may_record(request.user, event_type):
        raise PermissionDenied(denied_message(event_type))
    today = timezone.localdate()
    view = selectors.complaint_report(complaint, today=today)
    panel_recommendations = panel_recommendations_of(view.case)
    form = build_event_form(
        spec, points=complaint.points, panel_recommendations=panel_recommendations,
        data=request.POST or None, initial={"date": today},
        procedures=other_procedures(complaint.council, now=view.procedure),
    )
    register = appointments.people_for_form(complaint.council, spec.type)
    if register:
        adapt_appointment_form(form, people=register, event_type=spec.type, conflicted=CONFLICT_REASON in request.POST)
    conflicts: list[Any] = []
    if request.method == "POST" and form.is_valid():
        event = appointment_event(form, form.to_event()) if register else form.to_event()
        try:
            if register:
                conflicts = appointments.presave_conflicts(
                    complaint_council=complaint.council, earlier=[e.data for e in view.events], event=event)
            if conflicts and not event.get(CONFLICT_REASON):
                _ask_conflict_reason(form, request.user, register=register, event_type=spec.type)
            else:
                services.complaint_record_event(
                    complaint=complaint, event=event, by=request.user, today=today,
                    expected_version=_int_or_none(request.POST.get("version")),
                )
        except DomainError as error:
            form.add_error(field_for_refusal(form, error.code, error.message), in_words(error.message))
        else:
            if not form.errors:
                messages.success(request, f"{spec.title}: recorded.")
                return redirect("complaints:detail", complaint_id=complaint.pk)
    return render(request, "complaints/record_event.html", {
        "complaint": complaint, "spec": spec, "form": form, "version": complaint.version, "report": view.report,
        "conflicts": conflicts,
    })


def _ask_conflict_reason(form: Any, user: User, *, register: list[Any], event_type: str) -> None:
    """A conflict found before saving: a manager is asked for the reason to record it anyway; others may not."""
    if not user.is_manager:
        form.add_error(None, "This appointment has an independence conflict (see the warning): only a complaints "
                             "manager can record it. Choose someone else, or ask a manager")
        return
    if CONFLICT_REASON not in form.fields:
        adapt_appointment_form(form, people=register, event_type=event_type, conflicted=True)
    form.add_error(CONFLICT_REASON, "Give the reason for appointing them despite the conflict, or choose someone else")


def with_register_warnings(warnings: list[Any], found: list[Any]) -> list[Any]:
    """The engine's warnings and the register's, each once (they word the conflicts both see alike)."""
    seen = {(w.code, w.message) for w in warnings}
    order = {"fault": 0, "risk": 1, "info": 2}
    merged = [*warnings, *(w for w in found if (w.code, w.message) not in seen)]
    return sorted(merged, key=lambda w: (order.get(w.severity, 3), str(w.date)))


def other_procedures(council: Council, *, now: str) -> list[tuple[str, str]]:
    """The council's procedures other than the one a complaint is under now, as (name, title) choices."""
    return [(name, procedure_title(name)) for name in council.procedure_names if name != now]


def panel_recommendations_of(case: Case) -> list[dict[str, str]]:
    """The panel's recommendations, from the history as corrected."""
    for event in reversed(corrected_history(case.events)[0]):
        if event.type == "stage3.panel-reported":
            return [{"id": r.id, "what": r.what} for r in event.get("recommendations") or ()]
    return []


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
