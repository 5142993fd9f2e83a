"""The events every procedure includes, with one meaning: receipt, suspension, actions, offers, the Ombudsman, the end.

`complaint.received`, `procedure.suspended` / `procedure.resumed`, `procedure.changed`, `action.*`,
`offer.*`, `ombudsman.*`, `complaint.withdrawn` / `complaint.closed` (SCENARIOS.md); corrections
(`event.voided`, `event.corrected`) are about the history, not a procedure (`redress.core.corrections`).
A procedure builds its table with `received_step` first, its own stages, then `later_steps`; it may
add effects of its own to receipt and to referral (e.g. starting its first clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from redress.core.events import Due, Event, parse_due
from redress.core.letters.catalogue import CATALOGUE, letters_of
from redress.core.table import (
    OK,
    AgreedAction,
    Condition,
    Effect,
    Offer,
    Problem,
    ProcedureChange,
    ReportWarning,
    State,
    Step,
    after,
)
from redress.core.words import short_date

DEFAULT_OMBUDSMAN_DUE = parse_due("1 month")
"""Project decision, from the Ombudsman's Guidance on remedies: personal remedies are usually due within a month."""


# --- conditions: each returns None when met, or the values its message needs ---------------------


def received_first(state: State, event: Event) -> Problem:
    """A complaint's history starts with complaint.received; record the complaint first.

    Source: SCENARIOS.md (project decision): every clock counts from receipt.
    """
    return OK if state.received is not None or event.type == "complaint.received" else {}


def received_once(state: State, event: Event) -> Problem:
    """The complaint was already received on {received}; a history has one complaint.received.

    Source: SCENARIOS.md (project decision).
    """
    return OK if state.received is None else {"received": short_date(state.received)}


def in_date_order(state: State, event: Event) -> Problem:
    """Events are recorded in date order: this one is dated {date}, before the last event ({last}).

    Source: SCENARIOS.md: a history is a list of dated events, oldest first.
    """
    if state.last_date is None or event.date >= state.last_date:
        return OK
    return {"date": short_date(event.date), "last": short_date(state.last_date)}


def complaint_open(state: State, event: Event) -> Problem:
    """The complaint is {status}: its stages are over, so this cannot be recorded.

    Source: project decision: after withdrawal or closure only actions, offers and the Ombudsman go on.
    """
    return OK if state.status == "open" else {"status": state.status}


def not_suspended(state: State, event: Event) -> Problem:
    """The procedure has been suspended since {since}: record procedure.resumed first.

    Source: SI 2006/1738 reg 8 (deferral) and project decision: no stage moves while suspended.
    """
    return OK if state.suspended_since is None else {"since": short_date(state.suspended_since)}


def is_suspended(state: State, event: Event) -> Problem:
    """The procedure is not suspended, so it cannot be resumed.

    Source: project decision.
    """
    return OK if state.suspended_since is not None else {}


def action_ids_new(state: State, event: Event) -> Problem:
    """There is already an action {id} (agreed on {on}); give this one another id.

    Source: project decision: every agreed action is tracked by its own id.
    """
    seen: set[str] = set()
    for action_id in state.procedure.new_action_ids[event.type](event):
        if action_id in state.actions:
            return {"id": action_id, "on": short_date(state.actions[action_id].agreed)}
        if action_id in seen:
            return {"id": action_id, "on": short_date(event.date)}
        seen.add(action_id)
    return OK


def action_known(state: State, event: Event) -> Problem:
    """There is no agreed action {id} that is still open; the open ones are {open}.

    Source: project decision: an action is completed once.
    """
    action = state.actions.get(event.get("id"))
    if action is not None and action.done is None:
        return OK
    return {"id": event.get("id"), "open": ", ".join(a.id for a in state.actions.values() if a.done is None) or "none"}


def offer_id_new(state: State, event: Event) -> Problem:
    """There is already an offer {id}; give this one another id.

    Source: project decision.
    """
    return OK if event.get("id") not in state.offers else {"id": event.get("id")}


def offer_open(state: State, event: Event) -> Problem:
    """There is no open offer {id}; the open ones are {open}.

    Source: project decision: an offer is withdrawn or taken up once.
    """
    offer = state.offers.get(event.get("id"))
    if offer is not None and offer.withdrawn is None and offer.taken_up is None:
        return OK
    open_ids = [o.id for o in state.offers.values() if o.withdrawn is None and o.taken_up is None]
    return {"id": event.get("id"), "open": ", ".join(open_ids) or "none"}


