"""The letters of `children-england` (SI 2006/1738; Getting the Best from Complaints, DfES 2006).

Each builder fills its letter from the event it follows and the engine's report: names, points and
findings, the basis, the remedy, recommendations and their due dates, and the complainant's rights
with the window's last day worked out in the council's calendar. A builder refuses (LetterRefused)
when the history lacks what the letter must say.
"""

from __future__ import annotations

from typing import Any

from redress.core.events import Event
from redress.core.letters.model import OMBUDSMAN, OUTCOME_WORDS, Letter, LetterRefused, Section, Source, dated
from redress.core.words import plural

PROCEDURE = "children-england"

ROUTE_WORDS = {
    "staff-conduct": "Social Work England is the body for a social worker's professional conduct "
                     "(www.socialworkengland.org.uk).",
    "records": "The Information Commissioner's Office handles data protection and the accuracy of records "
               "(www.ico.org.uk, 0303 123 1113).",
    "data": "The Information Commissioner's Office handles data protection and the accuracy of records "
            "(www.ico.org.uk, 0303 123 1113).",
    "court": "Matters decided in court proceedings are outside this procedure and the Ombudsman.",
}
"""What a letter tells the complainant about a point another body handles (DOMAIN.md section 8)."""

Built = tuple[dict[str, Any], tuple[Section, ...]]


def _points(source: Source, findings: dict[str, str] | None = None, ids: Any = None) -> list[dict[str, str]]:
    chosen = [p for p in source.case.points if ids is None or p.id in ids]
    return [
        {"id": p.id, "text": p.text, "finding": (findings or {}).get(p.id, ""),
         "finding_text": OUTCOME_WORDS.get((findings or {}).get(p.id, ""), "")}
        for p in chosen
    ]


def _ombudsman_section(why: str) -> Section:
    return Section("The Ombudsman", (
        why,
        f"{OMBUDSMAN['name']}, {OMBUDSMAN['address']}. Telephone {OMBUDSMAN['phone']}; {OMBUDSMAN['web']}.",
        "The Ombudsman usually expects a complaint within 12 months of when you knew of the problem.",
    ))


def _other_bodies(source: Source) -> tuple[Section, ...]:
    lines = tuple(f"{p.id} ({p.text}): {ROUTE_WORDS[p.about]}" for p in source.case.points if p.about in ROUTE_WORDS)
    return (Section("Other bodies that may help", lines),) if lines else ()


def _actions_by_id(source: Source) -> dict[str, Any]:
    return {a.id: a for a in source.report.actions}


def acknowledgement(source: Source, event: Event) -> Built:
    due = source.due("stage1.response")
    points = _points(source)
    fields = {"received_on": dated(event.date), "points": points, "respond_by": dated(due)}
    return fields, (
        Section("Your complaint", (
            f"Thank you for your complaint, which we received on {dated(event.date)}. We are dealing with it "
            "under Stage 1 (local resolution) of the children's social care complaints procedure "
            "(Children Act 1989 section 26; SI 2006/1738).",
            *(f"{p['id']}: {p['text']}" for p in points),
        )),
        Section("What happens next", (
            f"We will send you our response by {dated(due)}, 10 working days after we received your complaint. "
            "If your complaint is complex, or an advocate is needed, we may take up to 20 working days and "
            "will write to tell you.",
            "A child or young person making a complaint has the right to an advocate to help them; ask us and "
            "we will arrange one.",
        )),
    )


