"""Command-line front ends for the pure core: argument parsing and output, nothing else."""

from __future__ import annotations

import argparse
from typing import NoReturn


class CommandError(Exception):
    """A problem with a command's input, reported as one line on stderr with exit status 2."""


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser that raises CommandError instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(message)
