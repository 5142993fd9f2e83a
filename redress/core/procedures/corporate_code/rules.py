"""The rules table of `corporate-code`: acknowledgement, Stage 1, Stage 2, each with its limit and extension.

Built by `two_stage.rules` from the Code's paragraphs in `clocks.CODE`; a condition's first docstring
line is its message. The shared rows (`redress.core.procedures.shared`) come first and last.
"""

from __future__ import annotations

from redress.core.procedures.corporate_code.clocks import CODE
from redress.core.procedures.two_stage import rules
from redress.core.table import Condition, Step

TABLE: dict[str, Step]
FIELD_CONDITIONS: frozenset[Condition]
TABLE, FIELD_CONDITIONS = rules.table(CODE)
