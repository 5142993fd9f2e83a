"""`children-wales`: the children's representations procedure in Wales.

The Representations Procedure (Wales) Regulations 2014 (SI 2014/1795): acknowledgement, local
resolution, formal investigation, then the Public Services Ombudsman for Wales; no review panel.
Its working days are Wales's (`Procedure.nation`).
"""
