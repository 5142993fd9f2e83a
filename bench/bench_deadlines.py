"""Deadlines: 1,000,000 through the bulk path and one at a time, beside raw numpy in the same run.

Targets (issue 2): the bulk path reaches at least half of raw `numpy.busday_offset`'s throughput;
one at a time costs under 10 microseconds a call.
"""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

from redress.core.calendar import default_calendar
from redress.core.clocks import CLOCK_ORDER, CLOCKS, clock_codes, compute_deadline, compute_due_dates

N = 1_000_000
SINGLE_SAMPLE = 200_000


def _inputs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Random start dates over ten years and random clocks, as clock codes (see CLOCK_ORDER)."""
    rng = np.random.default_rng(2026)
    starts = np.datetime64("2015-01-01") + rng.integers(0, 365 * 10, n).astype("timedelta64[D]")
    codes = rng.integers(0, len(CLOCK_ORDER), n).astype(np.int8)
    return starts, codes


def main() -> None:
    calendar = default_calendar()
    starts, codes = _inputs(N)
    names = np.array(CLOCK_ORDER)[codes]
    limits = np.array([CLOCKS[name].limit_wd for name in CLOCK_ORDER])[codes]
    holidays = np.array(sorted(calendar.holidays), dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    began = time.perf_counter()
    np.busday_offset(starts, limits, roll="backward", busdaycal=busdaycal)
    raw = time.perf_counter() - began

    began = time.perf_counter()
    bulk_due = compute_due_dates(codes, starts, calendar)
    bulk = time.perf_counter() - began

    began = time.perf_counter()
    named_due = compute_due_dates(names, starts, calendar)
    by_name = time.perf_counter() - began
    assert (bulk_due == named_due).all()
    assert (clock_codes(names[:1000]) == codes[:1000]).all()

    single_starts = [d.astype(dt.date) for d in starts[:SINGLE_SAMPLE]]
    single_clocks = [CLOCKS[CLOCK_ORDER[c]] for c in codes[:SINGLE_SAMPLE]]
    began = time.perf_counter()
    for clock, start in zip(single_clocks, single_starts, strict=True):
        compute_deadline(clock, start, calendar)
    single = (time.perf_counter() - began) / SINGLE_SAMPLE

    began = time.perf_counter()
    for clock, start in zip(single_clocks, single_starts, strict=True):
        calendar.add_working_days(start, clock.limit_wd)
    single_add = (time.perf_counter() - began) / SINGLE_SAMPLE

    print(f"raw numpy.busday_offset    {N:,} deadlines in {raw * 1000:7.1f} ms  ({N / raw:,.0f}/s)")
    print(f"bulk compute_due_dates     {N:,} deadlines in {bulk * 1000:7.1f} ms  ({N / bulk:,.0f}/s)")
    print(f"  bulk / raw numpy throughput ratio: {raw / bulk:.2f} (target >= 0.50)")
    print(f"bulk by clock name         {N:,} deadlines in {by_name * 1000:7.1f} ms  ({N / by_name:,.0f}/s; names mapped to codes first)")
    print(f"one at a time compute_deadline: {single * 1e6:.2f} us a call (target < 10 us; {SINGLE_SAMPLE:,} calls)")
    print(f"one at a time add_working_days: {single_add * 1e6:.2f} us a call")
    print(f"  one-at-a-time / target ratio: {single * 1e6 / 10:.2f} (target <= 1.00)")


if __name__ == "__main__":
    main()
