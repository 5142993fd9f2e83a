"""The hash chain: every way a stored row can be changed is named at the first row it touches."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from redress.core.history import GENESIS, StoredRow, canonical_json, chain_hash, chain_hashes, chain_problem

AT = dt.datetime(2024, 7, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _chain(count: int = 5) -> list[StoredRow]:
    fields = [{"type": f"event-{n}", "date": dt.date(2024, 1, n), "data": {"n": n}, "at": AT} for n in range(1, count + 1)]
    return [StoredRow(n, f, h) for n, (f, h) in enumerate(zip(fields, chain_hashes(fields), strict=True), start=1)]


def _renumbered(rows: list[StoredRow]) -> list[StoredRow]:
    return [dataclasses.replace(row, position=n) for n, row in enumerate(rows, start=1)]


def test_a_whole_chain_has_no_problem_and_an_empty_one_neither() -> None:
    assert chain_problem(_chain(), recorded=5) is None
    assert chain_problem([], recorded=0) is None


def test_canonical_json_ignores_key_order_and_time_zone_but_not_the_instant() -> None:
    london = AT.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert canonical_json({"a": 1, "b": AT}) == canonical_json({"b": london, "a": 1})
    assert canonical_json({"b": AT}) != canonical_json({"b": AT + dt.timedelta(microseconds=1)})
    assert canonical_json({"a": (1, 2)}) == canonical_json({"a": [1, 2]})
    with pytest.raises(ValueError, match="time zone"):
        canonical_json({"at": dt.datetime(2024, 7, 1)})  # noqa: DTZ001 - the point of the test


def test_each_hash_covers_the_one_before() -> None:
    assert chain_hash({"a": 1}, GENESIS) != chain_hash({"a": 1}, "0" * 64)
    with pytest.raises(ValueError, match="previous"):
        chain_hash({"previous": "x"}, GENESIS)


def test_an_altered_field_is_named_at_its_row() -> None:
    rows = _chain()
    rows[2] = dataclasses.replace(rows[2], fields={**rows[2].fields, "data": {"n": 99}})
    problem = chain_problem(rows, recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (3, "altered")


def test_an_altered_hash_is_named_at_its_row() -> None:
    rows = _chain()
    rows[4] = dataclasses.replace(rows[4], hash="0" * 64)
    problem = chain_problem(rows, recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (5, "altered")


@pytest.mark.parametrize("gone", [0, 2, 4])
def test_a_deleted_row_is_named_by_the_place_it_left(gone: int) -> None:
    rows = _chain()
    del rows[gone]
    problem = chain_problem(rows, recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (gone + 1, "deleted")


def test_a_deleted_row_with_the_rest_renumbered_is_still_caught() -> None:
    rows = _chain()
    del rows[1]
    problem = chain_problem(_renumbered(rows), recorded=4)
    assert problem is not None and problem.position == 2


def test_an_inserted_row_is_named_whether_its_hash_is_made_up_or_worked_out() -> None:
    rows = _chain()
    made_up = StoredRow(0, {"type": "forged"}, "f" * 64)
    problem = chain_problem(_renumbered([*rows[:2], made_up, *rows[2:]]), recorded=6)
    assert problem is not None and (problem.position, problem.kind) == (3, "inserted")
    worked_out = StoredRow(0, {"type": "forged"}, chain_hash({"type": "forged"}, rows[1].hash))
    problem = chain_problem(_renumbered([*rows[:2], worked_out, *rows[2:]]), recorded=6)
    assert problem is not None and (problem.position, problem.kind) == (3, "inserted")


def test_a_row_added_beyond_the_recorded_length_is_inserted_even_with_a_good_hash() -> None:
    rows = _chain(6)
    problem = chain_problem(rows, recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (6, "inserted")


@pytest.mark.parametrize(("first", "second"), [(1, 2), (0, 4), (3, 4), (0, 1)])
def test_two_rows_swapped_are_named_as_reordered(first: int, second: int) -> None:
    rows = _chain()
    rows[first], rows[second] = rows[second], rows[first]
    problem = chain_problem(_renumbered(rows), recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (first + 1, "reordered")


def test_the_last_row_cut_off_shows_against_the_recorded_length() -> None:
    problem = chain_problem(_chain()[:4], recorded=5)
    assert problem is not None and (problem.position, problem.kind) == (5, "deleted")
