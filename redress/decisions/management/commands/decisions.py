"""`redress decisions import PATH...` and `redress decisions load-seeds`: build the decisions library.

(`redress decisions parse` runs without Django: see redress/core/commands/decisions_parse.py.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from redress.core.commands.decisions_parse import expand
from redress.decisions.services import (
    ImportOutcome,
    Parsed,
    decisions_import,
    load_seed_decisions,
    parse_files,
    parse_paths,
    writers_for,
)


class Command(BaseCommand):
    help = "Build the Ombudsman decisions library from saved decision pages (text or HTML)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        importing = actions.add_parser(
            "import",
            help="import decision files, or folders of them; a re-import updates, never duplicates",
            description="Import decision statements (text or saved HTML pages) into the library.",
        )
        importing.add_argument("paths", nargs="+", metavar="PATH", help="decision files, or folders of them")
        importing.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
            help="worker processes reading the files (default: one per CPU)",
        )
        actions.add_parser("load-seeds", help="import the five published decisions Redress was made from")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["action"] == "load-seeds":
            self._report(load_seed_decisions(now=now))
            return
        files: list[Path] = []
        missing: list[str] = []
        for name in options["paths"]:
            (files.extend(expand([name])) if Path(name).exists() else missing.append(name))
        if options["jobs"] < 1:
            raise CommandError("--jobs must be 1 or more")
        items = self._progress(missing, files, options["jobs"])
        self._report(decisions_import(items=items, now=now, writers=writers_for(len(files))))

    def _progress(self, missing: list[str], files: list[Path], jobs: int) -> Iterator[Parsed]:
        yield from parse_paths(missing)
        yield from tqdm(
            parse_files(files, jobs=jobs), total=len(files), desc="Importing", unit="file", disable=None, file=self.stderr._out
        )

    def _report(self, outcome: ImportOutcome) -> None:
        self.stdout.write(
            f"{outcome.total} file{'s' if outcome.total != 1 else ''}: {len(outcome.new)} new, "
            f"{len(outcome.updated)} updated, {len(outcome.unchanged)} unchanged, {len(outcome.refused)} refused."
        )
        for source, reason in outcome.refused:
            self.stdout.write(f"  refused {source}: {reason}")
        if outcome.refused:
            count = len(outcome.refused)
            raise CommandError(f"{count} file{'s were' if count != 1 else ' was'} refused; nothing was saved from {'them' if count != 1 else 'it'}")
