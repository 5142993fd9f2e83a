"""The statutory annual report (1 April to 31 March), counted from complaints' facts.

The same `Counts` come either from facts counted here (`count_facts`) or from SQL aggregates over
the reporting table (redress.reports.selectors); `annual_report` lays either out in sections.
Small numbers are suppressed: any count under the threshold (5 by default, a setting) is shown as
"fewer than 5", and so are medians and rates worked out from fewer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from redress.core.reports.facts import ComplaintFacts

Triple = tuple[str, str, str]
DONE = ("met", "late")
NOT_DONE = ("running", "overdue", "paused", "stopped")
PERCENTILES = {"median": 5, "90th percentile": 9}  # in tenths, so SQL and Python round alike


def reporting_year(year: int) -> tuple[dt.date, dt.date]:
    """The reporting year that starts on 1 April `year`: (1 April year, 31 March year + 1)."""
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def nearest_rank(values: Sequence[int], tenths: int) -> int | None:
    """The nearest-rank percentile (`tenths` of ten: 5 the median, 9 the 90th) of sorted `values`.

    The value at rank ceil(n * tenths / 10), counted from 1; None for no values.
    """
    if not values:
        return None
    rank = -(-len(values) * tenths // 10)
    return values[max(rank, 1) - 1]


@dataclass(slots=True)
class Counts:
    """The figures of one reporting year: complaints received, each fact's count, clocks' days taken."""

    complaints: int = 0
    facts: dict[Triple, int] = field(default_factory=dict)
    days: dict[str, dict[str, int | None]] = field(default_factory=dict)  # clock -> {median: n, 90th..: n}

    def count(self, kind: str, key: str, value: str) -> int:
        return self.facts.get((kind, key, value), 0)


def count_facts(complaints: Iterable[ComplaintFacts], *, year: int, procedure: str) -> Counts:
    """The counts for the complaints under `procedure` received in the reporting year starting in `year`."""
    start, end = reporting_year(year)
    counted: Counter[Triple] = Counter()
    taken: dict[str, list[int]] = defaultdict(list)
    total = 0
    for complaint in complaints:
        if complaint.procedure != procedure or not start <= complaint.received_on <= end:
            continue
        total += 1
        for fact in complaint.facts:
            counted[(fact.kind, fact.key, fact.value)] += 1
            if fact.kind == "clock" and fact.value in DONE and fact.days is not None:
                taken[fact.key].append(fact.days)
    days = {clock: {name: nearest_rank(sorted(values), tenths) for name, tenths in PERCENTILES.items()}
            for clock, values in taken.items()}
    return Counts(total, dict(counted), days)


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure as published: its value, or None where it is suppressed or there is none."""

    value: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    this_year: Cell
    year_before: Cell
    key: tuple[str, str, str] | None = None  # the fact counted (for links and checks), None for derived rows


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    rows: tuple[Row, ...]
    unit: str = "complaints"  # what the figures count, said above the table
    chart: bool = True  # counts are charted; days are tabled only


@dataclass(frozen=True, slots=True)
class AnnualReport:
    council: str
    procedure: str
    procedure_title: str
    year: int
    start: dt.date
    end: dt.date
    computed_on: dt.date | None
    threshold: int
    sections: tuple[Section, ...]

    @property
    def period(self) -> str:
        return f"1 April {self.year} to 31 March {self.year + 1}"

    @property
    def suppression_note(self) -> str:
        return (f"To protect the people the complaints are about, any count under {self.threshold} is shown as "
                f"\u201cfewer than {self.threshold}\u201d, and so is a median worked out from fewer than "
                f"{self.threshold} responses.")


WORDS = {
    "1": "Stage 1", "2": "Stage 2", "3": "Stage 3", "not-recorded": "Not recorded",
    "parental-responsibility": "Person with parental responsibility", "sufficient-interest": "Sufficient interest",
    "staff-conduct": "Staff conduct", "partly-upheld": "Partly upheld", "not-upheld": "Not upheld",
    "not-investigated": "Not investigated", "closed-after-initial-enquiries": "Closed after initial enquiries",
    "done": "Completed on time", "late": "Completed late", "open": "Still open, not yet due",
    "overdue": "Still open, overdue", "stage2": "Stage 2 recommendation", "stage3": "Panel recommendation",
    "ombudsman": "Ombudsman remedy", "council": "Agreed by the council",
}


@dataclass(frozen=True, slots=True)
class Labels:
    """The words for the codes the facts use; a code not listed is shown with its hyphens as spaces."""

    clock_titles: dict[str, str]
    words: dict[str, str] = field(default_factory=lambda: dict(WORDS))

    def of(self, code: str) -> str:
        if code in self.clock_titles:
            return self.clock_titles[code]
        return self.words.get(code) or code.replace("-", " ").capitalize()




def annual_report(
    this_year: Counts, year_before: Counts, *, council: str, procedure: str, procedure_title: str, year: int,
    clock_titles: dict[str, str], threshold: int = 5, computed_on: dt.date | None = None,
) -> AnnualReport:
    """The annual report's sections from the two years' counts, small numbers suppressed."""
    labels = Labels(clock_titles)
    pair = (this_year, year_before)
    sections = (
        _received(pair, labels, threshold),
        _outcomes(pair, labels, threshold),
        _timeliness(pair, labels, threshold),
        _days(pair, labels, threshold),
        _simple("panels", "Review panels", pair, "panel", ["requested", "refused", "scheduled", "held"],
                ["Panels requested", "Panels refused", "Panels scheduled", "Panels held"], threshold),
        _recommendations(pair, labels, threshold),
        _ombudsman(pair, labels, threshold),
        _learning(pair, labels, threshold),
    )
    start, end = reporting_year(year)
    return AnnualReport(council, procedure, procedure_title, year, start, end, computed_on, threshold, sections)


