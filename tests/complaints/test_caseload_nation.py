"""The caseload counts a complaint's days left in the working days of the nation of the procedure it is under now."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from redress.complaints.services import complaint_import
from redress.councils.models import Council, CouncilHoliday, User
from tests.complaints.conftest import signed_in
from tests.core.test_procedure_change_nation import _with_st_davids_day

pytestmark = pytest.mark.django_db


def test_a_welsh_complaint_s_days_left_skip_wales_s_own_holidays(
        council: Council, manager: User, officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    from redress.core import calendar as calendar_module

    monkeypatch.setattr(calendar_module, "bank_holidays", _with_st_davids_day)
    CouncilHoliday.objects.create(council=council, day=dt.date(2027, 1, 4), name="Council closure (this test's own)")
    council.procedures = "children-england children-wales"
    council.save(update_fields=["procedures"])
    points = [{"id": "P1", "text": "Contact was cancelled", "about": "contact"}]
    received = {"date": "2027-02-26", "type": "complaint.received", "complainant": {"role": "parent"}}
    for procedure, name in (("children-wales", "Ms Wales"), ("children-england", "Ms England")):
        complaint_import(council=council, by=manager, data={"procedure": procedure, "points": points,
                                                            "events": [received]},
                         today=dt.date(2027, 2, 26), officer=officer, complainant_name=name)
    with time_machine.travel(dt.datetime(2027, 2, 26, 12, tzinfo=dt.UTC), tick=False):
        page = signed_in(officer).get("/complaints/").content.decode()
    rows = page[page.index('id="caseload-table"'):]
    wales, england = rows[rows.index("Ms Wales"):], rows[rows.index("Ms England"):]
    # Welsh acknowledgement: 2 working days from Fri 26 Feb, 1 March a holiday there: due Wed 3 March, 2 days
    # left (counted in England's days it would be 3).
    assert "2 working days left" in wales[:600]
    # English Stage 1: 10 working days, 1 March counted: due Fri 12 March, 10 days left.
    assert "10 working days left" in england[:600]