def offer_end_not_past(state: State, event: Event) -> Problem:
    """The offer's window ends on {until}, before it was made ({date}).

    Source: project decision.
    """
    until = offer_until(state, event)
    return OK if until >= event.date else {"until": short_date(until), "date": short_date(event.date)}


def change_to_known_procedure(state: State, event: Event) -> Problem:
    """There is no procedure {to}; the procedures are {known}.

    Source: project decision: a complaint moves only into a procedure Redress knows (`redress procedures`).
    """
    from redress.core.procedures.registry import PROCEDURES  # the registry is built on this module

    to = event.get("to")
    return OK if to in PROCEDURES else {"to": repr(to), "known": ", ".join(PROCEDURES)}


def change_to_another_procedure(state: State, event: Event) -> Problem:
    """The complaint is already under the procedure {to}; a change names another one.

    Source: project decision: a change of procedure moves the complaint somewhere else.
    """
    return OK if event.get("to") != state.procedure.name else {"to": state.procedure.name}


def letter_known(state: State, event: Event) -> Problem:
    """There is no letter {kind} in the procedure {procedure}; its letters are {kinds}.

    Source: project decision: Redress records the letters it produces (redress.core.letters).
    """
    if (state.procedure.name, event.get("kind")) in CATALOGUE:
        return OK
    kinds = ", ".join(letter.kind for letter in letters_of(state.procedure.name)) or "none yet"
    return {"kind": event.get("kind"), "procedure": state.procedure.name, "kinds": kinds}


def letter_follows_its_step(state: State, event: Event) -> Problem:
    """The {title} is sent after {follows}, which is not recorded yet.

    Source: project decision: a letter is produced from the step it reports.
    """
    letter = CATALOGUE.get((state.procedure.name, event.get("kind")))
    if letter is None or letter.follows in state.recorded:
        return OK
    return {"title": letter.title.lower(), "follows": letter.follows}


# --- effects ------------------------------------------------------------------------------------


def receive(state: State, event: Event) -> None:
    """Records the complaint as received: Stage 1 begins (the procedure starts its own clocks).

    Source: SCENARIOS.md: every clock counts from receipt.
    """
    state.received = event.date
    state.stage = 1
    complainant = event.get("complainant")
    state.complainant_role = complainant["role"] if complainant else ""
    state.service = event.get("service") or ""


def change_procedure(state: State, event: Event) -> None:
    """Moves the complaint into procedure `to`: the old one's clocks stop, the new one's start as if received that day.

    What the old procedure's judgements said on that day stays in the report (the history is kept);
    events after it are judged by the new procedure's table, from its first stage.

    Source: DOMAIN.md section 2 (the council must use the right procedure; choosing the wrong one is one
    of the Ombudsman's recurring findings) and the Ombudsman's usual remedy: "consider the complaint
    under the statutory children's procedure" (issue #9).
    """
    from redress.core.procedures.registry import PROCEDURES  # the registry is built on this module

    old, new = state.procedure, PROCEDURES[event.get("to")]
    for clock in state.clocks.values():
        if clock.active:
            clock.stopped = event.date
    state.changes.append(ProcedureChange(event.date, old.name, new.name, event.get("reason")))
    state.procedure = new
    for judgement in old.judgements:
        state.warnings += judgement(state, event.date)
    for kind in new.table:  # a procedure left earlier and entered again starts afresh
        if kind not in SHARED_EVENTS:
            state.steps.pop(kind, None)
    state.calendar = state.calendar.in_nation(new.nation)  # the new procedure's clocks count its nation's days
    state.stage = 1
    for effect in new.begin:
        effect(state, event)


def without_repeats(warnings: list[ReportWarning]) -> list[ReportWarning]:
    """`warnings` with a warning given twice (the same code, severity and date, judged before and after a change of
    procedure) once, in the words of the later one: the procedure the complaint is under now."""
    latest = {(w.code, w.severity, w.date): i for i, w in enumerate(warnings)}
    return [w for i, w in enumerate(warnings) if latest[(w.code, w.severity, w.date)] == i]


