"""The end-of-history judgements of `children-england`: what the complaint's state says as of a day.

Each judgement gives the warnings the state gives beyond its clocks and actions (which the engine
judges for every procedure); `early_referral` says whether the complaint may go to the Ombudsman
before a review panel.
"""

from __future__ import annotations

import datetime as dt

from redress.core.procedures.children_england.rules import FAILING_TEXT, early_referral_failing
from redress.core.table import EarlyReferral, ReportWarning, State
from redress.core.words import plural, short_date


def requests_outside_window(state: State, today: dt.date) -> list[ReportWarning]:
    """A request for Stage 2 or a panel made after its window closed needs a recorded decision: until then, a risk.

    Source: Getting the Best from Complaints (DfES 2006); project decision: a late request needs a recorded decision.
    """
    warnings = []
    for stage, (requested, due, late) in state.outside_window.items():
        if f"stage{stage}.request-decision" not in state.steps:
            what = "Stage 2" if stage == 2 else "a review panel"
            warnings.append(ReportWarning(
                f"stage{stage}.request.outside-window", "risk", requested,
                f"The request for {what} on {short_date(requested)} came {plural(late, 'working day')} after its "
                f"window closed ({short_date(due)}); record a decision on it"))
    return warnings


def panel_refused(state: State, today: dt.date) -> list[ReportWarning]:
    """Refusing a review panel when early referral does not apply is fault.

    Source: SI 2006/1738 reg 19; Ombudsman guide for practitioners (2021).
    """
    if "stage3.refused" not in state.steps:
        return []
    failing = early_referral_failing(state)
    if not failing:
        return []
    on = state.steps["stage3.refused"]
    return [ReportWarning(
        "stage3.refused", "fault", on,
        f"A review panel was refused on {short_date(on)} although early referral does not apply: "
        + ", ".join(FAILING_TEXT[f] for f in failing))]


def time_limit_undecided(state: State, today: dt.date) -> list[ReportWarning]:
    """A complaint made more than a year after the matter needs a recorded decision on accepting it: until then, a risk.

    Source: SI 2006/1738 reg 9(2): the council may accept a late complaint; Ombudsman practice (DOMAIN.md section 2).
    """
    if "late-complaint" in state.steps and "complaint.time-limit-decision" not in state.steps and state.received:
        matter_on = state.steps["late-complaint"]
        return [ReportWarning(
            "complaint.time-limit.undecided", "risk", state.received,
            f"Received on {short_date(state.received)}, more than a year after the matter ({short_date(matter_on)}): "
            "record a decision on whether to accept it, considering the discretion to do so")]
    return []


JUDGEMENTS = (requests_outside_window, panel_refused, time_limit_undecided)


def early_referral(state: State) -> EarlyReferral | None:
    """While the complaint is open and before the final response: whether early referral applies, and why not.

    Source: Ombudsman guide for practitioners (2021); DOMAIN.md section 6.
    """
    if state.status != "open" or "stage3.responded" in state.steps:
        return None
    failing = early_referral_failing(state)
    return EarlyReferral(not failing, tuple(failing), tuple(FAILING_TEXT[f] for f in failing))
