"""Reads for the web shell's own pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from redress.complaints.selectors import CaseloadFilters, caseload
from redress.councils.models import Council, User


@dataclass(frozen=True)
class HomeFigures:
    """The numbers on the home page, for one council, as of one day."""

    open: int
    overdue: int
    mine: int


def home_figures(*, council: Council, user: User, today: dt.date) -> HomeFigures:
    """Open complaints of `council`, how many are past their next deadline, and how many are `user`'s."""
    return HomeFigures(
        open=caseload(council=council, filters=CaseloadFilters(), today=today).count(),
        overdue=caseload(council=council, filters=CaseloadFilters(overdue=True), today=today).count(),
        mine=caseload(council=council, filters=CaseloadFilters(officer=user), today=today).count(),
    )
