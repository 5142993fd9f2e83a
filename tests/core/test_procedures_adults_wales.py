"""adults-england (SI 2009/309) and children-wales (SI 2014/1795): limits, extension rules, warnings, examples.

Table-driven: each row would fail if a limit, an extension rule or a warning broke.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from redress.core.calendar import NATIONS, CalendarError, WorkingCalendar, bank_holidays, default_calendar
from redress.core.clocks import CLOCKS, clock_named, compute_deadline
from redress.core.definitions import ClockError
from redress.core.engine import Report, replay
from redress.core.events import parse_case
from redress.core.procedures.registry import procedure_named
from redress.core.table import RuleViolation
from tests.core.cases import POINTS, ev

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = dt.date


def _report(procedure: str, *events: dict[str, Any], today: str | None = None) -> Report:
    data: dict[str, Any] = {"procedure": procedure, "points": POINTS, "events": list(events)}
    if today:
        data["today"] = today
    return replay(parse_case(data))


def _received(date: str, **fields: Any) -> dict[str, Any]:
    return ev(date, "complaint.received", complainant={"role": "other"}, **fields)


# --- limits -------------------------------------------------------------------------------------

LIMITS = [
    # clock, start, limit in working days, due (Fri 3 May 2024; Mon 6 May and Mon 27 May are bank holidays)
    ("adults-england.acknowledgement", D(2024, 5, 3), 3, D(2024, 5, 9)),
    ("children-wales.acknowledgement", D(2024, 5, 3), 2, D(2024, 5, 8)),
    ("children-wales.local-resolution", D(2024, 5, 7), 10, D(2024, 5, 21)),
    ("children-wales.investigation", D(2024, 5, 3), 25, D(2024, 6, 11)),
]


@pytest.mark.parametrize(("name", "start", "limit", "due"), LIMITS, ids=[row[0] for row in LIMITS])
def test_each_new_clock_has_its_statutory_limit(name: str, start: dt.date, limit: int, due: dt.date) -> None:
    clock = clock_named(name)
    assert clock.limit_wd == limit
    assert compute_deadline(clock, start, default_calendar()).due == due
    assert clock.source.startswith(("SI 2009/309", "SI 2014/1795"))


def test_childrens_clocks_keep_their_names_and_codes_and_the_new_ones_follow() -> None:
    names = list(CLOCKS)
    assert names[:8] == ["stage1.response", "stage2.request-window", "stage2.statement", "stage2.response",
                         "stage3.request-window", "stage3.panel", "stage3.panel-report", "stage3.response"]
    assert names[8:12] == ["adults-england.acknowledgement", "children-wales.acknowledgement",
                           "children-wales.local-resolution", "children-wales.investigation"]
    assert names[12:] == [f"{code}.{clock}" for code in ("housing-code", "corporate-code")
                          for clock in ("acknowledgement", "stage1.response", "stage2.acknowledgement", "stage2.response")]
    for name in names[8:]:
        assert procedure_named(name.split(".")[0]).clocks[name] is CLOCKS[name]


EXTENSIONS = [(26, 26), (40, 40), (65, 65)]


@pytest.mark.parametrize(("to_wd", "limit"), EXTENSIONS)
def test_the_wales_investigation_extends_up_to_65_working_days(to_wd: int, limit: int) -> None:
    assert clock_named("children-wales.investigation").limit_for(to_wd) == limit


@pytest.mark.parametrize("to_wd", [66, 100])
def test_the_wales_investigation_cannot_extend_beyond_65(to_wd: int) -> None:
    with pytest.raises(ClockError, match="65 working days at most"):
        clock_named("children-wales.investigation").limit_for(to_wd)
    with pytest.raises(RuleViolation, match="between 26 and 65 working days, not"):
        _report("children-wales", _received("2024-05-03"), ev("2024-05-08", "wales.investigation-requested"),
                ev("2024-05-09", "wales.investigation-extended", to_wd=to_wd, reason="x", notified=True))


def test_the_adults_acknowledgement_cannot_be_extended() -> None:
    with pytest.raises(ClockError, match="cannot be extended"):
        clock_named("adults-england.acknowledgement").limit_for(5)


# --- the calendar names its nation ----------------------------------------------------------------


def test_each_procedure_names_its_nation_and_england_and_wales_share_bank_holidays_today() -> None:
    assert procedure_named("children-england").nation == "england"
    assert procedure_named("adults-england").nation == "england"
    assert procedure_named("children-wales").nation == "wales"
    assert set(NATIONS) == {"england", "wales"}
    assert bank_holidays("wales") == bank_holidays("england")
    assert default_calendar("wales").nation == "wales"
    assert default_calendar("wales") is default_calendar("wales")


def test_a_replay_counts_in_its_procedures_nation(monkeypatch: pytest.MonkeyPatch) -> None:
    import redress.core.engine as engine

    asked: list[str] = []

    def calendar_of(nation: str = "england") -> WorkingCalendar:
        asked.append(nation)
        return default_calendar(nation)

    monkeypatch.setattr(engine, "default_calendar", calendar_of)
    _report("children-wales", _received("2024-05-03"))
    _report("adults-england", _received("2024-05-03"))
    assert asked == ["wales", "england"]


def test_an_unknown_nation_is_refused_naming_the_ones_there_are() -> None:
    with pytest.raises(CalendarError, match="unknown nation 'scotland'; the nations are: england, wales"):
        WorkingCalendar(nation="scotland")


def test_a_council_day_on_a_wales_calendar_is_named_as_one() -> None:
    calendar = WorkingCalendar({D(2024, 5, 7): "Eisteddfod day"}, nation="wales")
    assert calendar.why_not_working(D(2024, 5, 7)) == "Eisteddfod day (council day)"
    assert calendar.why_not_working(D(2024, 5, 6)) == "May Day"


# --- warnings -----------------------------------------------------------------------------------

ADULTS = [
    ("on time", [ev("2024-05-08", "adults.acknowledged", discussion_offered=True),
                 ev("2024-06-20", "adults.responded", findings={"P1": "upheld"}, ombudsman_rights=True)],
     "2024-07-01", set()),
    ("acknowledged on day 4", [ev("2024-05-10", "adults.acknowledged", discussion_offered=True)], "2024-05-10",
     {"adults-england.acknowledgement.late"}),
    ("acknowledged on day 3", [ev("2024-05-09", "adults.acknowledged", discussion_offered=True)], "2024-05-10", set()),
    ("no acknowledgement by day 4", [], "2024-05-10", {"adults-england.acknowledgement.overdue"}),
    ("no discussion offered", [ev("2024-05-07", "adults.acknowledged")], "2024-05-10", {"adults.discussion-not-offered"}),
    ("six months to the day", [ev("2024-05-07", "adults.acknowledged", discussion_offered=True)], "2024-11-03", set()),
    ("six months and a day", [ev("2024-05-07", "adults.acknowledged", discussion_offered=True)], "2024-11-04",
     {"adults.response.overdue"}),
    ("responded after six months", [ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
                                    ev("2024-11-04", "adults.responded", findings={"P1": "upheld"},
                                       ombudsman_rights=True)], None, {"adults.response.late"}),
    ("responded after the agreed date", [
        ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
        ev("2024-05-10", "adults.response-period-agreed", respond_by="2024-06-28"),
        ev("2024-07-01", "adults.responded", findings={"P1": "upheld"}, ombudsman_rights=True)], None,
     {"adults.response.late"}),
    ("a later date agreed and explained", [
        ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
        ev("2024-10-01", "adults.response-period-agreed", respond_by="2024-12-20", explained=True),
        ev("2024-12-20", "adults.responded", findings={"P1": "upheld"}, ombudsman_rights=True)], None, set()),
    ("a later date agreed, not explained", [
        ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
        ev("2024-10-01", "adults.response-period-agreed", respond_by="2024-12-20")], "2024-12-01",
     {"adults.extension.unexplained"}),
    ("no Ombudsman rights", [ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
                             ev("2024-06-03", "adults.responded", findings={"P1": "upheld"})], None,
     {"adults.response.no-ombudsman-rights"}),
    ("withdrawn, so nothing is overdue", [ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
                                          ev("2024-05-20", "complaint.withdrawn")], "2024-12-01", set()),
]


@pytest.mark.parametrize(("events", "today", "codes"), [row[1:] for row in ADULTS], ids=[row[0] for row in ADULTS])
def test_adults_england_warnings(events: list[dict[str, Any]], today: str | None, codes: set[str]) -> None:
    report = _report("adults-england", _received("2024-05-03"), *events, today=today)
    assert report.codes() == codes


LATE = [
    ("12 months to the day", "2023-05-03", set()),
    ("12 months and a day", "2023-05-02", {"complaint.time-limit.undecided"}),
]


@pytest.mark.parametrize(("matter_on", "codes"), [row[1:] for row in LATE], ids=[row[0] for row in LATE])
def test_adults_england_twelve_month_limit(matter_on: str, codes: set[str]) -> None:
    report = _report("adults-england", _received("2024-05-03", matter_on=matter_on),
                     ev("2024-05-07", "adults.acknowledged", discussion_offered=True), today="2024-05-10")
    assert report.codes() == codes


@pytest.mark.parametrize(("considered", "codes"), [(True, set()), (False, {"complaint.refused-late-without-discretion"})])
def test_adults_england_refusing_a_late_complaint(considered: bool, codes: set[str]) -> None:
    report = _report("adults-england", _received("2024-05-03", matter_on="2023-01-01"),
                     ev("2024-05-07", "complaint.time-limit-decision", accepted=False, reason="Late",
                        discretion_considered=considered), today="2024-12-01")
    assert report.codes() == codes  # refused: no acknowledgement or response is then overdue


def test_adults_england_accepting_a_late_complaint_leaves_the_response_due() -> None:
    report = _report("adults-england", _received("2024-05-03", matter_on="2023-01-01"),
                     ev("2024-05-07", "adults.acknowledged", discussion_offered=True),
                     ev("2024-05-08", "complaint.time-limit-decision", accepted=True, reason="Good reason"),
                     today="2024-12-01")
    assert report.codes() == {"adults.response.overdue"}
    assert report.early_referral is None


REFUSED = [
    ("respond_by before it was agreed", "adults-england",
     [ev("2024-05-10", "adults.response-period-agreed", respond_by="2024-05-09")], "is before the day it was agreed"),
    ("a finding for an unknown point", "adults-england",
     [ev("2024-05-10", "adults.responded", findings={"P9": "upheld"})], "There is no point P9"),
    ("acknowledged twice", "adults-england",
     [ev("2024-05-07", "adults.acknowledged"), ev("2024-05-08", "adults.acknowledged")], "before the acknowledgement"),
    ("after the response", "adults-england",
     [ev("2024-05-07", "adults.responded", findings={"P1": "upheld"}),
      ev("2024-05-08", "adults.response-period-agreed", respond_by="2024-06-01")], "before the response"),
    ("after a refusal", "adults-england",
     [ev("2024-05-07", "complaint.time-limit-decision", accepted=False, reason="Late"),
      ev("2024-05-08", "adults.acknowledged")], "refused as out of time"),
    ("a children's event", "adults-england", [ev("2024-05-07", "stage1.responded", findings={"P1": "upheld"})],
     "is not an event of the procedure adults-england"),
    ("an adults event in Wales", "children-wales", [ev("2024-05-07", "adults.acknowledged")],
     "is not an event of the procedure children-wales"),
    ("a panel in Wales", "children-wales", [ev("2024-05-07", "stage3.requested")], "is not an event of the procedure"),
    ("a Wales event in England", "children-england", [ev("2024-05-07", "wales.acknowledged")],
     "is not an event of the procedure children-england"),
    ("a Wales finding for an unknown point", "children-wales",
     [ev("2024-05-07", "wales.investigation-requested"),
      ev("2024-05-08", "wales.investigation-responded", findings={"P9": "upheld"})], "There is no point P9"),
    ("local resolution before acknowledgement", "children-wales",
     [ev("2024-05-07", "wales.local-resolution-ended", resolved=True)], "after the acknowledgement"),
    ("a response before the request", "children-wales",
     [ev("2024-05-07", "wales.investigation-responded", findings={"P1": "upheld"})], "after the request"),
    ("local resolution after the request", "children-wales",
     [ev("2024-05-07", "wales.acknowledged"), ev("2024-05-08", "wales.investigation-requested"),
      ev("2024-05-09", "wales.local-resolution-ended", resolved=False)], "before the request"),
    ("extended twice", "children-wales",
     [ev("2024-05-08", "wales.investigation-requested"),
      ev("2024-05-09", "wales.investigation-extended", reason="x", notified=True),
      ev("2024-05-10", "wales.investigation-extended", reason="x", notified=True)], "before an extension"),
]


@pytest.mark.parametrize(("procedure", "events", "message"), [row[1:] for row in REFUSED], ids=[row[0] for row in REFUSED])
def test_events_out_of_place_are_refused_saying_why(procedure: str, events: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(RuleViolation, match=message):
        _report(procedure, _received("2024-05-03"), *events)


WALES = [
    ("on time", [ev("2024-05-07", "wales.acknowledged"),
                 ev("2024-05-17", "wales.local-resolution-ended", resolved=True, findings={"P1": "upheld"})],
     "2024-07-01", set()),
    ("acknowledged on day 2", [ev("2024-05-08", "wales.acknowledged")], "2024-05-08", set()),
    ("acknowledged on day 3", [ev("2024-05-09", "wales.acknowledged")], "2024-05-09",
     {"children-wales.acknowledgement.late"}),
    ("local resolution on day 10", [ev("2024-05-07", "wales.acknowledged"),
                                    ev("2024-05-21", "wales.local-resolution-ended", resolved=False)], None, set()),
    ("local resolution on day 11", [ev("2024-05-07", "wales.acknowledged"),
                                    ev("2024-05-22", "wales.local-resolution-ended", resolved=False)], None,
     {"children-wales.local-resolution.late"}),
    ("investigation on day 25", [ev("2024-05-03", "wales.investigation-requested"),
                                 ev("2024-06-11", "wales.investigation-responded", findings={"P1": "upheld"},
                                    ombudsman_rights=True)], None, set()),
    ("investigation on day 26", [ev("2024-05-03", "wales.investigation-requested"),
                                 ev("2024-06-12", "wales.investigation-responded", findings={"P1": "upheld"},
                                    ombudsman_rights=True)], None, {"children-wales.investigation.late"}),
    ("extended with notice, on time", [
        ev("2024-05-03", "wales.investigation-requested"),
        ev("2024-06-03", "wales.investigation-extended", to_wd=30, reason="Leave", notified=True),
        ev("2024-06-18", "wales.investigation-responded", findings={"P1": "upheld"}, ombudsman_rights=True)], None,
     set()),
    ("extended with notice, then late", [
        ev("2024-05-03", "wales.investigation-requested"),
        ev("2024-06-03", "wales.investigation-extended", to_wd=30, reason="Leave", notified=True),
        ev("2024-06-19", "wales.investigation-responded", findings={"P1": "upheld"}, ombudsman_rights=True)], None,
     {"children-wales.investigation.late"}),
    ("extended without notice", [
        ev("2024-05-03", "wales.investigation-requested"),
        ev("2024-06-03", "wales.investigation-extended", reason="Leave", notified=False)], "2024-06-04",
     {"wales.extension.unnotified"}),
    ("no Ombudsman named", [ev("2024-05-03", "wales.investigation-requested"),
                            ev("2024-05-20", "wales.investigation-responded", findings={"P1": "upheld"})], None,
     {"wales.response.no-ombudsman-rights"}),
    ("referred before the investigation", [ev("2024-05-07", "wales.acknowledged"),
                                           ev("2024-05-08", "ombudsman.referred")], None,
     {"wales.referral.premature"}),
    ("referred after the investigation", [ev("2024-05-03", "wales.investigation-requested"),
                                          ev("2024-05-20", "wales.investigation-responded", findings={"P1": "upheld"},
                                             ombudsman_rights=True),
                                          ev("2024-05-21", "ombudsman.referred")], None, set()),
    ("referred after closing", [ev("2024-05-07", "wales.acknowledged"), ev("2024-05-08", "complaint.closed"),
                                ev("2024-05-09", "ombudsman.referred")], "2024-07-01", set()),
]


@pytest.mark.parametrize(("events", "today", "codes"), [row[1:] for row in WALES], ids=[row[0] for row in WALES])
def test_children_wales_warnings(events: list[dict[str, Any]], today: str | None, codes: set[str]) -> None:
    report = _report("children-wales", _received("2024-05-03"), *events, today=today)
    assert report.codes() == codes
    assert report.early_referral is None


# --- the examples ---------------------------------------------------------------------------------

EXAMPLE_WARNINGS = {
    "adults-on-time.yaml": set(),
    "adults-late-acknowledgement.yaml": {"adults-england.acknowledgement.late", "adults.discussion-not-offered"},
    "adults-six-months.yaml": {"adults.response.overdue"},
    "adults-late-complaint.yaml": {"complaint.refused-late-without-discretion"},
    "wales-on-time.yaml": set(),
    "wales-late-investigation.yaml": {"children-wales.investigation.late", "wales.response.no-ombudsman-rights"},
    "wales-extended-unnotified.yaml": {"wales.extension.unnotified"},
    "wales-late-acknowledgement.yaml": {"children-wales.acknowledgement.late", "children-wales.local-resolution.overdue",
                                        "wales.referral.premature"},
}


def test_every_adults_and_wales_example_is_listed() -> None:
    on_disk = {p.name for p in EXAMPLES.glob("adults-*.yaml")} | {p.name for p in EXAMPLES.glob("wales-*.yaml")}
    assert on_disk == set(EXAMPLE_WARNINGS)


@pytest.mark.parametrize(("name", "codes"), sorted(EXAMPLE_WARNINGS.items()), ids=sorted(EXAMPLE_WARNINGS))
def test_each_example_replays_with_its_warnings(name: str, codes: set[str]) -> None:
    case = parse_case(__import__("yaml").safe_load((EXAMPLES / name).read_text()))
    assert replay(case).codes() == codes
