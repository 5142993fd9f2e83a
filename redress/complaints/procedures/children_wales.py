"""The web table of `children-wales` (SI 2014/1795): local resolution, then the formal investigation."""

from __future__ import annotations

from redress.complaints.procedures.children_england import CHILDREN_ROLES
from redress.complaints.specs import EventSpec, ProcedureWeb, f

CHILDREN_WALES = ProcedureWeb(
    name="children-wales",
    short_title="Children's (Wales)",
    stages={1: "Local resolution", 2: "Formal investigation"},
    intake="Recording the complaint starts the 2 working day clock to acknowledge it; local resolution then has 10 "
           "working days. Working days are Wales's.",
    roles=CHILDREN_ROLES,
    subject="Child's name",
    received_hint="The date received starts the 2 working day clock to acknowledge it.",
    specs=[
        EventSpec("wales.acknowledged", "Record the acknowledgement",
                  "Within 2 working days of receipt. This starts the 10 working days of local resolution.",
                  date_noun="date the acknowledgement was sent"),
        EventSpec("wales.local-resolution-ended", "Record the end of local resolution",
                  "Resolved or not, the complainant may then ask for a formal investigation.",
                  [f("resolved", "yesno", "Was the complaint resolved?"),
                   f("findings", "findings", "Finding for each point", required=False)],
                  date_noun="date local resolution ended"),
        EventSpec("wales.investigation-requested", "Record a request for a formal investigation",
                  "This starts the 25 working day clock for the formal investigation's response.",
                  date_noun="date the formal investigation was asked for"),
        EventSpec("wales.investigation-extended", "Extend the formal investigation",
                  "Where 25 working days is not possible: up to 65 at most, telling the complainant why and when to "
                  "expect the response.",
                  [f("to_wd", "int", "New limit in working days", hint="From 26 to 65."),
                   f("reason", "textarea", "Reason"),
                   f("notified", "yesno", "Has the complainant been told why, and when to expect the response?")],
                  asks=[("notified", "no", "Extending the formal investigation without telling the complainant is "
                                           "fault: tell them why and when to expect the response")]),
        EventSpec("wales.investigation-responded", "Record the formal investigation response",
                  "Tell the complainant of the right to go to the Public Services Ombudsman for Wales.",
                  [f("findings", "findings", "Finding for each point"),
                   f("ombudsman_rights", "yesno", "Does the response tell the complainant of their right to go to "
                                                  "the Public Services Ombudsman for Wales?")],
                  date_noun="date the response was sent",
                  asks=[("ombudsman_rights", "no", "A response that does not tell the complainant of the right to go "
                                                   "to the Public Services Ombudsman for Wales is fault: add it")]),
    ],
    titles={"wales.acknowledged": "Acknowledgement sent", "wales.local-resolution-ended": "Local resolution ended",
            "wales.investigation-requested": "Formal investigation requested",
            "wales.investigation-extended": "Formal investigation extended",
            "wales.investigation-responded": "Formal investigation response sent"},
    warnings={"wales.extension.unnotified": "Investigation extended without notice",
              "wales.response.no-ombudsman-rights": "Ombudsman rights not given",
              "wales.referral.premature": "Referred before the investigation response"},
    manager_only=frozenset({"wales.investigation-extended"}),
)
