"""`redress verify [--council SLUG]`: check every hash chain; name the first row changed in each broken one."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from redress.complaints.history import history_verify
from redress.web.cli import council_from_option


class Command(BaseCommand):
    help = ("Check that no event or audit entry was altered, deleted, inserted or reordered in the database. "
            "Exits 1 naming the first such row of each broken chain, 0 with a summary when all are whole.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="only this council (name or slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_from_option(options["council"]) if options["council"] else None
        result = history_verify(council=council)
        for finding in result.findings:
            self.stderr.write(str(finding))
        summary = (f"{result.councils:,} councils, {result.complaints:,} complaints, {result.events:,} events, "
                   f"{result.audit_entries:,} audit entries")
        if result.findings:
            self.stderr.write(f"History altered: {len(result.findings):,} broken chain(s) in {summary}.")
            sys.exit(1)
        self.stdout.write(f"History whole: {summary}; fingerprint {result.fingerprint}.")
