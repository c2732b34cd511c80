"""The normalised long table every reader produces, whatever the file looked like.

One row per delivered cell with the fields of the partner's Table Schema (``indicator``, one column
per code list, ``municipality``, ``value``, ``source``) as text, plus where each row came from, so
one set of checks (Frictionless + domain rules) serves CSV and XLSX alike and every problem points
to the sheet, row and column the partner sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

INDICATOR = "indicator"
MUNICIPALITY = "municipality"
VALUE = "value"
SOURCE = "source"
FORMULA_PREFIXES = ("=", "+", "@", "\t", "\r")
WHOLE_NUMBER = re.compile(r"[0-9]+(?:[.,]0+)?")


@dataclass
class Origin:
    """Where a group of rows sits in the delivered file: a sheet and the column of each field."""

    sheet: str | None
    columns: dict[str, str]

    def column(self, field_name: str) -> str | None:
        return self.columns.get(field_name)


@dataclass
class LongTable:
    """Rows aligned with ``fields``; ``where[i]`` is (origin, row number in the file) of ``rows[i]``."""

    fields: list[str]
    rows: list[list[str]] = field(default_factory=list)
    where: list[tuple[Origin, int]] = field(default_factory=list)
    original: dict[tuple[int, str], str] = field(default_factory=dict)
    """Text as delivered where a cell was normalised (e.g. value "12,0" -> "12"), for messages."""

    def add(self, row: list[str], origin: Origin, row_number: int) -> None:
        self.rows.append(row)
        self.where.append((origin, row_number))

    def found(self, idx: int, field_name: str) -> str:
        """The cell as the partner typed it."""
        original = self.original.get((idx, field_name))
        return original if original is not None else self.rows[idx][self.fields.index(field_name)]


def parse_whole_number(text: str) -> int | None:
    """``"12"``, ``"12,0"`` and ``"12.0"`` -> 12; anything else (``"12,5"``, ``"1.234"``, ``"-3"``) -> None."""
    if WHOLE_NUMBER.fullmatch(text):
        return int(re.split(r"[.,]", text, maxsplit=1)[0])
    return None


def looks_like_formula(text: str) -> bool:
    """A value a spreadsheet would execute when the data are opened again (CSV injection)."""
    if not text:
        return False
    if text.startswith(FORMULA_PREFIXES):
        return True
    stripped = text.lstrip()
    if stripped.startswith(FORMULA_PREFIXES):
        return True
    return stripped.startswith("-") and len(stripped) > 1 and not stripped[1:].strip().replace(",", "").replace(".", "").isdigit()
