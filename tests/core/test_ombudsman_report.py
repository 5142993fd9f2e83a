"""The report's Ombudsman summary: when the complaint was referred and what the Ombudsman decided."""

from __future__ import annotations

import datetime as dt

from tests.core.cases import ev, received, report_of


def test_no_referral_no_ombudsman_summary() -> None:
    assert report_of(received("2023-09-04")).ombudsman is None
    assert report_of(received("2023-09-04")).to_json()["ombudsman"] is None


def test_a_referral_awaiting_the_decision() -> None:
    report = report_of(received("2023-09-04"), ev("2023-10-02", "ombudsman.referred", reference="23 001 002"))
    assert report.ombudsman is not None
    assert report.ombudsman.to_json() == {"referred": "2023-10-02", "reference": "23 001 002", "decided": None,
                                          "outcome": None, "fault": None, "injustice": None}


def test_the_decision_gives_the_outcome_fault_and_injustice() -> None:
    report = report_of(received("2023-09-04"), ev("2023-10-02", "ombudsman.referred"),
                       ev("2024-01-15", "ombudsman.decided", outcome="upheld", fault=True, injustice=False,
                          reference="23 001 002"))
    summary = report.ombudsman
    assert summary is not None
    assert (summary.referred, summary.decided, summary.outcome, summary.fault, summary.injustice, summary.reference) == (
        dt.date(2023, 10, 2), dt.date(2024, 1, 15), "upheld", True, False, "23 001 002")
