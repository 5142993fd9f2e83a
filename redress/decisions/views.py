"""The decisions library pages: search, one decision, remedy statistics. Sign-in needed; no council scope."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property

from redress.core.decisions.structure import heading_key
from redress.core.decisions.text import clean_lines
from redress.decisions.charts import bar_chart
from redress.decisions.forms import BODY_LABELS, REASON_LABELS, DecisionSearchForm
from redress.decisions.selectors import (
    COUNT_CAP,
    DecisionFilters,
    capped_count,
    decision_by_reference,
    decision_search,
    filter_choices,
)
from redress.decisions.statistics import GroupStatistics, remedy_statistics

PAGE_SIZE = 20


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """Pages over at most COUNT_CAP + 1 matches; `more` says there are more than COUNT_CAP."""

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list)  # type: ignore[arg-type]

    @property
    def more(self) -> bool:
        return self.count > COUNT_CAP


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search the published decisions by words and filters, newest first."""
    form = DecisionSearchForm(request.GET or None, choices=filter_choices())
    page = None
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else DecisionFilters()
        page = CappedPaginator(decision_search(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode(), "count_cap": COUNT_CAP}
    return render(request, "decisions/search.html", context)


def _paragraphs(text: str) -> list[tuple[bool, str]]:
    """The decision's lines, each marked as a heading or a paragraph."""
    return [(heading_key(line) is not None and line.norm[:8].lower() != "summary:", line.text) for line in clean_lines(text)]


@login_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One decision: the record read from it beside the text itself."""
    decision = decision_by_reference(reference)
    if decision is None:
        raise Http404("No decision with that reference is in the library")
    if reference != decision.slug:
        return redirect("decisions:detail", reference=decision.slug)
    context: dict[str, Any] = {
        "decision": decision,
        "paragraphs": _paragraphs(decision.text),
        "bodies": [BODY_LABELS.get(code, code) for code in decision.other_body_codes],
        "reasons": [REASON_LABELS.get(code, code) for code in decision.reason_codes],
    }
    return render(request, "decisions/detail.html", context)


def _money(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def _payment_chart(chart_id: str, title: str, groups: list[GroupStatistics]) -> Any:
    paid = [group for group in groups if group.quartiles]
    return bar_chart(
        chart_id,
        title,
        [(g.label, float(g.quartiles[1]), _money(g.quartiles[1])) for g in paid if g.quartiles],
        [(float(g.quartiles[0]), float(g.quartiles[2])) for g in paid if g.quartiles],
    )


def _upheld_chart(chart_id: str, title: str, groups: list[GroupStatistics]) -> Any:
    rated = [group for group in groups if group.upheld_share is not None]
    return bar_chart(
        chart_id, title, [(g.label, (g.upheld_share or 0) * 100, f"{(g.upheld_share or 0):.0%}") for g in rated]
    )


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """What faults cost: payments and the share upheld by category and by fault, common actions and deadlines."""
    stats = remedy_statistics()
    context = {
        "stats": stats,
        "charts": {
            "category_payments": _payment_chart("category-payments", "Median payment by category", stats.by_category),
            "category_upheld": _upheld_chart("category-upheld", "Share upheld by category", stats.by_category),
            "fault_payments": _payment_chart("fault-payments", "Median payment by finding on fault", stats.by_fault),
            "fault_upheld": _upheld_chart("fault-upheld", "Share upheld by finding on fault", stats.by_fault),
            "actions": bar_chart("actions", "Most common agreed actions", [(k, n, str(n)) for k, n in stats.actions]),
            "deadlines": bar_chart("deadlines", "Most common deadlines", [(k, n, str(n)) for k, n in stats.deadlines]),
        },
    }
    return render(request, "decisions/statistics.html", context)
