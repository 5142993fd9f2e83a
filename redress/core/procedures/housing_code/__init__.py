"""`housing-code`: the Housing Ombudsman's statutory Complaint Handling Code, for councils that are landlords.

Statutory from 1 April 2024 (under the Social Housing (Regulation) Act 2023): two stages, each acknowledged
within 5 working days, with responses in 10 and 20 working days of the acknowledgement, each extendable
with reasons; then the Housing Ombudsman. Sources in `clocks.CODE`; the shape in `two_stage`.
"""
