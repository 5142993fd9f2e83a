"""Corrections: `event.voided` and `event.corrected` put a wrongly recorded event right.

The history keeps both the mistake and its correction; the engine applies the correction before
replaying, and the rules judge the corrected history. Events are named by their 1-based position.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.core.engine import replay
from redress.core.events import CaseFileError, event_to_data, parse_case, parse_event
from redress.core.rules import RuleViolation, check_history, check_next_event, next_events
from tests.core.cases import Raw, case_data, ev, received, report_of

D = dt.date

# Received Mon 4 Sep 2023 (Stage 1 due Mon 18 Sep); responded Mon 11 Sep; Stage 2 asked for Wed 13 Sep.
BASE = [
    received("2023-09-04"),
    ev("2023-09-11", "stage1.responded", findings={"P1": "upheld"}),
    ev("2023-09-13", "stage2.requested"),
]


def void(event: int, date: str = "2023-09-20", reason: str = "Recorded on the wrong complaint") -> Raw:
    return ev(date, "event.voided", event=event, reason=reason)


def correct(event: int, replacement: Raw, date: str = "2023-09-20", reason: str = "Wrong date typed") -> Raw:
    return ev(date, "event.corrected", event=event, reason=reason, replacement=replacement)


def test_a_voided_event_no_longer_counts_but_the_history_keeps_it() -> None:
    report = report_of(*BASE, void(3), today="2023-09-20")
    assert report.stage == 1
    assert report.clock("stage2.statement") is None
    assert [(c.event, c.kind, c.reason, c.original_type) for c in report.corrections] == [
        (3, "voided", "Recorded on the wrong complaint", "stage2.requested")]
    assert report.to_json()["corrections"] == [{
        "event": 3, "kind": "voided", "date": "2023-09-20", "reason": "Recorded on the wrong complaint",
        "original_type": "stage2.requested", "replacement_type": None, "position": 4}]


def test_a_corrected_event_counts_as_corrected() -> None:
    # Stage 1 response recorded as Mon 11 Sep, really sent Mon 25 Sep: 5 working days after Mon 18 Sep.
    report = report_of(received("2023-09-04"), ev("2023-09-11", "stage1.responded", findings={"P1": "upheld"}),
                       correct(2, ev("2023-09-25", "stage1.responded", findings={"P1": "upheld"}), date="2023-09-26"))
    clock = report.clock("stage1.response")
    assert clock is not None and clock.done == D(2023, 9, 25) and clock.status == "late" and clock.late_wd == 5
    assert report.corrections[0].kind == "corrected" and report.corrections[0].replacement_type == "stage1.responded"


def test_a_correction_may_change_the_event_type() -> None:
    report = report_of(received("2023-09-04"), ev("2023-09-05", "advocacy.offered"),
                       correct(2, ev("2023-09-05", "advocacy.appointed", provider="Coram")))
    assert report.corrections[0].original_type == "advocacy.offered"
    assert report.corrections[0].replacement_type == "advocacy.appointed"


def test_a_correction_dated_after_today_does_not_count_yet_but_is_checked() -> None:
    report = report_of(*BASE, void(3, date="2023-10-02"), today="2023-09-20")
    assert report.stage == 2 and report.corrections == ()
    with pytest.raises(RuleViolation, match="cannot be removed"):
        report_of(*BASE, void(1, date="2023-10-02"), today="2023-09-20")


REFUSALS: list[tuple[str, list[Raw], str, str]] = [
    ("no such event", [*BASE, void(9)], "There is no event 9 before this one", "names-an-earlier-event"),
    ("event 0", [*BASE, void(0)], "There is no event 0 before this one", "names-an-earlier-event"),
    ("a later event", [BASE[0], void(3, date="2023-09-05"), *BASE[1:]], "There is no event 3 before this one", "names-an-earlier-event"),
    ("voided twice", [*BASE, void(3), void(3, date="2023-09-21")],
     "Event 3 was already voided on 20 Sep 2023; it cannot be voided or corrected again", "not-corrected-already"),
    ("corrected then voided", [*BASE, correct(3, ev("2023-09-14", "stage2.requested")), void(3)],
     "Event 3 was already corrected on 20 Sep 2023", "not-corrected-already"),
    ("a correction voided", [*BASE, void(3), void(4)],
     r"Event 4 is itself a correction \(event\.voided\); a correction cannot be voided or corrected", "not-a-correction"),
    ("the receipt voided", [*BASE, void(1)],
     "The complaint.received event cannot be removed; correct it instead", "receipt-kept"),
    ("a correction that breaks a rule in the corrected event",
     [*BASE, correct(2, ev("2023-09-11", "stage1.responded", findings={"P9": "upheld"}))],
     "There is no point P9 in this complaint", "findings-for-known-points"),
    ("a correction that leaves a later event without its ground",
     [*BASE, ev("2023-09-20", "stage2.statement-agreed"), void(3, date="2023-09-21")],
     "This can only be recorded after the Stage 2 request", "after-stage2-requested"),
    ("a corrected receipt that is no receipt", [*BASE, correct(1, ev("2023-09-04", "advocacy.offered"))],
     "A complaint's history starts with complaint.received", "received-first"),
]


@pytest.mark.parametrize(("events", "message", "code"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_corrections_the_rules_refuse(events: list[Raw], message: str, code: str) -> None:
    case = parse_case(case_data(*events))
    with pytest.raises(RuleViolation, match=message) as caught:
        check_history(case.points, case.events)
    assert caught.value.code == code


@pytest.mark.parametrize(("events", "message", "code"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_a_new_correction_is_refused_with_the_rules_message(events: list[Raw], message: str, code: str) -> None:
    case = parse_case(case_data(*events))
    with pytest.raises(RuleViolation, match=message) as caught:
        check_next_event(case.points, case.events[:-1], case.events[-1])
    assert caught.value.code == code


def test_a_new_correction_that_breaks_a_later_event_names_that_event() -> None:
    case = parse_case(case_data(*BASE, ev("2023-09-20", "stage2.statement-agreed")))
    with pytest.raises(RuleViolation) as caught:
        check_next_event(case.points, case.events, parse_event(void(3, date="2023-09-21")))
    assert caught.value.message.startswith("With this correction, event 4 (stage2.statement-agreed): ")


def test_a_new_correction_dated_before_the_last_event_is_refused() -> None:
    case = parse_case(case_data(*BASE))
    with pytest.raises(RuleViolation, match="this one is dated 12 Sep 2023, before the last event") as caught:
        check_next_event(case.points, case.events, parse_event(void(3, date="2023-09-12")))
    assert caught.value.code == "dated-in-order"


def test_an_event_after_a_correction_is_not_dated_before_it() -> None:
    # The void (20 Sep) takes the Stage 2 request (13 Sep) away; the history still runs in date order.
    case = parse_case(case_data(*BASE, void(3)))
    with pytest.raises(RuleViolation, match="before the last event"):
        check_next_event(case.points, case.events, parse_event(ev("2023-09-15", "stage2.requested")))
    check_next_event(case.points, case.events, parse_event(ev("2023-09-20", "stage2.requested")))


def test_a_new_correction_that_is_allowed_passes() -> None:
    case = parse_case(case_data(*BASE))
    check_next_event(case.points, case.events, parse_event(void(3)))


def test_the_events_possible_next_follow_the_corrected_history() -> None:
    case = parse_case(case_data(*BASE, void(3)))
    allowed = next_events(case.points, case.events, D(2023, 9, 21))
    assert "stage2.requested" in allowed and "stage2.statement-agreed" not in allowed
    assert "event.voided" not in allowed  # reached from the timeline, not the list of next events


BAD_FIELDS: list[tuple[Raw, str]] = [
    (ev("2023-09-20", "event.voided", event=3), "reason is missing"),
    (ev("2023-09-20", "event.voided", event="three", reason="x"), "event must be the number of an event"),
    (ev("2023-09-20", "event.voided", event=True, reason="x"), "event must be the number of an event"),
    (ev("2023-09-20", "event.corrected", event=3, reason="x"), "replacement is missing"),
    (ev("2023-09-20", "event.corrected", event=3, reason="x", replacement="stage2.requested"),
     "replacement must be the whole corrected event"),
    (ev("2023-09-20", "event.corrected", event=3, reason="x", replacement={"type": "stage2.requested"}),
     "replacement is not a valid event: the event has no date"),
    (ev("2023-09-20", "event.corrected", event=3, reason="x", replacement=void(2)),
     "replacement cannot itself be a correction"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_FIELDS)
def test_a_malformed_correction_is_a_case_file_error(raw: Raw, message: str) -> None:
    with pytest.raises(CaseFileError, match=message):
        parse_event(raw)


def test_a_correction_writes_back_in_its_case_file_form() -> None:
    raw: dict[str, Any] = correct(2, ev("2023-09-11", "stage1.responded", findings={"P1": "upheld"}, note="typo"))
    assert event_to_data(parse_event(raw)) == raw
    assert event_to_data(parse_event(void(3))) == void(3)


# --- the council's response may give an accepted panel recommendation its own action id ---------


def test_an_accepted_panel_recommendation_may_take_another_action_id_so_ids_never_clash() -> None:
    main = [
        received("2023-09-04"), ev("2023-09-11", "stage1.responded", findings={"P1": "upheld"}),
        ev("2023-09-13", "stage2.requested"), ev("2023-09-29", "stage2.statement-agreed"),
        ev("2023-11-06", "stage2.responded", findings={"P1": "upheld"},
           recommendations=[{"id": "R1", "what": "Apologise", "accepted": True}]),
        ev("2023-11-07", "stage3.requested"), ev("2023-12-20", "stage3.panel-held"),
        ev("2024-01-02", "stage3.panel-reported", recommendations=[{"id": "R1", "what": "Review the plan"}]),
    ]
    case = parse_case(case_data(*main))
    with pytest.raises(RuleViolation, match="There is already an action R1"):
        check_next_event(case.points, case.events, parse_event(
            ev("2024-01-10", "stage3.responded", decisions={"R1": {"accepted": True}})))
    report = report_of(*main, ev("2024-01-10", "stage3.responded", decisions={"R1": {"accepted": True, "action": "PR1"}}))
    assert [(a.id, a.what, a.source) for a in report.actions] == [("R1", "Apologise", "stage2"),
                                                                 ("PR1", "Review the plan", "stage3")]
    raw = ev("2024-01-10", "stage3.responded", decisions={"R1": {"accepted": True, "action": "PR1"}})
    assert event_to_data(parse_event(raw)) == raw


# --- any corrections at all: reported or refused with a case-file error, never anything else ------

_REPLACEMENTS = [received("2023-09-05"), ev("2023-09-12", "stage1.responded", findings={"P1": "not-upheld"}),
                 ev("2023-09-30", "stage2.requested"), ev("2023-09-14", "advocacy.offered"), void(1), {"date": "x"}]


@st.composite
def corrected_cases(draw: st.DrawFn) -> Raw:
    events = list(BASE)
    for n in range(draw(st.integers(1, 4))):
        date = f"2023-10-{n + 1:02d}"
        target = draw(st.integers(-1, len(events) + 1))
        if draw(st.booleans()):
            events.append(void(target, date=date))
        else:
            events.append(correct(target, draw(st.sampled_from(_REPLACEMENTS)), date=date))
    data = case_data(*events)
    if draw(st.booleans()):
        data["today"] = draw(st.sampled_from(["2023-09-20", "2023-10-02", "2023-12-01"]))
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corrected_cases())
def test_any_corrections_are_reported_or_refused_with_a_case_file_error(data: Raw) -> None:
    try:
        report = replay(parse_case(data))
    except CaseFileError as error:
        assert error.located()
    else:
        assert all(1 <= c.event < c.position for c in report.corrections)
