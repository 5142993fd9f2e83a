"""Procedures as modules (issue #9, the design step): the engine replays any procedure's table.

A small procedure made here (receipt, one clock, the shared events, one judgement) shows that the
engine, the rules machinery and next_events take everything from the case's procedure; the
children's procedure is checked to be what it was: the same rows, clocks and judgements.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from redress.core.definitions import ClockDefinition
from redress.core.engine import replay
from redress.core.events import EVENT_FIELDS, CaseFileError, Event, parse_case
from redress.core.procedures import shared
from redress.core.procedures.children_england.procedure import CHILDREN_ENGLAND
from redress.core.procedures.registry import PROCEDURES, procedure_named, register
from redress.core.rules import PROCEDURE, RuleViolation, check_history, check_next_event, next_events
from redress.core.table import Procedure, ReportWarning, State, Step
from tests.core.cases import case_data, ev, received

MINI_RESPONSE = ClockDefinition(
    name="mini.response", title="Response", starts_when="the complaint was received", step="the response is sent",
    limit_wd=5, extended_wd=8, source="a test procedure: 5 working days", starts_on="complaint.received",
    noun="Mini response", verb="sent",
)


def _start_response(state: State, event: Event) -> None:
    """Starts the 5 working day response clock.

    Source: a test procedure.
    """
    state.start_clock("mini.response", event.date)


def _respond(state: State, event: Event) -> None:
    """Stops the response clock.

    Source: a test procedure.
    """
    state.finish_clock("mini.response", event.date)


def _closed_without_reason(state: State, today: dt.date) -> list[ReportWarning]:
    return [ReportWarning("mini.closed", "info", state.received, "Closed")] if state.status == "closed" else []


MINI = Procedure(
    name="mini-test",
    title="A test procedure",
    source="tests",
    clocks={"mini.response": MINI_RESPONSE},
    table={step.type: step for step in (
        shared.received_step(_start_response),
        # stage1.responded is a children's event type; here it is this procedure's own response
        Step("stage1.responded", shared.STAGE, (_respond,)),
        *shared.later_steps(),
    )},
    judgements=(_closed_without_reason,),
    early_referral=lambda state: None,
    field_conditions=shared.FIELD_CONDITIONS,
    new_action_ids=shared.NEW_ACTION_IDS,
)


@pytest.fixture
def mini() -> Iterator[Procedure]:
    register(MINI)
    yield MINI
    del PROCEDURES[MINI.name]


def _mini_case(*events: dict[str, object], today: str | None = None) -> dict[str, object]:
    return {**case_data(*events, today=today), "procedure": "mini-test"}


def test_the_engine_replays_another_procedures_clocks_and_judgements(mini: Procedure) -> None:
    report = replay(parse_case(_mini_case(
        received("2023-09-04"), ev("2023-09-14", "stage1.responded", findings={"P1": "upheld"}),
        ev("2023-09-15", "complaint.closed"),
    )))
    assert [(c.name, c.limit_wd, c.due, c.status, c.late_wd) for c in report.clocks] == [
        ("mini.response", 5, dt.date(2023, 9, 11), "late", 3)
    ]
    late = next(w for w in report.warnings if w.code == "mini.response.late")
    assert late.message.startswith("Mini response sent 3 working days after its deadline (11 Sep 2023)")
    assert "mini.closed" in report.codes()
    assert report.early_referral is None
    assert "stage1.response.late" not in report.codes()


def test_an_event_the_procedure_has_no_row_for_is_refused_naming_the_procedure(mini: Procedure) -> None:
    with pytest.raises(RuleViolation) as refused:
        replay(parse_case(_mini_case(received("2023-09-04"), ev("2023-09-05", "stage2.requested"))))
    assert refused.value.code == "not-in-procedure"
    assert refused.value.located() == (
        "event 2 (stage2.requested): stage2.requested is not an event of the procedure mini-test (A test procedure)"
    )


def test_check_and_next_events_use_the_procedure_named(mini: Procedure) -> None:
    case = parse_case(_mini_case(received("2023-09-04")))
    assert case.procedure == "mini-test"
    allowed = next_events(case.points, case.events, dt.date(2023, 9, 5), procedure="mini-test")
    assert allowed == ["stage1.responded", "procedure.suspended", "procedure.changed", "offer.made", "action.agreed", "ombudsman.referred",
                       "complaint.withdrawn", "complaint.closed"]
    assert "advocacy.offered" in next_events(case.points, case.events, dt.date(2023, 9, 5))  # children-england's
    state = check_history(case.points, case.events, procedure="mini-test")
    assert list(state.clocks) == ["mini.response"]
    late_request = parse_case(_mini_case(received("2023-09-04"), ev("2023-09-05", "stage2.requested")))
    with pytest.raises(RuleViolation, match="not an event of the procedure mini-test"):
        check_next_event(case.points, case.events, late_request.events[1], procedure="mini-test")


def test_an_unknown_procedure_names_the_known_ones(mini: Procedure) -> None:
    with pytest.raises(CaseFileError) as refused:
        parse_case({"procedure": "wales", "events": [received("2023-09-04")]})
    assert refused.value.code == "bad-procedure"
    assert refused.value.message == "unknown procedure 'wales'; known: children-england, adults-england, children-wales, housing-code, corporate-code, mini-test"
    with pytest.raises(CaseFileError, match="unknown procedure 3; known"):
        procedure_named(3)


def test_a_procedure_must_include_every_shared_event_under_its_own_type() -> None:
    without_offers = dataclasses.replace(
        MINI, name="no-offers", table={k: s for k, s in MINI.table.items() if not k.startswith("offer.")}
    )
    with pytest.raises(ValueError, match=r"no row for the shared events offer\.made, offer\.withdrawn, offer\.taken-up"):
        register(without_offers)
    misfiled = dataclasses.replace(MINI, name="misfiled", table={**MINI.table, "complaint.closed": MINI.table["offer.made"]})
    with pytest.raises(ValueError, match="a row filed under another event's type"):
        register(misfiled)
    assert "no-offers" not in PROCEDURES and "misfiled" not in PROCEDURES


def test_children_england_is_the_default_and_its_table_is_the_old_one() -> None:
    assert procedure_named("children-england") is CHILDREN_ENGLAND
    unnamed = {k: v for k, v in case_data(received("2023-09-04")).items() if k != "procedure"}
    assert parse_case(unnamed).procedure == "children-england"
    assert PROCEDURE is CHILDREN_ENGLAND.table
    assert CHILDREN_ENGLAND.events == tuple(PROCEDURE)
    assert set(CHILDREN_ENGLAND.events) == {
        k for k in EVENT_FIELDS if not k.startswith(("adults.", "wales.", "housing.", "corporate."))}
    assert CHILDREN_ENGLAND.events[0] == "complaint.received"
    assert CHILDREN_ENGLAND.events[-len(shared.SHARED_EVENTS) + 1:] == shared.SHARED_EVENTS[1:]


def test_every_clock_says_what_starts_it_and_whose_time_it_is() -> None:
    for procedure in PROCEDURES.values():
        for name, clock in procedure.clocks.items():
            assert clock.name == name
            assert clock.starts_on in procedure.table, f"{name} starts on an event the procedure does not have"
            assert clock.noun and clock.verb and clock.source
    owners = {name: clock.owner for name, clock in CHILDREN_ENGLAND.clocks.items()}
    assert owners["stage1.response"] == "council"
    assert [name for name, owner in owners.items() if owner == "complainant"] == [
        "stage2.request-window", "stage3.request-window"
    ]
