"""The web table of `children-england`: its events' forms are `event_forms.EVENT_SPECS`' first rows."""

from __future__ import annotations

from redress.complaints.specs import ProcedureWeb

CHILDREN_ROLES = [
    ("child", "A child or young person"),
    ("parent", "A parent"),
    ("parental-responsibility", "Someone with parental responsibility"),
    ("foster-carer", "A local authority foster carer"),
    ("care-leaver", "A care leaver"),
    ("special-guardian", "A special guardian"),
    ("adoption-party", "A party to adoption or adoption support"),
    ("sufficient-interest", "Someone with a sufficient interest in the child's welfare"),
    ("other", "Someone else"),
]
"""Who may make a representation about a child (Children Act 1989 s26(3)), in people's words."""

CHILDREN_ENGLAND = ProcedureWeb(
    name="children-england",
    short_title="Children's (England)",
    stages={1: "Stage 1: local resolution", 2: "Stage 2: investigation", 3: "Stage 3: review panel"},
    intake="Recording the complaint starts Stage 1: the council has 10 working days to respond, counted from the "
           "day after it was received.",
    roles=CHILDREN_ROLES,
    subject="Child's name",
    received_hint="The date received starts Stage 1.",
)
