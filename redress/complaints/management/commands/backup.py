"""`redress backup --output FILE`: everything Redress holds, in one archive (redress/complaints/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.complaints.backup import BackupError, backup_write


class Command(BaseCommand):
    help = ("Write every council, person (with their second-factor devices), token, complaint, event, audit entry, "
            "decision, document (its stored files too) and reminder sent into one zip archive.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="the archive to write (e.g. redress-2024-07-01.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.exists():
            raise CommandError(f"{output} already exists: choose a new file name, so no backup is overwritten")
        partial = output.with_name(output.name + ".partial")
        try:
            manifest = backup_write(output=partial)
            partial.rename(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Could not write {output}: {error.strerror or error}") from None
        except BackupError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(error.message) from None
        rows = {entry["table"].split(".")[1]: entry["rows"] for entry in manifest["members"].values() if "table" in entry}
        files = sum(1 for entry in manifest["members"].values() if "file" in entry)
        self.stdout.write(f"Wrote {output}: {rows['council']:,} councils, {rows['user']:,} people, "
                          f"{rows['complaint']:,} complaints, {rows['event']:,} events, "
                          f"{rows['auditentry']:,} audit entries, {rows['decision']:,} decisions, "
                          f"{rows['documentversion']:,} document versions ({files:,} stored files), "
                          f"{rows['totpdevice']:,} authenticator apps, {rows['sentreminder']:,} reminders sent or failed.")
