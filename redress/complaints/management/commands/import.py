"""`redress import --council NAME --by EMAIL FILE...`: load case files, all or nothing per file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from redress.complaints.limits import input_limits
from redress.complaints.services import complaint_import
from redress.core.events import CaseFileError, parse_case, read_case_file
from redress.councils.errors import DomainError
from redress.councils.models import Council, User
from redress.web.cli import council_from_option

BAD_INPUT = 2  # the exit status of every refusal, as `redress replay` and `redress deadline` give


def operator_from_option(email: str, council: Council) -> User:
    """The person recording the import: an active caseworker of `council`, or a one-line CommandError."""
    user = User.objects.filter(email__iexact=email.strip()).select_related("council").first()
    if user is None:
        raise CommandError(f"--by: nobody has the email {email.strip()!r}", returncode=BAD_INPUT)
    if user.council_id != council.pk:
        raise CommandError(f"--by: {user.email} is not in {council.name}", returncode=BAD_INPUT)
    if not user.is_active or not user.can_record_events:
        why = "has been switched off" if not user.is_active else "is read only"
        raise CommandError(
            f"--by: {user.email} {why}; only an active complaints manager or officer can record complaints",
            returncode=BAD_INPUT,
        )
    return user


class Command(BaseCommand):
    help = "Import case files (YAML or JSON, SCENARIOS.md) into a council. Each file is all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="the council to import into (name or slug)")
        parser.add_argument("--by", required=True, metavar="EMAIL",
                            help="who is recording the import: a complaints manager or officer of the council")
        parser.add_argument("files", nargs="+", type=Path, help="case files")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_from_option(options["council"])
        by = operator_from_option(options["by"], council)
        today = timezone.localdate()
        limits = input_limits()
        imported: list[str] = []
        refused: list[str] = []
        for path in tqdm(options["files"], desc="Importing", unit="file", disable=None, file=self.stderr._out):
            try:
                # Read and checked as `redress replay` does (dates stay text, aliases are refused, the
                # limits hold), so a bad file is told the same, naming its event.
                data = read_case_file(path, limits=limits)
                parse_case(data, limits=limits)
                complaint = complaint_import(council=council, by=by, data=data, today=today)
            except CaseFileError as error:
                refused.append(f"{path}: {error.located()}")
                continue
            except (DomainError, PermissionDenied) as error:
                refused.append(f"{path}: {error.message if isinstance(error, DomainError) else error}")
                continue
            imported.append(f"{path}: {complaint.reference}")
        self.stdout.write(f"Imported {len(imported)} of {len(options['files'])} files into {council.name}.")
        for line in imported:
            self.stdout.write(f"  imported {line}")
        for line in refused:
            self.stdout.write(f"  refused  {line}")
        if refused:
            raise CommandError(
                f"{len(refused)} file{'s' if len(refused) != 1 else ''} refused; nothing was saved from them",
                returncode=BAD_INPUT,
            )
