"""The caseload as a table, written to CSV or XLSX (for councils' own reporting).

In people's words: officers by name, warnings by their short titles (the codes are the API's).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from redress.complaints.models import Projection
from redress.complaints.procedures import procedure_title
from redress.complaints.wording import warning_title

COLUMNS = [
    "Reference",
    "Complainant",
    "Child",
    "Procedure",
    "Received",
    "Stage",
    "Status",
    "Suspended",
    "Next deadline",
    "For",
    "Faults",
    "Risks",
    "Warnings",
    "Open actions",
    "Officer",
]


def caseload_rows(projections: Iterable[Projection]) -> Iterable[list[object]]:
    for row in projections:
        complaint = row.complaint
        yield [
            complaint.reference,
            complaint.complainant_name,
            complaint.child_name,
            procedure_title(row.procedure),
            row.received_on,
            row.stage,
            row.status,
            "yes" if row.suspended else "no",
            row.next_due,
            row.next_due_what,
            row.faults,
            row.risks,
            "; ".join(warning_title(code) for code in dict.fromkeys(row.warning_codes.split())),
            row.open_actions,
            (row.officer.get_full_name() or row.officer.email) if row.officer else "",
        ]


def _safe_cell(value: object) -> object:
    """Dates as ISO text; text that a spreadsheet would run as a formula is quoted (CSV injection)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def caseload_csv(projections: Iterable[Projection]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in caseload_rows(projections):
        writer.writerow([_safe_cell(v) for v in row])
    return buffer.getvalue()


def caseload_xlsx(projections: Iterable[Projection]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Caseload"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in caseload_rows(projections):
        sheet.append([v if isinstance(v, dt.date) else _safe_cell(v) for v in row])
    for column, width in zip("ABCDEFGHIJKLMNO", [16, 24, 20, 30, 12, 7, 10, 10, 14, 40, 8, 8, 40, 12, 30], strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
