"""`redress decisions parse`: a summary per file, --json lines in order, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redress.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "redress" / "decisions" / "fixtures" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REDRESS = Path(sys.executable).parent / "redress"
STAFFORDSHIRE = str(SEEDS / "001_c5a7fa79304e3e98.txt")
KENT = str(SEEDS / "004_137518ef3d5868ae.txt")


def test_summary_for_each_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "parse", STAFFORDSHIRE, KENT]) == 0
    out = capsys.readouterr().out
    assert "Staffordshire County Council (19 011 904)" in out
    assert "  Decision: Upheld, 22 September 2020" in out
    assert "  Payments: £300 in all" in out
    assert "    £200 in recognition of the needless humiliation she felt at the ICPC" in out
    assert "    - Apologise to Miss X in writing (within four weeks)" in out
    assert "  Other bodies: information-commissioner, social-work-england" in out
    assert "  Not investigated because: insufficient-evidence-of-fault, other-body-better-placed" in out
    assert "  Fault: not said; injustice: not said; apology: not said" in out


def test_summary_of_a_decision_with_nothing_in_its_heading(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "parse", str(FIXTURES / "mirror_final_decision.txt"), str(FIXTURES / "cut_off.txt")]) == 0
    out = capsys.readouterr().out
    assert "Authority not given" in out
    assert "  Decision: not given, date not given" in out
    assert "text: cut off before the final decision" in out
    assert "Procedure reached: not said" not in out


def test_json_lines_in_the_order_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "parse", "--json", KENT, STAFFORDSHIRE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["reference"] for line in lines] == ["24 002 308", "19 011 904"]
    first = json.loads(lines[0])
    assert first["file"] == KENT
    assert first["decision_date"] == "2024-07-15"
    assert first["payments_total_gbp"] is None


def test_a_folder_parses_in_one_process_in_name_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "parse", "--json", str(SEEDS)]) == 0
    references = [json.loads(line)["reference"] for line in capsys.readouterr().out.splitlines()]
    assert references == ["21 010 819", "19 011 904", "23 013 019", "20 010 224", "24 002 308"]


def test_not_a_decision_is_an_error_object_and_exit_1_after_every_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    other = str(FIXTURES / "other_page.html")
    assert main(["decisions", "parse", "--json", str(empty), KENT, str(binary), other]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {"error": "not a decision statement", "file": str(empty)}
    assert lines[1]["reference"] == "24 002 308"
    assert lines[2] == {"error": "not a decision statement", "file": str(binary)}
    assert lines[3] == {"error": "not a decision statement", "file": other}


def test_not_a_decision_in_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    other = str(FIXTURES / "other_page.html")
    assert main(["decisions", "parse", other]) == 1
    assert f"{other}: not a decision statement" in capsys.readouterr().out


def test_missing_file_is_one_line_on_stderr_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main(["decisions", "parse", "--json", str(missing), KENT]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"redress decisions parse: cannot read {missing}: No such file or directory\n"
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert lines[0] == {"error": "cannot read the file", "file": str(missing), "reason": "No such file or directory"}
    assert lines[1]["reference"] == "24 002 308"


def test_missing_file_without_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["decisions", "parse", str(tmp_path / "nowhere.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "cannot read" in captured.err


def test_a_huge_file_is_not_read_into_memory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(9_000_000)
    assert main(["decisions", "parse", "--json", str(huge)]) == 1
    assert json.loads(capsys.readouterr().out) == {"error": "not a decision statement", "file": str(huge)}


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decisions", "parse"]) == 2
    assert capsys.readouterr().err == "redress decisions parse: the following arguments are required: FILE\n"


def test_hidden_files_in_a_folder_are_skipped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "kent.txt").write_bytes(Path(KENT).read_bytes())
    assert main(["decisions", "parse", "--json", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    result = subprocess.run(
        [str(REDRESS), "decisions", "parse", "--json", str(binary), str(tmp_path / "missing")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == json.dumps({"error": "not a decision statement", "file": str(binary)})


def test_output_to_a_closed_pipe_stops_quietly() -> None:
    result = subprocess.run(
        f"{REDRESS} decisions parse {SEEDS} | head -c 10",
        shell=True, capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in result.stderr
