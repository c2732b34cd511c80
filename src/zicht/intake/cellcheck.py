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
from operator import itemgetter

from ..catalog.definitions import Catalog
from .cells import Problem, too_many_problems
from .numbers import explain_count, read_count
from .table import (
    INDICATOR,
    MUNICIPALITY,
    SOURCE,
    VALUE,
    LongTable,
    cell_defect,
    short,
)

CONSTRAINT = re.compile(r'constraint "(\w+)"')


@dataclass
class CellCheck:
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    values: list[int | None] = field(default_factory=list)
    stopped: bool = False
    """True when checking stopped at the first ``max_errors`` problems (the last problem says so)."""


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


def _distinct_csv(table: LongTable) -> tuple[bytes, list[list[str]]]:
    """A small table holding each column's distinct values, as CSV bytes for Frictionless, and its rows.

    Every check Frictionless runs here (type, required, enum, pattern, length) judges one cell by its
    own text and its column: no check looks at another row (the schema has no primary key or unique
    constraint, and the table is written by us, so a row never has a missing or extra cell). A value
    therefore gets the same verdict wherever it stands, and judging each column's distinct values once
    gives every cell's verdict: a million-row file repeats a few thousand texts. Row ``i`` holds value
    ``i`` of each column (cycling through a shorter column). Such a row can come out blank (every column
    cycling to an empty text), and Frictionless skips a blank row, so for each column that has an empty
    cell one row of the file with that empty cell and something else filled is added: every distinct
    value of every column is judged at least once. Written as a byte buffer, which Frictionless streams
    like a file (inline ``data=`` would be deep-copied by its metadata export)."""
    columns = [list(_distinct(table, pos)) for pos in range(len(table.fields))]
    height = max(map(len, columns))
    rows = [[col[i % len(col)] for col in columns] for i in range(height)]
    for pos, col in enumerate(columns):
        if "" in col:
            witness = next((row for row in table.rows if row[pos] == "" and any(row)), None)
            if witness is not None:
                rows.append(list(witness))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.fields)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8"), rows


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


def _distinct(table: LongTable, pos: int) -> dict[str, None]:
    """The distinct texts of one column, in order of first appearance (a C-level pass over the rows)."""
    return dict.fromkeys(map(itemgetter(pos), table.rows))


def _defects(table: LongTable, result: CellCheck, reported: set[tuple[int, str]], max_errors: int) -> None:
    """Control characters, carriage returns, absurd length: judged once per distinct text of each column,
    then reported for every cell holding a refused text, in the order of the file."""
    bad = {pos: {text: defect for text in _distinct(table, pos) if (defect := cell_defect(text)) is not None}
           for pos in range(len(table.fields))}
    bad = {pos: texts for pos, texts in bad.items() if texts}
    if not bad:
        return
    fields = table.fields
    for idx, row in enumerate(table.rows):
        hits = [(pos, bad[pos][row[pos]]) for pos in bad if row[pos] in bad[pos]]
        for pos, defect in hits:
            _refuse_cell(table, result, reported, idx, fields[pos], *defect)
        if hits and len(result.problems) >= max_errors:
            return


def _counts(table: LongTable, result: CellCheck, reported: set[tuple[int, str]], max_errors: int) -> None:
    """Counts read strictly (``numbers.read_count``), once per distinct text; a count written in another
    accepted form ("12,0") is stored in canonical form and remembered as delivered."""
    value_idx = table.fields.index(VALUE)
    verdict = {raw: read_count(raw) for raw in _distinct(table, value_idx) if raw != ""}
    number_of = {raw: number for raw, (number, _code) in verdict.items()}
    number_of[""] = None
    result.values = list(map(number_of.__getitem__, map(itemgetter(value_idx), table.rows)))
    bad = {raw: code for raw, (_number, code) in verdict.items() if code is not None}
    rewrite = {raw: str(number) for raw, (number, code) in verdict.items() if code is None and raw != str(number)}
    if not bad and not rewrite:
        return
    for idx, row in enumerate(table.rows):
        raw = row[value_idx]
        code = bad.get(raw)
        if code is not None:
            _refuse_cell(table, result, reported, idx, VALUE, code, explain_count(raw, code))
            if len(result.problems) >= max_errors:
                return
        elif raw in rewrite:
            table.original[(idx, VALUE)] = raw
            row[value_idx] = rewrite[raw]


def _stop(result: CellCheck, max_errors: int) -> CellCheck:
    del result.problems[max_errors:]
    result.problems.append(too_many_problems(max_errors))
    result.stopped = True
    return result


def check_cells(table: LongTable, schema: dict, catalog: Catalog, partner: str, max_errors: int) -> CellCheck:
    """Check every cell (defects, strict counts, then Frictionless); bad rows are set aside.

    Stops at the first ``max_errors`` problems (``stopped``), with a last problem that says so."""
    result = CellCheck()
    reported: set[tuple[int, str]] = set()
    _defects(table, result, reported, max_errors)
    if len(result.problems) >= max_errors:
        return _stop(result, max_errors)
    _counts(table, result, reported, max_errors)
    if len(result.problems) >= max_errors:
        return _stop(result, max_errors)
    if not table.rows:
        return result
    # Frictionless (about 0.1 s to import) loads with the first upload, not with every web worker.
    from frictionless import Checklist, Resource, Schema

    content, judged = _distinct_csv(table)
    resource = Resource(content, format="csv", schema=Schema.from_descriptor(schema))
    report = resource.validate(Checklist(skip_errors=["blank-row"]), limit_errors=max_errors)
    verdicts: dict[str, dict[str, object]] = {}  # column -> bad value -> its first Frictionless error
    for task in report.tasks:
        for error in task.errors:
            row_number = getattr(error, "row_number", None)
            name = getattr(error, "field_name", None) or ""
            pos = table.fields.index(name) if name in table.fields else -1
            if row_number is None or pos < 0 or not 0 <= row_number - 2 < len(judged):
                result.problems.append(Problem("invalid-table", f"De tabel kan niet worden gecontroleerd: {error.message}"))
                continue
            verdicts.setdefault(name, {}).setdefault(judged[row_number - 2][pos], error)
    if verdicts:
        _report_verdicts(table, verdicts, result, reported, catalog, partner, max_errors)
    judged_all = sum(len(task.errors) for task in report.tasks) < max_errors  # else Frictionless stopped early
    if result.stopped or len(result.problems) > max_errors or not judged_all:
        return _stop(result, max_errors)
    return result


def _report_verdicts(table: LongTable, verdicts: dict[str, dict[str, object]], result: CellCheck,
                     reported: set[tuple[int, str]], catalog: Catalog, partner: str, max_errors: int) -> None:
    """Report every cell holding a value Frictionless refused, in the order of the file."""
    positions = [(table.fields.index(name), name, bad) for name, bad in verdicts.items()]
    for idx, row in enumerate(table.rows):
        for pos, name, bad in positions:
            error = bad.get(row[pos])
            if error is None or (idx, name) in reported:
                continue
            reported.add((idx, name))
            result.bad_rows.add(idx)
            origin, file_row = table.where[idx]
            cell = table.found(idx, name)
            if name == VALUE:
                code, message = "not-a-whole-number", explain_count(cell, "not-a-whole-number")
            else:
                code, message = _message(error, catalog, partner)
            result.problems.append(
                Problem(code, message, sheet=origin.sheet, row=file_row, column=origin.column(name) or name, value=short(cell))
            )
            if len(result.problems) > max_errors:
                result.stopped = True
                return
