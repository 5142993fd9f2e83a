"""The event vocabulary as JSON Schema: one object schema an event type, made from `events.EVENT_FIELDS`.

Each field's schema follows the reader that checks it (`events._text` is non-empty text of at most
MAX_TEXT characters, `_findings` a mapping of point id to outcome, ...). The schemas describe what a
well-formed event looks like for the API's documentation; `events.parse_event` stays the judge of
what is accepted (it also takes, for example, a number where text is asked for, or null for a field
that may be left out), and the procedure's rules judge whether an event may be recorded now.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from redress.core import events as ev

Schema = dict[str, Any]

TEXT: Schema = {"type": ["string", "number"], "minLength": 1, "pattern": r"\S",
               "description": f"text (a number is taken as its text), at most {ev.MAX_TEXT:,} characters"}
OPTIONAL_TEXT: Schema = {"type": ["string", "number", "null"], "description": "text, or left out or blank"}
DATE: Schema = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
_DUE = r"\d{4}-\d{2}-\d{2}|\d{1,4}\s*(wd|working days?|days?|weeks?|months?)"
DUE: Schema = {"type": "string", "pattern": rf"(?i)^\s*({_DUE})\s*$",
               "description": 'a date (YYYY-MM-DD) or a period: "20 WD", "4 weeks", "1 month", "90 days"'}
OPTIONAL_DUE: Schema = {"type": ["string", "null"], "pattern": rf"(?i)^(\s*({_DUE})\s*)?$",
                        "description": DUE["description"] + "; or left out or blank"}
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
NULL: Schema = {"type": "null"}


def _enum(choices: tuple[str, ...]) -> Schema:
    return {"type": "string", "enum": list(choices)}


def _object(properties: Mapping[str, Schema], required: tuple[str, ...] = ()) -> Schema:
    schema: Schema = {"type": "object", "properties": dict(properties), "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


def nullable(schema: Schema) -> Schema:
    """A field that may be left out may also be given as null (the core treats the two alike)."""
    if "enum" in schema:
        return {**schema, "type": [schema["type"], "null"], "enum": [*schema["enum"], None]}
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*kinds, "null"]} if "null" not in kinds else schema
    return {"anyOf": [schema, NULL]}


FINDINGS: Schema = {"type": "object", "additionalProperties": _enum(ev.OUTCOMES),
                    "description": "point id to outcome, e.g. {\"P1\": \"upheld\"}"}
RECOMMENDATIONS: Schema = {"type": "array", "items": _object(
    {"id": TEXT, "what": TEXT, "accepted": nullable(BOOLEAN), "due": OPTIONAL_DUE}, ("id", "what"))}
DECISIONS: Schema = {"type": "object", "additionalProperties": _object(
    {"accepted": BOOLEAN, "reason": OPTIONAL_TEXT, "due": OPTIONAL_DUE, "action": OPTIONAL_TEXT}, ("accepted",)),
    "description": "recommendation id to the council's decision on it"}
MEMBERS: Schema = {"type": "array", "items": {"anyOf": [TEXT, _object({"name": TEXT, "involved": BOOLEAN}, ("name",))]}}
REMEDIES: Schema = {"type": "array", "items": _object({"id": TEXT, "what": TEXT, "due": OPTIONAL_DUE}, ("id", "what"))}
PAYMENTS: Schema = {"type": "array", "items": _object(
    {"id": TEXT, "amount_gbp": {"type": "number", "minimum": 0}, "purpose": OPTIONAL_TEXT, "due": OPTIONAL_DUE},
    ("id", "amount_gbp"))}
COMPLAINANT: Schema = _object({"role": _enum(ev.ROLES), "name": nullable(TEXT)}, ("role",))
SHA256: Schema = {"type": "string", "pattern": "^[0-9a-f]{64}$"}

_BY_READER: dict[Callable[[Any], Any], Schema] = {
    ev._text: TEXT, ev._bool: BOOLEAN, ev._int: INTEGER, ev.parse_date: DATE, ev.parse_due: DUE,
    ev._complainant: COMPLAINANT, ev._findings: FINDINGS, ev._says: {"type": "array", "items": _enum(ev.SAYS)},
    ev._sha256: SHA256, ev._point_ids: {"type": "array", "items": TEXT}, ev._recommendations: RECOMMENDATIONS,
    ev._decisions: DECISIONS, ev._members: MEMBERS, ev._remedies: REMEDIES, ev._payments: PAYMENTS,
    ev._event_number: {"type": "integer", "description": "the event's place in the history, 1 for the first"},
}
REPLACEMENT = "replacement"
"""The one field whose schema is another event (`event.corrected`'s replacement): left to the caller to refer to."""


def field_schema(field: ev.Field) -> Schema:
    """The JSON Schema of one event field, from the reader that checks it."""
    if field.read in ev.CHOICES:
        return _enum(ev.CHOICES[field.read])
    try:
        return dict(_BY_READER[field.read])
    except KeyError:
        raise LookupError(f"no schema for the reader of {field.name!r}; add it to event_schema._BY_READER") from None


def event_fields(kind: str) -> tuple[dict[str, Schema], tuple[str, ...]]:
    """An event type's fields (beyond date and type; `note` included) with their schemas, and those it requires.

    `event.corrected`'s replacement is given as an empty schema: the caller refers it to the union of events.
    """
    fields = {**ev.EVENT_FIELDS, **ev.CORRECTION_FIELDS}[kind]
    properties = {f.name: ({} if f.name == REPLACEMENT and kind == "event.corrected"
                           else field_schema(f) if f.required else nullable(field_schema(f)))
                  for f in fields}
    properties["note"] = nullable(TEXT)
    return properties, tuple(f.name for f in fields if f.required)


def event_kinds() -> tuple[str, ...]:
    """Every event type a history may hold: the procedure's events, then the corrections."""
    return (*ev.EVENT_TYPES, *ev.CORRECTIONS)


POINT: Schema = _object({"id": TEXT, "text": TEXT, "about": _enum(ev.ABOUT)}, ("id", "text", "about"))
NO_POINTS: Schema = {"anyOf": [NULL, {"const": False}, {"const": 0}, {"const": ""}, {"type": "object", "maxProperties": 0}],
                     "description": "an empty value is taken as no points"}