def stage1_response(source: Source, event: Event) -> Built:
    """Refused while a point has no finding, an upheld point has no remedy, or the basis is empty.

    Source: SI 2006/1738 reg 14; DOMAIN.md section 5 (the response says, for each point, upheld or
    not, the basis and the remedy); Ombudsman decision 19 011 904 (Staffordshire).
    """
    findings: dict[str, str] = dict(event.get("findings") or {})
    basis, remedy = str(event.get("basis") or "").strip(), str(event.get("remedy") or "").strip()
    missing = [f"{p.id} has no finding" for p in source.case.points if p.id not in findings]
    upheld = [p for p, outcome in findings.items() if outcome in {"upheld", "partly-upheld"}]
    if not basis:
        missing.append("the basis for the findings is empty")
    if upheld and not remedy:
        missing.append(f"{', '.join(upheld)} {'is' if len(upheld) == 1 else 'are'} upheld but no remedy is recorded")
    if missing:
        raise LetterRefused(
            "The Stage 1 letter cannot be produced: " + "; ".join(missing)
            + ". Correct the Stage 1 response to add them first.", code="stage1-letter-incomplete")
    window_end = source.due("stage2.request-window")
    points = _points(source, findings)
    fields = {"responded_on": dated(event.date), "points": points, "basis": basis, "remedy": remedy,
              "stage2_by": dated(window_end)}
    return fields, (
        Section("Our findings", tuple(f"{p['id']}: {p['text']}. {p['finding_text']}." for p in points)),
        Section("Why we reached these findings", (basis,)),
        Section("What we will do to put things right", (remedy,) if remedy else
                ("We did not uphold any point of your complaint, so no remedy is needed.",)),
        *_other_bodies(source),
        Section("If you are not satisfied", (
            f"You may ask for your complaint to be considered at Stage 2 (an independent investigation) by "
            f"{dated(window_end)}, 20 working days after this response. Write to us, email or telephone; "
            "tell us which points you are still unhappy with.",
        )),
    )


def stage1_extension(source: Source, event: Event) -> Built:
    due = source.due("stage1.response")
    fields = {"reason": event.get("reason"), "respond_by": dated(due)}
    return fields, (Section("More time to respond", (
        f"We need more time to respond to your complaint: {event.get('reason')}",
        f"The procedure allows up to 20 working days in that case. We will send our response by {dated(due)}.",
    )),)


def stage2_statement(source: Source, event: Event) -> Built:
    ids = event.get("points") or None
    points = _points(source, ids=ids)
    due = source.due("stage2.response")
    people = [f"{'Investigating officer' if e.get('role') == 'io' else 'Independent person'}: {e.get('person')}"
              for e in source.all_of("stage2.appointed")]
    fields = {"agreed_on": dated(event.date), "points": points, "respond_by": dated(due), "appointed": people}
    return fields, (
        Section("The statement of your complaint", (
            f"This is the statement of your complaint we agreed on {dated(event.date)}. The Stage 2 "
            "investigation will look into these points:",
            *(f"{p['id']}: {p['text']}" for p in points),
        )),
        Section("Who will investigate", tuple(people) or (
            "We will tell you who the investigating officer and the independent person are once they are appointed.",)),
        Section("When you will hear from us", (
            f"We will send you the adjudication, with the investigating officer's and the independent person's "
            f"reports, by {dated(due)}: 25 working days from the agreement of this statement. If the "
            "investigation needs longer (up to 65 working days) we will tell you why.",
        )),
    )


def stage2_extension(source: Source, event: Event) -> Built:
    to_wd = int(event.get("to_wd") or 65)
    due = source.due("stage2.response")
    fields = {"reason": event.get("reason"), "limit": plural(to_wd, "working day"), "respond_by": dated(due)}
    return fields, (Section("The Stage 2 investigation needs longer", (
        f"The investigation of your complaint needs longer than 25 working days: {event.get('reason')}",
        f"It may take up to {plural(to_wd, 'working day')} (the procedure allows at most 65). We will send "
        f"you the adjudication and the reports by {dated(due)}.",
    )),)


def _recommendation_lines(source: Source, event: Event) -> list[dict[str, str]]:
    actions = _actions_by_id(source)
    rows = []
    for rec in event.get("recommendations") or ():
        action = actions.get(rec.id)
        rows.append({"id": rec.id, "what": rec.what, "accepted": "yes" if rec.accepted else "no",
                     "due": dated(action.due) if action is not None and rec.accepted else ""})
    return rows


