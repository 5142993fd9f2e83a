"""The clocks of `corporate-code`, named `corporate-code.*`, and the Code's paragraphs they and its rules cite.

Paragraphs 6.2 to 6.5 are quoted from the Ombudsman's own page of the Code (Part 7, "Complaints
stages"); the stage 2 limits are as the Code's published summaries and DOMAIN.md give them, their
paragraph numbers not being in the stored sources. The Code says "should" where the Housing Code says "must".
"""

from __future__ import annotations

from redress.core.definitions import ClockDefinition
from redress.core.procedures.two_stage import code

CHC = "LGSCO Complaint Handling Code (2024; applied by the Ombudsman from 1 April 2026)"

CODE = code.Code(
    name="the Local Government and Social Care Ombudsman's Complaint Handling Code",
    short="Corporate Code",
    prefix="corporate",
    clocks="corporate-code",
    who="the complainant",
    ombudsman="the Local Government and Social Care Ombudsman",
    acknowledgement=f"{CHC} para 6.2: complaints should be acknowledged and logged at stage 1 within five working "
                    "days of being received",
    stage1_response=f"{CHC} para 6.3: a full response to stage 1 complaints within 10 working days of the "
                    "acknowledgement",
    stage1_extension=f"{CHC} para 6.4: any extension no more than 10 working days without good reason, the reasons "
                     "clearly explained to the individual; para 6.5: with the details of the Ombudsman (project "
                     "decision: an extension beyond 10 more is refused, as good reason cannot be judged here)",
    escalation=f"{CHC}: a complaint not resolved at stage 1 goes to stage 2 at the individual's request (project "
               "decision, as in children's Stage 1: also once the stage 1 deadline has passed unanswered)",
    refusal=f"{CHC}: stage 2 follows a complaint not resolved at stage 1; project decision: a refusal is a risk and "
            "gives the reasons and the Ombudsman's details, as the Housing Code requires (the LGSCO Code's words on "
            "declining stage 2 were not in the stored sources)",
    stage2_acknowledgement=f"{CHC}: a request for stage 2 acknowledged and logged within five working days of the "
                           "request (the Code as summarised by LLG and DOMAIN.md; paragraph number not in the stored "
                           "sources)",
    stage2_response=f"{CHC}: a final response within 20 working days of the stage 2 acknowledgement (the Code as "
                    "summarised by LLG and DOMAIN.md; paragraph number not in the stored sources)",
    stage2_extension=f"{CHC}: extension at stage 2 by up to 20 working days with reasons (DOMAIN.md and councils' "
                     "procedures under the Code; project decision, as the Code's text was not in the stored sources)",
    ombudsman_details=f"{CHC} para 6.5 gives the Ombudsman's details to an individual told of an extension; project "
                      "decision: the final response (or a refusal of stage 2) records them too, as the end of the "
                      "council's procedure",
    both_stages="Local Government Act 1974 s26(5): the Ombudsman expects the council to have had a reasonable "
                "opportunity to investigate and reply first",
)

CLOCKS: dict[str, ClockDefinition] = code.clocks(CODE)
