"""Record numbers that give a person away, in Dutch: the refusal of an encoded delivery (``validation``)
and of ``zicht encode`` without ``--hash-record-id``.

Which record numbers hold a name, date, e-mail address or BSN is decided by the pure
``zicht.engines.linkage.identifiers``; this module words it for the partner and never repeats the
value (it may be a name). Kept apart from ``validation`` so that ``zicht encode``, which runs at the
partner, does not load Frictionless.
"""

from __future__ import annotations

from zicht.engines.linkage.identifiers import BSN, DATE, EMAIL, NAME, identifying_kinds
from zicht.intake.cells import Problem

MAX_RECORD_ID_PROBLEMS = 20
KIND_NL = {NAME: "een naam", DATE: "een datum", EMAIL: "een e-mailadres",
           BSN: "een nummer van negen cijfers dat de elfproef doorstaat (mogelijk een BSN)"}
OPAQUE_ADVICE = (
    "Een recordnummer mag niemand herkenbaar maken: gebruik een betekenisloos zaaknummer (zoals "
    "C-2022-000123), of laat `zicht encode --hash-record-id` uw eigen nummer met de gedeelde sleutel omzetten "
    "in een onherleidbaar nummer (hetzelfde nummer geeft steeds dezelfde uitkomst)."
)


def identifying_record_ids(values: list[str], partner: str = "") -> list[tuple[int, tuple[str, ...]]]:
    """(row in the file, kinds found) of every record number that holds a name, date, e-mail or BSN.

    Rows count as a spreadsheet shows them: the header is row 1. Words of the partner's code are
    case-number words (``RIEC-...`` for partner ``riec``)."""
    allowed = [w for w in partner.replace("-", "_").split("_") if w]
    found = []
    for index, value in enumerate(values):
        kinds = identifying_kinds(value or "", allowed)
        if kinds:
            found.append((index + 2, kinds))
    return found


def record_id_message(kinds: tuple[str, ...]) -> str:
    return (f"Het recordnummer (record_id) lijkt {' en '.join(KIND_NL[k] for k in kinds)} te bevatten. "
            + OPAQUE_ADVICE + " Het bestand is niet opgeslagen.")


def record_id_problems(values: list[str], partner: str = "") -> list[Problem]:
    """One problem per identifying record number (up to a cap, then a count), without its value."""
    found = identifying_record_ids(values, partner)
    problems = [Problem("identifying-record-id", record_id_message(kinds), row=row, column="record_id")
                for row, kinds in found[:MAX_RECORD_ID_PROBLEMS]]
    if len(found) > MAX_RECORD_ID_PROBLEMS:
        problems.append(Problem(
            "identifying-record-id",
            f"En nog {len(found) - MAX_RECORD_ID_PROBLEMS} recordnummers met een naam, datum, e-mailadres of "
            "BSN; de rijen zijn niet allemaal genoemd. " + OPAQUE_ADVICE,
            column="record_id"))
    return problems
