"""Read an XLSX delivery (a Zicht template, or a sheet in long format) into the long table.

openpyxl reads in read-only mode with defusedxml (entity attacks are refused); the archive has
already passed the zip checks in ``sniff`` (which judge every part by its content). A cell holding a
formula makes the file hostile: formulas are refused on delivery, values only. So is a text cell that
starts like a formula (``=HYPERLINK(...)`` typed after an apostrophe, or written by an export): it
would run when the figures are exported to CSV and opened again, exactly the CSV injection the CSV
reader refuses (``table.looks_like_formula``, one rule for both; a negative number written as text is
not a formula, it is a value problem). Problems point to the sheet title, Excel row and column letter.
A template sheet made for another partner or year is refused (``marking``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..catalog.definitions import Catalog, Partner
from .cells import WARNING, Problem, too_many_problems
from .layout import (
    CODE_PREFIX,
    FIELDS_MARKER,
    INSTRUCTION_SHEET,
    LABEL_PREFIX,
    LISTS_SHEET,
    ROW_MUNICIPAL,
    ROW_REGIONAL,
    SOURCE_FIELD,
    TOTAL_LABEL,
    VALUE_FIELD,
)
from .limits import Limits
from .marking import Marking
from .sniff import UNSAFE_XML
from .table import (
    INDICATOR,
    MUNICIPALITY,
    SOURCE,
    VALUE,
    LongTable,
    Origin,
    clean,
    looks_like_formula,
)

MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")
MAX_FORMULA_PROBLEMS = 50
FORMULA_START = frozenset("=+-@\t\r ")
"""First characters worth the full ``looks_like_formula`` test (most text cells start otherwise)."""
FORMULA_MESSAGE = ("Deze cel bevat een formule. Formules worden geweigerd: lever alleen waarden "
                   "(kopieer de cellen en plak ze als 'Waarden').")
FORMULA_TEXT_MESSAGE = (
    "Deze cel bevat tekst die begint met '=', '+', '-', '@' of een tab en zou als formule worden uitgevoerd "
    "wanneer de gegevens in een spreadsheet worden geopend. Formules worden geweigerd: haal het teken aan het "
    "begin weg, of lever alleen waarden (kopieer de cellen en plak ze als 'Waarden')."
)


@dataclass
class XlsxRead:
    table: LongTable | None
    problems: list[Problem] = field(default_factory=list)
    hostile: bool = False


class _Hostile(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("hostile workbook")
        self.problems = problems


def cell_text(value) -> str:
    """A cell value as the text the checks expect (whole floats lose their ".0")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return clean(str(value))


