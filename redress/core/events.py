"""The event vocabulary of SCENARIOS.md: case files in, typed events out.

A complaint is its history: dated events, oldest first. This module reads a case file (YAML or
JSON), checks the shape of every event against its field table, and gives typed values (dates as
dates, due periods as `Due`, recommendations as `Recommendation`). It does not judge whether an
event may happen when it does: that is the procedure's job (`redress.core.procedures`, `redress.core.rules`).

Every problem is a `CaseFileError` naming the event (index and type) and what is wrong, so a
person can fix the file; nothing here raises anything else on bad input.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import itertools
import json
import math
import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from redress.core.calendar import WorkingCalendar

ABOUT = ("practice", "decision", "communication", "records", "data", "staff-conduct", "delay", "contact", "court", "other")
OUTCOMES = ("upheld", "partly-upheld", "not-upheld", "not-investigated")
ROLES = (
    "child", "parent", "parental-responsibility", "foster-carer", "care-leaver", "special-guardian",
    "adoption-party", "sufficient-interest", "other",
)
SAYS = ("findings", "basis", "remedy")
SERVICES = ("children-social-care", "adult-social-care", "housing", "other")
"""What a complaint is about (`complaint.received`'s optional `service`): which procedure it belongs in."""
CORRECTIONS = ("event.voided", "event.corrected")
OMBUDSMAN_OUTCOMES = ("upheld", "not-upheld", "closed-after-initial-enquiries")
MAX_TEXT = 10_000


class CaseFileError(ValueError):
    """A case file or event that cannot be read: says which event and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        event_index: int | None = None,
        event_type: str | None = None,
    ) -> None:
        self.message = message
        self.code = code
        self.event_index = event_index
        self.event_type = event_type
        super().__init__(self.located())

    def located(self) -> str:
        """The message with the event it is about, as a person reads it: 'event 3 (stage2.requested): ...'."""
        if self.event_index is None:
            return self.message
        kind = f" ({self.event_type})" if self.event_type else ""
        return f"event {self.event_index + 1}{kind}: {self.message}"


# --- due dates and periods ---------------------------------------------------------------------

_PERIOD = re.compile(r"^\s*(\d{1,4})\s*(wd|working days?|days?|weeks?|months?)\s*$", re.IGNORECASE)
_UNITS = {"wd": "wd", "working day": "wd", "working days": "wd", "day": "days", "days": "days",
          "week": "weeks", "weeks": "weeks", "month": "months", "months": "months"}


@dataclass(frozen=True, slots=True)
class Due:
    """When something is due: a date, or a period counted from the date of the event that set it."""

    text: str
    on: dt.date | None = None
    count: int = 0
    unit: str = ""  # wd | days | weeks | months

    def resolve(self, start: dt.date, calendar: WorkingCalendar) -> dt.date:
        """The due date for a period counted from `start` (a working-day period uses `calendar`)."""
        if self.on is not None:
            return self.on
        if self.unit == "wd":
            return calendar.add_working_days(start, self.count)
        if self.unit == "days":
            return start + dt.timedelta(days=self.count)
        if self.unit == "weeks":
            return start + dt.timedelta(weeks=self.count)
        return add_months(start, self.count)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 month: 28/29 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, cal.monthrange(year, month)[1]))


CACHE_LIMIT = 100_000  # distinct strings remembered by parse_due and parse_date (a bound on memory)
_DUES: dict[str, Due] = {}


def parse_due(value: Any) -> Due:
    """A `due` or `window`: an ISO date or a period such as '20 WD', '4 weeks', '1 month', '90 days'."""
    if type(value) is str:
        known = _DUES.get(value)
        if known is None:
            known = _parse_due(value)
            if len(_DUES) < CACHE_LIMIT:
                _DUES[value] = known
        return known
    return _parse_due(value)


def _parse_due(value: Any) -> Due:
    if isinstance(value, dt.date):
        return Due(value.isoformat(), on=value)
    if isinstance(value, str):
        match = _PERIOD.match(value)
        if match:
            count = int(match.group(1))
            if count == 0:
                raise ValueError(f"a period of zero ({value!r}) is not a due date")
            return Due(value.strip(), count=count, unit=_UNITS[match.group(2).lower()])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return Due(value.strip(), on=parse_date(value))
    raise ValueError(
        f"{value!r} is not a date or a period; write a date (YYYY-MM-DD) or a period such as "
        '"20 WD", "4 weeks", "1 month", "90 days"'
    )


_DATES: dict[str, dt.date] = {}


def parse_date(value: Any) -> dt.date:
    """An ISO date (YYYY-MM-DD), from a string or a date; a clear ValueError otherwise."""
    if type(value) is str:
        known = _DATES.get(value)
        if known is not None:
            return known
        day = _parse_date(value)
        if len(_DATES) < CACHE_LIMIT:
            _DATES[value] = day
        return day
    return _parse_date(value)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
        if not 1990 <= day.year <= 2100:
            raise ValueError(f"{value} is outside the years Redress can count (1990 to 2100)")
        return day
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")


# --- the typed parts of events -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """A point of complaint as first recorded."""

    id: str
    text: str
    about: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation of the Stage 2 adjudication or of the review panel."""

    id: str
    what: str
    accepted: bool | None = None
    due: Due | None = None


@dataclass(frozen=True, slots=True)
class RecommendationDecision:
    """The council's decision on one panel recommendation (in `stage3.responded`)."""

    accepted: bool
    reason: str = ""
    due: Due | None = None
    action: str = ""  # the id of the agreed action it becomes, when not the recommendation's own


@dataclass(frozen=True, slots=True)
class Member:
    """A review panel member (the first listed chairs it), with their declaration of involvement."""

    name: str
    involved: bool = False
    declaration: str = ""
    person_id: int | None = None  # their entry in the council's register of investigators and panel


@dataclass(frozen=True, slots=True)
class Remedy:
    """An action or payment the Ombudsman's decision asks for."""

    id: str
    what: str
    due: Due | None = None
    amount_gbp: float | None = None
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event, its fields checked and typed. `index` is its place in the history (from 0)."""

    date: dt.date
    type: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    index: int | None = None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def label(self) -> str:
        where = f"event {self.index + 1} " if self.index is not None else ""
        return f"{where}({self.type}, {self.date.isoformat()})"


@dataclass(frozen=True, slots=True)
class Case:
    """A whole case file: the procedure, points of complaint and events."""

    procedure: str
    council: str
    today: dt.date | None
    points: tuple[Point, ...]
    events: tuple[Event, ...]


# --- field kinds ---------------------------------------------------------------------------------

Reader = Callable[[Any], Any]
Writer = Callable[[Any], Any]


def _text(value: Any) -> str:
    if type(value) is str and 0 < len(value) <= MAX_TEXT and not value[0].isspace() and not value[-1].isspace():
        return value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be text")
    text = str(value).strip()
    if not text:
        raise ValueError("must not be empty")
    if len(text) > MAX_TEXT:
        raise ValueError(f"is longer than {MAX_TEXT:,} characters")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be a whole number, not {value!r}")
    return value


CHOICES: dict[Reader, tuple[str, ...]] = {}
"""The choices of each reader `_choice` made (so a schema of the vocabulary can list them)."""


def _choice(choices: Sequence[str]) -> Reader:
    def read(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}, not {value!r}")
        return str(value)

    CHOICES[read] = tuple(choices)
    return read


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"must be {what}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"must be a list of {what}")
    return value


def _complainant(value: Any) -> Mapping[str, str]:
    item = _mapping(value, "a mapping with the complainant's role, e.g. {role: parent}")
    unknown = set(item) - {"role", "name"}
    if unknown:
        raise ValueError(f"has unknown field {sorted(unknown)[0]!r}; it takes role and name")
    if "role" not in item:
        raise ValueError("needs a role (one of " + ", ".join(ROLES) + ")")
    result = {"role": _choice(ROLES)(item["role"])}
    if item.get("name") is not None:
        result["name"] = _text(item["name"])
    return result


def _findings(value: Any) -> Mapping[str, str]:
    item = _mapping(value, "a mapping of point to outcome, e.g. {P1: upheld}")
    read = _choice(OUTCOMES)
    result = {}
    for point, outcome in item.items():
        try:
            result[str(point)] = read(outcome)
        except ValueError as error:
            raise ValueError(f"for {point}: {error}") from None
    return result


def _says(value: Any) -> tuple[str, ...]:
    read = _choice(SAYS)
    return tuple(read(item) for item in _list(value, "what the letter contains (findings, basis, remedy)"))


def _sha256(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value):
        return value
    raise ValueError("must be a SHA-256 in 64 lower-case hexadecimal characters")


def _point_ids(value: Any) -> tuple[str, ...]:
    return tuple(_text(item) for item in _list(value, "point ids"))


def _fields_of(item: Mapping[str, Any], allowed: set[str], required: set[str], what: str) -> None:
    for key in item:
        if key not in allowed:
            raise ValueError(f"{what} has unknown field {key!r}; it takes {', '.join(sorted(allowed))}")
    for key in required:
        if key not in item:
            raise ValueError(f"{what} needs {key}")


def _unique(ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f"lists {what} {ident} twice")
        seen.add(ident)


def _optional_text(value: Any, what: str) -> str:
    """Text that may be left out or blank, but is text when given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        return _text(value)
    except ValueError as error:
        raise ValueError(f"{what} {error}") from None


def _optional_due(item: Mapping[str, Any], key: str = "due") -> Due | None:
    return parse_due(item[key]) if item.get(key) not in (None, "") else None


def _recommendations(value: Any) -> tuple[Recommendation, ...]:
    result = []
    for raw in _list(value, "recommendations"):
        item = _mapping(raw, "a list of {id, what, [accepted], [due]}")
        _fields_of(item, {"id", "what", "accepted", "due"}, {"id", "what"}, f"recommendation {item.get('id', '')}".strip())
        accepted = _bool(item["accepted"]) if item.get("accepted") is not None else None
        result.append(Recommendation(_text(item["id"]), _text(item["what"]), accepted, _optional_due(item)))
    _unique([r.id for r in result], "recommendation")
    return tuple(result)


def _decisions(value: Any) -> Mapping[str, RecommendationDecision]:
    result = {}
    for key, raw in _mapping(value, "a mapping of recommendation id to {accepted, reason, [due]}").items():
        item = _mapping(raw, f"for {key}: {{accepted, reason, [due]}}")
        _fields_of(item, {"accepted", "reason", "due", "action"}, {"accepted"}, f"the decision on {key}")
        reason = _optional_text(item.get("reason"), f"for {key}: reason")
        action = _optional_text(item.get("action"), f"for {key}: action")
        result[str(key)] = RecommendationDecision(_bool(item["accepted"]), reason, _optional_due(item), action)
    return result


def _members(value: Any) -> tuple[Member, ...]:
    result = []
    for raw in _list(value, "panel members (names, or {name, involved})"):
        if isinstance(raw, dict):
            _fields_of(raw, {"name", "involved", "declaration", "person_id"}, {"name"}, "a panel member")
            person_id = _int(raw["person_id"]) if raw.get("person_id") is not None else None
            declaration = _optional_text(raw.get("declaration"), "a panel member's declaration")
            result.append(Member(_text(raw["name"]), _bool(raw.get("involved", False)), declaration, person_id))
        else:
            result.append(Member(_text(raw)))
    return tuple(result)


def _remedies(value: Any) -> tuple[Remedy, ...]:
    result = []
    for raw in _list(value, "actions ({id, what, due})"):
        item = _mapping(raw, "a list of {id, what, due}")
        _fields_of(item, {"id", "what", "due"}, {"id", "what"}, f"action {item.get('id', '')}".strip())
        result.append(Remedy(_text(item["id"]), _text(item["what"]), _optional_due(item)))
    return tuple(result)


def _payments(value: Any) -> tuple[Remedy, ...]:
    result = []
    for raw in _list(value, "payments ({id, amount_gbp, purpose, due})"):
        item = _mapping(raw, "a list of {id, amount_gbp, purpose, due}")
        _fields_of(item, {"id", "amount_gbp", "purpose", "due"}, {"id", "amount_gbp"}, f"payment {item.get('id', '')}".strip())
        amount = item["amount_gbp"]
        if isinstance(amount, bool) or not isinstance(amount, int | float) or not 0 <= amount < math.inf:
            raise ValueError(f"payment {item['id']}: amount_gbp must be a number of pounds, not {amount!r}")
        purpose = _optional_text(item.get("purpose"), f"payment {item['id']}: purpose")
        what = f"Pay £{amount:,.2f}".replace(".00", "") + (f" for {purpose}" if purpose else "")
        result.append(Remedy(_text(item["id"]), what, _optional_due(item), float(amount), purpose))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an event: its name, how to read it, and whether it must be there."""

    name: str
    read: Reader
    required: bool = True
    write: Writer | None = None


def F(name: str, read: Reader, required: bool = True, write: Writer | None = None) -> Field:
    return Field(name, read, required, write)


def _iso(value: Any) -> Any:
    return value.isoformat()


def _due_text(value: Any) -> Any:
    return value.text


def _write_recommendations(value: Any) -> Any:
    rows = []
    for rec in value:
        row: dict[str, Any] = {"id": rec.id, "what": rec.what}
        if rec.accepted is not None:
            row["accepted"] = rec.accepted
        if rec.due is not None:
            row["due"] = rec.due.text
        rows.append(row)
    return rows


def _write_decisions(value: Any) -> Any:
    result: dict[str, Any] = {}
    for key, decision in value.items():
        row: dict[str, Any] = {"accepted": decision.accepted}
        if decision.reason:
            row["reason"] = decision.reason
        if decision.due is not None:
            row["due"] = decision.due.text
        if decision.action:
            row["action"] = decision.action
        result[key] = row
    return result


def _write_members(value: Any) -> Any:
    return [_write_member(m) for m in value]


def _write_member(member: Member) -> Any:
    extra = {k: v for k, v in (("involved", member.involved), ("declaration", member.declaration),
                               ("person_id", member.person_id)) if v}
    return {"name": member.name, **extra} if extra else member.name


def _write_remedies(value: Any) -> Any:
    return [{k: v for k, v in {"id": r.id, "what": r.what, "due": r.due.text if r.due else None}.items() if v is not None} for r in value]


def _write_list(value: Any) -> Any:
    return list(value)


def _write_mapping(value: Any) -> Any:
    return dict(value)


def _event_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"must be the number of an event in the history (1 for the first), not {value!r}")
    return value


def _replacement(value: Any) -> Event:
    if not isinstance(value, dict):
        raise ValueError("must be the whole corrected event, with its date and type")
    if value.get("type") in CORRECTIONS:
        raise ValueError("cannot itself be a correction; name the event to put right instead")
    try:
        return parse_event(value)
    except CaseFileError as error:
        raise ValueError(f"is not a valid event: {error.message}") from None


def _write_replacement(value: Any) -> Any:
    return event_to_data(value)


DATE = (parse_date, _iso)
DUE = (parse_due, _due_text)


def _two_stage_code_fields(prefix: str) -> dict[str, tuple[Field, ...]]:
    """The events of a two-stage complaint handling code (`redress.core.procedures.two_stage`), named `prefix.*`."""
    extension = (F("to_wd", _int, False), F("reason", _text), F("reasons_told", _bool, False))
    return {
        f"{prefix}.acknowledged": (),
        f"{prefix}.stage1.extended": extension,
        f"{prefix}.stage1.responded": (F("findings", _findings, write=_write_mapping),),
        f"{prefix}.stage2.requested": (),
        f"{prefix}.stage2.refused": (F("reason", _text), F("ombudsman_details", _bool, False)),
        f"{prefix}.stage2.acknowledged": (),
        f"{prefix}.stage2.extended": extension,
        f"{prefix}.stage2.responded": (
            F("findings", _findings, write=_write_mapping), F("ombudsman_details", _bool, False),
        ),
    }


OPTIONAL_NOTE = F("note", _text, False)

EVENT_FIELDS: dict[str, tuple[Field, ...]] = {
    "complaint.received": (
        F("complainant", _complainant, write=_write_mapping), F("matter_on", DATE[0], False, DATE[1]), F("via", _text, False),
        F("service", _choice(SERVICES), False),
    ),
    "complaint.time-limit-decision": (F("accepted", _bool), F("reason", _text), F("discretion_considered", _bool, False)),
    "eligibility.decided": (F("eligible", _bool), F("basis", _text), F("child_views_taken", _bool, False)),
    "advocacy.offered": (F("provider", _text, False),),
    "advocacy.appointed": (
        F("provider", _text, False), F("advocate", _text, False), F("person_id", _int, False),
        F("involved", _bool, False), F("declaration", _text, False), F("conflict_reason", _text, False),
    ),
    "stage1.extended": (F("reason", _text),),
    "stage1.responded": (
        F("findings", _findings, write=_write_mapping), F("says", _says, False, _write_list), F("remedy", _text, False),
        F("basis", _text, False), F("responded_by", _text, False),
    ),
    "stage2.requested": (),
    "stage2.request-decision": (F("accepted", _bool), F("reason", _text)),
    "stage2.statement-agreed": (F("points", _point_ids, False, _write_list),),
    "stage2.appointed": (
        F("role", _choice(("io", "ip"))), F("person", _text), F("council_employee", _bool, False), F("involved", _bool, False),
        F("declaration", _text, False), F("person_id", _int, False), F("replaces", _text, False),
        F("conflict_reason", _text, False),
    ),
    "stage2.extended": (F("to_wd", _int, False), F("reason", _text), F("notified", _bool)),
    "stage2.responded": (
        F("findings", _findings, write=_write_mapping), F("recommendations", _recommendations, False, _write_recommendations),
        F("adjudicator", _text, False), F("conflict_reason", _text, False),
    ),
    "stage3.requested": (),
    "stage3.request-decision": (F("accepted", _bool), F("reason", _text)),
    "stage3.refused": (F("reason", _text),),
    "stage3.panel-scheduled": (
        F("panel_date", DATE[0], write=DATE[1]), F("members", _members, False, _write_members),
        F("conflict_reason", _text, False),
    ),
    "stage3.panel-held": (F("members", _members, False, _write_members), F("conflict_reason", _text, False)),
    "stage3.panel-reported": (F("findings", _findings, False, _write_mapping), F("recommendations", _recommendations, False, _write_recommendations)),
    "stage3.responded": (F("decisions", _decisions, write=_write_decisions),),
    "procedure.suspended": (F("reason", _text), F("notified", _bool, False)),
    "procedure.resumed": (F("reason", _text), F("notified", _bool, False)),
    "procedure.changed": (F("to", _text), F("reason", _text)),
    "offer.made": (F("id", _text), F("what", _text), F("until", DATE[0], False, DATE[1]), F("window", DUE[0], False, DUE[1])),
    "offer.withdrawn": (F("id", _text), F("reason", _text, False)),
    "offer.taken-up": (F("id", _text),),
    "action.agreed": (F("id", _text), F("what", _text), F("due", DUE[0], write=DUE[1]), F("source", _text, False)),
    "action.completed": (F("id", _text), F("evidence", _text, False)),
    "ombudsman.referred": (F("early", _bool, False), F("council_agreed", _bool, False), F("reference", _text, False)),
    "ombudsman.decided": (
        F("outcome", _choice(OMBUDSMAN_OUTCOMES)), F("fault", _bool, False), F("injustice", _bool, False),
        F("actions", _remedies, False, _write_remedies), F("payments", _payments, False, _write_remedies),
        F("reference", _text, False),
    ),
    "complaint.withdrawn": (F("reason", _text, False),),
    "complaint.closed": (F("reason", _text, False),),
    # a letter Redress produced and sent: what it contained is judged from it, not from a typed `says`
    "letter.sent": (
        F("kind", _text), F("sha256", _sha256), F("says", _says, False, _write_list),
        F("document", _int, False), F("version", _int, False),
    ),
    # adults-england (SI 2009/309)
    "adults.acknowledged": (F("discussion_offered", _bool, False),),
    "adults.response-period-agreed": (F("respond_by", DATE[0], write=DATE[1]), F("explained", _bool, False)),
    "adults.responded": (
        F("findings", _findings, write=_write_mapping), F("remedy", _text, False), F("ombudsman_rights", _bool, False),
    ),
    # children-wales (SI 2014/1795)
    "wales.acknowledged": (),
    "wales.local-resolution-ended": (F("resolved", _bool), F("findings", _findings, False, _write_mapping)),
    "wales.investigation-requested": (),
    "wales.investigation-extended": (F("to_wd", _int, False), F("reason", _text), F("notified", _bool)),
    "wales.investigation-responded": (
        F("findings", _findings, write=_write_mapping), F("ombudsman_rights", _bool, False),
    ),
    # housing-code (the Housing Ombudsman's Complaint Handling Code) and corporate-code (the LGSCO's)
    **_two_stage_code_fields("housing"),
    **_two_stage_code_fields("corporate"),
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_FIELDS)
# Corrections are about the history, not the procedure: each names the event it puts right by its
# place in the history (1 for the first). The engine applies them before the rules see the history.
CORRECTION_FIELDS: dict[str, tuple[Field, ...]] = {
    "event.voided": (F("event", _event_number), F("reason", _text)),
    "event.corrected": (F("event", _event_number), F("reason", _text),
                        F("replacement", _replacement, write=_write_replacement)),
}
_EVERY_FIELD = {**EVENT_FIELDS, **CORRECTION_FIELDS}
_FIELD_NAMES = {kind: {f.name for f in fields} | {"note", "date", "type"} for kind, fields in _EVERY_FIELD.items()}
_ALL_FIELDS = {kind: (*fields, OPTIONAL_NOTE) for kind, fields in _EVERY_FIELD.items()}

# Payments in an Ombudsman decision are written back in their own form, not as actions.
_PAYMENT_WRITE: Writer = lambda value: [  # noqa: E731
    {k: v for k, v in {"id": r.id, "amount_gbp": r.amount_gbp, "purpose": r.purpose or None,
                       "due": r.due.text if r.due else None}.items() if v is not None}
    for r in value
]


def parse_event(raw: Any, index: int | None = None, *, limits: Limits | None = None) -> Event:
    """One event from its case-file form, every field checked; a CaseFileError says what is wrong.

    With `limits` (an event a person or a file gives, not one read back from the store) every text
    in it must also keep within them.
    """
    if not isinstance(raw, dict):
        raise CaseFileError("an event must be a mapping with a date and a type", code="not-a-mapping", event_index=index)
    if limits is not None:
        check_event_limits(raw, limits, index)
    raw_kind = raw.get("type")
    specs = _ALL_FIELDS.get(raw_kind) if isinstance(raw_kind, str) else None
    if specs is None:
        if raw_kind is None:
            raise _event_error("the event has no type", "no-type", index, None)
        raise _event_error(
            f"unknown event type {raw_kind!r}; the types are listed in SCENARIOS.md", "unknown-type", index,
            raw_kind if isinstance(raw_kind, str) else None,
        )
    kind = str(raw_kind)
    if "date" not in raw:
        hint = " (write date:, not on:)" if True in raw or "on" in raw else ""
        raise _event_error(f"the event has no date{hint}", "no-date", index, kind)
    try:
        date = parse_date(raw["date"])
    except ValueError as error:
        raise _event_error(f"date: {error}", "bad-date", index, kind) from None
    allowed = _FIELD_NAMES[kind]
    for key in raw:
        if key not in allowed:
            takes = ", ".join(sorted(allowed - {"date", "type", "note"})) or "no fields"
            raise _event_error(f"unknown field {key!r}; {kind} takes {takes}", "unknown-field", index, kind)
    values: dict[str, Any] = {}
    for spec in specs:
        value = raw.get(spec.name)
        if value is None:
            if spec.required:
                raise _event_error(f"{spec.name} is missing", "missing-field", index, kind)
            continue
        try:
            values[spec.name] = spec.read(value)
        except ValueError as error:
            raise _event_error(f"{spec.name} {error}", "bad-field", index, kind) from None
    if kind == "offer.made" and ("until" in values) == ("window" in values):
        raise _event_error("an offer needs either until (a date) or window (a period), not both", "bad-field", index, kind)
    return Event(date, kind, values, index)


def _event_error(message: str, code: str, index: int | None, kind: str | None) -> CaseFileError:
    return CaseFileError(message, code=code, event_index=index, event_type=kind)


def event_to_data(event: Event) -> dict[str, Any]:
    """An event back in its case-file form (plain JSON-ready data)."""
    data: dict[str, Any] = {"date": event.date.isoformat(), "type": event.type}
    for spec in _ALL_FIELDS[event.type]:
        if spec.name in event.fields:
            value = event.fields[spec.name]
            write = _PAYMENT_WRITE if (event.type, spec.name) == ("ombudsman.decided", "payments") else spec.write
            data[spec.name] = write(value) if write else value
    return data


# --- limits on what a person or a file may give ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one complaint's input may hold: events, points, characters a text, bytes a file or body.

    Project decision: a bound on every input, so one request cannot hold the write lock for long or
    make a page too large to read. The Django settings give the figures (`REDRESS_MAX_*`).
    """

    events: int = 2_000
    points: int = 50
    text: int = MAX_TEXT
    body_bytes: int = 1_000_000

    def check_size(self, size: int, what: str = "the file") -> None:
        """A CaseFileError (code `too-large`) when `size` bytes is more than a body may be."""
        if size > self.body_bytes:
            raise CaseFileError(
                f"{what} is {size:,} bytes; the most Redress accepts is {self.body_bytes:,} bytes", code="too-large"
            )

    def check_room(self, events: int) -> None:
        """A CaseFileError (code `too-many-events`) when a history of `events` has no room for one more."""
        if events >= self.events:
            raise CaseFileError(
                f"this complaint already has {events:,} events, the most one complaint may have ({self.events:,})",
                code="too-many-events",
            )


DEFAULT_LIMITS = Limits()


def check_case_limits(data: Mapping[str, Any], limits: Limits) -> None:
    """A CaseFileError when a case file holds more than `limits` allow, or a text no database can store."""
    for key in ("points", "events"):
        items = data.get(key)
        most = limits.points if key == "points" else limits.events
        if isinstance(items, list) and len(items) > most:
            raise CaseFileError(
                f"the file has {len(items):,} {key}; one complaint may have at most {most:,}", code=f"too-many-{key}"
            )
    for key in ("procedure", "council", "today"):
        _check_texts(data.get(key), key, limits)
    # Only a list is walked: any other shape is refused by the parser with the message it deserves.
    for i, point in enumerate(_listed(data.get("points"))):
        _check_texts(point, f"point {i + 1}", limits)
    for i, event in enumerate(_listed(data.get("events"))):
        check_event_limits(event, limits, i)


def _listed(items: Any) -> list[Any]:
    return items if isinstance(items, list) else []


def check_event_limits(raw: Any, limits: Limits, index: int | None = None) -> None:
    """A CaseFileError naming the field when a text of the event is too long or holds a NUL character."""
    if not isinstance(raw, dict):
        return
    try:
        for key, value in raw.items():
            _check_texts(key, "a field name", limits)
            _check_texts(value, str(key), limits)
    except CaseFileError as error:
        kind = raw.get("type")
        raise _event_error(error.message, error.code, index, kind if isinstance(kind, str) else None) from None


def _check_texts(value: Any, where: str, limits: Limits) -> None:
    # Walked with a list, not recursion: a body nested thousands deep must be refused, not crash.
    pending = deque([(where, value)])
    while pending:
        where, value = pending.popleft()
        if isinstance(value, str):
            if "\x00" in value:
                raise CaseFileError(
                    f"{where} contains a NUL character (\\u0000), which cannot be stored; remove it", code="nul-character"
                )
            if len(value) > limits.text:
                raise CaseFileError(f"{where} is longer than {limits.text:,} characters", code="too-long")
        elif isinstance(value, dict):
            for key, item in value.items():
                pending += [(f"{where}: a key", key), (f"{where}.{key}", item)]  # the key is checked first
        elif isinstance(value, list):
            pending += [(f"{where}[{i + 1}]", item) for i, item in enumerate(value)]


def _parse_point(raw: Any, index: int) -> Point:
    if not isinstance(raw, dict):
        raise CaseFileError(f"point {index + 1} must be a mapping {{id, text, about}}", code="bad-point")
    try:
        _fields_of(raw, {"id", "text", "about"}, {"id", "text", "about"}, f"point {index + 1}")
        return Point(_text(raw["id"]), _text(raw["text"]), _choice(ABOUT)(raw["about"]))
    except ValueError as error:
        raise CaseFileError(f"point {raw.get('id', index + 1)}: {error}", code="bad-point") from None


def parse_case(data: Any, *, limits: Limits | None = None) -> Case:
    """A case file's content (already read from YAML or JSON) as a Case; a CaseFileError if it is not one.

    Checks the shape of every part and that events are in date order and none comes before the
    complaint was received. Whether each event is allowed where it stands is checked by the rules.
    With `limits` (input from a person or a file, not the store) the file must also keep within them.
    """
    if not isinstance(data, dict):
        raise CaseFileError("a case file must be a mapping with procedure, points and events", code="not-a-case")
    if limits is not None:
        check_case_limits(data, limits)
    unknown = set(data) - {"procedure", "council", "today", "points", "events"}
    if unknown:
        raise CaseFileError(
            f"unknown key {sorted(map(str, unknown))[0]!r}; a case file has procedure, council, today, points and events",
            code="unknown-key",
        )
    from redress.core.procedures.registry import DEFAULT_PROCEDURE, procedure_named  # built on this module

    procedure = procedure_named(data.get("procedure", DEFAULT_PROCEDURE)).name
    today = None
    if data.get("today") is not None:
        try:
            today = parse_date(data["today"])
        except ValueError as error:
            raise CaseFileError(f"today: {error}", code="bad-date") from None
    raw_points = data.get("points") or []
    if not isinstance(raw_points, list):
        raise CaseFileError("points must be a list of {id, text, about}", code="bad-point")
    points = tuple(_parse_point(raw, i) for i, raw in enumerate(raw_points))
    ids = [p.id for p in points]
    if len(set(ids)) != len(ids):
        raise CaseFileError(f"point {next(i for i in ids if ids.count(i) > 1)} is listed twice", code="bad-point")
    raw_events = data.get("events")
    if not isinstance(raw_events, list) or not raw_events:
        raise CaseFileError("events must be a list with at least the complaint.received event", code="no-events")
    events = tuple(parse_event(raw, i) for i, raw in enumerate(raw_events))
    for before, event in itertools.pairwise(events):
        if event.date < before.date:
            raise CaseFileError(
                f"dated {event.date.isoformat()}, before the event above it ({before.date.isoformat()}); "
                "events must be in date order",
                code="out-of-order", event_index=event.index, event_type=event.type,
            )
    return Case(procedure, str(data.get("council") or ""), today, points, events)


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so an impossible date is reported against its event.

    It refuses aliases (`*name`): a case file never needs one, and a few hundred bytes of nested
    aliases ("billion laughs") would otherwise expand to gigabytes.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in a case file", mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_case_text(text: str, *, json_only: bool = False) -> Any:
    """Parse YAML (or JSON) text into plain data; a CaseFileError for malformed input."""
    try:
        if json_only:
            return json.loads(text)
        return yaml.load(text, Loader=_Loader)
    except json.JSONDecodeError as error:
        raise CaseFileError(f"not valid JSON: {error.msg} at line {error.lineno}", code="malformed") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "malformed"
        raise CaseFileError(f"not valid YAML{where}: {problem}", code="malformed") from None
    except RecursionError:
        raise CaseFileError("not a case file: nested too deeply to read", code="malformed") from None
    except (ValueError, KeyError, AttributeError, TypeError) as error:
        # PyYAML's constructors raise these for a value its explicit tag cannot hold (`!!int x`).
        raise CaseFileError(f"not valid YAML: a tagged value cannot be read ({error})", code="malformed") from None


def read_case_file(path: str | Path, *, limits: Limits | None = None) -> Any:
    """A case file's content as plain data (YAML, or JSON when it ends in .json), not yet checked.

    With `limits`, a file larger than a body may be is refused before it is read. Messages do not
    repeat the file's name: the caller, which knows it, puts it in front.
    """
    file = Path(path)
    try:
        if limits is not None and file.is_file():
            limits.check_size(file.stat().st_size)
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseFileError("no such file", code="no-file") from None
    except IsADirectoryError:
        raise CaseFileError("a folder, not a case file", code="no-file") from None
    except UnicodeDecodeError:
        raise CaseFileError("not a text file (UTF-8)", code="malformed") from None
    except OSError as error:
        raise CaseFileError(str(error.strerror), code="no-file") from None
    return read_case_text(text, json_only=file.suffix.lower() == ".json")


def load_case_file(path: str | Path, *, limits: Limits | None = None) -> Case:
    """Read and check a case file (YAML, or JSON when it ends in .json); see `read_case_file`."""
    return parse_case(read_case_file(path, limits=limits), limits=limits)


__all__ = [
    "ABOUT", "CORRECTIONS", "CORRECTION_FIELDS", "DEFAULT_LIMITS", "EVENT_FIELDS", "EVENT_TYPES", "OUTCOMES",
    "ROLES", "SERVICES", "Case", "CaseFileError", "Due", "Event", "Limits", "Member", "Point", "Recommendation",
    "RecommendationDecision", "Remedy", "add_months", "check_case_limits", "check_event_limits",
    "event_to_data", "load_case_file", "parse_case", "parse_date", "parse_due", "parse_event",
    "read_case_file", "read_case_text",
]
