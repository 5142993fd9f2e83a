"""`redress rebuild-projections [--council NAME]`: recompute every projection from its events."""

from __future__ import annotations

import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from redress.complaints.projections import projections_rebuild
from redress.councils.models import Council
from redress.web.cli import council_from_option


class Command(BaseCommand):
    help = "Rebuild the complaints' projections (stage, next deadline, warnings) from their events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="only this council (name or slug)")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="worker processes for the replays (default: one per core)")

    def handle(self, *args: Any, **options: Any) -> None:
        councils = [council_from_option(options["council"])] if options["council"] else list(Council.objects.all())
        began = time.perf_counter()
        total = 0
        for council in councils:
            total += projections_rebuild(council=council, today=timezone.localdate(), jobs=max(1, options["jobs"]))
        self.stdout.write(f"Rebuilt {total:,} projection{'s' if total != 1 else ''} in {time.perf_counter() - began:.1f} s.")
