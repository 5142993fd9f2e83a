"""On PostgreSQL a statement sent again and again is prepared on the server once (REDRESS_DB_PREPARED)."""

from __future__ import annotations

import pytest
from django.db import connection

from redress.councils.models import Council

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's")]


def test_a_repeated_statement_is_prepared_on_the_server(council: Council) -> None:
    for _ in range(6):
        assert Council.objects.filter(slug=council.slug).count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%councils_council%"])
        assert cursor.fetchone()[0] >= 1
