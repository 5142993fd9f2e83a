"""Working days: weekends, bank holidays, substitute days, one-off days, council days, bulk maths."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.core.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarError,
    WorkingCalendar,
    calendar_with,
    default_calendar,
    england_and_wales_bank_holidays,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "count", "due", "why"),
    [
        (D(2023, 5, 5), 10, D(2023, 5, 22), "Friday start; Coronation bank holiday 8 May 2023 skipped"),
        (D(2021, 12, 25), 10, D(2022, 1, 12), "Saturday start; Christmas and New Year substitute days"),
        (D(2023, 5, 6), 1, D(2023, 5, 9), "Saturday start: Monday 8 May 2023 was the Coronation"),
        (D(2024, 3, 9), 1, D(2024, 3, 11), "Saturday start: Monday is working day 1"),
        (D(2024, 3, 8), 1, D(2024, 3, 11), "Friday start: the weekend is skipped"),
        (D(2024, 3, 11), 0, D(2024, 3, 11), "zero working days is the start day itself"),
        (D(2024, 3, 9), 0, D(2024, 3, 9), "zero from a Saturday is still the Saturday"),
        (D(2020, 5, 1), 2, D(2020, 5, 5), "8 May 2020 (VE Day) moved May Day from 4 May: 4 May is working"),
        (D(2020, 5, 7), 1, D(2020, 5, 11), "8 May 2020 itself is a bank holiday"),
        (D(2022, 6, 1), 1, D(2022, 6, 6), "Spring bank holiday 2 June and Platinum Jubilee 3 June 2022"),
        (D(2022, 9, 16), 1, D(2022, 9, 20), "the Queen's funeral, 19 September 2022"),
        (D(2023, 5, 5), 1, D(2023, 5, 9), "the Coronation, 8 May 2023"),
        (D(2020, 12, 24), 1, D(2020, 12, 29), "Boxing Day 2020 on Saturday: substitute Monday 28 December"),
        (D(2022, 12, 23), 1, D(2022, 12, 28), "Christmas 2022 on Sunday: substitute Tuesday 27 December"),
        (D(2021, 12, 24), 1, D(2021, 12, 29), "Christmas 2021 on Saturday: 27 and 28 December substitutes"),
        (D(2024, 3, 28), 1, D(2024, 4, 2), "Good Friday 29 March and Easter Monday 1 April 2024"),
        (D(2024, 2, 28), 2, D(2024, 3, 1), "leap year: 29 February 2024 is a working day"),
        (D(2023, 2, 28), 1, D(2023, 3, 1), "not a leap year"),
        (D(2019, 12, 31), 1, D(2020, 1, 2), "New Year's Day 2020"),
        (D(2026, 12, 24), 1, D(2026, 12, 29), "Christmas 2026 on Friday; Boxing Day substitute Monday 28"),
    ],
)
def test_nth_working_day_after_the_start(
    calendar: WorkingCalendar, start: dt.date, count: int, due: dt.date, why: str
) -> None:
    assert calendar.add_working_days(start, count) == due, why


@pytest.mark.parametrize(
    ("day", "working", "reason"),
    [
        (D(2023, 5, 8), False, "Coronation of Charles III"),
        (D(2022, 6, 3), False, "Platinum Jubilee of Elizabeth II"),
        (D(2022, 9, 19), False, "State Funeral of Queen Elizabeth II"),
        (D(2020, 5, 8), False, "May Day"),
        (D(2020, 5, 4), True, None),
        (D(2024, 3, 29), False, "Good Friday"),
        (D(2024, 12, 25), False, "Christmas Day"),
        (D(2024, 12, 26), False, "Boxing Day"),
        (D(2024, 12, 27), True, None),
        (D(2024, 3, 9), False, "Saturday"),
        (D(2024, 3, 10), False, "Sunday"),
        (D(2024, 3, 11), True, None),
    ],
)
def test_which_days_are_working_days(
    calendar: WorkingCalendar, day: dt.date, working: bool, reason: str | None
) -> None:
    assert calendar.is_working_day(day) is working
    assert calendar.why_not_working(day) == reason


def test_working_days_after_counts_the_end_day_but_not_the_start(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_after(D(2024, 6, 24), D(2024, 7, 1)) == 5
    assert calendar.working_days_after(D(2024, 6, 24), D(2024, 6, 24)) == 0
    assert calendar.working_days_after(D(2024, 7, 1), D(2024, 6, 24)) == 0
    assert calendar.working_days_after(D(2024, 3, 8), D(2024, 3, 10)) == 0  # only a weekend


def test_a_council_day_moves_deadlines_and_is_named_as_a_council_day() -> None:
    plain = default_calendar()
    closure = D(2024, 3, 12)
    with_day = WorkingCalendar({closure: "Council closure for flooding"})
    assert plain.add_working_days(D(2024, 3, 8), 5) == D(2024, 3, 15)
    assert with_day.add_working_days(D(2024, 3, 8), 5) == D(2024, 3, 18)
    assert with_day.why_not_working(closure) == "Council closure for flooding (council day)"
    assert not with_day.is_working_day(closure)
    assert with_day.add_working_days_bulk([np.datetime64("2024-03-08")], 5)[0] == np.datetime64("2024-03-18")


def test_a_council_day_that_is_already_a_bank_holiday_keeps_the_bank_holiday_name() -> None:
    calendar = WorkingCalendar({D(2023, 5, 8): "Coronation"})
    assert calendar.why_not_working(D(2023, 5, 8)) == "Coronation of Charles III"
    assert calendar.add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)


def test_calendar_with_no_council_days_is_the_shared_default() -> None:
    assert calendar_with([]) is default_calendar()
    assert calendar_with([(D(2024, 3, 12), "Closure")]).add_working_days(D(2024, 3, 11), 1) == D(2024, 3, 13)


def test_non_working_days_lists_weekends_and_holidays_in_order(calendar: WorkingCalendar) -> None:
    days = calendar.non_working_days(D(2023, 5, 5), D(2023, 5, 22))
    assert [(d.day, d.reason) for d in days if not d.is_weekend] == [
        (D(2023, 5, 8), "Coronation of Charles III")
    ]
    assert sum(d.is_weekend for d in days) == 6
    assert calendar.holidays_between(D(2022, 6, 1), D(2022, 6, 30))[1].reason == "Platinum Jubilee of Elizabeth II"


def test_bank_holidays_cover_the_calendar_years() -> None:
    holidays = england_and_wales_bank_holidays()
    assert min(holidays).year == FIRST_YEAR
    assert max(holidays).year == LAST_YEAR


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add_working_days(D(2024, 1, 1), -1),
        lambda c: c.add_working_days(D(1989, 12, 31), 1),
        lambda c: c.add_working_days(D(2100, 12, 30), 10),
        lambda c: c.working_days_after(D(2024, 1, 1), D(2101, 1, 1)),
        lambda c: c.is_working_day(D(2200, 1, 1)),
        lambda c: c.add_working_days_bulk(["2024-01-01"], [-1]),
        lambda c: c.add_working_days_bulk(["1900-01-01"], [1]),
        lambda c: WorkingCalendar({D(1900, 1, 1): "too early"}),
    ],
)
def test_out_of_range_or_negative_input_is_a_calendar_error(calendar: WorkingCalendar, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CalendarError):
        call(calendar)


# Property tests against an independent reference: numpy's own business-day functions on the same
# holiday list, and a plain day-stepping loop.

days_in_range = st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31))
NUMPY_HOLIDAYS = np.array(sorted(england_and_wales_bank_holidays()), dtype="datetime64[D]")


def _stepping_reference(start: dt.date, count: int) -> dt.date:
    holidays = england_and_wales_bank_holidays()
    day = start
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            count -= 1
    return day


@settings(max_examples=300, deadline=None)
@given(start=days_in_range, count=st.integers(min_value=0, max_value=400))
def test_add_working_days_agrees_with_numpy_and_a_stepping_loop(start: dt.date, count: int) -> None:
    calendar = default_calendar()
    got = calendar.add_working_days(start, count)
    if count:
        expected = np.busday_offset(np.datetime64(start), count, roll="backward", holidays=NUMPY_HOLIDAYS)
        assert np.datetime64(got) == expected
    else:
        assert got == start  # day 0 is the start day, whatever kind of day
    assert got == _stepping_reference(start, count)
    assert calendar.working_days_after(start, got) == count


@settings(max_examples=100, deadline=None)
@given(starts=st.lists(days_in_range, min_size=1, max_size=50), count=st.integers(min_value=0, max_value=70))
def test_bulk_paths_agree_with_one_at_a_time(starts: list[dt.date], count: int) -> None:
    calendar = default_calendar()
    bulk = calendar.add_working_days_bulk(np.array(starts, dtype="datetime64[D]"), count)
    assert [d.astype(dt.date) for d in bulk] == [calendar.add_working_days(s, count) for s in starts]
    ends = [calendar.add_working_days(s, count) for s in starts]
    assert calendar.working_days_after_bulk(starts, ends).tolist() == [count] * len(starts)
