"""`redress export --council NAME [--format csv|xlsx] [--output FILE]`: the caseload as a table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from redress.complaints.exports import caseload_csv, caseload_xlsx
from redress.complaints.selectors import CaseloadFilters, caseload
from redress.councils.audit import audit_read
from redress.web.cli import council_from_option


class Command(BaseCommand):
    help = "Export a council's caseload (every complaint, any status) to CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: stdout for CSV)")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_from_option(options["council"])
        today: dt.date = timezone.localdate()
        rows = caseload(council=council, filters=CaseloadFilters(status=None), today=today)
        audit_read(by=None, council=council, action="caseload.exported", object_type="caseload",
                   object_id=council.slug, data={"format": options["format"], "by": "redress export"})
        output: Path | None = options["output"]
        if options["format"] == "xlsx":
            if output is None:
                raise CommandError("--output is needed for XLSX")
            output.write_bytes(caseload_xlsx(rows))
        elif output is None:
            self.stdout.write(caseload_csv(rows), ending="")
            return
        else:
            output.write_text(caseload_csv(rows), encoding="utf-8")
        self.stdout.write(f"Wrote {rows.count()} complaints to {output}")
