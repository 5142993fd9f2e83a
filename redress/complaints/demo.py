"""Demo data: two councils, their people, and realistic complaints at every stage.

Northshire runs children-england, adults-england and corporate-code (when the core has it), with a
few complaints of each besides children's; Southborough runs children-england only.

Histories are generated from a fixed seed relative to `today`, so a demo loaded on any day has
complaints due this week, some overdue, some closed. The five seed decisions' stories (examples/)
are loaded too. Loading is all or nothing and happens once: running it again changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from redress.complaints.services import complaint_import
from redress.core.calendar import WorkingCalendar, default_calendar
from redress.core.procedures.registry import PROCEDURES
from redress.councils.models import Council, Role, User

DEMO_PASSWORD = "redress-demo-2026"
# Every demo user's authenticator app is already set up with this published secret (base32), so a fresh
# `make run` can be signed in to: `redress demo --code` prints the code it gives now (README, Demo sign-ins).
DEMO_TOTP_SECRET = "REDRESSDEMOTOTPSECRETAAAAAAAAAAA"


def demo_totp_code(now: float | None = None) -> str:
    """The six digits the demo secret gives now (or at `now`, a Unix time)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(base64.b32decode(DEMO_TOTP_SECRET))
    totp.time = time.time() if now is None else now
    return f"{totp.token():06d}"


def _demo_second_factor(user: User) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user, name="Demo authenticator app", confirmed=True,
                              key=base64.b32decode(DEMO_TOTP_SECRET).hex())
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


@dataclass(frozen=True)
class DemoCouncil:
    name: str
    slug: str
    prefix: str
    people: tuple[tuple[str, str, str, Role], ...]  # email local part, first name, last name, role
    procedures: tuple[str, ...] = ("children-england",)  # those the core does not know (yet) are left out


COUNCILS = (
    DemoCouncil(
        "Northshire County Council",
        "northshire",
        "NC",
        (
            ("manager", "Priya", "Shah", Role.MANAGER),
            ("officer", "Tom", "Okafor", Role.OFFICER),
            ("officer2", "Grace", "Lindqvist", Role.OFFICER),
            ("readonly", "Martin", "Hale", Role.READ_ONLY),
        ),
        ("children-england", "adults-england", "corporate-code"),
    ),
    DemoCouncil(
        "Southborough Council",
        "southborough",
        "SB",
        (
            ("manager", "Aisha", "Rahman", Role.MANAGER),
            ("officer", "Owen", "Price", Role.OFFICER),
            ("readonly", "Helen", "Marsh", Role.READ_ONLY),
        ),
    ),
)

FIRST_NAMES = ["Sarah", "James", "Leanne", "Mohammed", "Claire", "Daniel", "Zoe", "Kwame", "Natalie", "Lee",
               "Fatima", "Gareth", "Joanne", "Tariq", "Emma", "Craig", "Bethany", "Sanjay", "Rachel", "Paul"]
LAST_NAMES = ["Walker", "Begum", "Hughes", "Kowalski", "Evans", "Osei", "Patel", "Murray", "Clarke", "Nowak",
              "Ahmed", "Fletcher", "Reid", "Turner", "Hussain", "Doyle", "Bennett", "Green", "Lewis", "Kaur"]
CHILD_NAMES = ["Ellie", "Jayden", "Amira", "Noah", "Lily", "Kai", "Maisie", "Reuben", "Aaliyah", "Finley", "Ruby", "Theo"]
ROLES = ["parent", "parent", "parent", "foster-carer", "care-leaver", "special-guardian", "child", "parental-responsibility"]
POINTS = [
    ("The social worker's assessment contains factual errors about our family", "records"),
    ("The child protection conference was held without my views being heard", "practice"),
    ("My son's care plan was changed without telling me", "communication"),
    ("The council refused my request for respite support", "decision"),
    ("The social worker was rude and dismissive on the home visit", "staff-conduct"),
    ("Contact with my daughter was cancelled at short notice three times", "contact"),
    ("It took eight months to complete the special guardianship assessment", "delay"),
    ("My personal information was shared with my ex-partner", "data"),
    ("The pathway plan does not reflect what I asked for", "practice"),
    ("Nobody returned my calls for six weeks", "communication"),
    ("The foster placement allowance was stopped without notice", "decision"),
    ("The report to the family court misrepresented what I said", "court"),
]
IO_NAMES = ["Dr Ruth Bellamy", "Alan Forsyth", "Meera Joshi", "Colin Ward"]
IP_NAMES = ["Joan Whitfield", "Samuel Adeyemi", "Lorna Baird", "Peter Quayle"]
PANEL = [["Hilary Stone", "Raj Mehta", "Ann O'Neill"], ["David Crane", "Yvonne Ellis", "Ibrahim Sultan"]]
# How far each demo complaint gets, with how often that happens.
PROGRESS = ["stage1-open"] * 8 + ["stage1-done"] * 5 + ["stage2-requested"] * 3 + ["stage2-investigating"] * 5 + \
    ["stage2-extended"] * 3 + ["stage2-done"] * 4 + ["stage3-requested"] * 3 + ["stage3-scheduled"] * 2 + \
    ["stage3-reported"] * 2 + ["stage3-done"] * 3 + ["closed"] * 2 + ["withdrawn"] + ["suspended"] * 2
