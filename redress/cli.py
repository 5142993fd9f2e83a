"""The `redress` command: the project's `manage.py`, plus the pure commands of the core.

`redress deadline`, `redress replay`, `redress procedures` and `redress decisions parse` need no database, so they run
without starting Django (fast, and usable on a machine with no project database). Every other
command (`migrate`, `runserver`, `demo`, `import`, ...) is a Django management command.

Errors in the pure commands print one line on stderr and exit 2; they never show a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import cast

from redress.core.commands import CommandError

# Command words -> the module whose `main(argv) -> int` runs it without Django.
PURE_COMMANDS: dict[tuple[str, ...], str] = {
    ("deadline",): "redress.core.commands.deadline",
    ("replay",): "redress.core.commands.replay",
    ("procedures",): "redress.core.commands.procedures",
    ("decisions", "parse"): "redress.core.commands.decisions_parse",
}


def _pure_command(args: list[str]) -> tuple[str, Callable[[Sequence[str]], int], list[str]] | None:
    for words, module_name in PURE_COMMANDS.items():
        if tuple(args[: len(words)]) == words:
            module = importlib.import_module(module_name)
            return " ".join(words), cast(Callable[[Sequence[str]], int], module.main), args[len(words) :]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    pure = _pure_command(args)
    if pure is not None:
        name, run, rest = pure
        try:
            code = run(rest)
            sys.stdout.flush()  # here, so a closed pipe is caught below rather than at exit
            return code
        except CommandError as error:
            print(f"redress {name}: {error}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # the reader went away (`redress replay ... | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so exiting flushes nowhere
            return 141  # 128 + SIGPIPE, as a shell reports a command ended by a closed pipe
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - read the settings now, to report a bad environment in one line
    except ImproperlyConfigured as error:
        print(f"redress: {error}", file=sys.stderr)
        return 2
    try:
        execute_from_command_line(["redress", *args])
    except ImproperlyConfigured as error:  # e.g. collectstatic with no REDRESS_STATIC_ROOT
        print(f"redress: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
