"""The annual report page, its exports (opened with openpyxl, python-docx, pdftoppm) and `redress report annual`."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from redress.complaints.models import Complaint
from redress.councils.models import Council, Role, User
from redress.reports.selectors import council_annual_report
from tests.conftest import make_user

YEAR = 2021


@pytest.fixture
def allshire_manager(every_procedure_council: Council) -> User:
    return make_user(every_procedure_council, Role.MANAGER, "manager@allshire.example")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def the_report(council: Council, procedure: str = "children-england", year: int = YEAR) -> Any:
    return council_annual_report(council=council, procedure=procedure, year=year, threshold=5)


def test_a_manager_sees_every_section_with_its_figures_and_chart(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], allshire_manager: User
) -> None:
    response = client_for(allshire_manager).get("/reports/annual/", {"procedure": "children-england", "year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    report = the_report(every_procedure_council)
    assert report.sections[0].rows[0].this_year.value  # there are complaints that year
    for section in report.sections:
        assert f'id="table-{section.id}"' in page
        if section.chart:
            assert f'id="chart-{section.id}-title"' in page
        for row in section.rows:
            assert f"<td class=\"govuk-table__cell govuk-table__cell--numeric\">{row.this_year.text}</td>" in page
    assert "fewer than 5" in page and "any count under 5 is shown as" in page
    assert "style=" not in page  # the CSP allows no inline style


def test_a_senior_manager_sees_it_and_an_officer_does_not(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]]
) -> None:
    reader = make_user(every_procedure_council, Role.READ_ONLY, "senior@allshire.example")
    officer = make_user(every_procedure_council, Role.OFFICER, "officer@allshire.example")
    assert client_for(reader).get("/reports/annual/").status_code == 200
    assert client_for(officer).get("/reports/annual/").status_code == 403
    assert client_for(officer).get("/reports/annual.xlsx").status_code == 403


def test_another_council_sees_only_its_own_figures(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], manager: User
) -> None:
    response = client_for(manager).get("/reports/annual/", {"year": YEAR})
    assert response.status_code == 200
    rows = the_report(manager.council).sections[0].rows
    assert [r.label for r in rows] == ["Representations received"]  # no breakdowns: nothing received
    assert rows[0].this_year.text == "fewer than 5"


@pytest.mark.parametrize("query", [{"procedure": "no-such"}, {"year": "1999"}, {"year": "twenty"}, {"year": "2999"}])
def test_a_bad_choice_is_not_found(allshire_manager: User, query: dict[str, str]) -> None:
    assert client_for(allshire_manager).get("/reports/annual/", query).status_code == 404


def test_an_unknown_export_format_is_not_found(allshire_manager: User) -> None:
    assert client_for(allshire_manager).get("/reports/annual.exe").status_code == 404


def test_the_xlsx_has_a_sheet_a_section_with_the_published_figures(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], allshire_manager: User
) -> None:
    response = client_for(allshire_manager).get("/reports/annual.xlsx", {"year": YEAR})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    report = the_report(every_procedure_council)
    assert book.sheetnames == ["About", *(s.title[:31].replace(":", "") for s in report.sections)]
    for section in report.sections:
        sheet = book[section.title[:31].replace(":", "")]
        got = [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        expected = [(r.label, r.this_year.value if r.this_year.value is not None else r.this_year.text,
                     r.year_before.value if r.year_before.value is not None else r.year_before.text) for r in section.rows]
        assert got == expected
    assert "fewer than 5" in str(book["About"]["A4"].value)


def test_the_csv_has_a_line_a_figure(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], allshire_manager: User
) -> None:
    response = client_for(allshire_manager).get("/reports/annual.csv", {"year": YEAR})
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    report = the_report(every_procedure_council)
    assert lines[0] == ["section", "figure", "2021-22", "2020-21"]
    assert len([line for line in lines[1:] if line and line[0] != "note"]) == sum(len(s.rows) for s in report.sections)
    received = report.sections[0].rows[0]
    assert ["Representations received", "Representations received", received.this_year.text,
            received.year_before.text] in lines


def test_the_word_report_has_a_table_a_section(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], allshire_manager: User
) -> None:
    response = client_for(allshire_manager).get("/reports/annual.docx", {"year": YEAR})
    document = docx.Document(io.BytesIO(response.content))
    report = the_report(every_procedure_council)
    assert len(document.tables) == len(report.sections)
    for table, section in zip(document.tables, report.sections, strict=True):
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells[0] == ["Figure", "2021-22", "2020-21"]
        assert cells[1:] == [[r.label, r.this_year.text, r.year_before.text] for r in section.rows]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Allshire Council" in text and "fewer than 5" in text and "{{" not in text and "{%" not in text


def test_the_pdf_opens_and_says_what_the_page_says(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], allshire_manager: User,
    tmp_path: Path,
) -> None:
    response = client_for(allshire_manager).get("/reports/annual.pdf", {"year": YEAR})
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    pages = list(tmp_path.glob("page-*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    report = the_report(every_procedure_council)
    assert "Allshire Council" in text and "Representations received" in text
    assert f"{report.sections[0].rows[0].this_year.text}" in text


def test_the_command_writes_each_format(
    every_procedure_council: Council, generated: list[tuple[Complaint, dict[str, Any]]], tmp_path: Path
) -> None:
    for fmt in ("xlsx", "csv", "pdf", "docx"):
        out = tmp_path / f"report.{fmt}"
        call_command("report", "annual", "--council", "allshire", "--year", str(YEAR), "--format", fmt,
                     "--output", str(out), stdout=io.StringIO())
        assert out.stat().st_size > 100
    assert openpyxl.load_workbook(tmp_path / "report.xlsx").sheetnames[1] == "Representations received"
    wales = tmp_path / "wales.csv"
    call_command("report", "annual", "--council", "allshire", "--year", str(YEAR), "--format", "csv",
                 "--procedure", "children-wales", "--output", str(wales), stdout=io.StringIO())
    assert "Formal investigation response: met" in wales.read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["--council", "nowhere", "--year", "2024", "--format", "csv"], "No council called 'nowhere'"),
    (["--council", "allshire", "--year", "last", "--format", "csv"], "--year must be a year such as 2024"),
    (["--council", "allshire", "--year", "1066", "--format", "csv"], "--year must be between"),
    (["--council", "allshire", "--year", "2024", "--format", "odt"], "--format must be one of xlsx, csv, docx, pdf"),
    (["--council", "allshire", "--year", "2024", "--format", "csv", "--procedure", "nope"], "does not run"),
])
def test_the_command_refuses_bad_input_and_writes_no_file(
    every_procedure_council: Council, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "report.out"
    with pytest.raises(CommandError, match=message):
        call_command("report", "annual", *args, "--output", str(out))
    assert list(tmp_path.iterdir()) == []


def test_the_command_refuses_a_missing_folder(every_procedure_council: Council, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no folder"):
        call_command("report", "annual", "--council", "allshire", "--year", "2024", "--format", "csv",
                     "--output", str(tmp_path / "missing" / "r.csv"))
