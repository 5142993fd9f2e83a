"""After `procedure.changed` into another nation's procedure, the new procedure's clocks count that nation's days.

England and Wales share their bank holidays today, so the test gives Wales one of its own (St David's Day,
Monday 1 March 2027, as has been proposed): the Welsh clocks must step over it and the English ones must not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

from redress.core import calendar as calendar_module
from redress.core.calendar import WorkingCalendar
from redress.core.engine import replay
from redress.core.events import parse_case

ST_DAVIDS_DAY = dt.date(2027, 3, 1)
real_bank_holidays = calendar_module.bank_holidays


def _with_st_davids_day(nation: str = "england") -> Mapping[dt.date, str]:
    days = dict(real_bank_holidays(nation))
    if nation == "wales":
        days[ST_DAVIDS_DAY] = "St David's Day"
    return days


@pytest.fixture
def welsh_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_module, "bank_holidays", _with_st_davids_day)


def _case(start: str, to: str) -> dict[str, object]:
    return {
        "procedure": start,
        "points": [{"id": "P1", "text": "Contact was cancelled", "about": "contact"}],
        "events": [
            {"date": "2027-02-22", "type": "complaint.received", "complainant": {"role": "parent"}},
            {"date": "2027-02-26", "type": "procedure.changed", "to": to, "reason": "The family lives in Wales"},
        ],
    }


@pytest.mark.usefixtures("welsh_day")
def test_a_move_into_the_welsh_procedure_counts_wales_s_days_for_its_clocks() -> None:
    council_days = {dt.date(2027, 2, 24): "Council closure (flood)"}
    report = replay(parse_case(_case("children-england", "children-wales")), today=dt.date(2027, 2, 26),
                    calendar=WorkingCalendar(council_days, nation="england"))
    acknowledgement = report.clock("children-wales.acknowledgement")
    assert acknowledgement is not None and acknowledgement.start == dt.date(2027, 2, 26)
    assert acknowledgement.due == dt.date(2027, 3, 3)  # 2 working days in Wales: Tue 2, Wed 3 (1 March a holiday)
    assert acknowledgement.deadline.calendar is not None
    assert acknowledgement.deadline.calendar.why_not_working(ST_DAVIDS_DAY) == "St David's Day"
    assert dt.date(2027, 2, 24) in acknowledgement.calendar.council_days  # the council's own days go with it
    english = report.clock("stage1.response")
    assert english is not None and english.status == "stopped"
    assert english.due == dt.date(2027, 3, 9)  # 10 English working days: the council day skipped, 1 March counted


@pytest.mark.usefixtures("welsh_day")
def test_a_move_out_of_wales_counts_england_s_days_again() -> None:
    report = replay(parse_case(_case("children-wales", "children-england")), today=dt.date(2027, 2, 26),
                    calendar=WorkingCalendar(nation="wales"))
    stage1 = report.clock("stage1.response")
    assert stage1 is not None and stage1.start == dt.date(2027, 2, 26)
    assert stage1.due == dt.date(2027, 3, 12)  # 10 working days in England: 1 March counts
    welsh = report.clock("children-wales.acknowledgement")
    assert welsh is not None and welsh.due == dt.date(2027, 2, 24)


def test_the_calendar_in_another_nation_is_made_once_and_kept() -> None:
    england = WorkingCalendar({dt.date(2027, 2, 24): "Council closure"}, nation="england")
    wales = england.in_nation("wales")
    assert wales.nation == "wales" and wales.council_days == england.council_days
    assert england.in_nation("wales") is wales and england.in_nation("england") is england