def suspend(state: State, event: Event) -> None:
    """Pauses every running clock; without notice to the complainant it is a risk.

    Source: SI 2006/1738 reg 8 (deferral); SCENARIOS.md; Ombudsman decision 21 010 819 (Medway).
    """
    state.suspended_since = event.date
    for clock in state.clocks.values():
        if clock.active:
            clock.pauses.append((event.date, None))
    if not event.get("notified"):
        state.warn("suspension.unnotified", "risk", event.date,
                   f"The procedure was suspended on {short_date(event.date)} without recording that the complainant was told")


def resume(state: State, event: Event) -> None:
    """Every paused clock counts its remaining working days from the resume date.

    Source: SCENARIOS.md; DOMAIN.md section 4.
    """
    state.suspended_since = None
    for clock in state.clocks.values():
        if clock.pauses and clock.pauses[-1][1] is None:
            clock.pauses[-1] = (clock.pauses[-1][0], event.date)


def make_offer(state: State, event: Event) -> None:
    """Tracks an offer and its window, so it is not withdrawn early.

    Source: Ombudsman decision 19 011 904 (Staffordshire): an offer of 90 days withdrawn early.
    """
    state.offers[event.get("id")] = Offer(event.get("id"), event.get("what"), event.date, offer_until(state, event))


def withdraw_offer(state: State, event: Event) -> None:
    """Withdrawing an offer before its window has ended is fault.

    Source: Ombudsman decision 19 011 904 (Staffordshire).
    """
    offer = state.offers[event.get("id")]
    offer.withdrawn = event.date
    if event.date <= offer.until:
        state.warn("offer.withdrawn-early", "fault", event.date,
                   f"Offer {offer.id} ({offer.what}) withdrawn on {short_date(event.date)}, before its window ended "
                   f"on {short_date(offer.until)}")


def take_up_offer(state: State, event: Event) -> None:
    """Records that the complainant took up the offer.

    Source: project decision.
    """
    state.offers[event.get("id")].taken_up = event.date


def agree_action(state: State, event: Event) -> None:
    """Any commitment (a remedy, a record amendment) becomes an action with a due date.

    Source: DOMAIN.md section 5; Ombudsman Guidance on remedies.
    """
    agree(state, event.get("id"), event.get("what"), event.date, event.get("due"), event.get("source") or "council")


def complete_action(state: State, event: Event) -> None:
    """Records an action done, with its evidence.

    Source: Ombudsman Guidance on remedies: the council sends evidence of compliance; decision 20 010 224 (Kingston).
    """
    action = state.actions[event.get("id")]
    action.done = event.date
    action.evidence = event.get("evidence") or ""


def refer_to_ombudsman(state: State, event: Event) -> None:
    """Records the referral to the Ombudsman and its reference (the procedure judges whether it was early).

    Source: Local Government Act 1974 s26; Ombudsman guide for practitioners (2021).
    """
    state.steps.setdefault(event.type, event.date)
    if event.get("reference"):
        state.ombudsman["reference"] = event.get("reference")


def ombudsman_decides(state: State, event: Event) -> None:
    """Each action and payment the Ombudsman asks for becomes an agreed action with source `ombudsman`.

    Source: Local Government Act 1974 s31; Ombudsman Guidance on remedies.
    """
    state.steps[event.type] = event.date
    state.ombudsman.update({name: event.get(name) for name in ("outcome", "fault", "injustice")})
    if event.get("reference"):
        state.ombudsman["reference"] = event.get("reference")
    for remedy in (*(event.get("actions") or ()), *(event.get("payments") or ())):
        agree(state, remedy.id, remedy.what, event.date, remedy.due or DEFAULT_OMBUDSMAN_DUE, "ombudsman")


def send_letter(state: State, event: Event) -> None:
    """Records a letter sent, with the fingerprint (SHA-256) of the version sent; its procedure may judge what it said.

    Source: project decision (issue 10): what a letter contained is known from the letter itself.
    """
    state.steps.setdefault(f"letter.sent:{event.get('kind')}", event.date)


def end_complaint(state: State, event: Event) -> None:
    """The complaint is withdrawn or closed: every running clock stops.

    Source: project decision: a clock that stops after its deadline is reported as overdue when it stopped.
    """
    state.status = "withdrawn" if event.type == "complaint.withdrawn" else "closed"
    for name, clock in state.clocks.items():
        if clock.active:
            state.stop_clock(name, event.date)


