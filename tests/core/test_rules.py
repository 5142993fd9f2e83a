"""The procedure table: every state x every event, and the rules' own documentation.

Each representative state is a history on the main line of the procedure (autumn 2023, when there
is no bank holiday between 28 Aug and 25 Dec) plus the side states: suspended, withdrawn, closed and
referred to the Ombudsman. Every history also holds an open action A1 and an open offer O1, so the
events about actions and offers have something to act on. The candidate event is dated Monday
13 Nov 2023, after every history.

`EXPECTED` is written by hand from DOMAIN.md and SCENARIOS.md, one character per state: `.` the
event is allowed; any other letter names the rule that refuses it (see `REFUSALS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from redress.core.calendar import default_calendar
from redress.core.events import EVENT_FIELDS, parse_case, parse_event
from redress.core.procedures.registry import PROCEDURES
from redress.core.rules import (
    PROCEDURE,
    RuleViolation,
    State,
    apply,
    check_next_event,
    message_of,
    new_state,
)
from tests.core.cases import POINTS, Raw, case_data, ev, received, state_after

NEXT = "2023-11-13"
NEXT_DAY = dt.date(2023, 11, 13)

REC = received("2023-09-04")
A1 = ev("2023-09-04", "action.agreed", id="A1", what="Apologise", due="20 WD")
O1 = ev("2023-09-04", "offer.made", id="O1", what="A meeting with the team manager", until="2024-12-31")
S1EXT = ev("2023-09-05", "stage1.extended", reason="An advocate is needed")
S1RESP = ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld"})
S2REQ = ev("2023-09-13", "stage2.requested")
STMT = ev("2023-09-18", "stage2.statement-agreed")
S2EXT = ev("2023-09-19", "stage2.extended", reason="Many witnesses", notified=True)
S2RESP = ev("2023-10-02", "stage2.responded", findings={"P1": "partly-upheld"})
S3REQ = ev("2023-10-04", "stage3.requested")
SCHED = ev("2023-10-09", "stage3.panel-scheduled", panel_date="2023-10-20")
HELD = ev("2023-10-20", "stage3.panel-held")
REPORTED = ev("2023-10-25", "stage3.panel-reported", findings={"P1": "upheld"},
              recommendations=[{"id": "PR1", "what": "Review the contact plan"}])
S3RESP = ev("2023-11-06", "stage3.responded", decisions={"PR1": {"accepted": True}})

MAIN_LINE = [S1EXT, S1RESP, S2REQ, STMT, S2EXT, S2RESP, S3REQ, SCHED, HELD, REPORTED, S3RESP]


def _main(steps: int) -> list[Raw]:
    return [REC, A1, O1, *MAIN_LINE[:steps]]


STATES: dict[str, list[Raw]] = {
    "received": _main(0),
    "stage1-extended": _main(1),
    "stage1-responded": _main(2),
    "stage2-requested": _main(3),
    "statement-agreed": _main(4),
    "stage2-extended": _main(5),
    "stage2-responded": _main(6),
    "stage3-requested": _main(7),
    "panel-scheduled": _main(8),
    "panel-held": _main(9),
    "panel-reported": _main(10),
    "stage3-responded": _main(11),
    "suspended": [*_main(4), ev("2023-09-20", "procedure.suspended", reason="Court proceedings", notified=True)],
    "withdrawn": [*_main(2), ev("2023-09-14", "complaint.withdrawn")],
    "closed": [*_main(11), ev("2023-11-07", "complaint.closed")],
    "referred": [*_main(6), ev("2023-10-03", "ombudsman.referred")],
}
STATE_NAMES = list(STATES)

# A minimal valid instance of every event type, dated NEXT.
CANDIDATES: dict[str, Raw] = {
    "complaint.received": received(NEXT),
    "complaint.time-limit-decision": ev(NEXT, "complaint.time-limit-decision", accepted=False,
                                        reason="More than a year late", discretion_considered=True),
    "eligibility.decided": ev(NEXT, "eligibility.decided", eligible=False, basis="No sufficient interest"),
    "advocacy.offered": ev(NEXT, "advocacy.offered"),
    "advocacy.appointed": ev(NEXT, "advocacy.appointed", provider="Coram Voice"),
    "stage1.extended": ev(NEXT, "stage1.extended", reason="Complex"),
    "stage1.responded": ev(NEXT, "stage1.responded", findings={"P1": "upheld"}),
    "stage2.requested": ev(NEXT, "stage2.requested"),
    "stage2.request-decision": ev(NEXT, "stage2.request-decision", accepted=True, reason="Fair to accept"),
    "stage2.statement-agreed": ev(NEXT, "stage2.statement-agreed", points=["P1"]),
    "stage2.appointed": ev(NEXT, "stage2.appointed", role="ip", person="Sam Lee"),
    "stage2.extended": ev(NEXT, "stage2.extended", reason="Many witnesses", notified=True),
    "stage2.responded": ev(NEXT, "stage2.responded", findings={"P1": "upheld"},
                           recommendations=[{"id": "R9", "what": "Train the team", "accepted": True}]),
    "stage3.requested": ev(NEXT, "stage3.requested"),
    "stage3.request-decision": ev(NEXT, "stage3.request-decision", accepted=True, reason="Fair to accept"),
    "stage3.refused": ev(NEXT, "stage3.refused", reason="Nothing a panel could add"),
    "stage3.panel-scheduled": ev(NEXT, "stage3.panel-scheduled", panel_date="2023-11-20"),
    "stage3.panel-held": ev(NEXT, "stage3.panel-held"),
    "stage3.panel-reported": ev(NEXT, "stage3.panel-reported", findings={"P1": "upheld"}),
    "stage3.responded": ev(NEXT, "stage3.responded", decisions={"PR1": {"accepted": True}}),
    "procedure.suspended": ev(NEXT, "procedure.suspended", reason="Police investigation", notified=True),
    "procedure.resumed": ev(NEXT, "procedure.resumed", reason="Investigation over"),
    "procedure.changed": ev(NEXT, "procedure.changed", to="corporate-code", reason="Not about a child's care"),
    "offer.made": ev(NEXT, "offer.made", id="O2", what="A new panel", until="2024-01-31"),
    "offer.withdrawn": ev(NEXT, "offer.withdrawn", id="O1"),
    "offer.taken-up": ev(NEXT, "offer.taken-up", id="O1"),
    "action.agreed": ev(NEXT, "action.agreed", id="A2", what="Amend the record", due="4 weeks"),
    "action.completed": ev(NEXT, "action.completed", id="A1", evidence="Letter of apology"),
    "ombudsman.referred": ev(NEXT, "ombudsman.referred", council_agreed=True),
    "ombudsman.decided": ev(NEXT, "ombudsman.decided", outcome="not-upheld"),
    "letter.sent": {"date": NEXT, "type": "letter.sent", "kind": "acknowledgement", "sha256": "ab" * 32},
    "complaint.withdrawn": ev(NEXT, "complaint.withdrawn"),
    "complaint.closed": ev(NEXT, "complaint.closed", reason="Resolved"),
}

# One column per state, in the order of STATES:
#   received, s1-extended, s1-responded, s2-requested, statement, s2-extended, s2-responded,
#   s3-requested, scheduled, held, reported, s3-responded, suspended, withdrawn, closed, referred
EXPECTED: dict[str, str] = {
    "complaint.received":            "RRRRRRRRRRRRRRRR",
    "complaint.time-limit-decision": "...222222222SCC2",
    "eligibility.decided":           "...222222222SCC2",
    "advocacy.offered":              ".............CC.",
    "advocacy.appointed":            ".............CC.",
    "stage1.extended":               ".e1111111111SCC1",
    "stage1.responded":              "..1111111111SCC1",
    "stage2.requested":              "...222222222SCC2",
    "stage2.request-decision":       "rrr.ttttttttSCCt",
    "stage2.statement-agreed":       "rrr.ttttttttSCCt",
    "stage2.appointed":              "rrr...ppppppSCCp",
    "stage2.extended":               "TTTT..ppppppSCCp",
    "stage2.responded":              "TTTT..ppppppSCCp",
    "stage3.requested":              "PPPPPP.qqqqqSCC.",
    "stage3.request-decision":       "QQQQQQQ..hhhSCCQ",
    "stage3.refused":                "QQQQQQQ..hhhSCCQ",
    "stage3.panel-scheduled":        "QQQQQQQ..hhhSCCQ",
    "stage3.panel-held":             "QQQQQQQ..hhhSCCQ",
    "stage3.panel-reported":         "HHHHHHHHH.xxSCCH",
    "stage3.responded":              "XXXXXXXXXX.fSCCX",
    "procedure.suspended":           "............SCC.",
    "procedure.resumed":             "NNNNNNNNNNNN.CCN",
    "procedure.changed":             "............SCC.",
    "offer.made":                    "................",
    "offer.withdrawn":               "................",
    "offer.taken-up":                "................",
    "action.agreed":                 "................",
    "action.completed":              "................",
    "ombudsman.referred":            "................",
    "ombudsman.decided":             "MMMMMMMMMMMMMMM.",
    "letter.sent":                   "................",
    "complaint.withdrawn":           ".............CC.",
    "complaint.closed":              ".............CC.",
}

STATUS = {"withdrawn": "withdrawn", "closed": "closed"}

# letter -> (the condition's name, the values its message is filled with)
REFUSALS: dict[str, tuple[str, dict[str, str]]] = {
    "R": ("received_once", {"received": "4 Sep 2023"}),
    "S": ("not_suspended", {"since": "20 Sep 2023"}),
    "N": ("is_suspended", {}),
    "1": ("not_after_stage1_responded", {"what": "the Stage 1 response", "on": "11 Sep 2023"}),
    "e": ("not_after_stage1_extended", {"what": "an extension of Stage 1", "on": "5 Sep 2023"}),
    "2": ("not_after_stage2_requested", {"what": "the Stage 2 request", "on": "13 Sep 2023"}),
    "r": ("after_stage2_requested", {"what": "the Stage 2 request"}),
    "t": ("not_after_stage2_statement_agreed", {"what": "the statement of complaint was agreed", "on": "18 Sep 2023"}),
    "T": ("after_stage2_statement_agreed", {"what": "the statement of complaint is agreed"}),
    "p": ("not_after_stage2_responded", {"what": "the Stage 2 response", "on": "2 Oct 2023"}),
    "P": ("after_stage2_responded", {"what": "the Stage 2 response"}),
    "q": ("not_after_stage3_requested", {"what": "the request for a review panel", "on": "4 Oct 2023"}),
    "Q": ("after_stage3_requested", {"what": "the request for a review panel"}),
    "h": ("not_after_stage3_panel_held", {"what": "the panel met", "on": "20 Oct 2023"}),
    "H": ("after_stage3_panel_held", {"what": "the panel met"}),
    "x": ("not_after_stage3_panel_reported", {"what": "the panel's report", "on": "25 Oct 2023"}),
    "X": ("after_stage3_panel_reported", {"what": "the panel's report"}),
    "f": ("not_after_stage3_responded", {"what": "the council's final response", "on": "6 Nov 2023"}),
    "M": ("after_ombudsman_referred", {"what": "a referral to the Ombudsman"}),
}


def snapshot(state: State) -> dict[str, Any]:
    """Everything an event may change, as plain values (to check a refused event changed nothing)."""
    return {
        "stage": state.stage, "status": state.status, "suspended_since": state.suspended_since,
        "last_date": state.last_date, "steps": dict(state.steps),
        "clocks": {n: (c.start, c.extended_to, tuple(c.pauses), c.done, c.stopped) for n, c in state.clocks.items()},
        "findings": {p: dict(s) for p, s in state.findings.items()},
        "actions": {i: (a.due, a.done) for i, a in state.actions.items()},
        "offers": {i: (o.withdrawn, o.taken_up) for i, o in state.offers.items()},
        "panel_recommendations": dict(state.panel_recommendations),
        "independent_person": list(state.independent_person), "council_agreed": state.council_agreed,
        "warnings": list(state.warnings), "outside_window": dict(state.outside_window),
        "procedure": state.procedure.name, "changes": list(state.changes),
    }


def _clock(state: State, name: str) -> Any:
    return state.clocks[name]


def _stopped_or_done(state: State, name: str) -> bool:
    clock = state.clocks.get(name)
    return clock is None or not clock.active


# What each allowed event does, as DOMAIN.md section 5 and SCENARIOS.md say (state after the event).
EFFECTS: dict[str, Callable[[State], bool]] = {
    "complaint.time-limit-decision": lambda s: _stopped_or_done(s, "stage1.response")
    and s.steps["complaint.time-limit-decision"] == NEXT_DAY,
    "eligibility.decided": lambda s: _stopped_or_done(s, "stage1.response") and "eligibility.decided" in s.steps,
    "advocacy.offered": lambda s: s.steps["advocacy.offered"] == NEXT_DAY,
    "advocacy.appointed": lambda s: s.steps["advocacy.appointed"] == NEXT_DAY,
    "stage1.extended": lambda s: _clock(s, "stage1.response").extended_to == 20,
    "stage1.responded": lambda s: _clock(s, "stage1.response").done == NEXT_DAY
    and _clock(s, "stage2.request-window").start == NEXT_DAY and s.findings["P1"] == {1: "upheld"},
    "stage2.requested": lambda s: s.stage == 2 and _clock(s, "stage2.statement").start == NEXT_DAY
    and not _clock(s, "stage1.response").active,
    "stage2.request-decision": lambda s: s.steps["stage2.request-decision"] == NEXT_DAY
    and _clock(s, "stage2.statement").active,
    "stage2.statement-agreed": lambda s: _clock(s, "stage2.statement").done == NEXT_DAY
    and _clock(s, "stage2.response").start == NEXT_DAY,
    "stage2.appointed": lambda s: s.independent_person == ["Sam Lee"],
    "stage2.extended": lambda s: _clock(s, "stage2.response").extended_to == 65,
    "stage2.responded": lambda s: _clock(s, "stage2.response").done == NEXT_DAY
    and _clock(s, "stage3.request-window").start == NEXT_DAY and s.findings["P1"][2] == "upheld"
    and s.actions["R9"].source == "stage2",
    "stage3.requested": lambda s: s.stage == 3 and _clock(s, "stage3.panel").start == NEXT_DAY
    and _clock(s, "stage3.request-window").done == NEXT_DAY,
    "stage3.request-decision": lambda s: s.steps["stage3.request-decision"] == NEXT_DAY
    and _clock(s, "stage3.panel").active,
    "stage3.refused": lambda s: _clock(s, "stage3.panel").stopped == NEXT_DAY,
    "stage3.panel-scheduled": lambda s: s.steps["stage3.panel-scheduled"] == NEXT_DAY
    and _clock(s, "stage3.panel").active,
    "stage3.panel-held": lambda s: _clock(s, "stage3.panel").done == NEXT_DAY
    and _clock(s, "stage3.panel-report").start == NEXT_DAY,
    "stage3.panel-reported": lambda s: _clock(s, "stage3.panel-report").done == NEXT_DAY
    and _clock(s, "stage3.response").start == NEXT_DAY and s.findings["P1"][3] == "upheld",
    "stage3.responded": lambda s: _clock(s, "stage3.response").done == NEXT_DAY
    and s.actions["PR1"].source == "stage3",
    "procedure.suspended": lambda s: s.suspended_since == NEXT_DAY
    and all(c.pauses[-1] == (NEXT_DAY, None) for c in s.clocks.values() if c.active),
    "procedure.resumed": lambda s: s.suspended_since is None
    and all(c.pauses[-1][1] == NEXT_DAY for c in s.clocks.values() if c.pauses),
    "procedure.changed": lambda s: s.procedure.name == "corporate-code" and s.changes[-1].date == NEXT_DAY
    and _clock(s, "corporate-code.acknowledgement").start == NEXT_DAY
    and all(not c.active for name, c in s.clocks.items() if not name.startswith("corporate-code.")),
    "offer.made": lambda s: s.offers["O2"].until == dt.date(2024, 1, 31),
    "offer.withdrawn": lambda s: s.offers["O1"].withdrawn == NEXT_DAY,
    "offer.taken-up": lambda s: s.offers["O1"].taken_up == NEXT_DAY,
    # 4 weeks from Mon 13 Nov 2023 is Mon 11 Dec 2023.
    "action.agreed": lambda s: s.actions["A2"].due == dt.date(2023, 12, 11) and s.actions["A2"].source == "council",
    "action.completed": lambda s: s.actions["A1"].done == NEXT_DAY and s.actions["A1"].evidence == "Letter of apology",
    "ombudsman.referred": lambda s: s.council_agreed and "ombudsman.referred" in s.steps,
    "ombudsman.decided": lambda s: s.steps["ombudsman.decided"] == NEXT_DAY,
    "letter.sent": lambda s: s.steps["letter.sent:acknowledgement"] == NEXT_DAY and "letter.sent" in s.recorded,
    "complaint.withdrawn": lambda s: s.status == "withdrawn" and all(not c.active for c in s.clocks.values()),
    "complaint.closed": lambda s: s.status == "closed" and all(not c.active for c in s.clocks.values()),
}

STAGE_AFTER = {"stage2.requested": 2, "stage3.requested": 3, "procedure.changed": 1}


def test_the_expectation_grid_covers_every_state_and_event() -> None:
    assert set(EXPECTED) == set(PROCEDURE) == set(CANDIDATES)
    assert all(len(row) == len(STATES) for row in EXPECTED.values()), [k for k, r in EXPECTED.items() if len(r) != 16]


def _state_of(name: str) -> State:
    return state_after(*STATES[name])


@pytest.mark.parametrize("state_name", STATE_NAMES)
@pytest.mark.parametrize("event_type", list(EXPECTED))
def test_every_event_in_every_state(state_name: str, event_type: str) -> None:
    state = _state_of(state_name)
    stage_before = state.stage
    event = parse_event(CANDIDATES[event_type], index=len(STATES[state_name]))
    expected = EXPECTED[event_type][STATE_NAMES.index(state_name)]
    if expected == ".":
        apply(state, event)
        assert state.last_date == NEXT_DAY
        assert EFFECTS[event_type](state), f"{event_type} in {state_name} did not do what the table says"
        assert state.stage == STAGE_AFTER.get(event_type, stage_before)
        return
    before = snapshot(state)
    with pytest.raises(RuleViolation) as refused:
        apply(state, event)
    if expected == "C":
        name, values = "complaint_open", {"status": STATUS[state_name]}
    else:
        name, values = REFUSALS[expected]
    condition = next(c for c in PROCEDURE[event_type].requires if c.__name__ == name)
    error = refused.value
    assert error.message == message_of(condition, values)
    assert error.code == name.replace("_", "-")
    assert (error.event_index, error.event_type) == (len(STATES[state_name]), event_type)
    assert error.located() == f"event {len(STATES[state_name]) + 1} ({event_type}): {error.message}"
    assert snapshot(state) == before, "a refused event must change nothing"


def test_a_complaint_is_received_once_and_first() -> None:
    state = new_state([], default_calendar())
    with pytest.raises(RuleViolation) as refused:
        apply(state, parse_event(ev("2023-09-04", "advocacy.offered"), 0))
    assert refused.value.message == "A complaint's history starts with complaint.received; record the complaint first."
    apply(state, parse_event(received("2023-09-04"), 0))
    assert (state.stage, state.received, state.clocks["stage1.response"].start) == (1, dt.date(2023, 9, 4), dt.date(2023, 9, 4))


def test_stage2_may_be_asked_for_before_a_stage1_response_only_once_stage1_is_late() -> None:
    # Received Mon 4 Sep 2023: 10 working days is Mon 18 Sep (no holidays in between).
    history = [parse_event(received("2023-09-04"), 0)]
    with pytest.raises(RuleViolation) as refused:
        check_next_event([], history, parse_event(ev("2023-09-18", "stage2.requested"), 1))
    assert refused.value.message == (
        "Stage 2 can be asked for once the Stage 1 response is sent or its deadline (18 Sep 2023) has passed."
    )
    check_next_event([], history, parse_event(ev("2023-09-19", "stage2.requested"), 1))


def test_events_must_be_in_date_order() -> None:
    history = [parse_event(received("2023-09-04"), 0), parse_event(ev("2023-09-11", "advocacy.offered"), 1)]
    with pytest.raises(RuleViolation) as refused:
        check_next_event([], history, parse_event(ev("2023-09-08", "advocacy.appointed"), 2))
    assert refused.value.message == (
        "Events are recorded in date order: this one is dated 8 Sep 2023, before the last event (11 Sep 2023)."
    )


@pytest.mark.parametrize("to_wd", [25, 66, 100, 10])
def test_stage2_cannot_be_extended_beyond_65_working_days(to_wd: int) -> None:
    events = [*_main(4), ev(NEXT, "stage2.extended", to_wd=to_wd, reason="Late", notified=True)]
    with pytest.raises(RuleViolation) as refused:
        state_after(*events)
    assert refused.value.message == f"Stage 2 can be extended to between 26 and 65 working days, not {to_wd}."
    assert refused.value.located().startswith("event 8 (stage2.extended): ")


@pytest.mark.parametrize("to_wd", [26, 40, 65])
def test_stage2_extensions_within_the_limit_replace_it(to_wd: int) -> None:
    state = state_after(*_main(4), ev(NEXT, "stage2.extended", to_wd=to_wd, reason="Late", notified=True))
    assert state.clocks["stage2.response"].extended_to == to_wd


@pytest.mark.parametrize(
    "event",
    [
        ev(NEXT, "stage1.responded", findings={"P1": "upheld", "P7": "upheld"}),
        ev(NEXT, "stage1.responded", findings={"P7": "upheld"}),
    ],
)
def test_a_finding_for_an_unknown_point_is_refused(event: Raw) -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(REC, event)
    assert refused.value.message == "There is no point P7 in this complaint; findings are for its points (P1)."
    assert refused.value.located() == f"event 2 (stage1.responded): {refused.value.message}"


def test_a_statement_for_an_unknown_point_is_refused_and_no_points_says_so() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(REC, S1RESP, S2REQ, ev(NEXT, "stage2.statement-agreed", points=["P2"]))
    assert refused.value.message == "There is no point P2 in this complaint; findings are for its points (P1)."
    with pytest.raises(RuleViolation) as refused:
        state_after(REC, ev(NEXT, "stage1.responded", findings={"P1": "upheld"}), points=[])
    assert refused.value.message.endswith("findings are for its points (none recorded).")


def test_a_stage3_event_before_the_stage2_response_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(4), ev(NEXT, "stage3.requested"))
    assert refused.value.located() == "event 8 (stage3.requested): This can only be recorded after the Stage 2 response."


def test_a_panel_date_before_the_day_it_was_set_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(7), ev(NEXT, "stage3.panel-scheduled", panel_date="2023-11-10"))
    assert refused.value.message == "The panel date (10 Nov 2023) is before the day it was set (13 Nov 2023)."


def test_a_decision_on_a_recommendation_the_panel_did_not_make_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(10), ev(NEXT, "stage3.responded", decisions={"PR2": {"accepted": True}}))
    assert refused.value.message == "The panel made no recommendation PR2; its recommendations are PR1."
    no_recs = ev("2023-10-25", "stage3.panel-reported")
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(9), no_recs, ev(NEXT, "stage3.responded", decisions={"PR2": {"accepted": False}}))
    assert refused.value.message.endswith("its recommendations are none recorded.")


@pytest.mark.parametrize(
    "event",
    [
        ev(NEXT, "action.agreed", id="A1", what="Again", due="1 month"),
        ev(NEXT, "stage2.responded", findings={"P1": "upheld"},
           recommendations=[{"id": "A1", "what": "Again", "accepted": True}]),
    ],
)
def test_an_action_id_is_used_once(event: Raw) -> None:
    history = _main(5) if event["type"] == "stage2.responded" else _main(0)
    with pytest.raises(RuleViolation) as refused:
        state_after(*history, event)
    assert refused.value.message == "There is already an action A1 (agreed on 4 Sep 2023); give this one another id."


def test_an_action_id_is_used_once_by_the_panel_and_the_ombudsman() -> None:
    state = state_after(*_main(9), ev("2023-10-25", "stage3.panel-reported",
                                      recommendations=[{"id": "A1", "what": "Apologise again"}]),
                        ev(NEXT, "stage3.responded", decisions={"A1": {"accepted": False, "reason": "Done"}}))
    assert "stage3.rejected-without-reasons" not in {w.code for w in state.warnings}
    with pytest.raises(RuleViolation):
        state_after(*_main(9), ev("2023-10-25", "stage3.panel-reported",
                                  recommendations=[{"id": "A1", "what": "Apologise again"}]),
                    ev(NEXT, "stage3.responded", decisions={"A1": {"accepted": True}}))
    referred = [*_main(0), ev("2023-09-05", "ombudsman.referred")]
    for field in ("actions", "payments"):
        item = {"id": "A1", "what": "Apologise"} if field == "actions" else {"id": "A1", "amount_gbp": 100}
        with pytest.raises(RuleViolation) as refused:
            state_after(*referred, ev(NEXT, "ombudsman.decided", outcome="upheld", **{field: [item]}))
        assert refused.value.code == "action-ids-new"


def test_completing_an_unknown_or_finished_action_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(0), ev(NEXT, "action.completed", id="A9"))
    assert refused.value.message == "There is no agreed action A9 that is still open; the open ones are A1."
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(0), ev("2023-09-05", "action.completed", id="A1"), ev(NEXT, "action.completed", id="A1"))
    assert refused.value.message == "There is no agreed action A1 that is still open; the open ones are none."


def test_offers_are_made_once_and_withdrawn_or_taken_up_once() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(0), ev(NEXT, "offer.made", id="O1", what="Again", window="90 days"))
    assert refused.value.message == "There is already an offer O1; give this one another id."
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(0), ev("2023-09-05", "offer.taken-up", id="O1"), ev(NEXT, "offer.withdrawn", id="O1"))
    assert refused.value.message == "There is no open offer O1; the open ones are none."
    with pytest.raises(RuleViolation) as refused:
        state_after(*_main(0), ev(NEXT, "offer.taken-up", id="O5"))
    assert refused.value.message == "There is no open offer O5; the open ones are O1."


def test_an_offer_cannot_end_before_it_is_made() -> None:
    with pytest.raises(RuleViolation) as refused:
        state_after(REC, ev(NEXT, "offer.made", id="O1", what="A panel", until="2023-11-01"))
    assert refused.value.message == "The offer's window ends on 1 Nov 2023, before it was made (13 Nov 2023)."


def test_an_offer_window_is_counted_from_the_offer() -> None:
    # 90 days from Mon 13 Nov 2023: 17 (rest of Nov) + 31 (Dec) + 31 (Jan) = 79 to 31 Jan, so 11 Feb 2024.
    state = state_after(REC, ev(NEXT, "offer.made", id="O1", what="A panel", window="90 days"))
    assert state.offers["O1"].until == dt.date(2024, 2, 11)


def test_check_next_event_uses_the_default_calendar_and_leaves_the_history_alone() -> None:
    case = parse_case(case_data(*_main(2)))
    check_next_event(case.points, case.events, parse_event(ev(NEXT, "stage2.requested"), len(case.events)))
    assert len(case.events) == len(_main(2))


# --- the rules' own documentation ------------------------------------------------------------


def _rules() -> list[Callable[..., object]]:
    seen: dict[int, Callable[..., object]] = {}
    for step in PROCEDURE.values():
        for rule in (*step.requires, *step.does):
            seen[id(rule)] = rule
    return list(seen.values())


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.__name__)
def test_every_rule_has_a_message_and_cites_its_source(rule: Callable[..., object]) -> None:
    doc = rule.__doc__ or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    assert first.strip(), f"{rule.__name__} has no first line"
    assert not first.startswith("Source:")
    assert "Source:" in doc, f"{rule.__name__} does not cite its source"


def test_every_event_type_has_a_row_in_the_procedure_and_vice_versa() -> None:
    assert set(EVENT_FIELDS) == {kind for procedure in PROCEDURES.values() for kind in procedure.table}
    assert all(step.type == kind for kind, step in PROCEDURE.items())
    assert all(step.does for step in PROCEDURE.values())


def test_points_given_as_objects_are_used_by_the_rules() -> None:
    state = state_after(REC, points=[*POINTS, {"id": "P2", "text": "Rude", "about": "staff-conduct"}])
    assert list(state.points) == ["P1", "P2"]


@pytest.mark.parametrize(
    "fields",
    [
        {"actions": [{"id": "L1", "what": "Apologise"}, {"id": "L1", "what": "Amend the record"}]},
        {"actions": [{"id": "L1", "what": "Apologise"}], "payments": [{"id": "L1", "amount_gbp": 200}]},
    ],
)
def test_an_ombudsman_decision_cannot_give_two_actions_one_id(fields: dict[str, Any]) -> None:
    referred = [REC, ev("2023-09-05", "ombudsman.referred")]
    with pytest.raises(RuleViolation) as refused:
        state_after(*referred, ev(NEXT, "ombudsman.decided", outcome="upheld", **fields))
    assert refused.value.message == "There is already an action L1 (agreed on 13 Nov 2023); give this one another id."


def test_a_step_recorded_after_its_clock_stopped_leaves_the_clock_stopped() -> None:
    refused = ev("2023-09-06", "complaint.time-limit-decision", accepted=False, reason="Late", discretion_considered=True)
    state = state_after(REC, refused, ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld"}))
    clock = state.clocks["stage1.response"]
    assert (clock.stopped, clock.done) == (dt.date(2023, 9, 6), None)
