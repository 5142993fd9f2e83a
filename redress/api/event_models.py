"""The request bodies of the writes, as pydantic models made from the event vocabulary, for the OpenAPI schema.

One model an event type (`Stage1RespondedEvent`: `type` fixed to `stage1.responded`, `date`, the
optional `note` and the type's own fields with the schemas `redress.core.event_schema` gives), joined
into `Event`, a union discriminated on `type`; `ProcedureEvent` is the same without the corrections
(what `event.corrected` may give as its replacement); `CaseFile` is a whole case file.

They document the bodies; they do not check them. The endpoints still take the body as JSON and
hand it to the core, which judges it exactly as before (the same messages and codes), so what the
API accepts and refuses is unchanged by the schema.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, WithJsonSchema, create_model

from redress.core import event_schema
from redress.core.events import CORRECTIONS
from redress.core.procedures.registry import PROCEDURES

REF = "#/components/schemas/{model}"
_REPLACEMENT = {"x-redress-replacement": True}  # pydantic will not pass a $ref it does not know; this becomes one


def model_name(kind: str) -> str:
    """`stage1.responded` -> `Stage1RespondedEvent`; `complaint.time-limit-decision` -> `ComplaintTimeLimitDecisionEvent`."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[.\-_]", kind)) + "Event"


def _documented(schema: dict[str, Any]) -> Any:
    return Annotated[Any, WithJsonSchema(schema)]


def _event_model(kind: str) -> type[BaseModel]:
    properties, required = event_schema.event_fields(kind)
    fields: dict[str, Any] = {
        "type": (Literal[kind], ...),
        "date": (dt.date, ...),
    }
    for name, schema in properties.items():
        if not schema:  # event.corrected's replacement: any event of the procedure (referred to once made)
            schema = dict(_REPLACEMENT)
        fields[name] = (_documented(schema), ... if name in required else None)
    model: type[BaseModel] = create_model(model_name(kind), __config__=ConfigDict(extra="forbid", title=kind), **fields)
    model.__doc__ = f"A `{kind}` event."
    return model


def _union(kinds: tuple[str, ...]) -> Any:
    models = tuple(_event_model(kind) for kind in kinds)
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007 (a tuple of types made at run time)


@functools.cache
def components() -> dict[str, Any]:
    """The schemas to add to the OpenAPI document's components: every event model, `Event`, `ProcedureEvent`, `CaseFile`."""
    kinds = event_schema.event_kinds()
    found: dict[str, Any] = {}
    for name, kinds_of in (("Event", kinds), ("ProcedureEvent", tuple(k for k in kinds if k not in CORRECTIONS))):
        schema = TypeAdapter(_union(kinds_of)).json_schema(ref_template=REF)
        for definition in schema.pop("$defs", {}).values():
            for field_name, field in definition["properties"].items():
                if field.get("default", ...) is None:
                    del field["default"]  # left out, not null: the core treats a null as left out anyway
                if field.get("x-redress-replacement"):
                    definition["properties"][field_name] = {"$ref": REF.format(model="ProcedureEvent"),
                                                      "description": "the event as it should have been recorded"}
            found[model_name(definition["properties"]["type"]["const"])] = definition
        schema["title"] = name
        schema["description"] = ("One event of the vocabulary (SCENARIOS.md), by its `type`." if name == "Event" else
                                 "One event of the procedure (not a correction), by its `type`.")
        found[name] = schema
    found["CaseFile"] = {
        "title": "CaseFile", "type": "object", "additionalProperties": False, "required": ["events"],
        "description": "A case file (SCENARIOS.md): its points and its events in date order, the first "
                       "`complaint.received`. `council` is kept as a note; the complaint is made in your council.",
        "properties": {
            "procedure": {"type": "string", "enum": list(PROCEDURES), "default": "children-england"},
            "council": {"description": "kept as a note (any value; the complaint is made in your council)"},
            "today": event_schema.nullable(event_schema.DATE),
            "points": {"anyOf": [{"type": "array", "items": event_schema.POINT}, event_schema.NO_POINTS]},
            "events": {"type": "array", "minItems": 1, "items": {"$ref": REF.format(model="Event")}},
        },
    }
    return found


BODIES = {
    ("/complaints", "post"): "CaseFile",
    ("/complaints/{complaint_id}/events", "post"): "Event",
}
"""Which request body (under the API's prefix) each documented model stands for."""


def document_bodies(schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The OpenAPI document with the writes' bodies referring to their models, and the models in its components."""
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(components())
    for (path, method), model in BODIES.items():
        body = schema["paths"][prefix.rstrip("/") + path][method]["requestBody"]
        body["content"]["application/json"]["schema"] = {"$ref": REF.format(model=model)}
    return schema
