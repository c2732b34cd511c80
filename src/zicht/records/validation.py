"""Checking an encoded delivery before it is stored: the case-record schema cell by cell, and the
linkage rules (no clear identifiers, the right encoding schema, the same secret as the others).

No clear identifier means no column of names or birth dates, and no record number that carries one
(``DOORNHOF_ANNA_00-10-1993``): ``record_id`` is checked on every encoded delivery, from the CLI and
the API alike, before the schema check, whose messages would repeat the cell. Refusals name the row,
never the value."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from zicht.engines.linkage.encoding import ENCODING_SCHEMA_VERSION, IDENTIFIER_COLUMNS
from zicht.intake.cells import ERROR, Problem
from zicht.intake.csvread import too_many_rows
from zicht.intake.limits import Limits
from zicht.intake.sniff import too_large_message
from zicht.records.record_ids import record_id_problems

MAX_CELL_PROBLEMS = 200
"""Most schema problems reported for one file; Frictionless stops there."""
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "case-record.schema.json"
CLEAR_IDENTIFIERS = set(IDENTIFIER_COLUMNS) - {"sex"} | {"name", "naam", "voornaam", "achternaam",
                                                        "geboortedatum", "bsn", "date_of_birth"}


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class EncodedRows:
    """What storing an accepted encoded delivery needs: the number of records and how they were encoded."""

    count: int
    encoding_version: str
    key_check: str


def check_encoded(content: bytes, partner: str, year: int, other_key_checks: set[str],
                  limits: Limits = Limits()) -> tuple[list[Problem], EncodedRows | None]:  # noqa: B008
    """Problems (Dutch, with row and column), and what storing needs when there are none.

    The file is read once, row by row: reading stops at the first row over the row limit, no row is
    kept as a dictionary, and Frictionless streams the checked columns as CSV (inline data would be
    deep-copied) and stops at the first ``MAX_CELL_PROBLEMS`` problems."""
    from frictionless import (  # loads with the first upload, not with every web worker
        Resource,
        Schema,
    )
    from frictionless.formats import CsvControl

    if not content.strip():
        return [Problem("empty-file", "Het bestand is leeg.")], None
    if len(content) > limits.max_bytes:
        return [Problem("file-too-large", too_large_message(len(content), limits))], None
    text = _decode(content)
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    clear = sorted(h for h in header if h.lower() in CLEAR_IDENTIFIERS)
    if clear:
        return [Problem("clear-identifiers",
                        "Dit bestand bevat namen of geboortedata in leesbare vorm (kolommen: "
                        + ", ".join(clear) + "). Versleutel het eerst bij de partner met `zicht encode`; "
                        "het is niet opgeslagen.", column=", ".join(clear))], None
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    missing = [f.name for f in schema.fields if f.name not in header and f.constraints.get("required")]
    if missing:
        return [Problem("missing-column", f"Verplichte kolom ontbreekt: {name}.", column=name) for name in missing], None
    width = len(header)
    position = {name: idx for idx, name in enumerate(header)}  # a repeated name: its last column, as before
    pick = {name: position.get(name, width) for name in ("record_id", "encoding_version", "key_check", "partner", "year")}
    ids: list[str] = []
    seen: dict[str, set[str]] = {name: set() for name in ("encoding_version", "key_check", "partner", "year")}
    first: dict[str, str] = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for record in reader:
        if not record:
            continue  # a blank line, skipped as csv.DictReader did
        count += 1
        if count > limits.max_rows:
            return [too_many_rows(limits, reader.line_num)], None
        cells = [*record[:width], *([""] * (width - len(record)))] if len(record) != width else record
        cells.append("")  # what an absent column reads
        if count == 1:
            first = {name: cells[pick[name]] for name in ("encoding_version", "key_check")}
        ids.append(cells[pick["record_id"]])
        for name, found in seen.items():
            found.add(cells[pick[name]])
        cells.pop()
        writer.writerow(cells)
    if not count:
        return [Problem("no-records", "Het bestand bevat alleen een kopregel en geen enkel record.")], None
    identifying = record_id_problems(ids, partner)
    if identifying:
        return identifying, None
    del ids
    problems: list[Problem] = []
    report = Resource(buffer.getvalue().encode("utf-8"), format="csv", schema=schema,
                      control=CsvControl(delimiter=",")).validate(limit_errors=MAX_CELL_PROBLEMS)
    for task in report.tasks:
        for error in task.errors[:MAX_CELL_PROBLEMS]:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            problems.append(Problem("invalid-cell", f"Ongeldige waarde: {error.note}", ERROR, None, row, column,
                                    None if cell is None else str(cell)[:40]))
    versions = seen["encoding_version"]
    if versions - {ENCODING_SCHEMA_VERSION}:
        problems.append(Problem("encoding-version",
                                f"Versleuteld met schema {', '.join(sorted(versions))}; Zicht verwacht "
                                f"{ENCODING_SCHEMA_VERSION}. Versleutel opnieuw met de huidige versie van `zicht encode`.",
                                column="encoding_version"))
    key_checks = seen["key_check"]
    if len(key_checks) > 1:
        problems.append(Problem("mixed-secrets", "Het bestand is met meer dan één geheim versleuteld.",
                                column="key_check"))
    elif other_key_checks and key_checks and not key_checks <= other_key_checks:
        problems.append(Problem("other-secret",
                                "Dit bestand is met een ander geheim versleuteld dan de andere leveringen van dit "
                                "jaar; koppelen is dan onmogelijk. Gebruik het gedeelde geheim van de regio.",
                                column="key_check"))
    wrong_partner = sorted(seen["partner"] - {partner})
    if wrong_partner:
        problems.append(Problem("wrong-partner", f"Kolom partner bevat {', '.join(wrong_partner)}; verwacht {partner}.",
                                column="partner"))
    wrong_year = sorted(seen["year"] - {str(year)})
    if wrong_year:
        problems.append(Problem("wrong-year", f"Kolom year bevat {', '.join(wrong_year)}; verwacht {year}.",
                                column="year"))
    if problems:
        return problems, None
    return [], EncodedRows(count, first.get("encoding_version", ""), first.get("key_check", ""))
