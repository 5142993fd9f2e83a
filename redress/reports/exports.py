"""The annual report as files for publishing: XLSX (a sheet a section), CSV, Word (docxtpl) and PDF (WeasyPrint).

Every format holds the same rows as the page: each figure as published (small numbers already
suppressed), this year beside the year before, and the note on suppression.
"""

from __future__ import annotations

import csv
import functools
import io
import re

import docx
from django.template.loader import render_to_string
from docxtpl import DocxTemplate
from openpyxl import Workbook
from openpyxl.styles import Font

from redress.core.reports import AnnualReport, Cell
from redress.councils.errors import DomainError

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class ExportError(DomainError):
    status = 422


def filename(report: AnnualReport, fmt: str) -> str:
    council = re.sub(r"[^a-z0-9]+", "-", report.council.lower()).strip("-")
    return f"{council}-{report.procedure}-annual-report-{report.year}-{(report.year + 1) % 100:02d}.{fmt}"


def render(report: AnnualReport, fmt: str) -> bytes:
    """The report as `fmt` (xlsx, csv, docx or pdf); ExportError naming the formats for any other."""
    writers = {"xlsx": to_xlsx, "csv": to_csv, "docx": to_docx, "pdf": to_pdf}
    writer = writers.get(fmt)
    if writer is None:
        raise ExportError(f"The annual report is produced as {', '.join(writers)}, not {fmt!r}", code="bad-format")
    return writer(report)


def _value(cell: Cell) -> int | str:
    """A figure for a spreadsheet: the number, or the words where it is suppressed."""
    return cell.value if cell.value is not None else cell.text


def _headings(report: AnnualReport) -> tuple[str, str]:
    return f"{report.year}-{(report.year + 1) % 100:02d}", f"{report.year - 1}-{report.year % 100:02d}"


def to_xlsx(report: AnnualReport) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "About"
    for line in (f"{report.council}: annual report on complaints", report.procedure_title, report.period,
                 report.suppression_note, f"Figures as of {report.computed_on.isoformat() if report.computed_on else '-'}"):
        about.append([line])
    about["A1"].font = Font(bold=True)
    this_year, before = _headings(report)
    for section in report.sections:
        sheet = book.create_sheet(section.title[:31].replace(":", ""))
        sheet.append([section.title, this_year, before])
        for column in "ABC":
            sheet[f"{column}1"].font = Font(bold=True)
        for row in section.rows:
            sheet.append([row.label, _value(row.this_year), _value(row.year_before)])
        sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(report: AnnualReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    this_year, before = _headings(report)
    writer.writerow(["section", "figure", this_year, before])
    for section in report.sections:
        for row in section.rows:
            writer.writerow([section.title, row.label, row.this_year.text, row.year_before.text])
    writer.writerow([])
    writer.writerow(["note", report.suppression_note, "", ""])
    return out.getvalue().encode("utf-8")


def _context(report: AnnualReport) -> dict[str, object]:
    this_year, before = _headings(report)
    return {
        "council": report.council, "procedure": report.procedure_title, "period": report.period,
        "note": report.suppression_note, "this_year": this_year, "year_before": before,
        "computed_on": report.computed_on.strftime("%-d %B %Y") if report.computed_on else "",
        "sections": [{"title": s.title, "unit": s.unit,
                      "rows": [{"label": r.label, "this": r.this_year.text, "before": r.year_before.text}
                               for r in s.rows]} for s in report.sections],
    }


@functools.cache
def docx_template() -> bytes:
    """Redress's Word template for the annual report: a table a section, filled by docxtpl."""
    document = docx.Document()
    document.add_paragraph("{{ council }}", style="Title")
    document.add_paragraph("Annual report on complaints: {{ procedure }}", style="Heading 1")
    document.add_paragraph("{{ period }}. Figures as of {{ computed_on }}.")
    document.add_paragraph("{{ note }}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_paragraph("{{ section.title }}", style="Heading 2")
    document.add_paragraph("Figures count {{ section.unit }}.")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Figure", "{{ this_year }}", "{{ year_before }}"), strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in section.rows %}"
    for cell, text in zip(table.rows[2].cells, ("{{ row.label }}", "{{ row.this }}", "{{ row.before }}"), strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{%p endfor %}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_docx(report: AnnualReport) -> bytes:
    document = DocxTemplate(io.BytesIO(docx_template()))
    document.render(_context(report), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(report: AnnualReport) -> bytes:
    try:
        import weasyprint
    except OSError as error:  # pango missing: say so instead of a traceback
        raise ExportError(f"PDF needs the Pango library on this machine ({error}); the other formats still work",
                          code="pdf-unavailable") from None
    html = render_to_string("reports/annual_pdf.html", _context(report))
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
