"""`adults-england`: adult social care complaints in England.

The Local Authority Social Services and National Health Service Complaints (England) Regulations
2009 (SI 2009/309): one local stage (acknowledge, agree a response period, respond), then the Local
Government and Social Care Ombudsman. Clocks in `clocks`, rules in `rules`, judgements in `judgements`.
"""
