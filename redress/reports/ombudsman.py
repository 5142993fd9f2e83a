"""The Ombudsman's view of a council: our complaints it decided, the remedies and their compliance,
beside the decisions the Ombudsman published about the council (the decisions library).

Compliance is counted as the Ombudsman's annual review letter counts it: of the remedies whose due
date has passed or that are done, the share done by the date agreed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaint_report
from redress.core.engine import ActionReport
from redress.core.reports import reporting_year
from redress.core.reports.annual import WORDS
from redress.councils.models import Council
from redress.decisions.models import Decision
from redress.reports.models import ReportFact

REMEDIES_LISTED = 200
GENERIC_WORDS = {"council", "county", "borough", "city", "of", "the", "district", "metropolitan", "royal",
                 "london", "and", "mbc", "cc", "bc"}


@dataclass(frozen=True)
class Remedy:
    complaint: Complaint
    action: ActionReport


@dataclass
class OmbudsmanView:
    year: int | None
    decided: dict[str, int] = field(default_factory=dict)
    remedies: list[Remedy] = field(default_factory=list)
    remedy_statuses: dict[str, int] = field(default_factory=dict)
    more_remedies: bool = False
    published: list[Decision] = field(default_factory=list)
    published_total: int = 0
    published_upheld: int = 0
    matched_by: str = ""

    @property
    def decided_rows(self) -> list[tuple[str, int]]:
        """(outcome in words, complaints), in the Ombudsman's order."""
        order = ["upheld", "not-upheld", "closed-after-initial-enquiries"]
        keys = sorted(self.decided, key=lambda k: order.index(k) if k in order else len(order))
        return [(WORDS.get(k) or k.replace("-", " ").capitalize(), self.decided[k]) for k in keys]

    @property
    def decided_total(self) -> int:
        return sum(self.decided.values())

    @property
    def upheld_rate(self) -> str:
        return _share(self.decided.get("upheld", 0), self.decided_total)

    @property
    def compliance(self) -> str:
        due = sum(self.remedy_statuses.get(s, 0) for s in ("done", "late", "overdue"))
        return _share(self.remedy_statuses.get("done", 0), due)

    @property
    def published_upheld_rate(self) -> str:
        return _share(self.published_upheld, self.published_total)


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "none yet"


def authority_words(council: Council) -> str:
    """The distinctive part of the council's name, as the Ombudsman's `authority` would contain it."""
    words = [w for w in re.findall(r"[A-Za-z'-]+", council.name) if w.lower() not in GENERIC_WORDS]
    return " ".join(words) or council.name


def published_about(council: Council) -> QuerySet[Decision]:
    words = authority_words(council)
    return Decision.objects.filter(Q(authority__iexact=council.name) | Q(authority__icontains=words))


def council_ombudsman(*, council: Council, today: dt.date, year: int | None = None) -> OmbudsmanView:
    view = OmbudsmanView(year)
    facts = ReportFact.objects.filter(council=council)
    if year is not None:
        facts = facts.filter(on__range=reporting_year(year))
    view.decided = dict(facts.filter(kind="ombudsman", key="decided").values_list("value").annotate(n=Count("*")).order_by())
    remedy_ids = list(facts.filter(kind="remedy").values_list("complaint_id", flat=True).distinct().order_by("complaint_id"))
    complaints = Complaint.objects.filter(pk__in=remedy_ids[:REMEDIES_LISTED]).select_related("council")
    statuses: Counter[str] = Counter(facts.filter(kind="remedy").values_list("value", flat=True))
    for complaint in complaints.order_by("reference"):
        report = complaint_report(complaint, today=today).report
        for action in report.actions:
            if action.source == "ombudsman" and (year is None or _in_year(action, year)):
                view.remedies.append(Remedy(complaint, action))
    view.remedy_statuses = dict(statuses)
    view.more_remedies = len(remedy_ids) > REMEDIES_LISTED
    published = published_about(council)
    view.published_total = published.count()
    view.published_upheld = published.filter(outcome__istartswith="upheld").count()
    view.published = list(published.order_by("-decision_date", "reference")[:20])
    view.matched_by = authority_words(council)
    return view


def _in_year(action: ActionReport, year: int) -> bool:
    start, end = reporting_year(year)
    return start <= (action.done or action.agreed) <= end
