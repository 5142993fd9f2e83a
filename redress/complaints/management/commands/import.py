"""`redress import --council NAME FILE...`: load case files, all or nothing per file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from redress.complaints.services import complaint_import
from redress.councils.errors import DomainError
from redress.web.cli import council_from_option


def read_case_file(path: Path) -> Any:
    """A case file's data (YAML or JSON), or a DomainError saying what is wrong with the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DomainError(f"cannot read the file: {error}", code="unreadable") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise DomainError(f"not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: {str(error).splitlines()[0]}", code="malformed") from None
    if not isinstance(data, dict):
        raise DomainError("a case file must be a mapping with points and events", code="malformed")
    return data


class Command(BaseCommand):
    help = "Import case files (YAML or JSON, SCENARIOS.md) into a council. Each file is all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="the council to import into (name or slug)")
        parser.add_argument("files", nargs="+", type=Path, help="case files")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_from_option(options["council"])
        today = timezone.localdate()
        imported: list[str] = []
        refused: list[str] = []
        for path in tqdm(options["files"], desc="Importing", unit="file", disable=None, file=self.stderr._out):
            try:
                complaint = complaint_import(council=council, by=None, data=read_case_file(path), today=today)
            except DomainError as error:
                refused.append(f"{path}: {error.message}")
                continue
            imported.append(f"{path}: {complaint.reference}")
        self.stdout.write(f"Imported {len(imported)} of {len(options['files'])} files into {council.name}.")
        for line in imported:
            self.stdout.write(f"  imported {line}")
        for line in refused:
            self.stdout.write(f"  refused  {line}")
        if refused:
            raise CommandError(f"{len(refused)} file{'s' if len(refused) != 1 else ''} refused; nothing was saved from them")
