"""`redress restore FILE`: load a backup into an empty database, rebuild the projections, verify the history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from redress.complaints.backup import BackupError, backup_read
from redress.complaints.history import history_verify
from redress.complaints.projections import projections_rebuild
from redress.councils.models import Council


class Command(BaseCommand):
    help = ("Load an archive written by `redress backup` into an empty, migrated database; then rebuild every "
            "projection and run `redress verify`. A bad or altered archive loads nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the file `redress backup` wrote")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file")
        try:
            restored = backup_read(path)
        except BackupError as error:
            raise CommandError(error.message) from None
        today = timezone.localdate()
        projections = sum(projections_rebuild(council=c, today=today) for c in Council.objects.all())
        rows = {label.split(".")[1]: count for label, count in restored.tables.items()}
        self.stdout.write(f"Restored {rows['council']:,} councils, {rows['user']:,} people, "
                          f"{rows['complaint']:,} complaints, {rows['event']:,} events, "
                          f"{rows['auditentry']:,} audit entries, {rows['decision']:,} decisions, "
                          f"{rows['documentversion']:,} document versions ({restored.files:,} stored files, each "
                          f"matching its SHA-256), {rows['totpdevice']:,} authenticator apps, "
                          f"{rows['sentreminder']:,} reminders sent or failed; "
                          f"rebuilt {projections:,} projections.")
        result = history_verify()
        for finding in result.findings:
            self.stderr.write(str(finding))
        if result.findings:
            self.stderr.write(f"History altered: {len(result.findings):,} broken chain(s).")
            sys.exit(1)
        self.stdout.write(f"History whole; fingerprint {result.fingerprint}.")