STEPS = ["stage1-open", "stage1-done", "stage2-requested", "stage2-investigating", "stage2-extended",
         "stage2-done", "stage3-requested", "stage3-scheduled", "stage3-reported", "stage3-done", "closed"]


class _History:
    """Builds one complaint's events forward in time with a seeded chance of lateness."""

    def __init__(self, rng: random.Random, calendar: WorkingCalendar, received: dt.date, points: list[str]) -> None:
        self.rng, self.calendar, self.day, self.points = rng, calendar, received, points
        self.events: list[dict[str, Any]] = []

    def add(self, event_type: str, **fields: Any) -> None:
        self.events.append({"date": self.day.isoformat(), "type": event_type, **fields})

    def wait(self, limit: int, *, late_chance: float = 0.2) -> None:
        """Move on to within `limit` working days, or now and then a few days past it."""
        spent = self.rng.randint(max(1, limit // 3), limit)
        if self.rng.random() < late_chance:
            spent = limit + self.rng.randint(1, 12)
        self.day = self.calendar.add_working_days(self.day, spent)

    def findings(self, upheld_share: float) -> dict[str, str]:
        choices = ["upheld", "partly-upheld", "not-upheld"]
        return {p: ("upheld" if self.rng.random() < upheld_share else self.rng.choice(choices)) for p in self.points}


def demo_history(rng: random.Random, calendar: WorkingCalendar, progress: str, today: dt.date) -> _History | None:
    """Events for a complaint that has reached `progress`, ending no later than `today`."""
    step = STEPS.index(progress) if progress in STEPS else {"withdrawn": 1, "suspended": 3}[progress]
    received = calendar.add_working_days(today - dt.timedelta(days=40 * step + 5), 0) - dt.timedelta(
        days=rng.randint(0, 20)
    )
    points = [f"P{i}" for i in range(1, rng.randint(1, 3) + 1)]
    history = _History(rng, calendar, received, points)
    history.add("complaint.received", complainant={"role": rng.choice(ROLES)}, via=rng.choice(["email", "letter", "phone", "online form"]))
    if rng.random() < 0.3:
        history.wait(3, late_chance=0)
        history.add("advocacy.offered")
    if progress == "stage1-open":
        return history
    if rng.random() < 0.2:
        history.wait(4, late_chance=0)
        history.add("stage1.extended", reason="The complaint is complex and needs an advocate")
        history.wait(14)
    else:
        history.wait(10)
    findings = history.findings(0.3)
    history.add("stage1.responded", findings=findings, says=["findings", "basis", "remedy"])
    if progress == "withdrawn":
        history.wait(5, late_chance=0)
        history.add("complaint.withdrawn", reason="The complainant is satisfied with the explanation")
        return history
    if progress == "stage1-done":
        return history
    history.wait(20, late_chance=0.05)
    history.add("stage2.requested")
    if progress == "stage2-requested":
        return history
    history.wait(10, late_chance=0.3)
    history.add("stage2.statement-agreed")
    history.wait(5, late_chance=0)
    history.add("stage2.appointed", role="io", person=rng.choice(IO_NAMES), council_employee=False)
    history.add("stage2.appointed", role="ip", person=rng.choice(IP_NAMES), council_employee=False)
    if progress == "suspended":
        history.wait(5, late_chance=0)
        history.add("procedure.suspended", reason="Care proceedings have started about the same matters (reg 8)", notified=True)
        return history
    if progress == "stage2-investigating":
        return history
    limit = 25
    if progress != "stage2-done" or rng.random() < 0.4:
        history.wait(15, late_chance=0)
        history.add("stage2.extended", to_wd=65, reason="Several staff to interview and records to review", notified=rng.random() < 0.85)
        limit = 40
    if progress == "stage2-extended":
        return history
    history.wait(limit, late_chance=0.25)
    findings = history.findings(0.45)
    recommendations = [{"id": "R1", "what": "Apologise in writing for the delay", "accepted": True, "due": "20 WD"}]
    if rng.random() < 0.6:
        recommendations.append({"id": "R2", "what": "Correct the assessment record and send the family a copy", "accepted": True, "due": "1 month"})
    history.add("stage2.responded", findings=findings, recommendations=recommendations)
    if rng.random() < 0.7:
        history.wait(10, late_chance=0.2)
        history.add("action.completed", id="R1", evidence="Apology letter sent by the Director")
    if len(recommendations) > 1 and rng.random() < 0.6:
        history.wait(15, late_chance=0.2)
        history.add("action.completed", id="R2", evidence="Record corrected; copy sent to the family")
    if progress == "stage2-done":
        return history
    history.wait(20, late_chance=0.05)
    history.add("stage3.requested")
    if progress == "stage3-requested":
        return history
    panel = rng.choice(PANEL)
    history.wait(10, late_chance=0)
    history.add("stage3.panel-scheduled", panel_date=history.calendar.add_working_days(history.day, 12).isoformat(), members=panel)
    if progress == "stage3-scheduled":
        return history
    history.wait(18, late_chance=0.3)
    history.add("stage3.panel-held", members=panel)
    history.wait(5, late_chance=0.3)
    history.add("stage3.panel-reported", findings=history.findings(0.5), recommendations=[
        {"id": "PR1", "what": "Review how conference reports are shared with parents"},
        {"id": "PR2", "what": "Pay £250 for time and trouble"},
    ])
    if progress == "stage3-reported":
        return history
    history.wait(15, late_chance=0.3)
    history.add("stage3.responded", decisions={
        "PR1": {"accepted": True, "reason": "Agreed", "due": "12 weeks"},
        "PR2": {"accepted": rng.random() < 0.7, "reason": "The panel's view is accepted" if rng.random() < 0.8 else ""},
    })
    if progress == "stage3-done":
        return history
    history.wait(20, late_chance=0)
    history.add("complaint.closed", reason="All stages complete")
    return history


def _demo_cases(council: DemoCouncil, today: dt.date) -> Iterator[tuple[dict[str, Any], str, str]]:
    rng = random.Random(f"redress-demo-{council.slug}")
    calendar = default_calendar()
    for progress in PROGRESS:
        history = demo_history(rng, calendar, progress, today)
        if history is None or dt.date.fromisoformat(history.events[-1]["date"]) > today:
            continue
        _bring_forward(history.events, today - dt.timedelta(days=rng.randint(1, 12)))
        chosen = rng.sample(POINTS, len(history.points))
        points = [{"id": pid, "text": text, "about": about} for pid, (text, about) in zip(history.points, chosen, strict=True)]
        name = f"{rng.choice(['Ms', 'Mr', 'Mrs', 'Miss', 'Mx'])} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        yield {"procedure": "children-england", "points": points, "events": history.events}, name, rng.choice(CHILD_NAMES)


ADULT_POINTS = [
    ("My mother's care package was cut without a review", "decision"),
    ("The carers arrived late or not at all for a month", "practice"),
    ("Nobody told us how the charge for care was worked out", "communication"),
]
CORPORATE_POINTS = [
    ("The council did not reply to my letters about my father's care", "communication"),
    ("The blue badge application was lost twice", "records"),
]


def _other_procedure_cases(procedure: str, today: dt.date) -> Iterator[tuple[dict[str, Any], str, str]]:
    """A couple of complaints of a procedure other than children's, relative to `today`.

    adults-england: one just received, one with its response date agreed, one answered (acknowledged
    late, without the offer to discuss). Any other procedure: two just received, since only receipt
    is an event every procedure shares.
    """
    calendar = default_calendar()

    def day(working_days_before: int) -> str:
        if working_days_before < 0:
            return calendar.add_working_days(today, -working_days_before).isoformat()
        found = today
        for _ in range(working_days_before):
            found -= dt.timedelta(days=1)
            while not calendar.is_working_day(found):
                found -= dt.timedelta(days=1)
        return found.isoformat()

    def case(events: list[dict[str, Any]], points: list[tuple[str, str]]) -> dict[str, Any]:
        return {"procedure": procedure, "points": [{"id": f"P{i}", "text": t, "about": a}
                                                   for i, (t, a) in enumerate(points, 1)], "events": events}

    received = {"type": "complaint.received", "complainant": {"role": "sufficient-interest"}, "via": "email"}
    if procedure == "adults-england":
        yield case([{**received, "date": day(1)}], ADULT_POINTS[:1]), "Mrs Ruth Adebayo", "Mr Samuel Adebayo"
        yield case([{**received, "date": day(20)},
                    {"date": day(18), "type": "adults.acknowledged", "discussion_offered": True},
                    {"date": day(15), "type": "adults.response-period-agreed", "respond_by": day(-25)}],
                   ADULT_POINTS[1:]), "Mr Colin Price", "Mrs Joan Price"
        yield case([{**received, "date": day(45)}, {"date": day(39), "type": "adults.acknowledged"},
                    {"date": day(10), "type": "adults.responded", "findings": {"P1": "partly-upheld"},
                     "remedy": "A review of the care package within 4 weeks", "ombudsman_rights": True}],
                   ADULT_POINTS[:1]), "Ms Dawn Reilly", "Mr Frank Reilly"
        return
    yield case([{**received, "date": day(2)}], CORPORATE_POINTS[:1]), "Mr Imran Qureshi", ""
    yield case([{**received, "date": day(6)}], CORPORATE_POINTS[1:]), "Mrs Eileen Ward", ""


def _bring_forward(events: list[dict[str, Any]], latest: dt.date) -> None:
    """Move a whole history by whole weeks so its last event falls in the week or two before `latest`.

    Whole weeks keep every event on its weekday, so the complaint is caught mid-step, as a live
    caseload is, rather than left long overdue because the generator stopped early.
    """
    weeks = (latest - dt.date.fromisoformat(events[-1]["date"])).days // 7
    shift = dt.timedelta(weeks=weeks)
    for event in events:
        for key in ("date", "panel_date"):
            if key in event:
                event[key] = (dt.date.fromisoformat(event[key]) + shift).isoformat()


SEED_COMPLAINANTS = {
    "seed-medway-21010819": "Ms X (Ombudsman 21 010 819)",
    "seed-staffordshire-19011904": "Miss X (Ombudsman 19 011 904)",
    "seed-rotherham-23013019": "Mr X (Ombudsman 23 013 019)",
    "seed-kingston-20010224": "Ms M (Ombudsman 20 010 224)",
    "seed-kent-24002308": "Miss X (Ombudsman 24 002 308)",
}


def seed_examples() -> list[tuple[Path, dict[str, Any]]]:
    """The five seed decisions' case files from examples/ (the Ombudsman cases the project began with)."""
    found = []
    for path in sorted(EXAMPLES.glob("seed-*.yaml")):
        found.append((path, yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


def load_demo(*, today: dt.date) -> list[str]:
    """Create the demo councils, people and complaints, unless they are there already.

    The five seed decisions go into the decisions library too (an import that changes nothing the
    second time), so a complaint page can show similar published decisions.
    """
    from redress.decisions.models import Decision
    from redress.decisions.services import load_seed_decisions

    report = []
    if not Decision.objects.exists():
        outcome = load_seed_decisions(now=dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC))
        report.append(f"Decisions library: {len(outcome.new)} published decisions (the seeds)")
    for spec in COUNCILS:
        if Council.objects.filter(slug=spec.slug).exists():
            report.append(f"{spec.name}: already loaded, left unchanged")
            continue
        with transaction.atomic():
            procedures = tuple(name for name in spec.procedures if name in PROCEDURES)
            council = Council.objects.create(name=spec.name, slug=spec.slug, reference_prefix=spec.prefix,
                                             procedures=" ".join(procedures))
            people, register = {}, ""
            for local, first, last, role in spec.people:
                people[local] = User.objects.create_user(
                    f"{local}@{spec.slug}.example", DEMO_PASSWORD, first_name=first, last_name=last, council=council, role=role
                )
                _demo_second_factor(people[local])
            officers = [u for u in people.values() if u.role == Role.OFFICER]
            count = 0
            for index, (data, name, child) in enumerate(_demo_cases(spec, today)):
                complaint_import(council=council, by=people["manager"], data=data, today=today,
                                 complainant_name=name, child_name=child, officer=officers[index % len(officers)])
                count += 1
            others = [case for name in procedures if name != "children-england"
                      for case in _other_procedure_cases(name, today)]
            for index, (data, name, subject) in enumerate(others):
                complaint_import(council=council, by=people["manager"], data=data, today=today,
                                 complainant_name=name, child_name=subject, officer=officers[index % len(officers)])
                count += 1
            if spec.slug == "northshire":
                for path, data in seed_examples():
                    complaint_import(council=council, by=people["manager"], data=data, today=today,
                                     complainant_name=SEED_COMPLAINANTS.get(path.stem, path.stem),
                                     officer=people["manager"])
                    count += 1
                from redress.people.demo import load_register_demo

                in_register = load_register_demo(council=council, by=people["manager"], password=DEMO_PASSWORD,
                                                 second_factor=_demo_second_factor)
                register = f" ({in_register} more in the register of investigators and panel, 2 of whom sign in)"
        report.append(f"{spec.name}: {len(people)} people and {count} complaints{register}")
    return report
