"""`redress serve`: the production server, gunicorn, serving redress.wsgi:application.

Runs `gunicorn redress.wsgi:application --bind ADDRESS --workers N --access-logfile -` in this
process (it replaces it, so signals reach gunicorn directly). Anything after `--` goes to gunicorn
as it is, e.g. `redress serve -- --timeout 60`.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def gunicorn_argv(bind: str, workers: int, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "redress.wsgi:application", "--bind", bind, "--workers", str(workers),
            "--access-logfile", "-", "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            *extra]


class Command(BaseCommand):
    help = "Serve Redress in production with gunicorn (static files by WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on (default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                            help="worker processes (default: 2 per core, plus one)")
        parser.add_argument("gunicorn_args", nargs="*", help="further gunicorn options, after --")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = gunicorn_argv(options["bind"], max(1, options["workers"]), options["gunicorn_args"])
        self.stdout.write(f"Serving on http://{options['bind']}/ with {argv[6]} gunicorn workers")
        self.stdout.flush()
        os.execv(sys.executable, argv)
