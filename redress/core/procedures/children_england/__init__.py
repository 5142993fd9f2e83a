"""`children-england`: the statutory children's social care complaints procedure in England.

Children Act 1989 s26(3); the Children Act 1989 Representations Procedure (England) Regulations 2006
(SI 2006/1738); Getting the Best from Complaints (DfES 2006). Its clocks are in `clocks`, its rules
table in `rules`, its end-of-history judgements in `judgements`, and the `Procedure` in `procedure`.
"""