def stage2_adjudication(source: Source, event: Event) -> Built:
    findings: dict[str, str] = dict(event.get("findings") or {})
    points = _points(source, findings)
    recommendations = _recommendation_lines(source, event)
    window_end = source.due("stage3.request-window")
    early = source.report.early_referral
    fields = {"responded_on": dated(event.date), "points": points, "recommendations": recommendations,
              "stage3_by": dated(window_end)}
    rec_lines = tuple(
        f"{r['id']}: {r['what']}. " + (f"Accepted: we will do this by {r['due']}." if r["accepted"] == "yes"
                                       else "Not accepted.")
        for r in recommendations)
    return fields, (
        Section("The adjudication", (
            "The investigating officer's report and the independent person's report are enclosed. Having "
            "considered them, this is our adjudication on each point:",
            *(f"{p['id']}: {p['text']}. {p['finding_text'] or 'No finding'}." for p in points),
        )),
        Section("Recommendations", rec_lines or ("The investigation made no recommendations.",)),
        Section("If you are not satisfied", (
            f"You may ask for a review panel (Stage 3) by {dated(window_end)}, 20 working days after this letter.",
        )),
        *((_ombudsman_section("Because every point was upheld, you and we may agree to ask the Ombudsman to "
                              "consider your complaint now, without a review panel."),)
          if early is not None and early.eligible else ()),
    )


def stage3_invitation(source: Source, event: Event) -> Built:
    members = [m.name for m in event.get("members") or ()]
    panel_date = event.get("panel_date")
    fields = {"panel_date": dated(panel_date), "members": members, "panel_due": dated(source.due("stage3.panel"))}
    return fields, (
        Section("Your review panel", (
            f"The review panel will meet on {dated(panel_date)} to consider your complaint. We will confirm "
            "the time and place and send you the papers the panel will read.",
            *((f"The panel members are {', '.join(members)}.",) if members else ()),
        )),
        Section("At the panel", (
            "You may attend, speak to the panel and bring someone with you, such as an advocate. The panel "
            "will send its report and recommendations within 5 working days of meeting.",
        )),
    )


def stage3_final_response(source: Source, event: Event) -> Built:
    actions = _actions_by_id(source)
    recommendations: dict[str, str] = {}
    for panel in source.all_of("stage3.panel-reported"):
        recommendations |= {r.id: r.what for r in panel.get("recommendations") or ()}
    rows = []
    for rec_id, decision in (event.get("decisions") or {}).items():
        action = actions.get(decision.action or rec_id)
        rows.append({"id": rec_id, "what": recommendations.get(rec_id, ""),
                     "accepted": "yes" if decision.accepted else "no", "reason": decision.reason,
                     "due": dated(action.due) if decision.accepted and action is not None else ""})
    lines = tuple(
        f"{r['id']}: {r['what']}. " + (f"Accepted: we will do this by {r['due']}." if r["accepted"] == "yes"
                                       else f"Not accepted: {r['reason'] or 'no reason recorded'}.")
        for r in rows)
    fields = {"responded_on": dated(event.date), "recommendations": rows, "ombudsman": dict(OMBUDSMAN)}
    return fields, (
        Section("Our response to the review panel", (
            "This is the council's response to the review panel's recommendations.", *lines)),
        _ombudsman_section("This is the end of the council's complaints procedure. If you are still not "
                           "satisfied you may ask the Ombudsman to look at your complaint."),
    )


def suspension(source: Source, event: Event) -> Built:
    fields = {"suspended_on": dated(event.date), "reason": event.get("reason")}
    return fields, (Section("Your complaint is on hold", (
        f"From {dated(event.date)} the complaints procedure is on hold: {event.get('reason')}",
        "Its time limits are paused while it is on hold. We will write to you when it restarts, with the "
        "new dates.",
    )),)


def resumption(source: Source, event: Event) -> Built:
    running = [c for c in source.report.clocks
               if c.status == "running" and not c.running.definition.complainants_window and c.due is not None]
    dues = [{"what": c.running.definition.title, "due": dated(c.due)} for c in running]
    fields = {"resumed_on": dated(event.date), "reason": event.get("reason"), "dues": dues}
    return fields, (Section("Your complaint has restarted", (
        f"The complaints procedure restarted on {dated(event.date)}: {event.get('reason')}",
        *(f"{d['what']}: now by {d['due']}." for d in dues),
    )),)


