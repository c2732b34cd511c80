"""The normalised long table every reader produces, whatever the file looked like.

One row per delivered cell with the fields of the partner's Table Schema (``indicator``, one column
per code list, ``municipality``, ``value``, ``source``) as text, plus where each row came from, so
one set of checks (Frictionless + domain rules) serves CSV and XLSX alike and every problem points
to the sheet, row and column the partner sees.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from operator import methodcaller

INDICATOR = "indicator"
MUNICIPALITY = "municipality"
VALUE = "value"
SOURCE = "source"
FORMULA_PREFIXES = ("=", "+", "@", "\t", "\r")
MAX_CELL_CHARS = 1000
"""Longest cell read: far above any code, number or source text (500), far below a pasted document."""
STRIP = " \t\n\u00a0\u2007\u2009\u202f\u3000\ufeff"
"""What is trimmed from a cell: spaces, tabs, line feeds. Not ``str.strip()``'s default, which would
silently drop a carriage return or other control characters at the edge of a cell."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters refused in any cell: all C0 codes and DEL except tab and line feed."""
CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1A: "SUB", 0x1B: "ESC", 0x7F: "DEL"}


@dataclass
class Origin:
    """Where a group of rows sits in the delivered file: a sheet and the column of each field."""

    sheet: str | None
    columns: dict[str, str]

    def column(self, field_name: str) -> str | None:
        return self.columns.get(field_name)


class Places:
    """Where each row came from, as (origin, row number in the file), kept compactly.

    A list of tuples costs about 90 bytes a row (a tuple and an int object each); a million-row file
    would spend 90 MB on provenance alone. Here a row costs 6 bytes: an index into the few origins (one
    per sheet) and the row number, in typed arrays."""

    __slots__ = ("origins", "_index", "which", "numbers")

    def __init__(self) -> None:
        self.origins: list[Origin] = []
        """The distinct origins (one per sheet, one for a CSV file)."""
        self._index: dict[int, int] = {}
        self.which = array("H")
        """Per row: its origin, as an index into ``origins``."""
        self.numbers = array("l")
        """Per row: its row number in the file."""

    def append(self, place: tuple[Origin, int]) -> None:
        origin, number = place
        which = self._index.get(id(origin))
        if which is None:
            which = self._index[id(origin)] = len(self.origins)
            self.origins.append(origin)
        self.which.append(which)
        self.numbers.append(number)

    def add_rows(self, origin: Origin, numbers: array) -> None:
        """Append many rows of one origin at once (``numbers``: an ``array("l")`` of row numbers)."""
        self.append((origin, 0))
        which = self.which.pop()
        self.numbers.pop()
        self.numbers.extend(numbers)
        self.which.extend(array("H", [which]) * len(numbers))

    def __getitem__(self, idx: int) -> tuple[Origin, int]:
        return self.origins[self.which[idx]], self.numbers[idx]

    def __len__(self) -> int:
        return len(self.numbers)

    def __iter__(self):
        origins = self.origins
        return ((origins[w], n) for w, n in zip(self.which, self.numbers))


@dataclass
class LongTable:
    """Rows aligned with ``fields``; ``where[i]`` is (origin, row number in the file) of ``rows[i]``."""

    fields: list[str]
    rows: list[list[str]] = field(default_factory=list)
    where: Places = field(default_factory=Places)
    original: dict[tuple[int, str], str] = field(default_factory=dict)
    """Text as delivered where a cell was normalised (e.g. value "12,0" -> "12"), for messages."""

    def add(self, row: list[str], origin: Origin, row_number: int) -> None:
        self.rows.append(row)
        self.where.append((origin, row_number))

    def found(self, idx: int, field_name: str) -> str:
        """The cell as the partner typed it."""
        original = self.original.get((idx, field_name))
        return original if original is not None else self.rows[idx][self.fields.index(field_name)]


clean = methodcaller("strip", STRIP)
"""A cell as read, without the surrounding spaces, tabs and line feeds (see ``STRIP``); a C-level
callable, as it runs for every cell of a 100,000-row file."""


def short(text: str, limit: int = 100) -> str:
    """A cell shortened for a message or report (an absurdly long cell is not echoed whole)."""
    return text if len(text) <= limit else text[:limit] + "…"


def row_has_defect(row: list[str]) -> bool:
    """Cheap test of a whole row; ``cell_defect`` then says which cell and why."""
    joined = "".join(row)
    return len(joined) > MAX_CELL_CHARS or CONTROL.search(joined) is not None


def cell_defect(text: str) -> tuple[str, str] | None:
    """(code, Dutch message) for a cell no reader may pass on: too long, a carriage return, a control character."""
    if len(text) > MAX_CELL_CHARS:
        return "cell-too-long", (
            f"Deze cel is {len(text)} tekens lang; een cel mag hoogstens {MAX_CELL_CHARS} tekens hebben. "
            "Controleer of hier een blok tekst of een verkeerde kolom is geplakt."
        )
    found = CONTROL.search(text)
    if found is None:
        return None
    if found.group() == "\r":
        return "carriage-return", (
            "Deze cel bevat een regeleinde (CR, 'carriage return') midden in de cel; dan is niet zeker waar de "
            "cel of de regel eindigt. Haal het regeleinde weg en zet de inhoud van de cel op één regel."
        )
    code = ord(found.group())
    name = CONTROL_NAMES.get(code, "stuurteken")
    return "control-character", (
        f"Deze cel bevat een onzichtbaar stuurteken ({name}, code {code}); dat hoort niet in een levering en wijst "
        "op een beschadigd of verkeerd geëxporteerd bestand. Haal het teken weg of exporteer het bestand opnieuw."
    )


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
