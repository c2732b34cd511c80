"""Validate a delivered file without touching the database: the entry point of the intake.

``validate_bytes`` runs the pipeline sniff -> read -> Frictionless cell checks -> domain rules and
returns a ``ValidationResult``. Hostile files (see ``sniff``) stop the pipeline early: the result then
has problems and no cells. Nothing here imports Django; the caller passes limits and last year's values.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..catalog.definitions import Catalog, get_catalog
from .cellcheck import check_cells
from .cells import ERROR, TOO_MANY, Problem, ValidationResult, too_many_problems
from .csvread import read_csv
from .limits import Limits, year_problem_nl
from .rules import apply_rules
from .schema import long_fields, table_schema
from .sniff import sniff, too_large_message
from .table import VALUE, LongTable

Previous = Mapping[tuple[str, str, str | None], int]


def validate_bytes(
    content: bytes,
    filename: str,
    partner: str,
    year: int,
    *,
    previous: Previous | None = None,
    limits: Limits = Limits(),  # noqa: B008 - frozen dataclass, safe as a default
    catalog: Catalog | None = None,
) -> ValidationResult:
    """Read and validate one partner file (XLSX template or long-format CSV) for ``partner`` and ``year``."""
    catalog = catalog or get_catalog()
    sniffed = sniff(content, filename, limits)
    result = ValidationResult(sniffed.file_format)
    if sniffed.problems:
        result.problems = sniffed.problems
        return result
    wrong_year = year_problem_nl(year)
    if wrong_year is not None:
        result.problems = [Problem("invalid-year", wrong_year, value=str(year)[:20])]
        return result
    if partner not in catalog.partners:
        known = ", ".join(sorted(catalog.partners))
        result.problems = [Problem("unknown-partner", f"Onbekende partner '{partner}'. Bekende partners: {known}.")]
        return result
    p = catalog.partner(partner)
    fields = long_fields(p)
    if sniffed.file_format == "xlsx":
        from .xlsxread import read_xlsx

        read = read_xlsx(content, p, fields, catalog, year, limits)
    else:
        used = set(fields)
        elsewhere = {name for name in catalog.codelists if name not in used}
        read = read_csv(content, fields, elsewhere, limits)
    del content  # this call's reference: a caller that passed the bytes on alone frees them here
    if read.hostile or read.table is None:
        result.problems = read.problems
        return result
    problems = list(read.problems)
    problems.extend(_validate_table(read.table, catalog, partner, year, previous, limits, result))
    result.problems = _finish(problems, limits)
    return result


def _validate_table(table: LongTable, catalog: Catalog, partner: str, year: int,
                    previous: Previous | None, limits: Limits, result: ValidationResult) -> list[Problem]:
    checked = check_cells(table, table_schema(partner, catalog), catalog, partner, limits.max_problems)
    problems = list(checked.problems)
    if checked.stopped:  # the first N problems are known: the domain rules would only add to them
        return problems
    rule_problems, cells = apply_rules(table, checked.values, checked.bad_rows, catalog, partner, year, previous,
                                       max_problems=max(1, limits.max_problems - len(problems)), release=True)
    problems.extend(rule_problems)
    result.cells = cells
    if not cells and not any(p.severity == ERROR for p in problems):
        problems.append(Problem("no-values", f"Het bestand bevat geen enkel cijfer: alle cellen in de kolom '{VALUE}' zijn leeg."))
    return problems


def _finish(problems: list[Problem], limits: Limits) -> list[Problem]:
    """Sort by place in the file and cap the number reported; a note that checking stopped comes last."""
    stopped = any(p.code == TOO_MANY for p in problems)
    problems = sorted((p for p in problems if p.code != TOO_MANY), key=lambda p: (p.sheet or "", p.row or 0, p.column or ""))
    if stopped or len(problems) > limits.max_problems:
        return [*problems[: limits.max_problems], too_many_problems(limits.max_problems)]
    return problems


def validate_path(path: str | os.PathLike, partner: str, year: int, *, previous: Previous | None = None,
                  limits: Limits = Limits(), catalog: Catalog | None = None) -> ValidationResult:  # noqa: B008
    """Like ``validate_bytes`` for a file on disk, checking the size before reading a single byte."""
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        fmt = "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") else "csv"
        return ValidationResult(fmt, [Problem("file-too-large", too_large_message(size, limits))])
    return validate_bytes(path.read_bytes(), path.name, partner, year, previous=previous, limits=limits, catalog=catalog)
