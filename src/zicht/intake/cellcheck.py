"""Cell checks with Frictionless against the partner's Table Schema, reported in Dutch.

Frictionless checks type, code lists (enum), required fields and lengths of every cell of the
normalised long table. Its integer parser is lenient ("12%" and non-ASCII digits pass), so values are
also parsed strictly here; each bad cell is reported once, whichever of the two found it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from frictionless import Checklist, Resource, Schema

from ..catalog.definitions import Catalog
from .cells import Problem
from .table import INDICATOR, MUNICIPALITY, SOURCE, VALUE, LongTable, parse_whole_number

CONSTRAINT = re.compile(r'constraint "(\w+)"')


@dataclass
class CellCheck:
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    values: list[int | None] = field(default_factory=list)


def explain_value(raw: str) -> str:
    """What is wrong with a value that is not a whole non-negative number, in Dutch."""
    text = raw.strip()
    if re.fullmatch(r"-\s*[0-9]+(?:[.,]0+)?", text):
        return f"Negatief getal '{raw}': verwacht een geheel getal van 0 of meer."
    if re.fullmatch(r"[0-9]+[.,][0-9]*[1-9][0-9]*", text):
        if re.fullmatch(r"[0-9]{1,3}[.,][0-9]{3}", text):
            return (
                f"'{raw}' is geen eenduidig geheel getal: gebruik geen scheidingsteken voor duizendtallen "
                "(schrijf 1234, niet 1.234) en geen decimalen."
            )
        return f"'{raw}' is geen geheel getal: aantallen hebben geen decimalen (12 of 12,0 is goed, 12,5 niet)."
    return f"'{raw}' is geen geheel getal: verwacht een aantal van 0 of meer, alleen cijfers (bijvoorbeeld 12)."


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


def check_cells(table: LongTable, schema: dict, catalog: Catalog, partner: str, max_errors: int) -> CellCheck:
    """Run Frictionless over the long table and parse values strictly; bad rows are set aside."""
    result = CellCheck()
    value_idx = table.fields.index(VALUE)
    reported: set[tuple[int, str]] = set()
    values: list[int | None] = []
    strict_failures: list[int] = []
    for idx, row in enumerate(table.rows):
        raw = row[value_idx]
        if raw == "":
            values.append(None)
            continue
        number = parse_whole_number(raw)
        values.append(number)
        if number is None:
            strict_failures.append(idx)
        elif raw != (canonical := str(number)):
            table.original[(idx, VALUE)] = raw
            row[value_idx] = canonical
    result.values = values
    if table.rows:
        resource = Resource(_as_csv(table), format="csv", schema=Schema.from_descriptor(schema))
        report = resource.validate(Checklist(skip_errors=["blank-row"]), limit_errors=max_errors)
        for task in report.tasks:
            for error in task.errors:
                row_number = getattr(error, "row_number", None)
                if row_number is None:
                    result.problems.append(Problem("invalid-table", f"De tabel kan niet worden gecontroleerd: {error.message}"))
                    continue
                idx = row_number - 2
                name = getattr(error, "field_name", None) or ""
                if (idx, name) in reported:
                    continue
                reported.add((idx, name))
                result.bad_rows.add(idx)
                origin, file_row = table.where[idx]
                cell = table.found(idx, name) if name in table.fields else str(error.cell or "")
                if name == VALUE:
                    code, message = "not-a-whole-number", explain_value(cell)
                else:
                    code, message = _message(error, catalog, partner)
                result.problems.append(
                    Problem(code, message, sheet=origin.sheet, row=file_row, column=origin.column(name) or name, value=cell)
                )
    for idx in strict_failures:
        if (idx, VALUE) in reported:
            continue
        reported.add((idx, VALUE))
        result.bad_rows.add(idx)
        origin, file_row = table.where[idx]
        raw = table.rows[idx][value_idx]
        result.problems.append(
            Problem("not-a-whole-number", explain_value(raw), sheet=origin.sheet, row=file_row, column=origin.column(VALUE) or VALUE, value=raw)
        )
    return result
