"""The clocks of `housing-code`, named `housing-code.*`, and the Code's paragraphs they and its rules cite.

Paragraph numbers are the 2024 Code's as landlords quote them in their published self-assessments
against it; where the stored sources did not give one, the source says so.
"""

from __future__ import annotations

from redress.core.definitions import ClockDefinition
from redress.core.procedures.two_stage import code

HOC = "Housing Ombudsman Complaint Handling Code (2024)"

CODE = code.Code(
    name="the Housing Ombudsman's Complaint Handling Code (2024)",
    short="Housing Code",
    prefix="housing",
    clocks="housing-code",
    who="the resident",
    ombudsman="the Housing Ombudsman",
    acknowledgement=f"{HOC} para 6.2: a complaint must be acknowledged, defined and logged at stage 1 within five "
                    "working days of being received",
    stage1_response=f"{HOC} para 6.3: a full response to a stage 1 complaint within 10 working days of its "
                    "acknowledgement",
    stage1_extension=f"{HOC} para 6.4: an extension of no more than 10 working days without good reason, the resident "
                     "told of it and why (project decision: an extension beyond 10 more is refused, as good reason "
                     "cannot be judged here)",
    escalation=f"{HOC} para 6.10: a complaint not resolved at stage 1 must go to stage 2 (project decision, as in "
               "children's Stage 1: it may also be asked for once the stage 1 deadline has passed unanswered)",
    refusal=f"{HOC} para 6.10 (stage 2 must follow unless the Code allows otherwise); the Code before 2024, para 5.9: a landlord "
            "declining to escalate must give its reasons and the resident's right to approach the Ombudsman in writing "
            "(the 2024 paragraph was not in the stored sources)",
    stage2_acknowledgement=f"{HOC} para 6.11: a request for stage 2 must be acknowledged, defined and logged within "
                           "five working days of being received",
    stage2_response=f"{HOC}: a stage 2 response within 20 working days of the acknowledgement (the Housing Ombudsman's "
                    "own page for residents; the paragraph number, after 6.13, was not in the stored sources)",
    stage2_extension=f"{HOC}: an extension at stage 2 with reasons and the date it will respond by, told to the "
                     "resident (the Housing Ombudsman's page for residents); project decision: no more than 20 "
                     "working days, as DOMAIN.md and issue #9 give it (the Code's text was not in the stored sources)",
    ombudsman_details=f"{HOC}: the final response gives the resident the right to escalate to the Housing Ombudsman "
                      "(project decision to record it on the response; the paragraph number was not in the stored "
                      "sources)",
    both_stages="The Housing Ombudsman (page for residents): it cannot consider a complaint for formal investigation "
                "before it has been raised and considered at both stages of the landlord's process",
)

CLOCKS: dict[str, ClockDefinition] = code.clocks(CODE)