def cell(value: int, threshold: int) -> Cell:
    """A count as published: under `threshold`, "fewer than N" (its value withheld)."""
    if value < threshold:
        return Cell(None, f"fewer than {threshold}")
    return Cell(value, f"{value:,}")


def _row(label: str, pair: tuple[Counts, Counts], key: Triple, threshold: int) -> Row:
    return Row(label, cell(pair[0].count(*key), threshold), cell(pair[1].count(*key), threshold), key)


def _values(pair: tuple[Counts, Counts], kind: str, key: str | None = None) -> list[tuple[str, str]]:
    """The (key, value) pairs of `kind` (and `key`) counted in either year, in a steady order."""
    found = {(k, v) for counts in pair for (fk, k, v) in counts.facts if fk == kind and (key is None or k == key)}
    return sorted(found)


def _received(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows = [Row("Representations received", cell(pair[0].complaints, threshold), cell(pair[1].complaints, threshold))]
    for key, heading in (("stage", "Stage reached"), ("role", "Complainant"), ("about", "Point about"),
                         ("via", "How it came in"), ("status", "Now")):
        for _, value in _values(pair, "received", key):
            rows.append(_row(f"{heading}: {labels.of(value)}", pair, ("received", key, value), threshold))
    return Section("received", "Representations received", tuple(rows),
                   unit="complaints (points, for what they were about)")


def _outcomes(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows = [_row(f"{key.capitalize()}: {labels.of(value)}", pair, ("outcome", key, value), threshold)
            for key, value in _values(pair, "outcome")]
    return Section("outcomes", "Outcomes per point at each stage", tuple(rows), unit="points")


def _clocks(pair: tuple[Counts, Counts]) -> list[str]:
    return sorted({key for key, _ in _values(pair, "clock")})


def _timeliness(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows: list[Row] = []
    for clock in _clocks(pair):
        title = labels.of(clock)
        rows.append(_row(f"{title}: met", pair, ("clock", clock, "met"), threshold))
        rows.append(_row(f"{title}: late", pair, ("clock", clock, "late"), threshold))
        not_done = [sum(c.count("clock", clock, s) for s in NOT_DONE) for c in pair]
        rows.append(Row(f"{title}: not done yet or stopped", cell(not_done[0], threshold), cell(not_done[1], threshold)))
        rows.append(_row(f"{title}: extended", pair, ("extension", clock, "extended"), threshold))
        rows.append(_row(f"{title}: paused by a suspension", pair, ("suspension", clock, "paused"), threshold))
    return Section("timeliness", "Timeliness of each step", tuple(rows), unit="complaints")


def _days(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows: list[Row] = []
    for clock in _clocks(pair):
        for name in PERCENTILES:
            cells = []
            for counts in pair:
                done = sum(counts.count("clock", clock, s) for s in DONE)
                value = counts.days.get(clock, {}).get(name)
                if value is None:
                    cells.append(Cell(None, "none"))
                elif done < threshold:
                    cells.append(Cell(None, f"fewer than {threshold} responses"))
                else:
                    cells.append(Cell(value, f"{value} working days"))
            rows.append(Row(f"{labels.of(clock)}: {name}", cells[0], cells[1]))
    return Section("days", "Working days taken", tuple(rows), unit="working days, start to step", chart=False)


def _simple(section_id: str, title: str, pair: tuple[Counts, Counts], kind: str, keys: list[str],
            names: list[str], threshold: int) -> Section:
    rows = [_row(name, pair, (kind, key, "yes"), threshold) for key, name in zip(keys, names, strict=True)]
    return Section(section_id, title, tuple(rows))


def _recommendations(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows = []
    for key in ("stage 2", "stage 3"):
        stage = "Stage 2 adjudication" if key == "stage 2" else "Review panel"
        for value in ("made", "accepted", "done", "late", "open", "overdue"):
            rows.append(_row(f"{stage}: {labels.of(value).lower() if value in ('made', 'accepted') else labels.of(value)}",
                             pair, ("recommendation", key, value), threshold))
    return Section("recommendations", "Recommendations", tuple(rows), unit="recommendations")


def _ombudsman(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows = [_row("Referred to the Ombudsman", pair, ("ombudsman", "referred", "yes"), threshold)]
    for _, outcome in _values(pair, "ombudsman", "decided"):
        rows.append(_row(f"Decided: {labels.of(outcome)}", pair, ("ombudsman", "decided", outcome), threshold))
    for value in ("done", "late", "open", "overdue"):
        rows.append(_row(f"Remedies: {labels.of(value).lower()}", pair, ("remedy", "remedy", value), threshold))
    return Section("ombudsman", "The Ombudsman", tuple(rows), unit="complaints (remedies, for remedies)")


def _learning(pair: tuple[Counts, Counts], labels: Labels, threshold: int) -> Section:
    rows = [_row(f"{labels.of(key)} ({labels.of(source).lower()})", pair, ("learning", key, source), threshold)
            for key, source in _values(pair, "learning")]
    return Section("learning", "Learning: actions agreed, by what they change", tuple(rows), unit="actions")