def ombudsman_remedy(source: Source, event: Event) -> Built:
    actions = _actions_by_id(source)
    rows = []
    for remedy in (*(event.get("actions") or ()), *(event.get("payments") or ())):
        action = actions.get(remedy.id)
        amount = f"£{remedy.amount_gbp:,.2f}" if remedy.amount_gbp is not None else ""
        rows.append({"id": remedy.id, "what": remedy.what, "amount": amount,
                     "due": dated(action.due) if action is not None else ""})
    reference = source.report.ombudsman.reference if source.report.ombudsman else ""
    fields = {"decided_on": dated(event.date), "ombudsman_reference": reference, "remedies": rows,
              "ombudsman": dict(OMBUDSMAN)}
    return fields, (Section("The Ombudsman's decision", (
        f"The Ombudsman decided your complaint{f' (reference {reference})' if reference else ''} on "
        f"{dated(event.date)}. The council accepts the Ombudsman's decision and will do the following:",
        *(_remedy_line(r) for r in rows),
    ) if rows else (
        f"The Ombudsman decided your complaint{f' (reference {reference})' if reference else ''} on "
        f"{dated(event.date)} and asked the council for no further remedy.",
    )),)


def _remedy_line(row: dict[str, str]) -> str:
    amount = f" ({row['amount']})" if row["amount"] else ""
    return f"{row['id']}: {row['what']}{amount}, by {row['due']}."


def _letter(kind: str, title: str, follows: str, build: Any, fields: dict[str, str], judged: bool = False) -> Letter:
    return Letter(PROCEDURE, kind, title, follows, fields, build, judged)


POINTS = "the points, each with id, text, finding and finding_text"
LETTERS: tuple[Letter, ...] = (
    _letter("acknowledgement", "Acknowledgement", "complaint.received", acknowledgement,
            {"received_on": "the day the complaint was received", "points": POINTS,
             "respond_by": "when the Stage 1 response is due"}),
    _letter("stage1-response", "Stage 1 response", "stage1.responded", stage1_response,
            {"responded_on": "the response's date", "points": POINTS, "basis": "why the findings were reached",
             "remedy": "what the council will do to put things right", "stage2_by": "the last day to ask for Stage 2"},
            judged=True),
    _letter("stage1-extension", "Stage 1 extension notice", "stage1.extended", stage1_extension,
            {"reason": "why more time is needed", "respond_by": "the new date for the response"}),
    _letter("stage2-statement", "Stage 2 statement of complaint", "stage2.statement-agreed", stage2_statement,
            {"agreed_on": "the day the statement was agreed", "points": POINTS,
             "respond_by": "when the adjudication is due", "appointed": "the investigating officer and independent person"}),
    _letter("stage2-extension", "Stage 2 extension notice", "stage2.extended", stage2_extension,
            {"reason": "why more time is needed", "limit": "the new limit in working days",
             "respond_by": "the new date for the adjudication"}),
    _letter("stage2-adjudication", "Stage 2 adjudication", "stage2.responded", stage2_adjudication,
            {"responded_on": "the adjudication's date", "points": POINTS,
             "recommendations": "each with id, what, accepted (yes or no) and due",
             "stage3_by": "the last day to ask for a review panel"}),
    _letter("stage3-invitation", "Stage 3 invitation and arrangements", "stage3.panel-scheduled", stage3_invitation,
            {"panel_date": "the day the panel sits", "members": "the panel members' names",
             "panel_due": "the last day the panel may meet"}),
    _letter("stage3-final-response", "Final response to the review panel", "stage3.responded", stage3_final_response,
            {"responded_on": "the response's date", "recommendations": "each with id, what, accepted, reason and due",
             "ombudsman": "the Ombudsman's name, address, phone and web"}),
    _letter("suspension", "Suspension notice", "procedure.suspended", suspension,
            {"suspended_on": "the day the procedure was put on hold", "reason": "why"}),
    _letter("resumption", "Resumption notice", "procedure.resumed", resumption,
            {"resumed_on": "the day it restarted", "reason": "why",
             "dues": "each running deadline with what and its new due date"}),
    _letter("ombudsman-remedy", "Confirmation of the Ombudsman's remedy", "ombudsman.decided", ombudsman_remedy,
            {"decided_on": "the day of the decision", "ombudsman_reference": "the Ombudsman's reference",
             "remedies": "each action and payment with id, what, amount and due",
             "ombudsman": "the Ombudsman's name, address, phone and web"}),
)
