"""Properties: random valid histories never break the engine; random invalid ones are always refused cleanly.

A valid history is made by walking the procedure: at each step an event type is drawn with plausible
fields and a date a little after the last, and kept only if the procedure allows it there. Invalid
histories are valid ones with one thing broken.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.core.calendar import default_calendar
from redress.core.engine import replay
from redress.core.events import (
    EVENT_TYPES,
    OUTCOMES,
    CaseFileError,
    event_to_data,
    parse_case,
    parse_event,
    read_case_text,
)
from redress.core.procedures.children_england.procedure import CHILDREN_ENGLAND
from redress.core.procedures.registry import PROCEDURES
from redress.core.rules import RuleViolation, State, apply, new_state

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

POINTS = [
    {"id": "P1", "text": "The review was cancelled", "about": "practice"},
    {"id": "P2", "text": "The record is wrong", "about": "records"},
    {"id": "P3", "text": "The social worker was rude", "about": "staff-conduct"},
]
PEOPLE = ["Ann Lee", "Bo Chan", "Cy Dow", "Rae Bond"]
DUES = ["20 WD", "10 WD", "4 weeks", "12 weeks", "1 month", "3 months", "90 days"]
# The main line comes up more often, so walks get far into the procedure.
MAIN_LINE = [
    "stage1.responded", "stage2.requested", "stage2.statement-agreed", "stage2.responded", "stage3.requested",
    "stage3.panel-held", "stage3.panel-reported", "stage3.responded",
]
CLOCK_STATUSES = {"running", "met", "late", "overdue", "paused", "stopped"}
ACTION_STATUSES = {"open", "done", "late", "overdue"}
OFFER_STATUSES = {"open", "withdrawn", "taken-up", "lapsed"}
CLOCKS = ("stage1.response", "stage2.statement", "stage2.response", "stage3.panel", "stage3.panel-report",
          "stage3.response")
WARNING_CODES = {
    *(f"{clock}.{kind}" for p in PROCEDURES.values() for clock in p.clocks for kind in ("late", "overdue")),
    # after a procedure.changed into one of the Ombudsmen's codes
    *(f"{prefix}.{code}" for prefix in ("housing", "corporate")
      for code in ("extension.unexplained", "response.no-ombudsman-details", "stage2.refused", "referral.premature")),
    "procedure.likely-wrong",
    "stage1.response.incomplete", "stage2.request.outside-window", "stage3.request.outside-window",
    "stage2.extension.unnotified", "stage3.refused", "stage3.rejected-without-reasons", "offer.withdrawn-early",
    "action.overdue", "action.late", "complaint.refused-late-without-discretion", "independence.conflict",
    "independence.conflict-resolved",
    "suspension.unnotified", "early-referral.ineligible", "route.social-work-england",
    "route.information-commissioner", "route.court", "stage3.panel.scheduled-late", "complaint.time-limit.undecided",
}


def _findings(draw: st.DrawFn, *, allow_empty: bool = True) -> dict[str, str]:
    chosen = draw(st.lists(st.sampled_from(["P1", "P2", "P3"]), unique=True, min_size=0 if allow_empty else 1))
    return {p: draw(st.sampled_from(OUTCOMES)) for p in chosen}


def _due(draw: st.DrawFn, on: dt.date) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(DUES))
    return (on + dt.timedelta(days=draw(st.integers(1, 200)))).isoformat()


def _fields(draw: st.DrawFn, kind: str, on: dt.date, state: State, serial: int) -> dict[str, Any]:
    """Plausible fields for an event of `kind` on `on`, given the state so far."""
    b = st.booleans()
    if kind == "complaint.received":
        return {"complainant": {"role": "parent"}}
    if kind in ("complaint.time-limit-decision",):
        return {"accepted": draw(b), "reason": "Decided", "discretion_considered": draw(b)}
    if kind == "eligibility.decided":
        return {"eligible": draw(b), "basis": "Checked"}
    if kind in ("stage1.extended", "stage3.refused"):
        return {"reason": "Complex"}
    if kind == "stage1.responded":
        return {"findings": _findings(draw),
                "says": draw(st.lists(st.sampled_from(["findings", "basis", "remedy"]), unique=True))}
    if kind in ("stage2.request-decision", "stage3.request-decision"):
        return {"accepted": draw(b), "reason": "Considered"}
    if kind == "stage2.appointed":
        return {"role": draw(st.sampled_from(["io", "ip"])), "person": draw(st.sampled_from(PEOPLE)),
                "council_employee": draw(b), "involved": draw(b)}
    if kind == "stage2.extended":
        return {"to_wd": draw(st.integers(26, 65)), "reason": "Witnesses", "notified": draw(b)}
    if kind == "stage2.responded":
        recs = [{"id": f"R{serial}-{i}", "what": "Do it", "accepted": draw(st.sampled_from([True, False, None])),
                 "due": _due(draw, on)} for i in range(draw(st.integers(0, 2)))]
        return {"findings": _findings(draw), "recommendations": recs}
    if kind in ("stage3.panel-scheduled", "stage3.panel-held"):
        members = draw(st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True))
        fields: dict[str, Any] = {"members": [{"name": m, "involved": draw(b)} for m in members]}
        if kind == "stage3.panel-scheduled":
            fields["panel_date"] = (on + dt.timedelta(days=draw(st.integers(0, 90)))).isoformat()
        return fields
    if kind == "stage3.panel-reported":
        recs = [{"id": f"PR{serial}-{i}", "what": "Do it"} for i in range(draw(st.integers(0, 3)))]
        return {"findings": _findings(draw), "recommendations": recs}
    if kind == "stage3.responded":
        decisions = {rec: {"accepted": draw(b), "reason": draw(st.sampled_from(["", "Cost"])), "due": _due(draw, on)}
                     for rec in state.panel_recommendations}
        return {"decisions": decisions}
    if kind in ("procedure.suspended", "procedure.resumed"):
        return {"reason": "Court", "notified": draw(b)}
    if kind == "procedure.changed":  # after a change the walk's children's events are refused, and skipped
        return {"to": draw(st.sampled_from(["children-england", "corporate-code", "housing-code"])), "reason": "Moved"}
    if kind == "letter.sent":
        return {"kind": draw(st.sampled_from(["acknowledgement", "stage1-response", "stage2-adjudication"])),
                "sha256": "0" * 64, "says": draw(st.lists(st.sampled_from(["findings", "basis", "remedy"]), unique=True))}
    if kind == "offer.made":
        if draw(b):
            return {"id": f"O{serial}", "what": "A panel", "window": draw(st.sampled_from(DUES))}
        return {"id": f"O{serial}", "what": "A panel", "until": (on + dt.timedelta(days=draw(st.integers(0, 120)))).isoformat()}
    if kind in ("offer.withdrawn", "offer.taken-up"):
        return {"id": draw(st.sampled_from(sorted(state.offers) or ["O0"]))}
    if kind == "action.agreed":
        return {"id": f"A{serial}", "what": "Amend the record", "due": _due(draw, on)}
    if kind == "action.completed":
        return {"id": draw(st.sampled_from(sorted(state.actions) or ["A0"])), "evidence": "Done"}
    if kind == "ombudsman.referred":
        return {"early": draw(b), "council_agreed": draw(b)}
    if kind == "ombudsman.decided":
        return {"outcome": draw(st.sampled_from(["upheld", "not-upheld", "closed-after-initial-enquiries"])),
                "actions": [{"id": f"L{serial}", "what": "Apologise"}],
                "payments": [{"id": f"M{serial}", "amount_gbp": draw(st.integers(0, 2000)), "due": _due(draw, on)}]}
    return {}


@st.composite
def valid_histories(draw: st.DrawFn) -> dict[str, Any]:
    """A case file whose every event the procedure allows where it stands."""
    start = draw(st.dates(dt.date(1995, 1, 1), dt.date(2085, 12, 31)))
    points = POINTS[: draw(st.integers(1, 3))]
    first = {"date": start.isoformat(), "type": "complaint.received", "complainant": {"role": "child"}}
    if draw(st.booleans()):
        first["matter_on"] = (start - dt.timedelta(days=draw(st.integers(0, 800)))).isoformat()
    state = new_state(parse_case({"points": points, "events": [first]}).points, default_calendar())
    apply(state, parse_event(first, 0))
    events = [first]
    on = start
    for serial in range(draw(st.integers(0, 30))):
        on += dt.timedelta(days=draw(st.one_of(st.integers(0, 12), st.integers(0, 90))))
        next_step = next((step for step in MAIN_LINE if step not in state.steps), None)
        if next_step is not None and draw(st.integers(0, 9)) < 6:
            kind = next_step  # mostly, the procedure moves on
        else:
            kind = draw(st.sampled_from(CHILDREN_ENGLAND.events))
        raw = {"date": on.isoformat(), "type": kind, **_fields(draw, kind, on, state, serial)}
        try:
            apply(state, parse_event(raw, len(events)))
        except RuleViolation:
            continue  # not allowed here: the walk goes on without it
        events.append(raw)
    data: dict[str, Any] = {"procedure": "children-england", "council": "Property Council", "points": points,
                            "events": events}
    if draw(st.booleans()):
        data["today"] = (on + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat()
    return data


@SETTINGS
@given(valid_histories())
def test_a_valid_history_is_always_reported(data: dict[str, Any]) -> None:
    report = replay(parse_case(data))
    calendar = default_calendar()
    for clock in report.clocks:
        assert clock.status in CLOCK_STATUSES
        assert clock.late_wd >= 0
        if clock.status in ("running", "met", "paused"):
            assert clock.late_wd == 0
        if clock.status in ("late", "overdue") and clock.late_wd == 0:
            # Done (or judged) on a weekend or holiday just after the deadline: late by no working day.
            assert not calendar.is_working_day(clock.done or report.today)
        if clock.status == "paused":
            assert report.suspended and clock.due is None
    for action in report.actions:
        assert action.status in ACTION_STATUSES
        assert action.late_wd >= 0
        if action.status in ("open", "done"):
            assert action.late_wd == 0
        elif action.late_wd == 0:
            assert not calendar.is_working_day(action.done or report.today)
    assert {o.status for o in report.offers} <= OFFER_STATUSES
    assert {w.code for w in report.warnings} <= WARNING_CODES
    assert {w.severity for w in report.warnings} <= {"fault", "risk", "info"}
    assert report.status in ("open", "closed", "withdrawn")
    assert report.stage in (1, 2, 3)
    if report.early_referral is not None:
        assert report.status == "open"
        assert report.early_referral.eligible == (not report.early_referral.failing)
    dumped = json.dumps(report.to_json())
    assert json.loads(dumped) == report.to_json()


@settings(SETTINGS, max_examples=100)
@given(valid_histories())
def test_a_valid_history_reads_back_the_same_from_yaml_and_its_events_round_trip(data: dict[str, Any]) -> None:
    case = parse_case(data)
    assert parse_case(read_case_text(yaml.safe_dump(data))) == case
    assert parse_case(read_case_text(json.dumps(data), json_only=True)) == case
    for event in case.events:
        assert parse_event(event_to_data(event), event.index) == event


MUTATIONS = ("swap-dates", "drop-receipt", "unknown-type", "unknown-field", "bad-date", "missing-field", "bad-value",
             "second-receipt")


def _mutate(draw: st.DrawFn, data: dict[str, Any], how: str) -> dict[str, Any]:
    events = [dict(e) for e in data["events"]]
    index = draw(st.integers(0, len(events) - 1))
    if how == "swap-dates":
        dates = sorted({e["date"] for e in events})
        if len(dates) < 2:
            events.append({"date": dates[0], "type": "advocacy.offered"})
            events.insert(1, {"date": (dt.date.fromisoformat(dates[0]) + dt.timedelta(days=1)).isoformat(),
                              "type": "advocacy.offered"})
        else:
            first = next(i for i, e in enumerate(events) if e["date"] == dates[0])
            last = max(i for i, e in enumerate(events) if e["date"] == dates[-1])
            events[first]["date"], events[last]["date"] = events[last]["date"], events[first]["date"]
    elif how == "drop-receipt":
        events.pop(0)
    elif how == "unknown-type":
        events[index]["type"] = draw(st.sampled_from(["stage4.requested", "complaint.recieved", "", "Stage1.Responded"]))
    elif how == "unknown-field":
        events[index][draw(st.sampled_from(["bogus", "on", "Date", "due_date"]))] = "x"
    elif how == "bad-date":
        events[index]["date"] = draw(st.sampled_from(["2023-02-30", "2023-13-01", "yesterday", "1066-10-14", ""]))
    elif how == "missing-field":
        events[0].pop("complainant")
        index = 0
    elif how == "bad-value":
        events[0]["complainant"] = draw(st.sampled_from([{"role": "uncle"}, "parent", [], {"role": None}]))
    elif how == "second-receipt":
        events.append({"date": events[-1]["date"], "type": "complaint.received", "complainant": {"role": "child"}})
    return {**data, "events": events}


@SETTINGS
@given(st.data(), valid_histories(), st.sampled_from(MUTATIONS))
def test_an_invalid_history_is_always_refused_with_a_case_file_error(
    data: st.DataObject, history: dict[str, Any], how: str
) -> None:
    broken = _mutate(data.draw, history, how)
    try:
        replay(parse_case(broken))
    except CaseFileError as error:
        assert error.located()
        assert "\n" not in error.located()
    else:
        raise AssertionError(f"{how}: accepted {broken['events']}")


# --- anything at all --------------------------------------------------------------------------

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["2023-09-04", "2100-12-31", "1990-01-01", "2023-02-30", "20 WD", "1 month", "0 days",
                     "upheld", "parent", "P1", "io", "ip"]),
)
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "what", "role", "P1", "accepted", "due"]),
                                                 inner, max_size=3)), max_leaves=8)
_FIELD_NAMES = ["date", "type", "findings", "complainant", "reason", "id", "what", "due", "decisions",
                "recommendations", "members", "panel_date", "until", "window", "accepted", "notified", "to_wd",
                "payments", "actions", "outcome", "matter_on", "note"]


@st.composite
def anything_like_a_case(draw: st.DrawFn) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    if draw(st.booleans()):
        events.append({"date": draw(st.sampled_from(["2023-09-04", "2100-10-01", "2100-12-30"])),
                       "type": "complaint.received", "complainant": {"role": "parent"}})
    for _ in range(draw(st.integers(0, 6))):
        event: dict[str, Any] = {"date": draw(st.sampled_from(["2023-09-04", "2023-09-05", "2100-12-30"])),
                                 "type": draw(st.sampled_from(EVENT_TYPES))}
        for name in draw(st.lists(st.sampled_from(_FIELD_NAMES), max_size=4)):
            event[name] = draw(_values)
        events.append(event)
    return {"points": POINTS[:1], "events": events}


@SETTINGS
@given(anything_like_a_case())
def test_anything_at_all_is_reported_or_refused_with_a_case_file_error(data: dict[str, Any]) -> None:
    try:
        replay(parse_case(data))
    except CaseFileError as error:
        assert error.located()
