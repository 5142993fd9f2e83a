"""The clocks of `children-england` (DOMAIN.md section 5): start event, limit, extension, whose time.

The council owns every clock but the two request windows, which are the complainant's time.
"""

from __future__ import annotations

from redress.core.definitions import ClockDefinition

STAGE1_RESPONSE = ClockDefinition(
    name="stage1.response",
    title="Stage 1 response",
    starts_when="the complaint was received",
    step="the Stage 1 response is sent",
    limit_wd=10,
    extended_wd=20,
    max_wd=20,
    source="SI 2006/1738 reg 14: 10 working days, up to 20 where the complaint is complex or an advocate is needed",
    starts_on="complaint.received",
    noun="Stage 1 response",
    verb="sent",
)
STAGE2_REQUEST_WINDOW = ClockDefinition(
    name="stage2.request-window",
    title="Window to ask for Stage 2",
    starts_when="the Stage 1 response was sent",
    step="the complainant asks for Stage 2",
    limit_wd=20,
    complainants_window=True,
    source="Getting the Best from Complaints (DfES 2006): 20 working days to ask for Stage 2",
    starts_on="stage1.responded",
    noun="Stage 2 request",
    verb="made",
)
STAGE2_STATEMENT = ClockDefinition(
    name="stage2.statement",
    title="Agree the statement of complaint",
    starts_when="the Stage 2 request was received",
    step="the statement of complaint is agreed",
    limit_wd=10,
    source="Project decision (configurable): the guidance sets no limit; the Ombudsman treats long delay as fault",
    starts_on="stage2.requested",
    noun="Statement of complaint",
    verb="agreed",
)
STAGE2_RESPONSE = ClockDefinition(
    name="stage2.response",
    title="Stage 2 response (adjudication)",
    starts_when="the statement of complaint was agreed",
    step="the adjudication is sent with the IO and IP reports",
    limit_wd=25,
    extended_wd=65,
    max_wd=65,
    source="SI 2006/1738 reg 17: 25 working days, up to 65 with reasons and notice to the complainant",
    starts_on="stage2.statement-agreed",
    noun="Stage 2 response",
    verb="sent",
)
STAGE3_REQUEST_WINDOW = ClockDefinition(
    name="stage3.request-window",
    title="Window to ask for a review panel",
    starts_when="the Stage 2 adjudication was sent",
    step="the complainant asks for a review panel",
    limit_wd=20,
    complainants_window=True,
    source="SI 2006/1738 reg 18: 20 working days to ask for a review panel",
    starts_on="stage2.responded",
    noun="Panel request",
    verb="made",
)
STAGE3_PANEL = ClockDefinition(
    name="stage3.panel",
    title="Review panel meets",
    starts_when="the Stage 3 request was received",
    step="the review panel meets",
    limit_wd=30,
    source="SI 2006/1738 reg 19(4): the panel meets within 30 working days of the request",
    starts_on="stage3.requested",
    noun="Review panel",
    verb="held",
)
STAGE3_PANEL_REPORT = ClockDefinition(
    name="stage3.panel-report",
    title="Panel report sent",
    starts_when="the review panel met",
    step="the panel's report is sent",
    limit_wd=5,
    source="SI 2006/1738 reg 20: 5 working days, or as soon as reasonably practicable",
    starts_on="stage3.panel-held",
    noun="Panel report",
    verb="sent",
)
STAGE3_RESPONSE = ClockDefinition(
    name="stage3.response",
    title="Council's final response",
    starts_when="the panel's report was received",
    step="the council's final response is sent",
    limit_wd=15,
    source="SI 2006/1738 reg 21: 15 working days, or as soon as reasonably practicable",
    starts_on="stage3.panel-reported",
    noun="Final response",
    verb="sent",
)

CLOCKS: dict[str, ClockDefinition] = {
    clock.name: clock
    for clock in (
        STAGE1_RESPONSE,
        STAGE2_REQUEST_WINDOW,
        STAGE2_STATEMENT,
        STAGE2_RESPONSE,
        STAGE3_REQUEST_WINDOW,
        STAGE3_PANEL,
        STAGE3_PANEL_REPORT,
        STAGE3_RESPONSE,
    )
}
