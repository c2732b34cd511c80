"""Read a long-format CSV delivery into the normalised long table.

Partners export from many systems: comma or semicolon (or tab) separators, UTF-8 with or without BOM,
or Windows-1252 from older Excel versions. We decode strictly (``encoding``: no guessing beyond these),
refuse binary content, and keep the record number (header = row 1) so messages match what Excel shows.
Line endings are LF or CRLF, or CR alone in a file without any LF (old Mac exports); a carriage return
anywhere else is kept in its cell, where the cell checks report it, instead of silently splitting a row.
A line feed inside a quoted field is refused too: it is how one unclosed quote swallows every following
row into one cell, which would otherwise pass as a valid, shorter file.
"""

from __future__ import annotations

import csv
import io
import re
from array import array
from dataclasses import dataclass, field
from operator import itemgetter

from .cells import Problem, too_many_problems
from .encoding import decode
from .limits import Limits
from .table import INDICATOR, VALUE, LongTable, Origin, clean, looks_like_formula, short

DELIMITERS = (";", ",", "\t")
CONTROL_OK = {"\t", "\n", "\r"}
SUSPECT_FIRST = frozenset("=+-@\t\r ")
SUSPECT_RECORD = re.compile(r"(?:^|\x1f)[ ]*[=+\-@\t\r]")
BARE_CR = re.compile(r"\r(?!\n)")
PLACEHOLDERS = ("\ue000", "\ue001", "\ue002", "\U000f0000")
LINE_BREAK = (
    "Deze cel loopt over meer dan één regel. Meestal staat er een aanhalingsteken (\") dat niet wordt gesloten, "
    "waardoor de volgende regels van het bestand in deze cel belanden en niet worden gelezen. Sluit het "
    "aanhalingsteken of haal het weg, en zet de inhoud van de cel op één regel."
)
NOT_TEXT = ("Dit bestand is geen tekstbestand (CSV) en geen Excel-werkmap. Lever het Excel-sjabloon (.xlsx) of een "
            "CSV-bestand in UTF-8 of Windows-1252.")


