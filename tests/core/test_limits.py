"""Limits on input: events, points and text a complaint, bytes a file; NUL characters; YAML aliases."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from redress.cli import main
from redress.core.events import (
    DEFAULT_LIMITS,
    CaseFileError,
    Limits,
    load_case_file,
    parse_case,
    parse_event,
    read_case_file,
    read_case_text,
)
from tests.core.cases import case_data, ev, received

SMALL = Limits(events=3, points=2, text=20, body_bytes=200)
POINTS = [{"id": "P1", "text": "The report was wrong", "about": "records"}]

# The 514-byte "billion laughs": nine levels of nine aliases each, a billion strings once expanded.
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
) + "\n"


def refused(call: Any, *args: Any, **kwargs: Any) -> CaseFileError:
    with pytest.raises(CaseFileError) as error:
        call(*args, **kwargs)
    return error.value


def test_a_yaml_alias_bomb_is_refused_at_once_without_expanding() -> None:
    assert len(ALIAS_BOMB) < 600
    started = time.perf_counter()
    error = refused(read_case_text, ALIAS_BOMB)
    assert time.perf_counter() - started < 1
    assert error.located() == "not valid YAML at line 2: aliases (*name) are not allowed in a case file"
    assert error.code == "malformed"


def test_a_yaml_merge_key_is_an_alias_too_and_is_refused() -> None:
    text = "base: &base {type: stage2.requested}\nevents:\n  - {<<: *base, date: 2023-09-04}\n"
    assert refused(read_case_text, text).message == "not valid YAML at line 3: aliases (*name) are not allowed in a case file"


def test_an_anchor_without_an_alias_is_harmless_and_read() -> None:
    assert read_case_text("council: &c Example\n") == {"council": "Example"}


def test_replay_of_an_alias_bomb_prints_one_line_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert main(["replay", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"redress replay: {path}: not valid YAML at line 2: aliases (*name) are not allowed in a case file\n"


@pytest.mark.parametrize(
    ("key", "count", "message", "code"),
    [
        ("events", 4, "the file has 4 events; one complaint may have at most 3", "too-many-events"),
        ("points", 3, "the file has 3 points; one complaint may have at most 2", "too-many-points"),
    ],
)
def test_a_case_file_over_a_count_limit_is_refused_naming_the_limit(key: str, count: int, message: str, code: str) -> None:
    data = case_data(received("2023-09-04"), points=POINTS)
    data[key] = [data[key][0]] * count
    error = refused(parse_case, data, limits=SMALL)
    assert (error.located(), error.code) == (message, code)


def test_a_case_file_at_its_limits_is_read_and_without_limits_anything_shaped_right_is() -> None:
    points = [{"id": f"P{i}", "text": "x" * 20, "about": "other"} for i in (1, 2)]
    at_limits = case_data(received("2023-09-04"), ev("2023-09-05", "advocacy.offered"), ev("2023-09-06", "advocacy.appointed"),
                          points=points)
    assert len(parse_case(at_limits, limits=SMALL).events) == 3
    over = case_data(*[received("2023-09-04")] + [ev("2023-09-05", "advocacy.offered")] * 5, points=points * 1)
    assert len(parse_case(over).events) == 6


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (ev("2023-09-05", "stage1.extended", reason="x" * 21),
         "event 2 (stage1.extended): reason is longer than 20 characters"),
        (ev("2023-09-05", "stage2.responded", findings={"P1": "upheld"}, recommendations=[{"id": "R1", "what": "y" * 21}]),
         "event 2 (stage2.responded): recommendations[1].what is longer than 20 characters"),
        (ev("2023-09-05", "stage3.responded", decisions={"R1": {"accepted": False, "reason": "z" * 21}}),
         "event 2 (stage3.responded): decisions.R1.reason is longer than 20 characters"),
        (ev("2023-09-05", "advocacy.offered", **{"k" * 21: "x"}),
         "event 2 (advocacy.offered): a field name is longer than 20 characters"),
    ],
)
def test_a_text_over_the_limit_is_refused_naming_its_event_and_field(event: dict[str, Any], message: str) -> None:
    error = refused(parse_case, case_data(received("2023-09-04"), event, points=POINTS), limits=SMALL)
    assert (error.located(), error.code) == (message, "too-long")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"council": "Example\x00"}, "council contains a NUL character"),
        ({"today": "2023-09-30\x00"}, "today contains a NUL character"),
        ({"points": [{**POINTS[0], "text": "a\x00b"}]}, "point 1.text contains a NUL character"),
        ({"events": [received("2023-09-04", note="a\x00b")]}, "event 1 (complaint.received): note contains a NUL character"),
        ({"events": [ev("2023-09-04", "complaint.received", complainant={"role": "parent", "name": "\x00"})]},
         "event 1 (complaint.received): complainant.name contains a NUL character"),
        ({"events": [received("2023-09-04"), ev("2023-09-05", "stage1.responded", findings={"P1\x00": "upheld"})]},
         "event 2 (stage1.responded): findings: a key contains a NUL character"),
        ({"events": [received("2023-09-04"), ev("2023-09-05", "stage3.panel-held", members=["Ann", "B\x00"])]},
         "event 2 (stage3.panel-held): members[2] contains a NUL character"),
        ({"events": [{"type": 7, "date": "2023-09-04", "note": "\x00"}]}, "event 1: note contains a NUL character"),
    ],
)
def test_a_nul_character_anywhere_is_refused_naming_where(change: dict[str, Any], message: str) -> None:
    data = {**case_data(received("2023-09-04"), points=POINTS), **change}
    error = refused(parse_case, data, limits=DEFAULT_LIMITS)
    assert error.located() == f"{message} (\\u0000), which cannot be stored; remove it"
    assert error.code == "nul-character"


def test_one_event_is_checked_against_the_limits_when_they_are_given() -> None:
    raw = ev("2023-09-05", "stage1.extended", reason="a\x00b")
    assert parse_event(raw).get("reason") == "a\x00b"  # read back from the store: unchanged
    error = refused(parse_event, raw, 4, limits=DEFAULT_LIMITS)
    assert error.located() == "event 5 (stage1.extended): reason contains a NUL character (\\u0000), which cannot be stored; remove it"


def test_an_event_that_is_not_a_mapping_is_still_told_so_under_limits() -> None:
    data = case_data(received("2023-09-04"), points=POINTS)
    data["events"].append(["not", "an", "event"])
    assert refused(parse_case, data, limits=DEFAULT_LIMITS).code == "not-a-mapping"


def test_a_value_nested_thousands_deep_is_walked_without_recursion() -> None:
    nested: list[Any] = []
    for _ in range(5_000):
        nested = [nested]
    error = refused(parse_event, ev("2023-09-05", "stage1.extended", reason=nested), limits=DEFAULT_LIMITS)
    assert (error.located(), error.event_type) == ("reason must be text", "stage1.extended")


def test_room_for_one_more_event_is_checked_against_the_limit() -> None:
    SMALL.check_room(2)
    error = refused(SMALL.check_room, 3)
    assert error.message == "this complaint already has 3 events, the most one complaint may have (3)"
    assert error.code == "too-many-events"


def test_a_file_larger_than_a_body_may_be_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    path.write_text("council: " + "x" * 300 + "\n", encoding="utf-8")
    error = refused(read_case_file, path, limits=SMALL)
    assert (error.message, error.code) == ("the file is 310 bytes; the most Redress accepts is 200 bytes", "too-large")
    assert read_case_file(path)["council"] == "x" * 300
    assert refused(load_case_file, tmp_path, limits=SMALL).message == "a folder, not a case file"


def test_replay_refuses_a_file_over_the_default_event_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.yaml"
    events = [received("2023-09-04")] + [ev("2023-09-05", "advocacy.offered")] * DEFAULT_LIMITS.events
    path.write_text(repr(case_data(*events, points=POINTS)).replace("'", '"'), encoding="utf-8")
    assert main(["replay", str(path)]) == 2
    assert capsys.readouterr().err == f"redress replay: {path}: the file has 2,001 events; one complaint may have at most 2,000\n"


@pytest.mark.parametrize("key", ["points", "events"])
@pytest.mark.parametrize("value", [1, -1, 10**30, 2.5, True])
def test_points_or_events_that_are_a_number_are_refused_under_limits_not_a_crash(key: str, value: Any) -> None:
    data = case_data(received("2024-03-04"), points=POINTS)
    data[key] = value

    error = refused(parse_case, data, limits=DEFAULT_LIMITS)

    assert error.code in {"bad-point", "no-events"}
