"""The statutory clocks: limits, extensions, suspensions and the explanation of every deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.core.calendar import WorkingCalendar
from redress.core.clocks import (
    CLOCKS,
    ClockError,
    clock_named,
    compute_deadline,
    format_date,
)
from redress.core.procedures.children_england.clocks import STAGE1_RESPONSE, STAGE2_RESPONSE, STAGE3_PANEL

D = dt.date


@pytest.mark.parametrize(
    ("name", "limit", "extended"),
    [
        ("stage1.response", 10, 20),
        ("stage2.request-window", 20, None),
        ("stage2.statement", 10, None),
        ("stage2.response", 25, 65),
        ("stage3.request-window", 20, None),
        ("stage3.panel", 30, None),
        ("stage3.panel-report", 5, None),
        ("stage3.response", 15, None),
    ],
)
def test_every_clock_of_the_procedure_has_its_statutory_limit(name: str, limit: int, extended: int | None) -> None:
    clock = clock_named(name)
    assert clock.limit_wd == limit
    assert clock.extended_wd == extended
    assert clock.source


def test_only_the_request_windows_are_the_complainants_time() -> None:
    assert {c.name for c in CLOCKS.values() if c.complainants_window} == {
        "stage2.request-window",
        "stage3.request-window",
    }


def test_an_unknown_clock_names_the_clocks_there_are() -> None:
    with pytest.raises(ClockError, match=r"unknown clock 'stage4\.response'.*stage1\.response"):
        clock_named("stage4.response")


@pytest.mark.parametrize(
    ("clock", "start", "extended_to", "due"),
    [
        (STAGE1_RESPONSE, D(2023, 5, 5), None, D(2023, 5, 22)),
        (STAGE1_RESPONSE, D(2023, 5, 5), 20, D(2023, 6, 6)),  # Coronation and Spring bank holiday
        (STAGE2_RESPONSE, D(2023, 3, 20), 65, D(2023, 6, 26)),
        (STAGE2_RESPONSE, D(2023, 3, 20), 40, D(2023, 5, 19)),
        (STAGE3_PANEL, D(2024, 5, 10), None, D(2024, 6, 24)),
    ],
)
def test_deadlines_with_and_without_extensions(
    calendar: WorkingCalendar, clock, start: dt.date, extended_to: int | None, due: dt.date  # type: ignore[no-untyped-def]
) -> None:
    assert compute_deadline(clock, start, calendar, extended_to=extended_to).due == due


@pytest.mark.parametrize(
    ("clock", "extended_to", "message"),
    [
        (STAGE2_RESPONSE, 66, "65 working days at most, not 66"),
        (STAGE2_RESPONSE, 20, "at least 25"),
        (STAGE1_RESPONSE, 21, "20 working days at most"),
        (STAGE3_PANEL, 40, "cannot be extended"),
    ],
)
def test_extensions_beyond_what_the_rules_allow_are_refused(
    calendar: WorkingCalendar, clock, extended_to: int, message: str  # type: ignore[no-untyped-def]
) -> None:
    with pytest.raises(ClockError, match=message):
        compute_deadline(clock, D(2024, 1, 8), calendar, extended_to=extended_to)


def test_a_suspension_keeps_the_working_days_left_and_counts_them_from_the_resume_date(
    calendar: WorkingCalendar,
) -> None:
    # Stage 3 panel clock: request 2 Dec 2019, due 30 WD later on 16 Jan 2020.
    plain = compute_deadline(STAGE3_PANEL, D(2019, 12, 2), calendar)
    assert plain.due == D(2020, 1, 16)
    # Suspended on Fri 13 Dec 2019 with 21 working days left (16 Dec .. 16 Jan, less 25, 26 Dec, 1 Jan).
    paused = compute_deadline(STAGE3_PANEL, D(2019, 12, 2), calendar, suspensions=((D(2019, 12, 13), None),))
    assert paused.due is None
    assert paused.paused
    assert paused.pauses[0].remaining_wd == 21
    resumed = compute_deadline(
        STAGE3_PANEL, D(2019, 12, 2), calendar, suspensions=((D(2019, 12, 13), D(2020, 4, 6)),)
    )
    # Resumed Mon 6 Apr 2020; 21 working days, skipping Good Friday 10 Apr and Easter Monday 13 Apr.
    assert resumed.due == D(2020, 5, 7)
    assert "Suspended on Fri 13 Dec 2019 with 21 working days left; resumed on Mon 6 Apr 2020." in resumed.explanation()
    assert not resumed.paused


def test_a_clock_already_past_due_when_suspended_stays_past_due(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(
        STAGE3_PANEL, D(2019, 12, 2), calendar, suspensions=((D(2020, 3, 23), D(2021, 3, 1)),)
    )
    assert deadline.due == D(2020, 1, 16)
    assert deadline.pauses[0].remaining_wd is None
    assert "after the deadline had passed" in " ".join(deadline.explanation())


def test_suspended_on_the_due_day_leaves_nothing_and_falls_due_on_resuming(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(
        STAGE3_PANEL, D(2019, 12, 2), calendar, suspensions=((D(2020, 1, 16), D(2020, 2, 3)),)
    )
    assert deadline.pauses[0].remaining_wd == 0
    assert deadline.due == D(2020, 2, 3)


def test_two_suspensions_apply_one_after_the_other(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(
        STAGE1_RESPONSE,
        D(2024, 3, 4),
        calendar,
        suspensions=((D(2024, 3, 6), D(2024, 3, 11)), (D(2024, 3, 13), D(2024, 3, 18))),
    )
    # 2 WD used to 6 Mar, 8 left; resumed 11 Mar, 2 more used to 13 Mar, 6 left; resumed 18 Mar -> 26 Mar.
    assert [p.remaining_wd for p in deadline.pauses] == [8, 6]
    assert deadline.due == D(2024, 3, 26)


def test_suspensions_out_of_order_are_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(ClockError, match="date order"):
        compute_deadline(
            STAGE1_RESPONSE, D(2024, 3, 4), calendar, suspensions=((D(2024, 3, 6), D(2024, 3, 11)), (D(2024, 3, 8), None))
        )


def test_the_explanation_gives_start_rule_limit_holidays_and_due(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(STAGE1_RESPONSE, D(2023, 5, 5), calendar)
    text = "\n".join(deadline.explanation())
    assert "started on Fri 5 May 2023" in text
    assert "day 0" in text
    assert "SI 2006/1738 reg 14" in text
    assert "Limit: 10 working days." in text
    assert "Skipped 6 weekend days and 1 holiday: Mon 8 May 2023 (Coronation of Charles III)." in text
    assert "Due on Mon 22 May 2023" in text
    data = deadline.to_json()
    assert data["due"] == "2023-05-22"
    assert {"date": "2023-05-08", "reason": "Coronation of Charles III"} in data["skipped"]
    assert data["extended"] is False


def test_the_explanation_of_an_extended_suspended_deadline(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(
        STAGE2_RESPONSE, D(2024, 1, 8), calendar, extended_to=65, suspensions=((D(2024, 1, 10), None),)
    )
    text = "\n".join(deadline.explanation())
    assert "Extended from 25 to 65 working days." in text
    assert "Suspended on Wed 10 Jan 2024 with 63 working days left; not yet resumed." in text
    assert "No due date while the procedure is suspended." in text
    assert deadline.skipped == ()
    assert deadline.to_json()["pauses"] == [{"suspended": "2024-01-10", "resumed": None, "remaining_wd": 63}]


def test_skipped_days_leave_out_the_days_inside_a_suspension(calendar: WorkingCalendar) -> None:
    deadline = compute_deadline(
        STAGE1_RESPONSE, D(2024, 3, 4), calendar, suspensions=((D(2024, 3, 6), D(2024, 3, 18)),)
    )
    skipped = {d.day for d in deadline.skipped}
    assert D(2024, 3, 9) not in skipped  # inside the suspension
    assert D(2024, 3, 23) in skipped


def test_dates_are_written_as_people_write_them() -> None:
    assert format_date(D(2018, 2, 26)) == "Mon 26 Feb 2018"


def test_a_deadline_built_without_a_calendar_has_no_skipped_days() -> None:
    from redress.core.clocks import Deadline

    deadline = Deadline(STAGE1_RESPONSE, D(2024, 1, 8), 10, D(2024, 1, 22))
    assert deadline.skipped == ()
    assert "Skipped" not in " ".join(deadline.explanation())


def test_skipped_days_of_a_clock_suspended_after_its_deadline_run_to_the_due_date(
    calendar: WorkingCalendar,
) -> None:
    deadline = compute_deadline(
        STAGE1_RESPONSE, D(2024, 3, 4), calendar, suspensions=((D(2024, 4, 2), D(2024, 5, 1)),)
    )
    assert deadline.due == D(2024, 3, 18)
    assert {d.day for d in deadline.skipped} == {D(2024, 3, 9), D(2024, 3, 10), D(2024, 3, 16), D(2024, 3, 17)}
    assert repr(calendar) == "WorkingCalendar(council_days=0)"


def test_bulk_due_dates_match_one_at_a_time(calendar: WorkingCalendar) -> None:
    from redress.core.clocks import compute_due_dates

    names = ["stage1.response", "stage2.response", "stage3.panel", "stage1.response", "stage2.response"]
    starts = [D(2023, 5, 5), D(2023, 3, 20), D(2024, 12, 23), D(2025, 12, 24), D(2023, 3, 20)]
    extended = [False, False, False, True, True]
    got = compute_due_dates(names, starts, calendar, extended=extended)
    want = [
        compute_deadline(clock_named(n), s, calendar, extended_to=clock_named(n).extended_wd if e else None).due
        for n, s, e in zip(names, starts, extended, strict=True)
    ]
    assert [d.astype(dt.date) for d in got] == want == [
        D(2023, 5, 22), D(2023, 4, 26), D(2025, 2, 6), D(2026, 1, 26), D(2023, 6, 26)
    ]
    assert compute_due_dates(["stage3.panel"], [D(2024, 5, 10)], calendar)[0].astype(dt.date) == D(2024, 6, 24)
    with pytest.raises(ClockError, match="unknown clock 'nope'"):
        compute_due_dates(["stage1.response", "nope"], [D(2024, 1, 1), D(2024, 1, 1)], calendar)


def test_bulk_due_dates_take_clock_codes_and_refuse_codes_out_of_range(calendar: WorkingCalendar) -> None:
    import numpy as np

    from redress.core.clocks import CLOCK_ORDER, clock_codes, compute_due_dates

    codes = clock_codes(["stage3.panel", "stage1.response"])
    assert [CLOCK_ORDER[c] for c in codes] == ["stage3.panel", "stage1.response"]
    got = compute_due_dates(codes, [D(2024, 5, 10), D(2023, 5, 5)], calendar)
    assert [d.astype(dt.date) for d in got] == [D(2024, 6, 24), D(2023, 5, 22)]
    with pytest.raises(ClockError, match="clock codes run from 0 to 19"):
        compute_due_dates(np.array([20]), [D(2024, 1, 1)], calendar)
