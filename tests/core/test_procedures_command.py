"""`redress procedures`: every procedure with its clocks (limit, extension, whose time, start event)."""

from __future__ import annotations

import json

import pytest

from redress.cli import main
from redress.core.procedures.registry import PROCEDURES


def test_lists_each_procedure_then_its_clocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["procedures"]) == 0
    lines = capsys.readouterr().out.splitlines()
    procedure = PROCEDURES["children-england"]
    assert lines[0].startswith("children-england: Children's social care complaints (England) (")
    clock_lines = lines[1:1 + len(procedure.clocks)]
    for line, clock in zip(clock_lines, procedure.clocks.values(), strict=True):
        name, limit, *rest = line.split()
        assert (name, limit) == (clock.name, str(clock.limit_wd))
        assert f"from {clock.starts_on}: {clock.title}" in line
        assert clock.owner in rest
        assert (f"(to {clock.max_wd})" in line) == (clock.max_wd is not None)


def test_json_gives_the_events_and_clocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["procedures", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in data] == list(PROCEDURES)
    children = data[0]
    assert children["events"] == list(PROCEDURES["children-england"].events)
    first = children["clocks"][0]
    assert first == {"name": "stage1.response", "title": "Stage 1 response", "starts_on": "complaint.received",
                     "limit_wd": 10, "max_wd": 20, "owner": "council", "rule": first["rule"]}
    assert first["rule"].startswith("SI 2006/1738 reg 14")
    assert {c["owner"] for c in children["clocks"]} == {"council", "complainant"}


def test_an_unknown_option_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["procedures", "--all"]) == 2
    assert capsys.readouterr().err == "redress procedures: unrecognized arguments: --all\n"
