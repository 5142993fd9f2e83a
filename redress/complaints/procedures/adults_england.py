"""The web table of `adults-england` (SI 2009/309): acknowledgement, the agreed response period, the response."""

from __future__ import annotations

from redress.complaints.specs import EventSpec, ProcedureWeb, f

ADULTS_ENGLAND = ProcedureWeb(
    name="adults-england",
    short_title="Adults (England)",
    stages={1: "Local stage"},
    intake="Recording the complaint starts the 3 working day clock to acknowledge it (SI 2009/309 reg 13). The "
           "response is due within six months of receipt, unless the complainant agrees another date.",
    # SI 2009/309 reg 5: the person who receives (or received) services, or someone acting for them or affected.
    # The core's roles are the children's list for now (docs/procedures/adults-england.md).
    roles=[("other", "The adult who receives, or received, care or support"),
           ("sufficient-interest", "Someone acting for them, or affected by what the council did")],
    subject="Name of the adult the complaint is about",
    subject_short="About",
    received_hint="The date received starts the 3 working day clock to acknowledge it.",
    specs=[
        EventSpec("adults.acknowledged", "Record the acknowledgement",
                  "Within 3 working days of receipt, offering to discuss how the complaint will be handled and when "
                  "the response is likely to be sent (reg 13).",
                  [f("discussion_offered", "yesno", "Did the acknowledgement offer to discuss how the complaint will "
                                                    "be handled and when the response is likely?")],
                  date_noun="date the acknowledgement was sent",
                  asks=[("discussion_offered", "no", "Acknowledging without offering that discussion is a risk: "
                                                     "offer it (reg 13(3))")]),
        EventSpec("adults.response-period-agreed", "Record the response date agreed with the complainant",
                  "The response is due within six months of receipt unless a later date is agreed; a later date "
                  "must be explained (reg 14(2)). Agreed again, the later date replaces this one.",
                  [f("respond_by", "date", "Date the response is due", noun="the date the response is due"),
                   f("explained", "yesno", "If it is after six months from receipt, was the reason explained to the "
                                           "complainant?", required=False)],
                  date_noun="date it was agreed"),
        EventSpec("adults.responded", "Record the response",
                  "Say how the complaint was considered, the conclusions, the action taken, and the right to complain "
                  "to the Ombudsman (reg 14(3)).",
                  [f("findings", "findings", "Finding for each point"),
                   f("remedy", "textarea", "Action taken or remedy offered", required=False),
                   f("ombudsman_rights", "yesno", "Does the response tell the complainant of their right to go to "
                                                  "the Ombudsman?")],
                  date_noun="date the response was sent",
                  asks=[("ombudsman_rights", "no", "A response that does not tell the complainant of the right to go "
                                                   "to the Ombudsman is fault: add it to the response")]),
    ],
    titles={"adults.acknowledged": "Acknowledgement sent", "adults.response-period-agreed": "Response date agreed",
            "adults.responded": "Response sent"},
    warnings={"adults.discussion-not-offered": "Discussion not offered",
              "adults.extension.unexplained": "Later response date not explained",
              "adults.response.late": "Response late", "adults.response.overdue": "Response overdue",
              "adults.response.no-ombudsman-rights": "Ombudsman rights not given"},
)
