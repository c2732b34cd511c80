"""Reading a delivered count strictly: a whole number from 0 up to ``MAX_COUNT``, never a guess.

``1.000`` is one thousand to a Dutch reader and one to an English one; ``1,000`` the other way round.
A count is never guessed: any digit grouping (groups of three digits after a point, comma, space,
apostrophe or thin space) is refused with a message that says how to write the number, while forms
that no locale reads as thousands stay accepted (``12``, ``12,0``, ``12.00``, ``1234.000``). See ADR 0104.
"""

from __future__ import annotations

import re

MAX_COUNT = 2**31 - 1
"""Largest accepted count: the range of a 32-bit integer column, far above any plausible figure
(the Netherlands has 18 million inhabitants), so no database, array or exporter overflows."""
MAX_COUNT_NL = "2147483647"

THOUSANDS_SEPARATOR = "thousands-separator"
TOO_LARGE = "number-too-large"
NOT_WHOLE = "not-a-whole-number"

WHOLE = re.compile(r"([0-9]+)(?:[.,]0+)?")
GROUPED = re.compile(
    r"(?P<int>[0-9]{1,3}(?P<sep>[.,'’ \u00a0\u202f\u2009_])[0-9]{3}(?:(?P=sep)[0-9]{3})*)(?P<dec>[.,][0-9]+)?"
)
MAX_DIGITS = len(str(MAX_COUNT))


def read_count(text: str) -> tuple[int | None, str | None]:
    """``(value, None)`` for a valid count, else ``(None, problem code)``; ``text`` is already stripped."""
    if GROUPED.fullmatch(text):
        return None, THOUSANDS_SEPARATOR
    match = WHOLE.fullmatch(text)
    if match is None:
        return None, NOT_WHOLE
    digits = match.group(1).lstrip("0") or "0"
    if len(digits) > MAX_DIGITS or int(digits) > MAX_COUNT:  # length first: int() of 5,000 digits raises
        return None, TOO_LARGE
    return int(digits), None


def explain_count(raw: str, code: str) -> str:
    """What is wrong with a count cell and how to write it, in Dutch."""
    text = raw.strip()
    if code == THOUSANDS_SEPARATOR:
        grouped = GROUPED.fullmatch(text)
        thousands = int(re.sub(r"[^0-9]", "", grouped["int"])) if grouped else text
        return (
            f"'{_short(raw)}' is niet eenduidig: een punt, komma, spatie of apostrof tussen groepen van drie cijfers "
            "kan duizendtallen scheiden of een decimaalteken zijn, en Zicht raadt niet. "
            f"Bedoelt u {thousands}? Dan: schrijf {thousands}, zonder scheidingsteken voor duizendtallen."
        )
    if code == TOO_LARGE:
        return (
            f"'{_short(raw)}' is te groot voor een aantal (hoogstens {MAX_COUNT_NL}). Controleer of cijfers uit "
            "verschillende cellen zijn samengevoegd of een verkeerde kolom is geplakt."
        )
    if re.fullmatch(r"-\s*[0-9]+(?:[.,]0+)?", text):
        return f"Negatief getal '{raw}': verwacht een geheel getal van 0 of meer."
    if re.fullmatch(r"[0-9]+[.,][0-9]*[1-9][0-9]*", text):
        return f"'{raw}' is geen geheel getal: aantallen hebben geen decimalen (12 of 12,0 is goed, 12,5 niet)."
    return f"'{_short(raw)}' is geen geheel getal: verwacht een aantal van 0 of meer, alleen cijfers (bijvoorbeeld 12)."


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
