"""What the procedure allows next: the list the casework page offers a complaints officer."""

from __future__ import annotations

import datetime as dt

from redress.core.events import parse_case
from redress.core.rules import next_events

POINTS = [{"id": "P1", "text": "Contact was cancelled", "about": "contact"}]
RECEIVED = {"date": "2024-01-08", "type": "complaint.received", "complainant": {"role": "parent"}}


def allowed(*events: dict[str, object], on: str) -> list[str]:
    case = parse_case({"points": POINTS, "events": [RECEIVED, *events]})
    return next_events(case.points, case.events, dt.date.fromisoformat(on))


def test_after_receipt_stage_1_steps_are_offered_and_stage_2_only_once_stage_1_is_late() -> None:
    early = allowed(on="2024-01-10")
    assert {"stage1.responded", "stage1.extended", "advocacy.offered", "action.agreed", "procedure.suspended"} <= set(early)
    assert not {"complaint.received", "stage2.requested", "stage3.requested", "action.completed",
                "offer.withdrawn", "procedure.resumed", "ombudsman.decided"} & set(early)
    # Due Mon 22 Jan 2024 (10 WD): a day later the complainant may escalate.
    assert "stage2.requested" in allowed(on="2024-01-23")


def test_completing_an_action_or_answering_an_offer_is_offered_only_while_one_is_open() -> None:
    action = {"date": "2024-01-09", "type": "action.agreed", "id": "A1", "what": "Call back", "due": "5 WD"}
    offer = {"date": "2024-01-09", "type": "offer.made", "id": "O1", "what": "A meeting", "window": "20 WD"}
    open_now = allowed(action, offer, on="2024-01-10")
    assert {"action.completed", "offer.withdrawn", "offer.taken-up"} <= set(open_now)
    done = allowed(action, offer, {"date": "2024-01-10", "type": "action.completed", "id": "A1"},
                   {"date": "2024-01-10", "type": "offer.taken-up", "id": "O1"}, on="2024-01-11")
    assert not {"action.completed", "offer.withdrawn", "offer.taken-up"} & set(done)


def test_while_suspended_only_resuming_and_what_goes_on_regardless_are_offered() -> None:
    suspended = allowed({"date": "2024-01-09", "type": "procedure.suspended", "reason": "Court", "notified": True},
                        on="2024-01-10")
    assert "procedure.resumed" in suspended and "stage1.responded" not in suspended
    assert {"action.agreed", "complaint.withdrawn", "ombudsman.referred"} <= set(suspended)


def test_a_closed_complaint_offers_only_actions_offers_and_the_ombudsman() -> None:
    closed = allowed({"date": "2024-01-09", "type": "complaint.closed"}, on="2024-01-10")
    assert set(closed) == {"offer.made", "action.agreed", "ombudsman.referred"}


def test_a_complaint_cannot_be_judged_before_it_was_received() -> None:
    import pytest

    from redress.core.engine import replay
    from redress.core.events import CaseFileError

    case = parse_case({"points": POINTS, "events": [RECEIVED]})
    with pytest.raises(CaseFileError, match="as of 2024-01-07: it was received on 2024-01-08") as refused:
        replay(case, today=dt.date(2024, 1, 7))
    assert refused.value.code == "before-receipt"


def test_done_on_a_weekend_just_after_the_due_date_says_so_rather_than_zero_days() -> None:
    from redress.core.engine import replay

    action = {"date": "2024-01-09", "type": "action.agreed", "id": "A1", "what": "Call back", "due": "2024-01-12"}
    done = {"date": "2024-01-13", "type": "action.completed", "id": "A1"}  # Saturday after Friday's due date
    report = replay(parse_case({"points": POINTS, "events": [RECEIVED, action, done]}))
    (late,) = [w for w in report.warnings if w.code == "action.late"]
    assert (report.actions[0].status, report.actions[0].late_wd) == ("late", 0)
    assert late.message == ("Action A1 (Call back) completed after it was due (12 Jan 2024), "
                            "on a non-working day before the next working day")
