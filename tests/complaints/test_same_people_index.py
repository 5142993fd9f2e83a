"""The complaint page's "other open complaints from the same people" reads an index, not every complaint.

Without the index (complaints 0008) PostgreSQL scanned the whole table for each complaint page:
105 ms a page at 100,000 complaints, a third of the database's work under bench_load.
"""

from __future__ import annotations

import pytest
from django.db import connection

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaints_open_for_same_people
from redress.complaints.services import complaint_create
from redress.councils.models import Council, User
from tests.complaints.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan (SQLite compares names with LIKE)")
def test_the_same_people_are_found_through_the_index(council: Council, officer: User) -> None:
    complaint = complaint_create(
        council=council, by=officer, complainant_name="Ann Smith ", complainant_role="parent", child_name="Ben",
        points=[{"id": "P1", "text": "A delay", "about": "delay"}], received_on=TODAY, today=TODAY)
    Complaint.objects.bulk_create([  # other people's complaints, so that the planner has a choice to make
        Complaint(council=council, reference=f"NC-2023-{n:04}", complainant_name=f"Person {n}", child_name=f"Child {n}",
                  complainant_role="parent", points=[], created_by=officer) for n in range(1, 400)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_complaint")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be scanned whatever the indexes
    plan = complaints_open_for_same_people(complaint).order_by().explain()  # the filter, without the sort
    assert "complaint_same_people" in plan, plan
