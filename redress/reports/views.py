"""Report pages: the annual report and its exports. Complaints managers and senior managers (read only) only.

Every figure is the user's own council's: there is no council in the address to change.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from redress.complaints.procedures import procedure_title
from redress.core.reports import AnnualReport
from redress.councils.models import Council, Role, User
from redress.decisions.charts import Chart, bar_chart
from redress.reports import exports
from redress.reports.dashboard import council_dashboard
from redress.reports.forms import DashboardForm
from redress.reports.ombudsman import council_ombudsman
from redress.reports.selectors import council_annual_report

REPORT_ROLES = {Role.MANAGER, Role.READ_ONLY}


def report_reader(request: HttpRequest) -> tuple[User, Council]:
    """The signed-in complaints manager or senior manager and their council; 403 for anyone else."""
    user = request.user
    if not isinstance(user, User) or user.council is None:
        raise PermissionDenied("Your account is not linked to a council")
    if user.role not in REPORT_ROLES:
        raise PermissionDenied("Reports are for complaints managers and senior managers")
    return user, user.council


def current_reporting_year(today: dt.date) -> int:
    return today.year if today.month >= 4 else today.year - 1


def _choice(request: HttpRequest, council: Council) -> tuple[str, int]:
    """The procedure and year asked for (default: the council's first procedure, the last whole year); 404 if not."""
    procedure = request.GET.get("procedure") or council.procedure_names[0]
    if not council.runs(procedure):
        raise Http404("Your council does not run that procedure")
    latest = current_reporting_year(timezone.localdate())
    raw = request.GET.get("year") or str(latest - 1)
    if not raw.isdigit() or not 2000 <= int(raw) <= latest:
        raise Http404("There is no report for that year")
    return procedure, int(raw)


def charts_of(report: AnnualReport) -> dict[str, Chart]:
    """A bar chart of this year's figures for each counted section (a suppressed figure has no bar)."""
    return {
        section.id: bar_chart(f"chart-{section.id}", f"{section.title}, {report.year}-{(report.year + 1) % 100:02d}",
                              [(row.label, float(row.this_year.value or 0), row.this_year.text) for row in section.rows])
        for section in report.sections if section.chart and section.rows
    }


@login_required
@require_GET
def annual(request: HttpRequest) -> HttpResponse:
    """The statutory annual report for one procedure and year, with the year before beside it."""
    _, council = report_reader(request)
    procedure, year = _choice(request, council)
    report = council_annual_report(council=council, procedure=procedure, year=year,
                                   threshold=settings.REDRESS_REPORT_SUPPRESS_BELOW)
    latest = current_reporting_year(timezone.localdate())
    context = {
        "report": report, "charts": charts_of(report),
        "procedures": [(name, procedure_title(name)) for name in council.procedure_names],
        "years": [(y, f"{y} to {y + 1}") for y in range(latest, latest - 8, -1)],
        "formats": [("xlsx", "Spreadsheet (XLSX)"), ("csv", "CSV"), ("docx", "Word"), ("pdf", "PDF")],
        "this_year": f"{year}-{(year + 1) % 100:02d}", "year_before": f"{year - 1}-{year % 100:02d}",
    }
    return render(request, "reports/annual.html", context)


@login_required
@require_GET
def annual_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The annual report as a file: xlsx, csv, docx or pdf."""
    _, council = report_reader(request)
    if fmt not in exports.FORMATS:
        raise Http404("No such format")
    procedure, year = _choice(request, council)
    report = council_annual_report(council=council, procedure=procedure, year=year,
                                   threshold=settings.REDRESS_REPORT_SUPPRESS_BELOW)
    response = HttpResponse(exports.render(report, fmt), content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(report, fmt)}"'
    return response


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The managers' dashboard: open complaints, months, clocks, deadlines, loads, actions, the Ombudsman."""
    _, council = report_reader(request)
    form = DashboardForm(request.GET or None, council=council)
    today = timezone.localdate()
    board = council_dashboard(council=council, filters=form.filters(), today=today)
    chart = bar_chart("chart-received", "Complaints received each month",
                      [(f"{row.month:%B %Y}", float(row.received.value), str(row.received.value)) for row in board.months])
    return render(request, "reports/dashboard.html", {"form": form, "board": board, "chart": chart})


@login_required
@require_GET
def ombudsman(request: HttpRequest) -> HttpResponse:
    """The Ombudsman's view: what it decided on our complaints, the remedies and their compliance, the published decisions."""
    _, council = report_reader(request)
    raw = request.GET.get("year") or ""
    latest = current_reporting_year(timezone.localdate())
    if raw and (not raw.isdigit() or not 2000 <= int(raw) <= latest):
        raise Http404("There is no report for that year")
    view = council_ombudsman(council=council, today=timezone.localdate(), year=int(raw) if raw else None)
    years = [(y, f"1 April {y} to 31 March {y + 1}") for y in range(latest, latest - 8, -1)]
    return render(request, "reports/ombudsman.html", {"view": view, "years": years})
