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
from pathlib import Path

from zicht.engines.linkage.encoding import ENCODING_SCHEMA_VERSION, IDENTIFIER_COLUMNS
from zicht.intake.cells import ERROR, Problem
from zicht.records.record_ids import record_id_problems

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


def check_encoded(content: bytes, partner: str, year: int, other_key_checks: set[str]) -> tuple[list[Problem], list[dict]]:
    """Problems (Dutch, with row and column) and the rows when there are none."""
    from frictionless import (  # loads with the first upload, not with every web worker
        Resource,
        Schema,
    )

    if not content.strip():
        return [Problem("empty-file", "Het bestand is leeg.")], []
    text = _decode(content)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    clear = sorted(h for h in header if h.lower() in CLEAR_IDENTIFIERS)
    if clear:
        return [Problem("clear-identifiers",
                        "Dit bestand bevat namen of geboortedata in leesbare vorm (kolommen: "
                        + ", ".join(clear) + "). Versleutel het eerst bij de partner met `zicht encode`; "
                        "het is niet opgeslagen.", column=", ".join(clear))], []
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    missing = [f.name for f in schema.fields if f.name not in header and f.constraints.get("required")]
    if missing:
        return [Problem("missing-column", f"Verplichte kolom ontbreekt: {name}.", column=name) for name in missing], []
    rows = list(csv.DictReader(io.StringIO(text)))
    identifying = record_id_problems([r.get("record_id") or "" for r in rows], partner)
    if identifying:
        return identifying, []
    problems: list[Problem] = []
    report = Resource(data=[header, *[[r.get(h, "") for h in header] for r in csv.DictReader(io.StringIO(text))]],
                      schema=schema).validate()
    for task in report.tasks:
        for error in task.errors[:200]:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            problems.append(Problem("invalid-cell", f"Ongeldige waarde: {error.note}", ERROR, None, row, column,
                                    None if cell is None else str(cell)[:40]))
    versions = {r.get("encoding_version", "") for r in rows}
    if versions - {ENCODING_SCHEMA_VERSION}:
        problems.append(Problem("encoding-version",
                                f"Versleuteld met schema {', '.join(sorted(versions))}; Zicht verwacht "
                                f"{ENCODING_SCHEMA_VERSION}. Versleutel opnieuw met de huidige versie van `zicht encode`.",
                                column="encoding_version"))
    key_checks = {r.get("key_check", "") for r in rows}
    if len(key_checks) > 1:
        problems.append(Problem("mixed-secrets", "Het bestand is met meer dan één geheim versleuteld.",
                                column="key_check"))
    elif other_key_checks and key_checks and not key_checks <= other_key_checks:
        problems.append(Problem("other-secret",
                                "Dit bestand is met een ander geheim versleuteld dan de andere leveringen van dit "
                                "jaar; koppelen is dan onmogelijk. Gebruik het gedeelde geheim van de regio.",
                                column="key_check"))
    wrong_partner = sorted({r.get("partner", "") for r in rows} - {partner})
    if wrong_partner:
        problems.append(Problem("wrong-partner", f"Kolom partner bevat {', '.join(wrong_partner)}; verwacht {partner}.",
                                column="partner"))
    wrong_year = sorted({r.get("year", "") for r in rows} - {str(year)})
    if wrong_year:
        problems.append(Problem("wrong-year", f"Kolom year bevat {', '.join(wrong_year)}; verwacht {year}.",
                                column="year"))
    return problems, ([] if problems else rows)
