"""The web table of a two-stage complaint handling code (`housing-code`, `corporate-code`): one shape, two sets of names.

The Housing Ombudsman's and the Local Government and Social Care Ombudsman's Codes keep the same
stages and limits (the core's `procedures/two_stage`): acknowledge within 5 working days; Stage 1
within 10 of the acknowledgement, up to 20; Stage 2 acknowledged within 5, answered within 20 of that,
up to 40; then the Ombudsman. Their events are named `PREFIX.*`.
"""

from __future__ import annotations

from redress.complaints.procedures.children_england import CHILDREN_ROLES
from redress.complaints.specs import EventSpec, ProcedureWeb, f


def two_stage_table(*, name: str, prefix: str, short_title: str, who: str, ombudsman: str,
                    roles: list[tuple[str, str]], subject: str) -> ProcedureWeb:
    """The forms and words of a two-stage code whose events are `prefix.*`; `who` is the person complaining."""
    def told(stage: int) -> tuple[str, str, str]:
        return ("reasons_told", "no", f"Extending Stage {stage} without explaining the reasons to {who} is fault: "
                                      "explain them")

    details = ("ombudsman_details", "no", f"Not giving {who} the details of {ombudsman} is fault: add them")
    ask_details = f"Does it give {who} the details of {ombudsman}?"
    return ProcedureWeb(
        name=name,
        short_title=short_title,
        stages={1: "Stage 1", 2: "Stage 2"},
        intake="Recording the complaint starts the 5 working day clock to acknowledge it; Stage 1 then has 10 "
               "working days from the acknowledgement.",
        roles=roles,
        subject=subject,
        subject_short="About",
        received_hint="The date received starts the 5 working day clock to acknowledge it.",
        specs=[
            EventSpec(f"{prefix}.acknowledged", "Record the acknowledgement",
                      "Within 5 working days of receipt; this starts the 10 working days of Stage 1.",
                      date_noun="date the acknowledgement was sent"),
            EventSpec(f"{prefix}.stage1.extended", "Extend Stage 1",
                      f"By up to 10 more working days (20 at most), explaining the reasons to {who}.",
                      [f("to_wd", "int", "New limit in working days", hint="From 11 to 20.", required=False),
                       f("reason", "textarea", "Reason"),
                       f("reasons_told", "yesno", f"Were the reasons explained to {who}?")],
                      asks=[told(1)]),
            EventSpec(f"{prefix}.stage1.responded", "Record the Stage 1 response", "",
                      [f("findings", "findings", "Finding for each point")], date_noun="date the response was sent"),
            EventSpec(f"{prefix}.stage2.requested", "Record a request for Stage 2",
                      "This starts the 5 working day clock to acknowledge the request.",
                      date_noun="date Stage 2 was asked for"),
            EventSpec(f"{prefix}.stage2.refused", "Refuse Stage 2",
                      f"Only on one of the Code's grounds, with the reasons and the right to go to {ombudsman} in writing.",
                      [f("reason", "textarea", "Reason"), f("ombudsman_details", "yesno", ask_details)],
                      asks=[details]),
            EventSpec(f"{prefix}.stage2.acknowledged", "Record the acknowledgement of the Stage 2 request",
                      "Within 5 working days of the request; this starts the 20 working days of Stage 2.",
                      date_noun="date the acknowledgement was sent"),
            EventSpec(f"{prefix}.stage2.extended", "Extend Stage 2",
                      f"By up to 20 more working days (40 at most), explaining the reasons to {who}.",
                      [f("to_wd", "int", "New limit in working days", hint="From 21 to 40.", required=False),
                       f("reason", "textarea", "Reason"),
                       f("reasons_told", "yesno", f"Were the reasons explained to {who}?")],
                      asks=[told(2)]),
            EventSpec(f"{prefix}.stage2.responded", "Record the Stage 2 (final) response", "",
                      [f("findings", "findings", "Finding for each point"),
                       f("ombudsman_details", "yesno", ask_details)],
                      date_noun="date the response was sent", asks=[details]),
        ],
        titles={f"{prefix}.acknowledged": "Acknowledgement sent", f"{prefix}.stage1.extended": "Stage 1 extended",
                f"{prefix}.stage1.responded": "Stage 1 response sent", f"{prefix}.stage2.requested": "Stage 2 requested",
                f"{prefix}.stage2.refused": "Stage 2 refused",
                f"{prefix}.stage2.acknowledged": "Stage 2 request acknowledged",
                f"{prefix}.stage2.extended": "Stage 2 extended", f"{prefix}.stage2.responded": "Stage 2 response sent"},
        warnings={f"{prefix}.extension.unexplained": "Extension reasons not explained",
                  f"{prefix}.stage2.refused": "Stage 2 refused",
                  f"{prefix}.response.no-ombudsman-details": "Ombudsman details not given",
                  f"{prefix}.referral.premature": "Referred before Stage 2"},
        manager_only=frozenset({f"{prefix}.stage1.extended", f"{prefix}.stage2.extended", f"{prefix}.stage2.refused"}),
    )


HOUSING_CODE = two_stage_table(
    name="housing-code", prefix="housing", short_title="Housing (Code)", who="the resident",
    ombudsman="the Housing Ombudsman", subject="Who the complaint is about, if not the resident",
    roles=[("other", "The resident"), ("sufficient-interest", "Someone acting for the resident")],
)
CORPORATE_CODE = two_stage_table(
    name="corporate-code", prefix="corporate", short_title="Corporate (Code)", who="the complainant",
    ombudsman="the Local Government and Social Care Ombudsman", subject="Who the complaint is about, if not the complainant",
    roles=[("other", "The person affected"), ("sufficient-interest", "Someone acting for them"), *CHILDREN_ROLES[:2]],
)