class _Reader:
    def __init__(self, partner: Partner, fields: list[str], catalog: Catalog, year: int, limits: Limits):
        self.partner, self.fields, self.catalog, self.year, self.limits = partner, fields, catalog, year, limits
        self.table = LongTable(fields)
        self.problems: list[Problem] = []
        self.formulas: list[Problem] = []
        self.rows_read = 0
        self.recognised = 0
        self.label_maps = {
            name: {**{c.nl.casefold(): c.code for c in cl.codes}, **{c.code.casefold(): c.code for c in cl.codes}}
            for name, cl in catalog.codelists.items()
        }
        self.muni_names = {m.name.casefold(): m.code for m in catalog.municipalities.values()}
        self.marking = Marking(partner, year, catalog)

    # -- the sheet loop ------------------------------------------------------------------------
    def read(self, content: bytes) -> None:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)
        try:
            for ws in wb.worksheets:
                rows = self._rows(ws)
                self._sheet(ws.title, rows)
        finally:
            wb.close()
        if self.formulas:
            raise _Hostile(self.formulas[:MAX_FORMULA_PROBLEMS])
        self.problems.extend(self.marking.finish())

    def _rows(self, ws) -> list[tuple[int, list]]:
        """All non-empty rows as (Excel row number, values); formulas are collected as problems."""
        out = []
        for number, row in enumerate(ws.iter_rows(), start=1):
            values = []
            for pos, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    self._formula(FORMULA_MESSAGE, ws.title, number, pos, value)
                elif type(value) is str and value and value[0] in FORMULA_START and looks_like_formula(value):
                    self._formula(FORMULA_TEXT_MESSAGE, ws.title, number, pos, value)
                values.append(value)
            if any(v is not None and v != "" for v in values):
                out.append((number, values))
                self.rows_read += 1
                if self.rows_read > self.limits.max_rows:  # stop at the first row over the limit
                    n = f"{self.limits.max_rows:,}".replace(",", ".")
                    raise _Hostile([Problem("too-many-rows", f"De werkmap heeft meer dan {n} gevulde rijen; dat is de "
                                            f"grens per levering. Het lezen is gestopt bij rij {number} van blad "
                                            f"'{ws.title}'. Splits de levering in kleinere bestanden.",
                                            sheet=ws.title, row=number)])
        return out

    def _formula(self, message: str, sheet: str, number: int, pos: int, value) -> None:
        self.formulas.append(Problem("formula", message, sheet=sheet, row=number,
                                     column=get_column_letter(pos + 1), value=str(value)[:100]))
        if len(self.formulas) > MAX_FORMULA_PROBLEMS:  # refused anyway: stop reading at the first ones
            raise _Hostile([*self.formulas[:MAX_FORMULA_PROBLEMS], too_many_problems(MAX_FORMULA_PROBLEMS)])

    def _sheet(self, title: str, rows: list[tuple[int, list]]) -> None:
        if not rows:
            return
        first_number, first = rows[0]
        a1 = cell_text(first[0]) if first_number == 1 and first else ""
        if a1 in self.catalog.indicators:
            self._template_sheet(title, a1, rows)
            return
        header = [cell_text(v).lower() for v in first]
        if INDICATOR in header and VALUE in header:
            self.recognised += 1
            self._long_sheet(title, first_number, header, rows[1:])
            return
        if title in (INSTRUCTION_SHEET, LISTS_SHEET):
            return
        self.problems.append(Problem(
            "unrecognised-sheet",
            "Dit blad is niet herkend als blad van een Zicht-sjabloon of als tabel met de kolommen "
            "'indicator' en 'value', en is overgeslagen.",
            severity=WARNING, sheet=title,
        ))

    # -- template sheets ---------------------------------------------------------------------------
    def _template_sheet(self, title: str, code: str, rows: list[tuple[int, list]]) -> None:
        indicator = self.catalog.indicators[code]
        if indicator.partner != self.partner.code:
            self.problems.append(Problem(
                "wrong-partner",
                f"Dit blad is voor indicator '{code}' van partner '{indicator.partner}', niet van "
                f"'{self.partner.code}'. Gebruik het sjabloon van de juiste partner.",
                sheet=title, row=1, column="A", value=code,
            ))
            return
        self.recognised += 1
        if not self.marking.sheet(title, rows):
            return
        columns: dict[str, int] | None = None
        for _number, values in rows:
            if cell_text(values[0]) == FIELDS_MARKER:
                columns = {cell_text(v): pos for pos, v in enumerate(values) if pos and cell_text(v)}
                break
        if columns is None or VALUE_FIELD not in columns:
            self.problems.append(Problem(
                "broken-template",
                "De verborgen kolomkoppen van dit blad zijn verwijderd of gewijzigd; de cijfers kunnen "
                "niet worden gelezen. Vraag een nieuw sjabloon aan.",
                sheet=title,
            ))
            return
        letters = {key: get_column_letter(pos + 1) for key, pos in columns.items()}
        origin = Origin(title, {
            **{d: letters.get(LABEL_PREFIX + d, letters.get(CODE_PREFIX + d, "")) for d in indicator.dimensions},
            MUNICIPALITY: letters.get(LABEL_PREFIX + MUNICIPALITY, ""),
            VALUE: letters[VALUE_FIELD],
            SOURCE: letters.get(SOURCE_FIELD, ""),
            INDICATOR: "A",
        })
        idx = {f: i for i, f in enumerate(self.fields)}

        def get(values: list, key: str) -> str:
            pos = columns.get(key)
            return cell_text(values[pos]) if pos is not None and pos < len(values) else ""

        for number, values in rows:
            kind = cell_text(values[0])
            if kind not in (ROW_REGIONAL, ROW_MUNICIPAL):
                continue
            row = [""] * len(self.fields)
            row[idx[INDICATOR]] = code
            row[idx[VALUE]] = get(values, VALUE_FIELD)
            row[idx[SOURCE]] = get(values, SOURCE_FIELD)
            if kind == ROW_REGIONAL:
                for d in indicator.dimensions:
                    row[idx[d]] = get(values, CODE_PREFIX + d)
                row[idx[MUNICIPALITY]] = get(values, CODE_PREFIX + MUNICIPALITY)
            else:
                muni_label = get(values, LABEL_PREFIX + MUNICIPALITY)
                labels = [get(values, LABEL_PREFIX + d) for d in indicator.dimensions]
                if not row[idx[VALUE]] and not muni_label:
                    continue
                for d, label in zip(indicator.dimensions, labels):
                    row[idx[d]] = self._code(d, label)
                row[idx[MUNICIPALITY]] = self._municipality(muni_label)
            self.table.add(row, origin, number)

    def _code(self, codelist: str, label: str) -> str:
        if not label or label.casefold() == TOTAL_LABEL.casefold():
            return ""
        return self.label_maps[codelist].get(label.casefold(), label)

    def _municipality(self, label: str) -> str:
        if not label:
            return ""
        found = MUNICIPALITY_CODE.findall(label.upper())
        if found:
            return found[-1]
        return self.muni_names.get(label.casefold(), label)

    # -- long-format sheets -----------------------------------------------------------------------
    def _long_sheet(self, title: str, header_number: int, header: list[str], rows) -> None:
        positions: dict[str, int] = {}
        for pos, name in enumerate(header):
            if not name:
                continue
            letter = get_column_letter(pos + 1)
            if name in positions:
                self.problems.append(Problem("duplicate-column", f"De kolom '{name}' komt twee keer voor in de kopregel.", sheet=title, row=header_number, column=letter, value=name))
            elif name in self.fields:
                positions[name] = pos
            else:
                self.problems.append(Problem("unknown-column", f"Onbekende kolom '{name}'. Toegestane kolommen: {', '.join(self.fields)}.", sheet=title, row=header_number, column=letter, value=name))
        origin = Origin(title, {name: get_column_letter(pos + 1) for name, pos in positions.items()})
        take = [(self.fields.index(name), pos) for name, pos in positions.items()]
        for number, values in rows:
            row = [""] * len(self.fields)
            for field_idx, pos in take:
                if pos < len(values):
                    row[field_idx] = cell_text(values[pos])
            self.table.add(row, origin, number)


