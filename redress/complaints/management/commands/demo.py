"""`redress demo`: load the demo councils, people and complaints (once; a second run changes nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from redress.complaints.demo import COUNCILS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load demo data: two councils with their people and about 40 complaints each."

    def handle(self, *args: Any, **options: Any) -> None:
        for line in load_demo(today=timezone.localdate()):
            self.stdout.write(line)
        self.stdout.write("Sign in at http://127.0.0.1:8000/ with any of these (password for all: " + DEMO_PASSWORD + "):")
        for council in COUNCILS:
            for local, _first, _last, role in council.people:
                self.stdout.write(f"  {local}@{council.slug}.example  ({role.label}, {council.name})")
