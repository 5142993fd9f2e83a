"""The caseload's next deadline of an adult social care complaint is its response date: agreed, or six months."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.complaints.models import Projection
from redress.complaints.services import complaint_import, complaint_record_event
from redress.councils.models import Council, User
from tests.complaints.conftest import signed_in
from tests.core.test_adults_due_date import AGREED, RESPONDED, _adults

pytestmark = pytest.mark.django_db


def test_the_agreed_response_date_is_the_caseload_s_next_deadline(council: Council, manager: User,
                                                                   officer: User) -> None:
    council.procedures = "children-england adults-england"
    council.save(update_fields=["procedures"])
    complaint = complaint_import(council=council, by=manager, data=_adults(), today=dt.date(2026, 3, 5), officer=officer)
    projection = Projection.objects.get(complaint=complaint)
    assert (projection.next_due, projection.next_due_what) == (dt.date(2026, 9, 2), "Response (six months from receipt)")
    complaint_record_event(complaint=complaint, by=officer, event=AGREED, today=dt.date(2026, 3, 6))
    projection.refresh_from_db()
    assert (projection.next_due, projection.next_due_what) == (dt.date(2026, 5, 29), "Response (the date agreed)")
    page = signed_in(officer).get("/complaints/?procedure=adults-england").content.decode()
    assert "Response (the date agreed)" in page
    complaint_record_event(complaint=complaint, by=officer, event=RESPONDED, today=dt.date(2026, 5, 20))
    projection.refresh_from_db()
    assert (projection.next_due, projection.next_due_what) == (None, "")
