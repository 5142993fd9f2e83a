"""Independence across the register (redress.core.independence): every conflict the issue lists, and overload."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from redress.core.independence import RegisterFacts, complaint_people, conflicts, independence_warnings

TODAY = dt.date(2024, 7, 1)
REGISTER = {
    1: RegisterFacts(1, "Alex Morgan", council_employee=True),
    2: RegisterFacts(2, "Priya Shah", council_employee=False, organisation="Kestrel Reviews"),
    3: RegisterFacts(3, "Sam Okafor", council_employee=False, organisation="Independent Voices"),
    4: RegisterFacts(4, "Jo Kestrel", council_employee=False, organisation=" kestrel  reviews"),
    5: RegisterFacts(5, "Ruth Evans", council_employee=False),
    6: RegisterFacts(6, "Tom Hale", council_employee=False),
    7: RegisterFacts(7, "Nia Price", council_employee=False),
    8: RegisterFacts(8, "Ed Stone", council_employee=True),
}


def io(pid: int, name: str, **extra: Any) -> dict[str, Any]:
    return {"date": "2024-02-13", "type": "stage2.appointed", "role": "io", "person": name, "person_id": pid, **extra}


def ip(pid: int, name: str, **extra: Any) -> dict[str, Any]:
    return {**io(pid, name, **extra), "role": "ip"}


def panel(*members: Any) -> dict[str, Any]:
    return {"date": "2024-04-01", "type": "stage3.panel-held", "members": list(members)}


def m(pid: int, name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "person_id": pid, **extra}


FREE = [io(2, "Priya Shah"), ip(3, "Sam Okafor"), panel(m(5, "Ruth Evans"), m(6, "Tom Hale"), m(7, "Nia Price"))]


def messages(events: list[dict[str, Any]]) -> list[str]:
    return [w.message for w in conflicts(complaint_people("C1", events), REGISTER)]


def test_a_panel_and_stage2_free_of_conflict_have_none() -> None:
    assert messages(FREE) == []


@pytest.mark.parametrize(("events", "message"), [
    ([io(2, "Priya Shah"), ip(1, "Alex Morgan")], "The independent person, Alex Morgan, is a member or officer of the council"),
    ([io(2, "Priya Shah", involved=True)], "The investigating officer, Priya Shah, was involved in the events complained about"),
    ([ip(3, "Sam Okafor", involved=True)], "The independent person, Sam Okafor, was involved in the events complained about"),
    ([panel(m(5, "Ruth Evans"), m(6, "Tom Hale", involved=True), m(7, "Nia Price"))],
     "Panel member Tom Hale was involved in the events complained about"),
    ([io(2, "Priya Shah"), ip(3, "Sam Okafor"), panel(m(5, "Ruth Evans"), m(3, "Sam Okafor"), m(7, "Nia Price"))],
     "Panel member Sam Okafor was the independent person at Stage 2"),
    ([io(2, "Priya Shah"), ip(3, "Sam Okafor"), panel(m(2, "Priya Shah"), m(6, "Tom Hale"), m(7, "Nia Price"))],
     "Panel member Priya Shah was the investigating officer at Stage 2"),
    ([io(2, "Priya Shah"), ip(4, "Jo Kestrel")],
     "The investigating officer, Priya Shah, and the independent person, Jo Kestrel, are of the same firm (Kestrel Reviews)"),
    ([panel(m(8, "Ed Stone"), m(6, "Tom Hale"), m(7, "Nia Price"))],
     "The panel chair, Ed Stone, is a member or officer of the council"),
    ([{"date": "2024-01-22", "type": "stage1.responded", "findings": {}, "responded_by": "Helen Ward"},
      {"date": "2024-03-01", "type": "stage2.responded", "findings": {}, "adjudicator": "helen ward"}],
     "The adjudicating officer, helen ward, sent the Stage 1 response"),
])
def test_each_conflict_is_a_fault_with_its_reason(events: list[dict[str, Any]], message: str) -> None:
    found = conflicts(complaint_people("C1", events), REGISTER)
    assert [w.message for w in found] == [message]
    assert {(w.code, w.severity) for w in found} == {("independence.conflict", "fault")}


def test_a_council_employee_may_be_a_panel_member_but_not_its_chair() -> None:
    assert messages([panel(m(5, "Ruth Evans"), m(8, "Ed Stone"), m(7, "Nia Price"))]) == []


def test_a_replaced_io_is_no_longer_judged_but_every_stage2_ip_is() -> None:
    events = [io(2, "Priya Shah"), ip(4, "Jo Kestrel"), ip(3, "Sam Okafor", replaces="Jo Kestrel"),
              panel(m(5, "Ruth Evans"), m(4, "Jo Kestrel"), m(7, "Nia Price"))]
    assert messages(events) == ["Panel member Jo Kestrel was the independent person at Stage 2"]


def test_corrections_are_applied_before_judging() -> None:
    events = [io(2, "Priya Shah"), ip(4, "Jo Kestrel"),
              {"date": "2024-02-14", "type": "event.corrected", "event": 2, "reason": "wrong person",
               "replacement": ip(3, "Sam Okafor")}]
    assert messages(events) == []
    assert messages([*events[:2], {"date": "2024-02-14", "type": "event.voided", "event": 2, "reason": "x"}]) == []


def test_names_without_register_entries_are_still_judged_by_what_the_events_say() -> None:
    events = [{"date": "2024-02-13", "type": "stage2.appointed", "role": "ip", "person": "Kim Lee"},
              panel("Ruth Evans", "kim lee", "Nia Price")]
    assert messages(events) == ["Panel member kim lee was the independent person at Stage 2"]


def test_more_open_appointments_than_the_limit_is_a_risk_on_each_open_complaint() -> None:
    complaints = [complaint_people(f"C{i}", [io(2, "Priya Shah")], open=i != 3) for i in range(1, 5)]
    found = independence_warnings(complaints, REGISTER, limit=2, today=TODAY)
    assert set(found) == {"C1", "C2", "C3", "C4"}
    for key in ("C1", "C2", "C4"):
        assert [(w.code, w.severity, w.message) for w in found[key]] == [
            ("independence.overloaded", "risk", "Priya Shah holds 3 open appointments, more than the council's limit of 2")]
    assert found["C3"] == []  # closed: not counted, not warned
    assert independence_warnings(complaints, REGISTER, limit=3, today=TODAY)["C1"] == []
    assert independence_warnings(complaints, REGISTER, limit=None, today=TODAY)["C1"] == []
