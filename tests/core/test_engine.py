"""The engine's report: clocks, actions, offers, findings, early referral and every warning code.

Every expected date is worked out by hand from the England and Wales bank holidays; the reasoning
is in the comments. Most cases sit in autumn 2023, when there is no bank holiday between Mon 28 Aug
and Christmas Day, so a period of 5 working days from a weekday is the same weekday a week later.
Bank holidays used: 25 and 26 Dec 2023, 1 Jan 2024; 27 and 28 Dec 2021 and 3 Jan 2022 (substitute
days); 8 May 2023 (the Coronation).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from redress.core.calendar import WorkingCalendar
from redress.core.engine import Report, replay
from redress.core.events import CaseFileError, parse_case
from redress.core.rules import RuleViolation
from tests.core.cases import Raw, case_data, ev, received, report_of

D = dt.date

# --- the main line, every council step one or two working days late ------------------------------
# Received Mon 4 Sep 2023: Stage 1 due 10 WD later, Mon 18 Sep.
# Responded Mon 11 Sep (met): the Stage 2 window runs 20 WD, to Mon 9 Oct.
# Stage 2 asked for Wed 13 Sep: the statement is due 10 WD later, Wed 27 Sep.
# Statement agreed Fri 29 Sep: 2 WD late (Thu 28, Fri 29). Stage 2 response due 25 WD later, Fri 3 Nov.
# Stage 2 response Mon 6 Nov: 1 WD late. The panel window runs 20 WD, to Mon 4 Dec.
# Panel asked for Tue 7 Nov: due 30 WD (six weeks) later, Tue 19 Dec.
# Panel held Wed 20 Dec: 1 WD late. Report due 5 WD later: Thu 21, Fri 22, (25, 26 Dec bank holidays),
#   Wed 27, Thu 28, Fri 29 Dec.
# Report sent Tue 2 Jan 2024: 1 WD late (Mon 1 Jan is a bank holiday). Final response due 15 WD
#   (three weeks) later, Tue 23 Jan.
# Final response Wed 24 Jan: 1 WD late.
MAIN = [
    received("2023-09-04"),
    ev("2023-09-11", "stage1.responded", findings={"P1": "upheld"}),
    ev("2023-09-13", "stage2.requested"),
    ev("2023-09-29", "stage2.statement-agreed"),
    ev("2023-11-06", "stage2.responded", findings={"P1": "not-upheld"}),
    ev("2023-11-07", "stage3.requested"),
    ev("2023-12-20", "stage3.panel-held"),
    ev("2024-01-02", "stage3.panel-reported"),
    ev("2024-01-24", "stage3.responded", decisions={}),
]


def _clock_json(report: Report, name: str) -> dict[str, Any]:
    clock = report.clock(name)
    assert clock is not None, f"no clock {name}"
    return clock.to_json()


def _warning(report: Report, code: str) -> tuple[str, str | None, str]:
    found = [w for w in report.warnings if w.code == code]
    assert len(found) == 1, f"{code}: {[w.code for w in report.warnings]}"
    w = found[0]
    return w.severity, w.date.isoformat() if w.date else None, w.message


@pytest.mark.parametrize(
    ("steps", "clock", "start", "limit", "due", "done", "message"),
    [
        (2, "stage1.response", "2023-09-04", 10, "2023-09-18", "2023-09-11", None),
        (4, "stage2.statement", "2023-09-13", 10, "2023-09-27", "2023-09-29",
         "Statement of complaint agreed 2 working days after its deadline (27 Sep 2023)"),
        (5, "stage2.response", "2023-09-29", 25, "2023-11-03", "2023-11-06",
         "Stage 2 response sent 1 working day after its deadline (3 Nov 2023)"),
        (7, "stage3.panel", "2023-11-07", 30, "2023-12-19", "2023-12-20",
         "Review panel held 1 working day after its deadline (19 Dec 2023)"),
        (8, "stage3.panel-report", "2023-12-20", 5, "2023-12-29", "2024-01-02",
         "Panel report sent 1 working day after its deadline (29 Dec 2023)"),
        (9, "stage3.response", "2024-01-02", 15, "2024-01-23", "2024-01-24",
         "Final response sent 1 working day after its deadline (23 Jan 2024)"),
    ],
)
def test_each_council_clock_done_late_is_a_fault_with_its_working_days(
    steps: int, clock: str, start: str, limit: int, due: str, done: str, message: str | None
) -> None:
    report = report_of(*MAIN[:steps])
    late_wd = 0 if message is None else int(message.split(" working day")[0].rsplit(" ", 1)[1])
    assert _clock_json(report, clock) == {
        "name": clock, "start": start, "limit_wd": limit, "due": due, "done": done,
        "status": "met" if message is None else "late", "late_wd": late_wd,
    }
    if message is not None:
        assert _warning(report, f"{clock}.late") == ("fault", done, message)


@pytest.mark.parametrize(
    ("steps", "today", "clock", "late_wd", "message"),
    [
        # Due Mon 18 Sep; Tue 19 Sep is the first working day after it.
        (1, "2023-09-19", "stage1.response", 1, "Stage 1 response not sent: 1 working day overdue (due 18 Sep 2023)"),
        (3, "2023-09-29", "stage2.statement", 2,
         "Statement of complaint not agreed: 2 working days overdue (due 27 Sep 2023)"),
        (4, "2023-11-06", "stage2.response", 1, "Stage 2 response not sent: 1 working day overdue (due 3 Nov 2023)"),
        (6, "2023-12-20", "stage3.panel", 1, "Review panel not held: 1 working day overdue (due 19 Dec 2023)"),
        # Due Fri 29 Dec; Sat 30, Sun 31 Dec and Mon 1 Jan do not count, Tue 2 Jan does.
        (7, "2024-01-02", "stage3.panel-report", 1, "Panel report not sent: 1 working day overdue (due 29 Dec 2023)"),
        (8, "2024-01-24", "stage3.response", 1, "Final response not sent: 1 working day overdue (due 23 Jan 2024)"),
    ],
)
def test_each_council_clock_past_due_and_not_done_is_overdue(
    steps: int, today: str, clock: str, late_wd: int, message: str
) -> None:
    report = report_of(*MAIN[:steps], today=today)
    got = _clock_json(report, clock)
    assert (got["status"], got["late_wd"], got["done"]) == ("overdue", late_wd, None)
    assert _warning(report, f"{clock}.overdue") == ("fault", today, message)


def test_the_whole_main_line_reports_every_clock_in_order() -> None:
    report = report_of(*MAIN)
    assert [c.name for c in report.clocks] == [
        "stage1.response", "stage2.request-window", "stage2.statement", "stage2.response",
        "stage3.request-window", "stage3.panel", "stage3.panel-report", "stage3.response",
    ]
    assert (report.stage, report.status, report.suspended, report.early_referral) == (3, "open", False, None)
    assert [(c.status, c.late_wd) for c in report.clocks] == [
        ("met", 0), ("met", 0), ("late", 2), ("late", 1), ("met", 0), ("late", 1), ("late", 1), ("late", 1),
    ]


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        # Received Mon 4 Sep 2023, 10 WD: Tue 5 .. Fri 8 (4), Mon 11 .. Fri 15 (9), Mon 18 Sep (10).
        ([received("2023-09-04")], "2023-09-15", {"due": "2023-09-18", "status": "running", "late_wd": 0}),
        ([received("2023-09-04")], "2023-09-18", {"due": "2023-09-18", "status": "running", "late_wd": 0}),
        ([received("2023-09-04"), ev("2023-09-18", "stage1.responded", findings={"P1": "not-upheld"})], None,
         {"due": "2023-09-18", "status": "met", "late_wd": 0}),
        ([received("2023-09-04"), ev("2023-09-19", "stage1.responded", findings={"P1": "not-upheld"})], None,
         {"due": "2023-09-18", "status": "late", "late_wd": 1}),
        # Over a weekend: Tue 19 .. Fri 22 (4) and Mon 25 Sep (5).
        ([received("2023-09-04"), ev("2023-09-25", "stage1.responded", findings={"P1": "not-upheld"})], None,
         {"due": "2023-09-18", "status": "late", "late_wd": 5}),
        # Extended to 20 WD: Mon 2 Oct. Responded Fri 6 Oct: Tue 3 .. Fri 6 = 4 WD late.
        ([received("2023-09-04"), ev("2023-09-05", "stage1.extended", reason="Advocate"),
          ev("2023-10-06", "stage1.responded", findings={"P1": "not-upheld"})], None,
         {"limit_wd": 20, "due": "2023-10-02", "status": "late", "late_wd": 4}),
        # Received Mon 11 Dec 2023: Tue 12 .. Fri 15 (4), Mon 18 .. Fri 22 (9), Wed 27 Dec (10; 25 and 26 Dec are
        # bank holidays). Responded Tue 2 Jan 2024: Thu 28, Fri 29 Dec, Tue 2 Jan (Mon 1 Jan is a holiday) = 3.
        ([received("2023-12-11"), ev("2024-01-02", "stage1.responded", findings={"P1": "not-upheld"})], None,
         {"due": "2023-12-27", "status": "late", "late_wd": 3}),
        # DOMAIN.md: received Sat 25 Dec 2021 (day 0), 10 WD: 27 and 28 Dec are substitute holidays, so Wed 29 (1),
        # Thu 30 (2), Fri 31 (3), Tue 4 Jan (4; Mon 3 Jan is a substitute holiday) ... Wed 12 Jan 2022 (10).
        ([received("2021-12-25")], "2022-01-12", {"due": "2022-01-12", "status": "running", "late_wd": 0}),
        # DOMAIN.md: received Fri 5 May 2023, 10 WD, Mon 8 May (Coronation) skipped: due Mon 22 May.
        ([received("2023-05-05")], "2023-05-23", {"due": "2023-05-22", "status": "overdue", "late_wd": 1}),
        # Withdrawn before the deadline: stopped, nothing late.
        ([received("2023-09-04"), ev("2023-09-08", "complaint.withdrawn")], None,
         {"due": "2023-09-18", "done": None, "status": "stopped", "late_wd": 0}),
    ],
)
def test_stage1_clock_cases(events: list[Raw], today: str | None, expected: dict[str, Any]) -> None:
    got = _clock_json(report_of(*events, today=today), "stage1.response")
    assert {k: got[k] for k in expected} == expected


STAGE2_TO_STATEMENT = [
    received("2023-09-04"),
    ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld"}),
    ev("2023-09-18", "stage2.requested"),
    ev("2023-10-02", "stage2.statement-agreed"),
]


@pytest.mark.parametrize(
    ("extension", "responded", "due", "status", "late_wd"),
    [
        # 25 WD from Mon 2 Oct 2023 is five weeks: Mon 6 Nov.
        (None, "2023-11-06", "2023-11-06", "met", 0),
        # 40 WD is eight weeks: Mon 27 Nov. Responded Wed 29 Nov: 2 WD late.
        (40, "2023-11-29", "2023-11-27", "late", 2),
        # 65 WD: Mon 18 Dec is 55; Tue 19 .. Fri 22 (59); 25, 26 Dec holidays; Wed 27 .. Fri 29 (62); Mon 1 Jan
        # holiday; Tue 2 (63), Wed 3 (64), Thu 4 Jan 2024 (65). Responded Mon 8 Jan: Fri 5, Mon 8 = 2 WD late.
        (65, "2024-01-08", "2024-01-04", "late", 2),
        (65, "2024-01-04", "2024-01-04", "met", 0),
    ],
)
def test_stage2_extensions_replace_the_limit(
    extension: int | None, responded: str, due: str, status: str, late_wd: int
) -> None:
    events = list(STAGE2_TO_STATEMENT)
    if extension is not None:
        events.append(ev("2023-10-09", "stage2.extended", to_wd=extension, reason="Witnesses", notified=True))
    events.append(ev(responded, "stage2.responded", findings={"P1": "upheld"}))
    report = report_of(*events)
    got = _clock_json(report, "stage2.response")
    assert (got["limit_wd"], got["due"], got["status"], got["late_wd"]) == (extension or 25, due, status, late_wd)
    assert "stage2.extension.unnotified" not in report.codes()


def test_a_stage2_extension_without_notice_is_fault() -> None:
    report = report_of(*STAGE2_TO_STATEMENT, ev("2023-10-09", "stage2.extended", reason="Witnesses", notified=False))
    assert _warning(report, "stage2.extension.unnotified") == (
        "fault", "2023-10-09", "Stage 2 extended to 65 working days on 9 Oct 2023 without telling the complainant"
    )
    # And running: due Thu 4 Jan 2024 (see above).
    assert _clock_json(report, "stage2.response")["due"] == "2024-01-04"


# --- pauses -----------------------------------------------------------------------------------
# Received Mon 11 Dec 2023, due Wed 27 Dec (above). Suspended Thu 14 Dec: the working days left after
# 14 Dec up to 27 Dec are Fri 15, Mon 18 .. Fri 22, Wed 27 = 7.
CHRISTMAS = [received("2023-12-11"), ev("2023-12-14", "procedure.suspended", reason="Court", notified=True)]


@pytest.mark.parametrize(
    ("resumed", "today", "due", "status"),
    [
        (None, "2023-12-22", None, "paused"),
        (None, "2024-02-01", None, "paused"),
        # Resumed Thu 4 Jan 2024: Fri 5 (1), Mon 8 .. Fri 12 (6), Mon 15 Jan (7).
        ("2024-01-04", "2024-01-15", "2024-01-15", "running"),
        ("2024-01-04", "2024-01-16", "2024-01-15", "overdue"),
        # Resumed Fri 22 Dec: Wed 27, Thu 28, Fri 29 Dec (3), Tue 2 .. Fri 5 Jan 2024 (7).
        ("2023-12-22", "2024-01-05", "2024-01-05", "running"),
    ],
)
def test_a_suspension_pauses_the_clock_and_resuming_counts_the_days_left(
    resumed: str | None, today: str, due: str | None, status: str
) -> None:
    events = list(CHRISTMAS)
    if resumed is not None:
        events.append(ev(resumed, "procedure.resumed", reason="Court over"))
    report = report_of(*events, today=today)
    got = _clock_json(report, "stage1.response")
    assert (got["due"], got["status"]) == (due, status)
    assert got["late_wd"] == (1 if status == "overdue" else 0)
    assert report.suspended is (resumed is None)
    clock = report.clock("stage1.response")
    assert clock is not None and clock.deadline.pauses[0].remaining_wd == 7


def test_a_clock_already_past_due_when_suspended_stays_past_due() -> None:
    # Received Mon 4 Sep 2023, due Mon 18 Sep. Suspended Wed 20 Sep.
    events = [received("2023-09-04"), ev("2023-09-20", "procedure.suspended", reason="Court", notified=True)]
    # Mon 25 Sep: Tue 19 .. Fri 22 (4) and Mon 25 (5).
    report = report_of(*events, today="2023-09-25")
    assert _clock_json(report, "stage1.response") == {
        "name": "stage1.response", "start": "2023-09-04", "limit_wd": 10, "due": "2023-09-18", "done": None,
        "status": "overdue", "late_wd": 5,
    }
    # Resumed Mon 2 Oct; Wed 4 Oct: 4 + 5 (25 .. 29 Sep) + 3 (2 .. 4 Oct) = 12, still due 18 Sep.
    report = report_of(*events, ev("2023-10-02", "procedure.resumed", reason="Over"), today="2023-10-04")
    got = _clock_json(report, "stage1.response")
    assert (got["due"], got["status"], got["late_wd"]) == ("2023-09-18", "overdue", 12)


def test_two_suspensions_each_keep_the_days_left() -> None:
    # Received Mon 4 Sep 2023, due Mon 18 Sep. Suspended Wed 6 Sep with 8 left (Thu 7, Fri 8, Mon 11 .. Fri 15,
    # Mon 18). Resumed Mon 11 Sep: 8 WD after is Thu 21 Sep. Suspended Fri 15 Sep with 4 left (18 .. 21 Sep).
    # Resumed Mon 25 Sep: Tue 26 .. Fri 29 Sep. Responded Fri 29 Sep: met.
    report = report_of(
        received("2023-09-04"),
        ev("2023-09-06", "procedure.suspended", reason="A", notified=True),
        ev("2023-09-11", "procedure.resumed", reason="A over"),
        ev("2023-09-15", "procedure.suspended", reason="B", notified=True),
        ev("2023-09-25", "procedure.resumed", reason="B over"),
        ev("2023-09-29", "stage1.responded", findings={"P1": "not-upheld"}),
    )
    got = _clock_json(report, "stage1.response")
    assert (got["due"], got["status"], got["late_wd"]) == ("2023-09-29", "met", 0)
    assert "suspension.unnotified" not in report.codes()


def test_a_suspension_without_notice_is_a_risk() -> None:
    report = report_of(received("2023-12-11"), ev("2023-12-14", "procedure.suspended", reason="Court"))
    assert _warning(report, "suspension.unnotified") == (
        "risk", "2023-12-14", "The procedure was suspended on 14 Dec 2023 without recording that the complainant was told"
    )


def test_a_complaint_closed_while_suspended_stops_its_paused_clocks_without_fault() -> None:
    report = report_of(*CHRISTMAS, ev("2024-02-01", "complaint.closed"))
    got = _clock_json(report, "stage1.response")
    assert (got["due"], got["status"], got["late_wd"]) == (None, "stopped", 0)
    assert not {c for c in report.codes() if c.endswith((".late", ".overdue"))}


def test_a_clock_stopped_after_its_deadline_is_reported_overdue_when_it_stopped() -> None:
    # Due Mon 18 Sep 2023; closed Wed 20 Sep: Tue 19, Wed 20 = 2 WD.
    report = report_of(received("2023-09-04"), ev("2023-09-20", "complaint.closed"), today="2023-10-30")
    got = _clock_json(report, "stage1.response")
    assert (got["status"], got["late_wd"]) == ("stopped", 2)
    assert _warning(report, "stage1.response.overdue") == (
        "fault", "2023-09-20",
        "Stage 1 response not sent by 20 Sep 2023, when the clock stopped, 2 working days after its deadline (18 Sep 2023)",
    )
    assert (report.status, report.early_referral) == ("closed", None)


# --- the complainant's windows ------------------------------------------------------------------
# Responded Mon 11 Sep 2023: the Stage 2 window runs 20 WD (four weeks) to Mon 9 Oct.
STAGE1_DONE = [received("2023-09-04"), ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld"})]


@pytest.mark.parametrize(
    ("today", "status"), [("2023-10-09", "running"), ("2023-10-10", "stopped"), ("2024-06-01", "stopped")]
)
def test_a_window_that_passes_with_no_request_stops_without_fault(today: str, status: str) -> None:
    report = report_of(*STAGE1_DONE, today=today)
    got = _clock_json(report, "stage2.request-window")
    assert (got["due"], got["status"], got["late_wd"]) == ("2023-10-09", status, 0)
    assert not {c for c in report.codes() if c.startswith("stage2.request")}


def test_a_late_stage2_request_is_a_risk_until_a_decision_is_recorded() -> None:
    # Asked Wed 11 Oct: Tue 10, Wed 11 = 2 WD after the window closed.
    late = [*STAGE1_DONE, ev("2023-10-11", "stage2.requested")]
    report = report_of(*late)
    got = _clock_json(report, "stage2.request-window")
    assert (got["done"], got["status"], got["late_wd"]) == ("2023-10-11", "late", 2)
    assert _warning(report, "stage2.request.outside-window") == (
        "risk", "2023-10-11",
        "The request for Stage 2 on 11 Oct 2023 came 2 working days after its window closed (9 Oct 2023); "
        "record a decision on it",
    )
    assert not {c for c in report.codes() if c.startswith("stage2.request-window")}
    decided = report_of(*late, ev("2023-10-12", "stage2.request-decision", accepted=True, reason="Illness"))
    assert "stage2.request.outside-window" not in decided.codes()
    assert _clock_json(decided, "stage2.statement")["status"] == "running"


def test_a_late_request_refused_stops_the_statement_clock() -> None:
    refused = report_of(*STAGE1_DONE, ev("2023-10-11", "stage2.requested"),
                        ev("2023-10-12", "stage2.request-decision", accepted=False, reason="No good reason"),
                        today="2024-01-01")
    got = _clock_json(refused, "stage2.statement")
    assert (got["status"], got["late_wd"]) == ("stopped", 0)
    assert "stage2.request.outside-window" not in refused.codes()


STAGE2_DONE = MAIN[:5]  # Stage 2 response Mon 6 Nov 2023; the panel window runs to Mon 4 Dec.


def test_a_late_panel_request_is_a_risk_until_a_decision_is_recorded() -> None:
    # Asked Wed 6 Dec: Tue 5, Wed 6 = 2 WD late.
    late = [*STAGE2_DONE, ev("2023-12-06", "stage3.requested")]
    report = report_of(*late)
    got = _clock_json(report, "stage3.request-window")
    assert (got["due"], got["status"], got["late_wd"]) == ("2023-12-04", "late", 2)
    assert _warning(report, "stage3.request.outside-window") == (
        "risk", "2023-12-06",
        "The request for a review panel on 6 Dec 2023 came 2 working days after its window closed (4 Dec 2023); "
        "record a decision on it",
    )
    decided = report_of(*late, ev("2023-12-07", "stage3.request-decision", accepted=False, reason="Too late"))
    assert "stage3.request.outside-window" not in decided.codes()
    assert _clock_json(decided, "stage3.panel")["status"] == "stopped"


def test_stage2_may_be_asked_for_when_stage1_is_late_and_stage1_stops() -> None:
    # Stage 1 due Mon 18 Sep 2023 and never answered; Stage 2 asked for Wed 20 Sep (2 WD after the deadline).
    report = report_of(received("2023-09-04"), ev("2023-09-20", "stage2.requested"))
    got = _clock_json(report, "stage1.response")
    assert (got["status"], got["late_wd"], report.stage) == ("stopped", 2, 2)
    assert "stage1.response.overdue" in report.codes()
    assert report.clock("stage2.request-window") is None


# --- the panel date --------------------------------------------------------------------------------


def test_a_panel_set_after_its_deadline_is_a_risk_naming_the_working_days() -> None:
    # Asked Tue 7 Nov 2023, due Tue 19 Dec. Set on Mon 13 Nov for Thu 4 Jan 2024: Wed 20 .. Fri 22 (3),
    # Wed 27 .. Fri 29 (6), Tue 2 .. Thu 4 Jan (9).
    report = report_of(*MAIN[:6], ev("2023-11-13", "stage3.panel-scheduled", panel_date="2024-01-04"))
    assert _warning(report, "stage3.panel.scheduled-late") == (
        "risk", "2023-11-13", "The panel is set for 4 Jan 2024, 9 working days after its deadline (19 Dec 2023)"
    )
    on_time = report_of(*MAIN[:6], ev("2023-11-13", "stage3.panel-scheduled", panel_date="2023-12-19"))
    assert "stage3.panel.scheduled-late" not in on_time.codes()


# --- actions --------------------------------------------------------------------------------------
# A1 agreed Mon 4 Sep 2023 with "20 WD": due Mon 2 Oct.
AGREED = [received("2023-09-04"), ev("2023-09-04", "action.agreed", id="A1", what="Apologise", due="20 WD")]


@pytest.mark.parametrize(
    ("completed", "today", "status", "late_wd"),
    [
        (None, "2023-10-02", "open", 0),
        ("2023-09-29", None, "done", 0),
        ("2023-10-02", None, "done", 0),
        # Tue 3, Wed 4 Oct.
        ("2023-10-04", None, "late", 2),
        # Not done by Thu 5 Oct: Tue 3, Wed 4, Thu 5.
        (None, "2023-10-05", "overdue", 3),
    ],
)
def test_action_statuses(completed: str | None, today: str | None, status: str, late_wd: int) -> None:
    events = list(AGREED)
    if completed is not None:
        events.append(ev(completed, "action.completed", id="A1", evidence="Letter"))
    report = report_of(*events, today=today)
    (action,) = report.actions
    assert action.to_json() == {
        "id": "A1", "what": "Apologise", "due": "2023-10-02", "done": completed, "status": status, "late_wd": late_wd,
        "source": "council", "agreed": "2023-09-04", "evidence": "Letter" if completed else None,
    }
    if status == "late":
        assert _warning(report, "action.late") == (
            "fault", completed, "Action A1 (Apologise) completed 2 working days after it was due (2 Oct 2023)")
    if status == "overdue":
        assert _warning(report, "action.overdue") == (
            "fault", today, "Action A1 (Apologise) is 3 working days overdue: it was due on 2 Oct 2023")
    if status in ("open", "done"):
        assert not {"action.late", "action.overdue"} & report.codes()


def test_actions_come_from_every_source_with_their_due_dates() -> None:
    # Stage 2 response Mon 6 Nov 2023: R1 "4 weeks" -> Mon 4 Dec; R2 no due -> 20 WD -> Mon 4 Dec;
    # R3 rejected and R4 undecided make no action.
    # Final response Wed 24 Jan 2024: PR1 due 2024-03-01; PR2 no due -> 20 WD: Thu 25, Fri 26 Jan (2),
    # 29 Jan .. 2 Feb (7), 5 .. 9 Feb (12), 12 .. 16 Feb (17), Mon 19, Tue 20, Wed 21 Feb (20).
    # action.agreed Thu 25 Jan "1 month" -> Sun 25 Feb (a period in months is calendar time).
    # Ombudsman decision Wed 31 Jan 2024: an action with no due -> 1 month -> Thu 29 Feb (31 Jan + 1 month);
    # a payment with "3 months" -> Tue 30 Apr (31 Jan + 3 months, April has 30 days).
    events = [
        *MAIN[:4],
        ev("2023-11-06", "stage2.responded", findings={"P1": "upheld"}, recommendations=[
            {"id": "R1", "what": "Apologise", "accepted": True, "due": "4 weeks"},
            {"id": "R2", "what": "Amend the record", "accepted": True},
            {"id": "R3", "what": "Move school", "accepted": False},
            {"id": "R4", "what": "Review policy"},
        ]),
        *MAIN[5:7],
        ev("2024-01-02", "stage3.panel-reported", findings={"P1": "upheld"}, recommendations=[
            {"id": "PR1", "what": "Train staff"}, {"id": "PR2", "what": "Meet the family"},
            {"id": "PR3", "what": "Rewrite the plan"},
        ]),
        ev("2024-01-24", "stage3.responded", decisions={
            "PR1": {"accepted": True, "due": "2024-03-01"}, "PR2": {"accepted": True},
            "PR3": {"accepted": False, "reason": "Already rewritten"},
        }),
        ev("2024-01-25", "action.agreed", id="C1", what="Send the minutes", due="1 month", source="stage3"),
        ev("2024-01-26", "ombudsman.referred", reference="23 013 019"),
        ev("2024-01-31", "ombudsman.decided", outcome="upheld", fault=True, injustice=True,
           actions=[{"id": "L1", "what": "Apologise in writing"}],
           payments=[{"id": "L2", "amount_gbp": 300, "purpose": "distress", "due": "3 months"}]),
    ]
    report = report_of(*events)
    assert {a.id: (a.due.isoformat() if a.due else None, a.source, a.what) for a in report.actions} == {
        "R1": ("2023-12-04", "stage2", "Apologise"),
        "R2": ("2023-12-04", "stage2", "Amend the record"),
        "PR1": ("2024-03-01", "stage3", "Train staff"),
        "PR2": ("2024-02-21", "stage3", "Meet the family"),
        "C1": ("2024-02-25", "stage3", "Send the minutes"),
        "L1": ("2024-02-29", "ombudsman", "Apologise in writing"),
        "L2": ("2024-04-30", "ombudsman", "Pay £300 for distress"),
    }
    assert {a.id: a.status for a in report.actions} == {
        "R1": "overdue", "R2": "overdue", "PR1": "open", "PR2": "open", "C1": "open", "L1": "open", "L2": "open",
    }
    assert "stage3.rejected-without-reasons" not in report.codes()


def test_a_panel_recommendation_rejected_without_reasons_is_fault() -> None:
    report = report_of(*MAIN[:7], ev("2024-01-02", "stage3.panel-reported",
                                     recommendations=[{"id": "PR1", "what": "Train staff"}]),
                       ev("2024-01-24", "stage3.responded", decisions={"PR1": {"accepted": False}}))
    assert _warning(report, "stage3.rejected-without-reasons") == (
        "fault", "2024-01-24", "Panel recommendation PR1 (Train staff) rejected on 24 Jan 2024 with no reason given"
    )
    assert report.actions == ()


# --- offers ---------------------------------------------------------------------------------------
# Made Fri 10 Sep 2021 with a 90 day window: 20 days to 30 Sep, 31 in October (51), 30 in November (81),
# 9 in December (90): the window ends Thu 9 Dec 2021.
OFFERED = [received("2021-09-01"),
           ev("2021-09-10", "offer.made", id="O1", what="A new panel if you ask within 90 days", window="90 days")]


@pytest.mark.parametrize(
    ("withdrawn", "early"),
    [("2021-11-01", True), ("2021-12-08", True), ("2021-12-09", True), ("2021-12-10", False), ("2022-03-01", False)],
)
def test_an_offer_withdrawn_before_its_window_ended_is_fault(withdrawn: str, early: bool) -> None:
    # The window is open all of its last day, 9 Dec (the offer is "open" that day, below), so withdrawing it
    # that day is still early.
    report = report_of(*OFFERED, ev(withdrawn, "offer.withdrawn", id="O1"))
    (offer,) = report.offers
    assert offer.to_json() == {"id": "O1", "what": "A new panel if you ask within 90 days", "made": "2021-09-10",
                               "until": "2021-12-09", "status": "withdrawn"}
    if early:
        day = dt.date.fromisoformat(withdrawn)
        assert _warning(report, "offer.withdrawn-early") == (
            "fault", withdrawn,
            f"Offer O1 (A new panel if you ask within 90 days) withdrawn on {day.day} {day:%b %Y}, before its window "
            "ended on 9 Dec 2021",
        )
    else:
        assert "offer.withdrawn-early" not in report.codes()


@pytest.mark.parametrize(
    ("extra", "today", "status"),
    [
        ([], "2021-12-09", "open"),
        ([], "2021-12-10", "lapsed"),
        ([ev("2021-10-01", "offer.taken-up", id="O1")], "2022-01-01", "taken-up"),
    ],
)
def test_offer_statuses(extra: list[Raw], today: str, status: str) -> None:
    (offer,) = report_of(*OFFERED, *extra, today=today).offers
    assert offer.status == status


# --- findings and early referral -------------------------------------------------------------------

TWO_POINTS = [
    {"id": "P1", "text": "The review was cancelled", "about": "practice"},
    {"id": "P2", "text": "Nobody called back", "about": "communication"},
]


def test_findings_are_per_point_per_stage_and_later_stages_override() -> None:
    report = report_of(
        received("2023-09-04"),
        ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld", "P2": "upheld"}),
        ev("2023-09-13", "stage2.requested"),
        ev("2023-09-18", "stage2.statement-agreed"),
        ev("2023-10-02", "stage2.responded", findings={"P1": "upheld"}),
        ev("2023-10-04", "stage3.requested"),
        ev("2023-10-20", "stage3.panel-held"),
        ev("2023-10-25", "stage3.panel-reported", findings={"P2": "partly-upheld"}),
        points=TWO_POINTS,
    )
    assert report.findings == {"P1": {1: "not-upheld", 2: "upheld"}, "P2": {1: "upheld", 3: "partly-upheld"}}
    assert (report.latest_finding("P1"), report.latest_finding("P2"), report.latest_finding("P3")) == (
        "upheld", "partly-upheld", None)
    assert report.to_json()["findings"] == {
        "P1": {"by_stage": {"1": "not-upheld", "2": "upheld"}, "latest": "upheld"},
        "P2": {"by_stage": {"1": "upheld", "3": "partly-upheld"}, "latest": "partly-upheld"},
    }


S2_ALL_UPHELD = [received("2023-09-04"), ev("2023-09-11", "stage1.responded", findings={"P1": "not-upheld"}),
                 ev("2023-09-13", "stage2.requested"), ev("2023-09-18", "stage2.statement-agreed"),
                 ev("2023-10-02", "stage2.responded", findings={"P1": "upheld", "P2": "upheld"})]


@pytest.mark.parametrize(
    ("events", "points", "expected"),
    [
        ([received("2023-09-04")], TWO_POINTS, {"eligible": False, "failing": ["stage2-not-complete"]}),
        (S2_ALL_UPHELD, TWO_POINTS, {"eligible": False, "failing": ["council-not-agreed"]}),
        ([*S2_ALL_UPHELD, ev("2023-10-03", "ombudsman.referred", early=True, council_agreed=True)], TWO_POINTS,
         {"eligible": True, "failing": []}),
        # P2 has no finding at any stage.
        ([*S2_ALL_UPHELD[:4], ev("2023-10-02", "stage2.responded", findings={"P1": "upheld"})], TWO_POINTS,
         {"eligible": False, "failing": ["not-all-upheld", "council-not-agreed"]}),
        ([received("2023-09-04"), ev("2023-09-11", "stage1.responded", findings={}), *S2_ALL_UPHELD[2:4],
          ev("2023-10-02", "stage2.responded", findings={})], [],
         {"eligible": False, "failing": ["not-all-upheld", "council-not-agreed"]}),
        ([*S2_ALL_UPHELD, ev("2023-10-04", "stage3.requested"), ev("2023-10-20", "stage3.panel-held"),
          ev("2023-10-25", "stage3.panel-reported"), ev("2023-11-06", "stage3.responded", decisions={})], TWO_POINTS,
         None),
        ([received("2023-09-04"), ev("2023-09-05", "complaint.withdrawn")], TWO_POINTS, None),
        ([*S2_ALL_UPHELD, ev("2023-10-05", "complaint.closed")], TWO_POINTS, None),
    ],
)
def test_the_early_referral_judgement(events: list[Raw], points: list[Raw], expected: dict[str, Any] | None) -> None:
    report = report_of(*events, points=points)
    assert report.to_json()["early_referral"] == expected
    if expected is not None:
        assert report.early_referral is not None
        assert report.early_referral.explanation().startswith("Eligible" if expected["eligible"] else "Not eligible")


def test_an_early_referral_when_the_conditions_do_not_hold_is_a_risk() -> None:
    report = report_of(*S2_ALL_UPHELD[:4], ev("2023-10-02", "stage2.responded", findings={"P1": "partly-upheld"}),
                       ev("2023-10-03", "ombudsman.referred", early=True), points=TWO_POINTS)
    assert _warning(report, "early-referral.ineligible") == (
        "risk", "2023-10-03",
        "Referred to the Ombudsman on 3 Oct 2023 before Stage 3 was complete, but early referral does not apply: "
        "not every point was upheld, the council has not agreed",
    )
    before_stage2 = report_of(received("2023-09-04"), ev("2023-09-05", "ombudsman.referred"))
    assert _warning(before_stage2, "early-referral.ineligible")[2].endswith(
        "does not apply: the Stage 2 response has not been sent")


def test_a_referral_after_stage3_or_after_closing_is_not_early() -> None:
    done = report_of(*MAIN, ev("2024-02-01", "ombudsman.referred"))
    closed = report_of(received("2023-09-04"), ev("2023-09-05", "complaint.closed"), ev("2023-09-06", "ombudsman.referred"))
    assert "early-referral.ineligible" not in done.codes() | closed.codes()


def test_refusing_a_panel_is_fault_unless_early_referral_applies() -> None:
    refused = [*S2_ALL_UPHELD, ev("2023-10-04", "stage3.requested"), ev("2023-10-05", "stage3.refused", reason="No")]
    report = report_of(*refused, points=TWO_POINTS)
    assert _warning(report, "stage3.refused") == (
        "fault", "2023-10-05",
        "A review panel was refused on 5 Oct 2023 although early referral does not apply: the council has not agreed",
    )
    assert _clock_json(report, "stage3.panel")["status"] == "stopped"
    agreed = report_of(*refused, ev("2023-10-06", "ombudsman.referred", early=True, council_agreed=True),
                       points=TWO_POINTS)
    assert "stage3.refused" not in agreed.codes()
    assert "early-referral.ineligible" not in agreed.codes()


# --- Stage 1 letters, time limits, independence, routes ---------------------------------------------


@pytest.mark.parametrize(
    ("findings", "says", "missing"),
    [
        ({"P1": "upheld", "P2": "not-upheld"}, None, None),
        ({"P1": "not-upheld", "P2": "not-upheld"}, ["findings", "basis"], None),
        ({"P1": "upheld", "P2": "not-upheld"}, ["findings"], "the basis for the findings; the remedy for the upheld points"),
        ({"P1": "partly-upheld", "P2": "not-upheld"}, ["findings", "basis"], "the remedy for the upheld points"),
        ({"P1": "upheld"}, None, "a finding on P2"),
        ({}, ["basis"], "a finding on P1, P2"),
        ({"P1": "not-upheld", "P2": "not-upheld"}, ["basis", "remedy"], "a finding on every point"),
    ],
)
def test_a_stage1_response_without_its_three_parts_is_fault(
    findings: dict[str, str], says: list[str] | None, missing: str | None
) -> None:
    fields: dict[str, Any] = {"findings": findings} | ({"says": says} if says is not None else {})
    report = report_of(received("2023-09-04"), ev("2023-09-11", "stage1.responded", **fields), points=TWO_POINTS)
    if missing is None:
        assert "stage1.response.incomplete" not in report.codes()
    else:
        assert _warning(report, "stage1.response.incomplete") == (
            "fault", "2023-09-11", f"The Stage 1 response of 11 Sep 2023 does not give {missing}")


@pytest.mark.parametrize(
    ("matter_on", "received_on", "undecided"),
    [
        ("2022-09-01", "2023-09-04", True),
        ("2022-09-04", "2023-09-04", False),  # exactly a year: in time
        ("2022-09-03", "2023-09-04", True),
        ("2023-09-04", "2024-09-04", False),  # exactly a year over 29 Feb 2024: in time
        ("2023-09-03", "2024-09-04", True),
        ("2023-06-01", "2023-09-04", False),
    ],
)
def test_a_complaint_over_a_year_after_the_matter_needs_a_time_limit_decision(
    matter_on: str, received_on: str, undecided: bool
) -> None:
    report = report_of(received(received_on, matter_on=matter_on))
    assert ("complaint.time-limit.undecided" in report.codes()) is undecided
    if undecided and matter_on == "2022-09-01":
        assert _warning(report, "complaint.time-limit.undecided") == (
            "risk", "2023-09-04",
            "Received on 4 Sep 2023, more than a year after the matter (1 Sep 2022): record a decision on whether to "
            "accept it, considering the discretion to do so",
        )
    decided = report_of(received(received_on, matter_on=matter_on),
                        ev(received_on, "complaint.time-limit-decision", accepted=True, reason="Fair"))
    assert "complaint.time-limit.undecided" not in decided.codes()


@pytest.mark.parametrize("considered", [None, False, True])
def test_refusing_a_late_complaint_without_considering_the_discretion_is_fault(considered: bool | None) -> None:
    fields: dict[str, Any] = {"accepted": False, "reason": "Out of time"}
    if considered is not None:
        fields["discretion_considered"] = considered
    report = report_of(received("2023-09-04", matter_on="2021-01-01"),
                       ev("2023-09-06", "complaint.time-limit-decision", **fields), today="2023-12-01")
    assert _clock_json(report, "stage1.response")["status"] == "stopped"
    if considered:
        assert "complaint.refused-late-without-discretion" not in report.codes()
    else:
        assert _warning(report, "complaint.refused-late-without-discretion") == (
            "fault", "2023-09-06",
            "Complaint refused as out of time on 6 Sep 2023 without recording that the discretion to accept a late "
            "complaint was considered",
        )


def test_an_ineligible_complainant_stops_stage1() -> None:
    report = report_of(received("2023-09-04"), ev("2023-09-05", "eligibility.decided", eligible=False, basis="None"),
                       today="2023-12-01")
    assert (_clock_json(report, "stage1.response")["status"], report.codes()) == ("stopped", set())
    eligible = report_of(received("2023-09-04"), ev("2023-09-05", "eligibility.decided", eligible=True, basis="Parent"))
    assert _clock_json(eligible, "stage1.response")["status"] == "running"


INDEPENDENCE = [*MAIN[:3]]


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (ev("2023-09-14", "stage2.appointed", role="io", person="Quinn Ash", involved=True),
         "The investigating officer, Quinn Ash, was involved in the events complained about"),
        (ev("2023-09-14", "stage2.appointed", role="ip", person="Rae Bond", involved=True),
         "The independent person, Rae Bond, was involved in the events complained about"),
        (ev("2023-09-14", "stage2.appointed", role="ip", person="Rae Bond", council_employee=True),
         "The independent person, Rae Bond, is a member or officer of the council"),
    ],
)
def test_a_stage2_appointment_that_is_not_independent_is_fault(event: Raw, message: str) -> None:
    report = report_of(*INDEPENDENCE, event)
    assert _warning(report, "independence.conflict") == ("fault", "2023-09-14", message)


def test_an_investigating_officer_may_be_a_council_employee() -> None:
    report = report_of(*INDEPENDENCE, ev("2023-09-14", "stage2.appointed", role="io", person="Quinn Ash",
                                         council_employee=True, involved=False))
    assert "independence.conflict" not in report.codes()


@pytest.mark.parametrize(
    ("first", "replaced_by", "message"),
    [
        (ev("2023-09-14", "stage2.appointed", role="ip", person="Rae Bond", council_employee=True),
         ev("2023-09-20", "stage2.appointed", role="ip", person="Sam Hale"),
         "Sam Hale replaced Rae Bond as the independent person on 20 Sep 2023: the conflict was put right"),
        (ev("2023-09-14", "stage2.appointed", role="io", person="Quinn Ash", involved=True),
         ev("2023-09-20", "stage2.appointed", role="io", person="Uma Fry", council_employee=True),
         "Uma Fry replaced Quinn Ash as the investigating officer on 20 Sep 2023: the conflict was put right"),
    ],
)
def test_replacing_a_conflicted_appointee_puts_the_conflict_right(first: Raw, replaced_by: Raw, message: str) -> None:
    report = report_of(*INDEPENDENCE, first, replaced_by)
    assert _warning(report, "independence.conflict-resolved") == ("info", "2023-09-20", message)
    fault = next(w for w in report.warnings if w.code == "independence.conflict")
    assert (fault.severity, fault.resolved) == ("fault", D(2023, 9, 20))  # kept as history, marked put right


def test_a_replacement_who_also_conflicts_puts_nothing_right() -> None:
    report = report_of(*INDEPENDENCE,
                       ev("2023-09-14", "stage2.appointed", role="ip", person="Rae Bond", involved=True),
                       ev("2023-09-15", "stage2.appointed", role="io", person="Quinn Ash"),
                       ev("2023-09-20", "stage2.appointed", role="ip", person="Sam Hale", council_employee=True))
    assert "independence.conflict-resolved" not in report.codes()
    assert [w.resolved for w in report.warnings if w.code == "independence.conflict"] == [None, None]


def test_a_resolved_conflict_is_marked_in_the_json_report() -> None:
    report = report_of(*INDEPENDENCE,
                       ev("2023-09-14", "stage2.appointed", role="ip", person="Rae Bond", involved=True),
                       ev("2023-09-20", "stage2.appointed", role="ip", person="Sam Hale"))
    warnings = report.to_json()["warnings"]
    assert [w.get("resolved") for w in warnings if w["code"] == "independence.conflict"] == ["2023-09-20"]
    assert all("resolved" not in w for w in warnings if w["code"] != "independence.conflict")


@pytest.mark.parametrize("kind", ["stage3.panel-scheduled", "stage3.panel-held"])
def test_a_panel_member_who_was_involved_or_was_the_stage2_ip_is_fault(kind: str) -> None:
    appointed = ev("2023-09-29", "stage2.appointed", role="ip", person="Rae Bond")
    extra = {"panel_date": "2023-12-12"} if kind == "stage3.panel-scheduled" else {}
    panel = ev("2023-12-11", kind, members=["Ann Lee", {"name": "Cy Dow", "involved": True}, "rae bond"], **extra)
    report = report_of(*MAIN[:4], appointed, *MAIN[4:6], panel)
    assert sorted(w.message for w in report.warnings if w.code == "independence.conflict") == [
        "Panel member Cy Dow was involved in the events complained about",
        "Panel member rae bond was the independent person at Stage 2",
    ]
    assert all(w.date == D(2023, 12, 11) for w in report.warnings if w.code == "independence.conflict")


@pytest.mark.parametrize(
    ("about", "code", "body"),
    [
        ("staff-conduct", "route.social-work-england",
         "Social Work England is the body for a social worker's professional conduct; say so in the response."),
        ("records", "route.information-commissioner",
         "the Information Commissioner handles data protection and record accuracy; say so in the response."),
        ("data", "route.information-commissioner",
         "the Information Commissioner handles data protection and record accuracy; say so in the response."),
        ("court", "route.court", "court proceedings are outside this procedure and the Ombudsman; say so in the response."),
    ],
)
def test_points_for_another_body_are_routed(about: str, code: str, body: str) -> None:
    points = [{"id": "P1", "text": "Something", "about": about}]
    report = report_of(received("2023-09-04"), points=points)
    assert _warning(report, code) == ("info", "2023-09-04", f"P1 (Something): {body}")


@pytest.mark.parametrize("about", ["practice", "decision", "communication", "delay", "contact", "other"])
def test_other_points_raise_no_route(about: str) -> None:
    report = report_of(received("2023-09-04"), points=[{"id": "P1", "text": "x", "about": about}])
    assert report.warnings == ()


# --- today ----------------------------------------------------------------------------------------


def test_today_defaults_to_the_case_today_then_the_last_event() -> None:
    events = [received("2023-09-04"), ev("2023-09-07", "advocacy.offered")]
    assert replay(parse_case(case_data(*events))).today == D(2023, 9, 7)
    assert replay(parse_case(case_data(*events, today="2023-09-20"))).today == D(2023, 9, 20)
    assert replay(parse_case(case_data(*events, today="2023-09-20")), today=D(2023, 9, 5)).today == D(2023, 9, 5)


def test_events_after_today_are_ignored() -> None:
    # As of Fri 15 Sep, the response of Tue 19 Sep has not happened: Stage 1 is running, not late.
    report = report_of(received("2023-09-04"), ev("2023-09-19", "stage1.responded", findings={"P1": "upheld"}),
                       ev("2023-09-20", "stage2.requested"), today="2023-09-15")
    got = _clock_json(report, "stage1.response")
    assert (got["status"], got["done"], report.stage, report.findings) == ("running", None, 1, {})
    assert report.clock("stage2.request-window") is None
    assert report.codes() == set()


def test_events_after_today_are_still_checked() -> None:
    data = case_data(received("2023-09-04"), ev("2023-09-19", "stage3.requested"), today="2023-09-15")
    with pytest.raises(RuleViolation, match=r"^event 2 \(stage3\.requested\): This can only be recorded after"):
        replay(parse_case(data))


def test_a_deadline_beyond_the_calendar_is_refused_naming_the_event() -> None:
    # Received Thu 30 Dec 2100: its 10 WD deadline would fall in 2101, after the calendar's last year.
    with pytest.raises(CaseFileError) as refused:
        report_of(received("2100-12-30"))
    assert refused.value.located() == (
        "cannot judge the complaint as of 2100-12-30: the deadline falls after 2100, beyond the calendar")
    with pytest.raises(CaseFileError) as refused:
        report_of(received("2100-06-01"), ev("2100-06-02", "action.agreed", id="A1", what="x", due="200 WD"))
    assert refused.value.located() == "event 2 (action.agreed): the deadline falls after 2100, beyond the calendar"
    assert refused.value.code == "beyond-calendar"


def test_judging_beyond_the_calendar_is_refused() -> None:
    case = parse_case(case_data(received("2023-09-04")))
    with pytest.raises(CaseFileError, match=r"^cannot judge the complaint as of 2101-01-03: 2101-01-03 is outside"):
        replay(case, today=D(2101, 1, 3))
    # A judgement before the last event is made on the way through the history.
    with pytest.raises(CaseFileError, match=r"^cannot judge the complaint as of 2100-12-30: the deadline falls after"):
        replay(parse_case(case_data(received("2100-12-30"), ev("2100-12-31", "advocacy.offered"))),
               today=D(2100, 12, 30))


def test_a_council_day_moves_every_deadline() -> None:
    # Received Mon 4 Sep 2023: due Mon 18 Sep; with Fri 8 Sep a council day, Tue 19 Sep.
    case = parse_case(case_data(received("2023-09-04")))
    calendar = WorkingCalendar({D(2023, 9, 8): "Council closure"})
    assert replay(case, calendar=calendar).clocks[0].due == D(2023, 9, 19)


def test_warnings_are_in_date_order_faults_first() -> None:
    report = report_of(
        received("2023-09-04"),
        ev("2023-09-19", "stage1.responded", findings={"P1": "upheld"}, says=["findings", "basis"]),
        points=[{"id": "P1", "text": "x", "about": "records"}],
    )
    assert [(w.date, w.severity, w.code) for w in report.warnings] == [
        (D(2023, 9, 4), "info", "route.information-commissioner"),
        (D(2023, 9, 19), "fault", "stage1.response.incomplete"),
        (D(2023, 9, 19), "fault", "stage1.response.late"),
    ]


def test_the_report_is_the_json_shape_of_scenarios() -> None:
    data = report_of(*MAIN[:2], ev("2023-09-11", "action.agreed", id="A1", what="Apologise", due="2023-09-30"),
                     today="2023-10-10").to_json()
    assert json.loads(json.dumps(data)) == data
    assert {"stage", "status", "suspended", "clocks", "actions", "warnings", "early_referral"} <= set(data)
    assert data["stage"] == 1 and data["status"] == "open" and data["suspended"] is False
    assert set(data["clocks"][0]) == {"name", "start", "limit_wd", "due", "done", "status", "late_wd"}
    assert {"id", "what", "due", "done", "status"} <= set(data["actions"][0])
    assert set(data["warnings"][0]) == {"code", "severity", "date", "message"}
    assert data["early_referral"] == {"eligible": False, "failing": ["stage2-not-complete"]}


def test_the_example_of_scenarios_md_reports_what_the_document_shows() -> None:
    # Received Mon 12 Feb 2018: due Mon 26 Feb. Responded Fri 15 Jun: Tue 27 Feb .. Fri 2 Mar (4 weekdays) and
    # Mon 5 Mar .. Fri 15 Jun (15 weeks, 75 weekdays) = 79, less Good Friday 30 Mar, Easter Monday 2 Apr,
    # 7 May and 28 May = 75 working days late.
    points = [{"id": "P1", "text": "The social work report was inaccurate", "about": "records"},
              {"id": "P2", "text": "I was humiliated at the conference", "about": "practice"}]
    report = report_of(
        received("2018-02-12", matter_on="2018-02-01"),
        ev("2018-06-15", "stage1.responded", findings={"P1": "not-upheld", "P2": "not-upheld"}, says=["findings"]),
        ev("2018-07-02", "stage2.requested"),
        points=points, today="2019-11-01",
    )
    assert report.to_json()["clocks"][0] == {
        "name": "stage1.response", "start": "2018-02-12", "limit_wd": 10, "due": "2018-02-26", "done": "2018-06-15",
        "status": "late", "late_wd": 75,
    }
    assert _warning(report, "stage1.response.late") == (
        "fault", "2018-06-15", "Stage 1 response sent 75 working days after its deadline (26 Feb 2018)")
    assert report.stage == 2
    assert "stage1.response.incomplete" in report.codes()
