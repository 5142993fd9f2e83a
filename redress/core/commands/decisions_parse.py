"""`redress decisions parse FILE... [--json]`: read published Ombudsman decision statements.

Each FILE is a decision as text or as a saved HTML page; a folder stands for the files in it.
With --json, one JSON object a line, in the order given. A file that is not a decision statement
gives `{"error": "not a decision statement", "file": ...}`; the exit status is then 1 (after every
file has been read). A file that cannot be read is said on stderr, and the exit status is 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from redress.core.commands import ArgumentParser
from redress.core.decisions import Decision, parse_bytes
from redress.core.decisions.parse import MAX_CHARS

NOT_A_DECISION = "not a decision statement"
MAX_BYTES = MAX_CHARS * 4


def expand(paths: Sequence[str]) -> Iterator[Path]:
    """The files named, a folder's files (sorted, hidden ones skipped) in place of the folder."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                child
                for child in path.rglob("*")
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
        else:
            yield path


def read_file(path: Path) -> bytes:
    """The file's bytes; OSError when it cannot be read. Files far bigger than any decision are not read."""
    if path.stat().st_size > MAX_BYTES:
        return b"\x00"  # binary as far as the parser is concerned
    return path.read_bytes()


def _yes_no(value: bool | None, yes: str = "yes", no: str = "no") -> str:
    return "not said" if value is None else (yes if value else no)


def _money(amount: Decimal) -> str:
    return f"£{amount:,.2f}".replace(".00", "")


def render(decision: Decision) -> list[str]:
    """A decision as lines a person can read at a terminal."""
    heading = decision.authority or "Authority not given"
    if decision.reference:
        heading += f" ({decision.reference})"
    lines = [heading]
    lines.append(f"  Category: {decision.category or 'not given'}")
    when = decision.decision_date.strftime("%-d %B %Y") if decision.decision_date else "date not given"
    lines.append(f"  Decision: {decision.decision or 'not given'}, {when}")
    lines.append(
        f"  Fault: {_yes_no(decision.fault)}; injustice: {_yes_no(decision.injustice)}; "
        f"apology: {_yes_no(decision.apology)}"
    )
    total = decision.payments_total_gbp
    lines.append(f"  Payments: {'none' if total is None else _money(total) + ' in all'}")
    for payment in decision.payments:
        lines.append(f"    {_money(payment.amount_gbp)} {payment.purpose or '(purpose not given)'}")
    lines.append(f"  Actions: {len(decision.actions) or 'none'}")
    for action in decision.actions:
        lines.append(f"    - {action.action}" + (f" ({action.deadline})" if action.deadline else ""))
    if decision.other_bodies:
        lines.append(f"  Other bodies: {', '.join(decision.other_bodies)}")
    if decision.reasons_not_investigated:
        lines.append(f"  Not investigated because: {', '.join(decision.reasons_not_investigated)}")
    stage = f"stage {decision.stage_reached}" if decision.stage_reached else "not said"
    lines.append(
        f"  Procedure reached: {stage}; shared with Ofsted: {_yes_no(decision.ofsted_shared)}; "
        f"text: {'complete' if decision.text_complete else 'cut off before the final decision'}"
    )
    return lines


def main(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="redress decisions parse",
        description="Read published Ombudsman decision statements (text or saved HTML pages) into records.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="decision files, or folders of them")
    parser.add_argument("--json", action="store_true", help="one JSON object a line, in the order given")
    args = parser.parse_args(argv)
    status = 0
    try:
        for path in expand(args.files):
            try:
                data = read_file(path)
            except OSError as error:
                reason = error.strerror or str(error)
                print(f"redress decisions parse: cannot read {path}: {reason}", file=sys.stderr)
                if args.json:
                    print(json.dumps({"error": "cannot read the file", "file": str(path), "reason": reason}))
                status = 2
                continue
            decision = parse_bytes(data)
            if decision is None:
                status = max(status, 1)
                if args.json:
                    print(json.dumps({"error": NOT_A_DECISION, "file": str(path)}))
                else:
                    print(f"{path}: {NOT_A_DECISION}\n")
                continue
            if args.json:
                print(json.dumps({"file": str(path), **decision.to_json()}, ensure_ascii=False))
            else:
                print("\n".join([str(path), *render(decision), ""]))
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - tested through a real pipe in test_parse_command.py
        sys.stderr.close()
        return status
    return status
