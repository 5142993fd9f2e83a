"""`redress report annual --council SLUG --year 2024 --format xlsx|csv|pdf|docx --output FILE [--procedure NAME]`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.complaints.procedures import procedure_title
from redress.councils.errors import DomainError
from redress.reports.exports import FORMATS, render
from redress.reports.selectors import council_annual_report
from redress.web.cli import council_from_option

FIRST_YEAR, LAST_YEAR = 2000, 2099


class Command(BaseCommand):
    help = "Write a council's statutory annual report on complaints (1 April to 31 March) as a file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="annual")
        annual = sub.add_parser("annual", help="the annual report for the year starting 1 April YEAR")
        annual.add_argument("--council", required=True, help="the council's slug or name")
        annual.add_argument("--year", required=True, help="the year the reporting year starts in (2024: 2024-25)")
        annual.add_argument("--format", required=True, dest="fmt", help=f"one of {', '.join(FORMATS)}")
        annual.add_argument("--output", required=True, help="the file to write")
        annual.add_argument("--procedure", help="the procedure (default: the council's first)")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_from_option(options["council"])
        year = _year(options["year"])
        fmt = str(options["fmt"]).lower()
        if fmt not in FORMATS:
            raise CommandError(f"--format must be one of {', '.join(FORMATS)}, not {options['fmt']!r}")
        procedure = options["procedure"] or council.procedure_names[0]
        if not council.runs(procedure):
            raise CommandError(f"{council.name} does not run the procedure {procedure!r}; it runs "
                               f"{', '.join(council.procedure_names)}")
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {str(output.parent)!r} to write {output.name} in")
        report = council_annual_report(council=council, procedure=procedure, year=year,
                                       threshold=settings.REDRESS_REPORT_SUPPRESS_BELOW)
        try:
            content = render(report, fmt)
        except DomainError as error:
            raise CommandError(error.message) from None
        _write(output, content)
        self.stdout.write(f"Wrote the {year}-{(year + 1) % 100:02d} annual report of {council.name} "
                          f"({procedure_title(procedure)}) to {output} ({len(content):,} bytes).")


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise CommandError(f"--year must be a year such as 2024 (for 1 April 2024 to 31 March 2025), not {value!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CommandError(f"--year must be between {FIRST_YEAR} and {LAST_YEAR}, not {year}")
    return year


def _write(output: Path, content: bytes) -> None:
    """Write the whole file or none of it (a temporary file in the same folder, then renamed)."""
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
