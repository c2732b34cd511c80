"""Cell checks with Frictionless against the partner's Table Schema, reported in Dutch.

First every cell is checked for what no reader may pass on (control characters, a carriage return,
absurd length: ``table.cell_defect``), then counts are read strictly (``numbers.read_count``: no
thousands separators, no decimals, within range), then Frictionless checks code lists (enum), required
fields and lengths. Frictionless' integer parser is lenient ("12%" and non-ASCII digits pass), so a
count it sees has already been read strictly; a cell refused earlier is blanked for it, so each bad
cell is reported once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from ..catalog.definitions import Catalog
from .cells import Problem
from .numbers import explain_count, read_count
from .table import (
    INDICATOR,
    MUNICIPALITY,
    SOURCE,
    VALUE,
    LongTable,
    cell_defect,
    row_has_defect,
    short,
)

CONSTRAINT = re.compile(r'constraint "(\w+)"')


@dataclass
class CellCheck:
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    values: list[int | None] = field(default_factory=list)


def _message(error, catalog: Catalog, partner: str) -> tuple[str, str]:
    """(code, Dutch message) for one Frictionless error."""
    name = error.field_name
    cell = "" if error.cell is None else str(error.cell)
    match = CONSTRAINT.search(error.note or "")
    constraint = match.group(1) if match else error.type
    if name == INDICATOR:
        if constraint == "required":
            return "required", "De indicator ontbreekt: elke regel met gegevens moet een indicatorcode hebben."
        other = catalog.indicators.get(cell)
        if other is not None:
            return "wrong-partner", (
                f"Indicator '{cell}' hoort bij partner '{other.partner}', niet bij '{partner}'. "
                "Lever deze cijfers onder de juiste partner."
            )
        codes = ", ".join(i.code for i in catalog.partner(partner).indicators)
        return "unknown-indicator", f"Onbekende indicator '{cell}'. Verwacht een van: {codes}."
    if name == MUNICIPALITY:
        return "unknown-municipality", (
            f"Onbekende gemeentecode '{cell}'. Verwacht een CBS-code (GM gevolgd door vier cijfers) van een "
            "gemeente in de regio, of leeg voor de hele regio."
        )
    if name == SOURCE:
        return "too-long", "De brontekst is te lang (meer dan 500 tekens)."
    if name in catalog.codelists:
        codelist = catalog.codelists[name]
        options = "; ".join(f"{c.code} ({c.nl})" for c in codelist.codes)
        return "unknown-code", (
            f"Onbekende code '{cell}' voor '{codelist.label_nl}'. Verwacht een van: {options}; "
            "of leeg voor het totaal."
        )
    return "invalid-cell", f"Ongeldige waarde '{cell}' in kolom '{name}' ({error.note})."


def _as_csv(table: LongTable) -> bytes:
    """The normalised table as CSV bytes for Frictionless.

    Inline ``data=`` would be deep-copied by Frictionless' metadata export (8 s per 100,000 rows);
    a byte buffer is streamed like a file.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.fields)
    writer.writerows(table.rows)
    return buffer.getvalue().encode("utf-8")


def _refuse_cell(table: LongTable, result: CellCheck, reported: set[tuple[int, str]], idx: int, name: str,
                 code: str, message: str) -> None:
    """Report one cell, set its row aside and blank the cell, so no later check sees it again."""
    row = table.rows[idx]
    pos = table.fields.index(name)
    raw = row[pos]
    origin, file_row = table.where[idx]
    result.problems.append(Problem(code, message, sheet=origin.sheet, row=file_row,
                                   column=origin.column(name) or name, value=short(raw)))
    result.bad_rows.add(idx)
    reported.add((idx, name))
    table.original[(idx, name)] = short(raw)
    row[pos] = ""


def _defects(table: LongTable, result: CellCheck, reported: set[tuple[int, str]]) -> None:
    for idx, row in enumerate(table.rows):
        if not row_has_defect(row):
            continue
        for name, cell in zip(table.fields, list(row)):
            defect = cell_defect(cell)
            if defect is not None:
                _refuse_cell(table, result, reported, idx, name, *defect)


def _counts(table: LongTable, result: CellCheck, reported: set[tuple[int, str]]) -> None:
    value_idx = table.fields.index(VALUE)
    values: list[int | None] = []
    for idx, row in enumerate(table.rows):
        raw = row[value_idx]
        if raw == "":
            values.append(None)
            continue
        number, code = read_count(raw)
        values.append(number)
        if code is not None:
            _refuse_cell(table, result, reported, idx, VALUE, code, explain_count(raw, code))
        elif raw != (canonical := str(number)):
            table.original[(idx, VALUE)] = raw
            row[value_idx] = canonical
    result.values = values


def check_cells(table: LongTable, schema: dict, catalog: Catalog, partner: str, max_errors: int) -> CellCheck:
    """Check every cell (defects, strict counts, then Frictionless); bad rows are set aside."""
    result = CellCheck()
    reported: set[tuple[int, str]] = set()
    _defects(table, result, reported)
    _counts(table, result, reported)
    if not table.rows:
        return result
    # Frictionless (about 0.1 s to import) loads with the first upload, not with every web worker.
    from frictionless import Checklist, Resource, Schema

    resource = Resource(_as_csv(table), format="csv", schema=Schema.from_descriptor(schema))
    report = resource.validate(Checklist(skip_errors=["blank-row"]), limit_errors=max_errors)
    for task in report.tasks:
        for error in task.errors:
            row_number = getattr(error, "row_number", None)
            idx = row_number - 2 if row_number is not None else -1
            if not 0 <= idx < len(table.rows):
                result.problems.append(Problem("invalid-table", f"De tabel kan niet worden gecontroleerd: {error.message}"))
                continue
            name = getattr(error, "field_name", None) or ""
            if (idx, name) in reported:
                continue
            reported.add((idx, name))
            result.bad_rows.add(idx)
            origin, file_row = table.where[idx]
            cell = table.found(idx, name) if name in table.fields else str(error.cell or "")
            if name == VALUE:
                code, message = "not-a-whole-number", explain_count(cell, "not-a-whole-number")
            else:
                code, message = _message(error, catalog, partner)
            result.problems.append(
                Problem(code, message, sheet=origin.sheet, row=file_row, column=origin.column(name) or name, value=short(cell))
            )
    return result