@dataclass
class CsvRead:
    table: LongTable | None
    problems: list[Problem] = field(default_factory=list)
    hostile: bool = False
    encoding: str = ""


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in CONTROL_OK)
    return bad > max(2, len(sample) // 1000)


def hide_bare_cr(text: str) -> tuple[str, str | None]:
    """Protect carriage returns that do not end a line from the csv module, which would end the record there.

    Returns the text and the placeholder now standing for a bare CR (None when there is none)."""
    if "\r" not in text:
        return text, None
    if "\n" not in text:
        return text.replace("\r", "\n"), None  # CR is this file's line ending (old Mac export)
    if not BARE_CR.search(text):
        return text, None
    placeholder = next((p for p in PLACEHOLDERS if p not in text), None)
    if placeholder is None:  # pragma: no cover - a file holding all four private-use characters
        return text, None
    return BARE_CR.sub(placeholder, text), placeholder


def detect_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def too_many_rows(limits: Limits, row: int) -> Problem:
    """Refusal at the first data row over the limit (``row``: its line in the file), before reading on."""
    n = f"{limits.max_rows:,}".replace(",", ".")
    return Problem("too-many-rows", f"Het bestand heeft meer dan {n} gegevensregels; dat is de grens per levering. "
                   f"Het lezen is gestopt bij regel {row}. Splits de levering in kleinere bestanden.", row=row)


def read_csv(content: bytes, fields: list[str], known_elsewhere: set[str], limits: Limits) -> CsvRead:
    """Parse CSV bytes into rows aligned with ``fields`` (the partner's schema columns)."""
    decoded = decode(content)
    if decoded.problem is not None:
        return CsvRead(None, [decoded.problem], hostile=True)
    text, encoding = decoded.text, decoded.encoding
    if _looks_binary(text):
        return CsvRead(None, [Problem("not-a-csv", NOT_TEXT)], hostile=True)
    text, placeholder = hide_bare_cr(text)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return CsvRead(None, [Problem("not-a-csv", f"De kopregel van het CSV-bestand is onleesbaar ({exc}).", row=1)], hostile=True)
    if not header or not any(h.strip() for h in header):
        return CsvRead(None, [Problem("no-header", "Het CSV-bestand heeft geen kopregel. De eerste regel moet de kolomnamen bevatten, minstens 'indicator' en 'value'.", row=1)])
    names = [h.strip().lstrip("\ufeff").strip().lower() for h in header]
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for idx, name in enumerate(names):
        label = header[idx]
        if name in positions:
            problems.append(Problem("duplicate-column", f"De kolom '{label}' komt twee keer voor in de kopregel.", row=1, column=label, value=label))
        elif name in fields:
            positions[name] = idx
        elif name == "":
            problems.append(Problem("unknown-column", f"Kolom {idx + 1} heeft geen naam. Toegestane kolommen: {', '.join(fields)}.", row=1, column=str(idx + 1)))
        else:
            hint = " Deze codelijst hoort niet bij de indicatoren van deze partner." if name in known_elsewhere else ""
            problems.append(Problem("unknown-column", f"Onbekende kolom '{label}'.{hint} Toegestane kolommen: {', '.join(fields)}.", row=1, column=label, value=label))
    for required in (INDICATOR, VALUE):
        if required not in positions:
            problems.append(Problem("missing-column", f"De verplichte kolom '{required}' ontbreekt in de kopregel.", row=1, column=required))
    if any(p.code == "missing-column" for p in problems):
        return CsvRead(None, problems, encoding=encoding)
    origin = Origin(None, {name: header[idx].strip() for name, idx in positions.items()})
    table = LongTable(fields)
    width = len(header)
    # one getter picks every schema field from a record; absent fields read the "" appended at the end
    getter = itemgetter(*(positions.get(name, width) for name in fields))
    suspect = SUSPECT_RECORD.search
    formulas: list[Problem] = []
    rows, numbers = table.rows, array("l")
    add_row, add_number = rows.append, numbers.append
    # a million rows repeat a few thousand distinct texts (codes, municipalities, numbers, the source):
    # each distinct text is kept once, so the table costs a list of references per row, not new strings
    shared = _Shared().__getitem__
    count, max_rows, max_problems = 0, limits.max_rows, limits.max_problems
    try:
        for record_no, record in enumerate(reader, start=2):
            joined = "\x1f".join(record)
            if not joined.strip("\x1f \t\r\n"):
                continue
            count += 1
            if count > max_rows:
                return CsvRead(None, [too_many_rows(limits, record_no)], hostile=True)
            if len(record) != width:
                problems.append(Problem("wrong-field-count", f"Deze regel heeft {len(record)} velden, de kopregel {width}. Controleer scheidingstekens en aanhalingstekens.", row=record_no))
                if len(problems) + len(formulas) >= max_problems:
                    return _stopped(problems, formulas, max_problems, encoding)
                continue
            if suspect(joined):
                for idx, cell in enumerate(record):
                    if cell and cell[0] in SUSPECT_FIRST and looks_like_formula(cell):
                        formulas.append(Problem("formula", "Deze cel begint met '=', '+', '-', '@' of een tab en zou in een spreadsheet als formule worden uitgevoerd. Lever alleen waarden, geen formules.", row=record_no, column=header[idx].strip() or str(idx + 1), value=cell[:100]))
                if len(problems) + len(formulas) >= max_problems:
                    return _stopped(problems, formulas, max_problems, encoding)
            record.append("")
            cells = list(map(shared, map(clean, getter(record))))
            if "\n" in joined:
                broken = [(idx, cell) for idx, cell in enumerate(record) if "\n" in clean(cell) and "\r" not in cell]
                if broken:
                    problems.extend(Problem("line-break-in-cell", LINE_BREAK, row=record_no,
                                            column=header[idx].strip() or str(idx + 1), value=short(clean(cell)))
                                    for idx, cell in broken)
                    if len(problems) + len(formulas) >= max_problems:
                        return _stopped(problems, formulas, max_problems, encoding)
                    continue
            if placeholder is not None and placeholder in joined:
                cells = [cell.replace(placeholder, "\r") for cell in cells]
            add_row(cells)
            add_number(record_no)
    except csv.Error as exc:
        problems.append(Problem("not-a-csv", f"Het CSV-bestand is vanaf regel {reader.line_num} onleesbaar ({exc}).", row=reader.line_num))
        return CsvRead(None, problems, hostile=True)
    if formulas:
        return CsvRead(None, formulas, hostile=True, encoding=encoding)
    table.where.add_rows(origin, numbers)
    return CsvRead(table, problems, encoding=encoding)


class _Shared(dict):
    """Texts read, each kept once: looking a text up returns the first copy seen."""

    def __missing__(self, text: str) -> str:
        self[text] = text
        return text


def _stopped(problems: list[Problem], formulas: list[Problem], most: int, encoding: str) -> CsvRead:
    """The first ``most`` problems of the reader and the note that reading stopped there."""
    found = formulas or problems  # formulas refuse the file on their own, like at the end of reading
    return CsvRead(None, [*found[:most], too_many_problems(most)], hostile=True, encoding=encoding)
