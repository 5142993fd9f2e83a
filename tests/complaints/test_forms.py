"""The casework forms' choices: every warning the engine can raise can be filtered on, in words."""

from __future__ import annotations

import ast
from pathlib import Path

import redress.core
from redress.complaints.forms import WARNING_CHOICES
from redress.core.events import EVENT_FIELDS
from redress.core.procedures.registry import PROCEDURES
from redress.core.rules import ROUTES

CORE = Path(redress.core.__file__).parent
TWO_STAGE_PREFIXES = ("housing", "corporate")  # the events of housing-code and corporate-code


def _engine_warning_codes() -> set[str]:
    """Every warning code in the engine's source: the literal ones, and those it builds from a clock or a stage."""
    codes: set[str] = {code for code, _ in ROUTES.values()}
    clocks = {name: clock for p in PROCEDURES.values() for name, clock in p.clocks.items()}
    deadline_clocks = [name for name, clock in clocks.items() if not clock.complainants_window]
    built = {
        "f'{name}.late'": {f"{name}.late" for name in deadline_clocks},
        "f'{name}.overdue'": {f"{name}.overdue" for name in deadline_clocks},
        "f'stage{stage}.request.outside-window'": {f"stage{stage}.request.outside-window" for stage in (2, 3)},
        "code": set(),  # a route's code, from ROUTES above
    }
    for path in sorted(CORE.rglob("*.py")):  # the engine and every procedure module
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            if name not in {"warn", "ReportWarning"}:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
            elif "{code.prefix}" in ast.unparse(first):  # a two-stage code's: one a code the core has
                codes |= {ast.unparse(first)[2:-1].replace("{code.prefix}", prefix) for prefix in TWO_STAGE_PREFIXES
                          if f"{prefix}.acknowledged" in EVENT_FIELDS}
            else:  # a new way of building a code: teach `built` about it
                codes |= built[ast.unparse(first)]
    return codes


def test_the_caseload_offers_every_warning_the_engine_can_raise_in_words() -> None:
    offered = dict(WARNING_CHOICES)
    codes = _engine_warning_codes()
    assert {"independence.conflict-resolved", "stage3.panel.scheduled-late", "action.late"} <= codes
    assert sorted(codes - offered.keys()) == []
    for code in codes:
        assert offered[code] and offered[code] != code and "." not in offered[code], (code, offered[code])
