"""The clocks of `children-wales`: named `children-wales.*` so they sit beside children's in England."""

from __future__ import annotations

from redress.core.definitions import ClockDefinition

ACKNOWLEDGEMENT = ClockDefinition(
    name="children-wales.acknowledgement",
    title="Acknowledge the representation",
    starts_when="the complaint was received",
    step="the complaint is acknowledged",
    limit_wd=2,
    source="SI 2014/1795: acknowledge within 2 working days of receipt (regulation number not confirmed in this "
           "session; the 2 working days are confirmed by the Welsh guidance as published by councils)",
    starts_on="complaint.received",
    noun="Acknowledgement",
    verb="sent",
)
LOCAL_RESOLUTION = ClockDefinition(
    name="children-wales.local-resolution",
    title="Local resolution",
    starts_when="the complaint was acknowledged",
    step="the complainant is offered a discussion and local resolution is concluded",
    limit_wd=10,
    source="SI 2014/1795: local resolution within 10 working days of the acknowledgement (project decision: counted "
           "from the acknowledgement, and taken as concluding it, as the Welsh guidance intends)",
    starts_on="wales.acknowledged",
    noun="Local resolution",
    verb="concluded",
)
INVESTIGATION = ClockDefinition(
    name="children-wales.investigation",
    title="Formal investigation response",
    starts_when="the formal investigation was asked for",
    step="the formal investigation response is sent",
    limit_wd=25,
    extended_wd=65,
    max_wd=65,
    source="SI 2014/1795: a response within 25 working days of the start of the formal investigation; where that "
           "is not possible the complainant is told in writing why and when to expect it (project decision, not "
           "confirmed: an extension to 65 working days at most, as in England)",
    starts_on="wales.investigation-requested",
    noun="Formal investigation response",
    verb="sent",
)

CLOCKS: dict[str, ClockDefinition] = {
    clock.name: clock for clock in (ACKNOWLEDGEMENT, LOCAL_RESOLUTION, INVESTIGATION)
}