def read_xlsx(content: bytes, partner: Partner, fields: list[str], catalog: Catalog, year: int,
              limits: Limits) -> XlsxRead:
    """Read the workbook; unreadable, unsafe or formula-bearing workbooks are hostile (no table)."""
    reader = _Reader(partner, fields, catalog, year, limits)
    try:
        reader.read(content)
    except _Hostile as exc:
        return XlsxRead(None, exc.problems, hostile=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure is a refusal, never a crash
        return XlsxRead(None, [_unreadable(exc)], hostile=True)
    if not reader.recognised:
        reader.problems.append(Problem(
            "not-a-template",
            "Geen enkel blad in deze werkmap is herkend: gebruik het Zicht-sjabloon van deze partner "
            "(zicht template) of een blad met de kolommen 'indicator' en 'value'.",
        ))
        return XlsxRead(None, reader.problems)
    return XlsxRead(reader.table, reader.problems)


def _unreadable(exc: Exception) -> Problem:
    chain, seen = exc, 0
    while chain is not None and seen < 10:
        if isinstance(chain, DefusedXmlException):
            return Problem("unsafe-xml", UNSAFE_XML)
        chain, seen = chain.__cause__ or chain.__context__, seen + 1
    name = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return Problem("corrupt-archive", "De werkmap is beschadigd of onvolledig en kan niet worden geopend.")
    return Problem("unreadable-workbook", f"De werkmap kan niet worden gelezen ({name}). Sla het bestand opnieuw op als Excel-werkmap (.xlsx).")
