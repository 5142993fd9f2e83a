"""What the web needs to know of a procedure, as data: its event forms, its words, who records what.

A procedure of the core (`redress.core.procedures`) is handled by the web, the API and imports
through a `ProcedureWeb` (one module a procedure in `redress.complaints.procedures`): nothing else in
the web names a procedure. The forms themselves are built from the specs by `event_forms`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # text | textarea | yesno | choice | date | due | int | members | findings | says | recommendations | decisions | procedure
    label: str
    required: bool = True
    hint: str = ""
    choices: Sequence[tuple[str, str]] = ()
    noun: str = ""  # what "Enter ..." asks for; default "the <label>"

    @property
    def what(self) -> str:
        return self.noun or "the " + self.label[0].lower() + self.label[1:]


@dataclass(frozen=True)
class EventSpec:
    """One event's form: its title, hint, fields and the date's words.

    `asks` lists what the law needs that a person may leave out, as (field, answer, message): when
    the field holds that answer the form asks before saving (a manager may "Save anyway").
    """

    type: str
    title: str
    hint: str = ""
    fields: Sequence[FieldSpec] = field(default_factory=tuple)
    date_noun: str = "date"  # "Enter the <date_noun>", e.g. "date the response was sent"
    asks: Sequence[tuple[str, str, str]] = ()


def f(name: str, kind: str, label: str, **extra: Any) -> FieldSpec:
    return FieldSpec(name, kind, label, **extra)


@dataclass(frozen=True)
class ProcedureWeb:
    """A procedure's web table: the forms of its own events and the words its pages use.

    `stages` names each stage number the engine reports (`Report.stage`); `intake` is what
    recording a complaint starts, said on the new-complaint page; `roles` are the complainant's
    roles offered at intake (values of the core's `complainant.role`) in this procedure's words;
    `subject` labels who the complaint is about (the record's `child_name`; `subject_short` in lists). `specs` are the forms
    of the procedure's own events (the shared events' are `event_forms.SHARED_SPECS`), `titles` and
    `warnings` what its events and warning codes are called in words, `manager_only` the events
    only a complaints manager records.
    """

    name: str
    short_title: str
    stages: Mapping[int, str]
    intake: str
    roles: Sequence[tuple[str, str]]
    subject: str
    specs: Sequence[EventSpec] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    warnings: Mapping[str, str] = field(default_factory=dict)
    manager_only: frozenset[str] = frozenset()
    received_hint: str = ""
    subject_short: str = "Child"  # the caseload's "Child: Ellie"

    def stage_name(self, stage: int) -> str:
        return self.stages.get(stage, f"Stage {stage}")
