"""`redress documents verify --council SLUG FILE`: does a copy match a version Redress keeps, exactly?

Prints each matching document and version, with each time it was disclosed, and exits 0; a copy that
matches no version says so plainly and exits 1. A file that cannot be read is one line, exit 2.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.documents.management.commands.letter import council_named
from redress.documents.selectors import copies_matching


class Command(BaseCommand):
    help = "Check a copy against every document version of a council (exit 0 on a match, 1 on none)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        verify = sub.add_parser("verify", help="check a copy by its SHA-256")
        verify.add_argument("--council", required=True, help="the council's slug")
        verify.add_argument("file", help="the copy to check")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_named(options["council"])
        path = Path(options["file"])
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}", returncode=2) from None
        matches = copies_matching(council=council, sha256=digest)
        if not matches:
            self.stdout.write(f"{path} (SHA-256 {digest}) matches no document version kept by {council.name}.")
            sys.exit(1)
        for match in matches:
            version = match.version
            self.stdout.write(f"{path} matches {version.document.complaint.reference}: {version.document.title}, "
                              f"version {version.number} ({version.original_name}, added {version.added_at:%Y-%m-%d})")
            for d in match.disclosures:
                who = d.get_recipient_display() + (f" ({d.recipient_name})" if d.recipient_name else "")
                self.stdout.write(f"  disclosed {d.disclosed_on:%Y-%m-%d} to {who}")
            if not match.disclosures:
                self.stdout.write("  never recorded as disclosed")
