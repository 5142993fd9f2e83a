"""`corporate-code`: the Local Government and Social Care Ombudsman's Complaint Handling Code for councils.

A council's own (corporate) complaints procedure for services outside the statutory procedures, in two
stages with the same limits as the Housing Ombudsman's Code; the Ombudsman applies it from 1 April 2026.
Sources in `clocks.CODE`; the shape in `two_stage`; the wrong-procedure risk in `judgements`.
"""
