"""`redress demo`: load the demo councils, people and complaints (once; a second run changes nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from redress.complaints.demo import COUNCILS, DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_totp_code, load_demo


class Command(BaseCommand):
    help = "Load demo data: two councils with their people and about 40 complaints each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", action="store_true",
                            help="print the demo users' authenticator code for now, and load nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            self.stdout.write(demo_totp_code())
            return
        for line in load_demo(today=timezone.localdate()):
            self.stdout.write(line)
        self.stdout.write("Sign in at http://127.0.0.1:8000/ with any of these (password for all: " + DEMO_PASSWORD + "):")
        for council in COUNCILS:
            for local, _first, _last, role in council.people:
                self.stdout.write(f"  {local}@{council.slug}.example  ({role.label}, {council.name})")
        self.stdout.write("  io@northshire.example  (investigating officer, appointed to some of Northshire's complaints)")
        self.stdout.write("  ip@northshire.example  (independent person, appointed to some of Northshire's complaints)")
        self.stdout.write(f"Then the code from an authenticator app set up with the key {DEMO_TOTP_SECRET}, "
                          "or the one `redress demo --code` prints.")
