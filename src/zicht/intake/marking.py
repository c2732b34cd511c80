"""Which partner and year a template sheet was made for, checked against the delivery (ADR 0104).

A workbook filled in for 2021 and uploaded for 2022 would otherwise be read as 2022's figures. Every
indicator sheet of a template says its partner and year in hidden cells A3/A4 (``layout``) and in words
in B2. The rules:

- a marking that disagrees with the delivery's partner or year is an error on that sheet, always;
- a template made before the marking existed still says "Verslagjaar 2021" in B2: that year is checked;
- a sheet without any marking in a workbook whose other sheets are marked is an error (a sheet copied
  in from another workbook);
- a workbook with no marking at all (hand-made in the template's shape) is read, with one warning.
"""

from __future__ import annotations

import re

from ..catalog.definitions import Catalog, Partner
from .cells import ERROR, WARNING, Problem
from .layout import PARTNER_MARK, PARTNER_MARK_ROW, YEAR_MARK, YEAR_MARK_ROW

VISIBLE_YEAR = re.compile(r"\bVerslagjaar (\d{4})\b")


def _text(values: list, pos: int) -> str:
    value = values[pos] if pos < len(values) else None
    return "" if value is None else str(value).strip()


class Marking:
    """Collects the verdict per template sheet; ``finish`` gives the workbook-level problems."""

    def __init__(self, partner: Partner, year: int, catalog: Catalog):
        self.partner, self.year, self.catalog = partner, year, catalog
        self.marked = 0
        self.unmarked: list[str] = []
        self.mismatches: list[Problem] = []

    def _who(self, code: str) -> str:
        partner = self.catalog.partners.get(code)
        return f"{partner.name} ({code})" if partner else code

    def sheet(self, title: str, rows: list[tuple[int, list]]) -> bool:
        """Check one template sheet; False when it was made for another delivery (do not read it)."""
        by_number = {number: values for number, values in rows}
        partner_cell = _text(by_number.get(PARTNER_MARK_ROW, []), 0)
        year_cell = _text(by_number.get(YEAR_MARK_ROW, []), 0)
        if partner_cell.startswith(PARTNER_MARK) or year_cell.startswith(YEAR_MARK):
            made_for = partner_cell.removeprefix(PARTNER_MARK) or "?"
            made_in = year_cell.removeprefix(YEAR_MARK) or "?"
            where = (PARTNER_MARK_ROW, "A", f"{partner_cell} {year_cell}".strip())
        else:
            found = VISIBLE_YEAR.search(_text(by_number.get(2, []), 1))
            if found is None:
                self.unmarked.append(title)
                return True
            made_for, made_in = self.partner.code, found.group(1)
            where = (2, "B", found.group(0))
        self.marked += 1
        if made_for == self.partner.code and made_in == str(self.year):
            return True
        self.mismatches.append(Problem(
            "template-other-delivery",
            f"Dit sjabloon is gemaakt voor {self._who(made_for)}, {made_in}; u levert aan voor "
            f"{self._who(self.partner.code)}, {self.year}. Het blad is niet gelezen. Download het sjabloon voor "
            f"{self.year} (zicht template {self.partner.code} --year {self.year}) en vul de cijfers daarin in, "
            "of kies bij het aanleveren het jaar en de partner waarvoor dit sjabloon is gemaakt.",
            severity=ERROR, sheet=title, row=where[0], column=where[1], value=where[2],
        ))
        return False

    def finish(self) -> list[Problem]:
        """The mismatches, and what to say about sheets without a marking."""
        problems = list(self.mismatches)
        if not self.unmarked:
            return problems
        if self.marked:
            problems += [Problem(
                "template-unmarked",
                "Dit blad zegt niet voor welke partner en welk jaar het is gemaakt, terwijl de andere bladen van de "
                "werkmap dat wel doen: het komt waarschijnlijk uit een ander sjabloon. Neem de cijfers over in het "
                f"blad van het sjabloon voor {self.year}.",
                sheet=title,
            ) for title in self.unmarked]
        else:
            problems.append(Problem(
                "template-unmarked",
                "Deze werkmap zegt niet voor welke partner en welk jaar zij is gemaakt (een oud of zelfgemaakt "
                f"sjabloon). Zij is gelezen als levering van {self.partner.code} over {self.year}; controleer dat dit "
                "klopt en gebruik voortaan het sjabloon van dit jaar.",
                severity=WARNING,
            ))
        return problems
