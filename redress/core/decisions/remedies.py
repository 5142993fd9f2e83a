"""Remedies: the payments to the complainant or their family, and the agreed actions with deadlines.

A payment is money paid or to be paid *to the complainant or their family*: a verb of paying
(pay, refund, reimburse) with the recipient named ("pay Miss X £200", "a payment of £150 to Mr X").
Other amounts on the page (a care charge, a fee, rent arrears, what the council spent, money paid
to foster carers) are not payments and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from redress.core.decisions.record import Action, Payment
from redress.core.decisions.text import Line

_AMOUNT = r"£\s?(?P<amount>\d{1,3}(?:,\d{3})+|\d{1,7})(?P<pence>\.\d{2})?(?![\d,]*\s?(?:k\b|m\b|million|bn))"
_FAMILY = r"(?:son|daughter|child|children|family|grandson|granddaughter|grandchild(?:ren)?|parents|mother|father)"
_RECIPIENT = (
    r"(?:(?:mr and mrs|mrs and mr|mr|mrs|ms|miss|mx|dr)\.?\s+[a-z](?![a-z])(?:'s\s+" + _FAMILY + r")?"
    r"|him|her|them|the family|the complainants?|each of them"
    r"|(?:his|her|their) " + _FAMILY + ")"
)
_PAY_VERB = r"(?:pay|pays|paying|paid|refund|refunds|refunding|refunded|reimburse|reimburses|reimbursing|reimbursed|repay|repays|repaid)"
_PAY_HINTS = ("pay", "paid", "refund", "reimburs")  # every payment pattern holds one of these
# Each pattern with a word every match of it holds (None: the hints above), so it is run only on
# lines holding that word. "(?=[pr])" and "(?=[mo])" are quick first tests: every verb of the
# alternation after them starts with one of those letters, and most words are turned away at once.
_PAYMENTS: tuple[tuple[str | None, re.Pattern[str]], ...] = tuple(
    (word, re.compile(pattern, re.IGNORECASE))
    for word, pattern in (
        (None, rf"\b(?=[pr]){_PAY_VERB}\s+{_RECIPIENT}\s+(?:(?:a|an|the)\s+)?(?:further\s+|total\s+of\s+|sum\s+of\s+)?{_AMOUNT}"),
        (None, rf"\b(?=[pr]){_PAY_VERB}\s+(?:(?:a|an|the)\s+)?(?:further\s+|total\s+of\s+|sum\s+of\s+)?{_AMOUNT}(?=\s+to\s+{_RECIPIENT}\b)"),
        ("payment", rf"\bpayments?\s+of\s+{_AMOUNT}(?=\s+to\s+{_RECIPIENT}\b)"),
        (
            "payment",
            rf"\b(?=[mo])(?:make|makes|made|making|offer|offers|offered)\s+{_RECIPIENT}\s+an?\s+(?:\w+\s+){{0,3}}payment\s+of\s+{_AMOUNT}",
        ),
    )
)
# In an agreed-action item the complainant is understood: "pay £250 for her time and trouble".
_ITEM_PAYMENT = re.compile(
    rf"^(?:to\s+)?(?:make\s+)?(?:pay|a\s+(?:\w+\s+){{0,3}}payment\s+of)\s+(?:(?:a|the)\s+)?{_AMOUNT}(?!\s+to\s+(?!{_RECIPIENT}\b))",
    re.IGNORECASE,
)
# The purpose runs to the first stop, semicolon, "and to ...", "within ..." or end. Those can only
# come at a stop, comma, semicolon or space, so runs of other characters are taken whole.
_PURPOSE = re.compile(
    r"\s*(?:to\s+(?:" + _RECIPIENT + r")\s+)?(?P<purpose>(?:to|for|in|as|towards|because|by way of)\b(?:[^;.,\s]++|[.,\s])*?)"
    r"(?=(?:\.\s|\.$|;|,?\s+and\s+(?:to|will|should|must|the council|also)\b|\s+within\s+\w+\s+(?:working\s+)?(?:days?|weeks?|months?)\b|,?\s+(?:and\s+)?(?:a\s+further\s+)?£|$))",
    re.IGNORECASE,
)

# "£1,500 for the lost care and £250 for her time", "£500 for ..., £3,000 for ... and £100 for ..."
_AND_AMOUNT = re.compile(rf"(?:,?\s+and|,)\s+(?:a\s+further\s+)?{_AMOUNT}")
_DEADLINE = re.compile(
    r"\bwithin\s+(?:(?:a|an|one|two|three|four|five|six|eight|ten|twelve|\d{1,3})\s+)?(?:working\s+|calendar\s+)?(?:days?|weeks?|months?)\b"
    r"|\bby\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b",
    re.IGNORECASE,
)
_OF_DECISION = re.compile(r"\s*(?:of|from|after)\s+(?:the\s+date\s+of\s+)?(?:my|our|the|this)\s+(?:final\s+)?decision", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"\bthe following(?: \w+){0,3}\s*[:.]?$|\b(?:should|will|must|agreed to|has agreed to|have agreed to)(?: also)?\s*:$",
    re.IGNORECASE,
)
_CARRIER = re.compile(
    r"\b(?:take|complete|carry out|do|make|implement)\s+(?:this|these|the above|all(?: of)?(?: the)?|the|above)\s+"
    r"(?:actions?|remed(?:y|ies)|recommendations?|payments?)\b|\bdo (?:this|so|these)\b|\b(?:this|these|the above) actions?\b",
    re.IGNORECASE,
)
_EVIDENCE = re.compile(
    r"evidence (?:that )?it has complied|evidence of (?:its )?compliance|evidence (?:that )?(?:it has|they have) (?:done|taken|completed)"
    r"|should (?:provide|send) us (?:with )?evidence",
    re.IGNORECASE,
)
_SEPARATORS = (";", ",", ".", ":")


def _without_trailing(text: str) -> str:
    """The text without a trailing separator and the spaces around it ("x; and" -> "x", "x or" -> "x").

    The separator is a stop, comma, semicolon or colon, optionally followed by "and" or "or" (any
    case), or "and"/"or" after a space. Worked out from the end: a pattern tried at every position
    of a long line was slow.
    """
    head = text.rstrip()
    last = head[-3:].lower()
    if last.endswith(("and", "or")):
        word = head[: -3 if last == "and" else -2]
        before = word.rstrip()
        if before.endswith(_SEPARATORS):
            return before[:-1].rstrip()
        return before if len(before) < len(word) else text
    return head[:-1].rstrip() if head.endswith(_SEPARATORS) else text


def _amount(match: re.Match[str]) -> Decimal:
    return Decimal(match.group("amount").replace(",", "") + (match.group("pence") or ""))


def _purpose(original: str, norm: str, end: int) -> tuple[str | None, int]:
    """The purpose written after an amount ("for her time and trouble"), and where it ends."""
    match = _PURPOSE.match(norm, end)
    if match is None:
        return None, end
    purpose = _without_trailing(original[match.start("purpose") : match.end("purpose")]).strip()
    return purpose or None, match.end("purpose")


def payments_in(lines: Iterable[Line], *, action_items: bool = False) -> list[Payment]:
    """Every payment to the complainant or family in these lines, in order."""
    found: list[Payment] = []
    for line in lines:
        if "£" not in line.norm or not any(map(line.low.__contains__, _PAY_HINTS)):
            continue
        patterns = [pattern for word, pattern in _PAYMENTS if word is None or word in line.low]
        matches = sorted((m for pattern in patterns for m in pattern.finditer(line.norm)), key=lambda m: m.start())
        if action_items and not matches and (item := _ITEM_PAYMENT.match(line.norm)):
            matches = [item]
        taken = -1
        for match in matches:
            if match.start() < taken:
                continue
            taken = match.end()
            current: re.Match[str] | None = match
            while current is not None:  # "£1,500 for the lost care and £250 for her time and trouble"
                purpose, end = _purpose(line.text, line.norm, current.end())
                found.append(Payment(amount_gbp=_amount(current), purpose=purpose))
                current = _AND_AMOUNT.match(line.norm, end)
    return found


def _deadline(norm: str, *, own: bool, at_end: bool = False) -> str | None:
    """A deadline as written ("within four weeks").

    For an item (`own`), only a deadline tied to the decision ("within a month of my final
    decision"), at its start, or (when `at_end`, no group deadline being in force) at its end:
    "so investigations finish within 65 working days" is part of the action, not its deadline.
    """
    if "within" not in norm and "by " not in norm and "Within" not in norm and "By " not in norm:
        return None
    for match in _DEADLINE.finditer(norm):
        tied = _OF_DECISION.match(norm, match.end()) is not None
        ends = at_end and _without_trailing(norm).endswith(match.group(0))
        if not own or tied or match.start() == 0 or ends:
            text = match.group(0)
            return text[0].lower() + text[1:]
    return None


def _clean(text: str) -> str:
    return _without_trailing(" ".join(text.split())).strip()


def _items(lines: list[Line]) -> list[tuple[Line, str, str]]:
    """Lines grouped into items: a nested line ending in ':' absorbs the deeper lines under it."""
    top = min(line.indent for line in lines)
    items: list[tuple[Line, str, str]] = []
    absorbing: int | None = None
    for line in lines:
        if absorbing is not None and line.indent > absorbing and items:
            first, text, norm = items[-1]
            joiner = " " if text.endswith(":") else "; "
            items[-1] = (first, text + joiner + _clean(line.text), norm + joiner + _clean(line.norm))
            continue
        absorbing = line.indent if line.norm.endswith(":") and line.indent > top else None
        items.append((line, line.text, line.norm))
    return items


def actions_in(lines: list[Line]) -> list[Action]:
    """The agreed actions of an action section, each with its own deadline or the one said for its group."""
    if not lines:
        return []
    top = min(line.indent for line in lines)
    actions: list[Action] = []
    pending: list[int] = []  # actions still waiting for a deadline said after them
    group_deadline: str | None = None
    for first, text, norm in _items(lines):
        low = norm.lower()
        if "evidence" in low and _EVIDENCE.search(norm):
            continue
        framing = first.indent == top
        if framing and (norm.endswith(":") or ("following" in low and _LEAD_IN.search(norm))):
            group_deadline = _deadline(norm, own=False)
            pending = []
            continue
        if framing and ("within" in low or "by " in low) and _CARRIER.search(norm) and (carried := _deadline(norm, own=False)):
            for index in pending:
                actions[index] = Action(actions[index].action, carried)
            pending = []
            continue
        deadline = _deadline(norm, own=True, at_end=group_deadline is None) or group_deadline
        if deadline is None:
            pending.append(len(actions))
        actions.append(Action(action=_clean(text), deadline=deadline))
    return actions
