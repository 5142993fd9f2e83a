"""`redress replay FILE [--today DATE] [--json]`: a complaint's stage, clocks, actions and warnings."""

from __future__ import annotations

import json
from collections.abc import Sequence

from redress.core.clocks import CLOCKS, format_date
from redress.core.commands import ArgumentParser, CommandError
from redress.core.commands.deadline import parse_date
from redress.core.engine import Report, replay
from redress.core.events import DEFAULT_LIMITS, CaseFileError, load_case_file


def main(argv: Sequence[str]) -> int:
    parser = ArgumentParser(
        prog="redress replay",
        description="Replay a case file (SCENARIOS.md) and report on the complaint as of a date.",
    )
    parser.add_argument("file", help="a case file, YAML or JSON")
    parser.add_argument("--today", help="judge as of this date, YYYY-MM-DD (default: the file's today, else its last event)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (the SCENARIOS.md shape)")
    args = parser.parse_args(argv)
    today = parse_date(args.today) if args.today else None
    try:
        case = load_case_file(args.file, limits=DEFAULT_LIMITS)
        report = replay(case, today=today)
    except CaseFileError as error:
        raise CommandError(f"{args.file}: {error.located()}") from None
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(render(report, case.council))
    return 0


def _day(day: object) -> str:
    return format_date(day) if day is not None else "-"  # type: ignore[arg-type]


def render(report: Report, council: str = "") -> str:
    """The report as text a complaints officer can read at a terminal."""
    lines = []
    heading = f"As of {format_date(report.today)}" + (f", {council}" if council else "")
    lines += [heading, ""]
    suspended = " (suspended)" if report.suspended else ""
    lines.append(f"Stage {report.stage}, {report.status}{suspended}")
    lines.append(_procedure_line(report))
    lines += ["", "Clocks"]
    rows: list[tuple[str, ...]] = [("clock", "start", "limit", "due", "done", "status")]
    for c in report.clocks:
        status = c.status + (f" by {c.late_wd} WD" if c.late_wd else "")
        title = c.name if report.procedure_changes else CLOCKS[c.name].title  # names tell two procedures apart
        rows.append((title, _day(c.start), f"{c.limit_wd} WD", _day(c.due), _day(c.done), status))
    lines += _table(rows)
    if report.actions:
        lines += ["", "Actions"]
        rows = [("id", "what", "due", "done", "status")]
        for a in report.actions:
            status = a.status + (f" by {a.late_wd} WD" if a.late_wd else "")
            rows.append((a.id, a.what[:48], _day(a.due), _day(a.done), status))
        lines += _table(rows)
    if report.offers:
        lines += ["", "Offers"]
        offers: list[tuple[str, ...]] = [("id", "what", "until", "status")]
        offers += [(o.id, o.what[:48], _day(o.until), o.status) for o in report.offers]
        lines += _table(offers)
    lines += ["", "Warnings" if report.warnings else "Warnings: none"]
    for w in report.warnings:
        resolved = f" (resolved on {format_date(w.resolved)})" if w.resolved else ""
        lines.append(f"  {w.severity:<5}  {w.code}: {w.message}{resolved}")
    if report.early_referral is not None:
        lines += ["", f"Early referral to the Ombudsman: {report.early_referral.explanation()}"]
    return "\n".join(lines)


def _procedure_line(report: Report) -> str:
    """'Procedure: children-england' and, once it changed, since when and from which."""
    line = f"Procedure: {report.procedure}"
    if report.procedure_changes:
        change = report.procedure_changes[-1]
        line += f" since {format_date(change.date)}, moved from {change.moved_from}: {change.reason}"
    return line


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