# --- helpers --------------------------------------------------------------------------------------


def agree(state: State, action_id: str, what: str, on: dt.date, due: Due, source: str) -> None:
    """Record an agreed action, its due date resolved from `on` in the complaint's calendar."""
    state.actions[action_id] = AgreedAction(action_id, what, on, due.resolve(on, state.calendar), source)


def offer_until(state: State, event: Event) -> dt.date:
    """The last day of an offer's window: its `until`, or its `window` counted from the day it was made."""
    until: dt.date | None = event.get("until")
    if until is not None:
        return until
    window: Due = event.get("window")
    return window.resolve(event.date, state.calendar)


def _remedy_ids(event: Event) -> list[str]:
    return [r.id for r in (*(event.get("actions") or ()), *(event.get("payments") or ()))]


def _action_id(event: Event) -> list[str]:
    return [event.get("id")]


# --- the shared rows --------------------------------------------------------------------------------

STAGE: tuple[Condition, ...] = (received_first, in_date_order, complaint_open, not_suspended)
"""What a step of a stage needs: a received, open complaint, in date order, not suspended."""
ANYTIME: tuple[Condition, ...] = (received_first, in_date_order)
OPEN: tuple[Condition, ...] = (received_first, in_date_order, complaint_open)

FIELD_CONDITIONS: frozenset[Condition] = frozenset({
    action_ids_new, action_known, offer_id_new, offer_open, offer_end_not_past, change_to_known_procedure,
    change_to_another_procedure, letter_known, letter_follows_its_step,
})
"""The shared conditions that judge an event's own fields."""

NEW_ACTION_IDS: Mapping[str, Callable[[Event], list[str]]] = {
    "action.agreed": _action_id,
    "ombudsman.decided": _remedy_ids,
}
"""The action ids each shared event that creates actions creates."""


def received_step(*effects: Effect) -> Step:
    """The `complaint.received` row, with the procedure's own effects of receipt after `receive`."""
    return Step("complaint.received", (received_once,), (receive, *effects))


def later_steps(*, referred: tuple[Effect, ...] = (), letter: tuple[Effect, ...] = ()) -> tuple[Step, ...]:
    """The rows after a procedure's stages, with the procedure's own effects of a referral and of a letter sent."""
    return (
        Step("procedure.suspended", STAGE, (suspend,)),
        Step("procedure.resumed", (*OPEN, is_suspended), (resume,)),
        Step("procedure.changed", (*STAGE, change_to_known_procedure, change_to_another_procedure),
             (change_procedure,)),
        Step("offer.made", (*ANYTIME, offer_id_new, offer_end_not_past), (make_offer,)),
        Step("offer.withdrawn", (*ANYTIME, offer_open), (withdraw_offer,)),
        Step("offer.taken-up", (*ANYTIME, offer_open), (take_up_offer,)),
        Step("action.agreed", (*ANYTIME, action_ids_new), (agree_action,)),
        Step("action.completed", (*ANYTIME, action_known), (complete_action,)),
        Step("ombudsman.referred", ANYTIME, (refer_to_ombudsman, *referred)),
        Step("ombudsman.decided",
             (*ANYTIME, after("ombudsman.referred", "a referral to the Ombudsman",
                              "Local Government Act 1974 s26: the Ombudsman decides a complaint referred to it"),
              action_ids_new),
             (ombudsman_decides,)),
        Step("letter.sent", (*ANYTIME, letter_known, letter_follows_its_step), (send_letter, *letter)),
        Step("complaint.withdrawn", OPEN, (end_complaint,)),
        Step("complaint.closed", OPEN, (end_complaint,)),
    )


SHARED_EVENTS: tuple[str, ...] = ("complaint.received", *(step.type for step in later_steps()))
"""Every procedure's table has a row for each of these."""


def findings_for_known_points(state: State, event: Event) -> Problem:
    """There is no point {point} in this complaint; findings are for its points ({points}).

    Source: SCENARIOS.md: findings are per point of complaint (every procedure).
    """
    for point in event.get("findings") or ():
        if point not in state.points:
            return {"point": point, "points": ", ".join(state.points) or "none recorded"}
    for point in event.get("points") or ():
        if point not in state.points:
            return {"point": point, "points": ", ".join(state.points) or "none recorded"}
    return OK
