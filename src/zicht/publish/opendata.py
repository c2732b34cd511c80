"""Open data: the report's protected tables as JSON and CSV (safe to open in Excel)."""

from __future__ import annotations

import csv
import io
import json

from zicht.publish.blocks import SUPPRESSED_MARK, Chart, Table

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(cell) -> dict:
    out = {"value": None if cell.suppressed else cell.value, "suppressed": cell.suppressed,
           "delivered": cell.suppressed or cell.value is not None or cell.text is not None}
    if cell.text is not None and not cell.suppressed:
        out["text"] = cell.text
    return out


def public_tables(sections) -> list[dict]:
    """Every table of the report (also those behind charts), with suppressed cells as null."""
    out = []
    for section in sections:
        for block in section.blocks:
            table = block.table if isinstance(block, Chart) else block
            if not isinstance(table, Table):
                continue
            rows = [{"label": label, "cells": [_cell(c) for c in cells]} for label, cells in table.rows]
            if table.total_row:
                rows.append({"label": table.total_row[0], "cells": [_cell(c) for c in table.total_row[1]],
                             "total": True})
            out.append({
                "section": section.key,
                "key": table.key,
                "caption": table.caption,
                "columns": table.columns,
                "rows": rows,
                "source": table.source,
                "provenance": table.provenance,
                "notes": table.notes,
                "dashboard": table.dashboard,
            })
    return out


def defuse(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _status_fields(status) -> dict:
    return {
        "year": status.year,
        "status": "draft" if status.draft else "published",
        "version": status.version,
        "published_on": status.date or None,
        "correction": status.correction or None,
    }


def json_bytes(tables: list[dict], status) -> bytes:
    """The open-data JSON: which version this is (and its correction note), then the tables."""
    document = {**_status_fields(status), "tables": tables}
    # Compact: with an indent Python falls back to its pure-Python encoder (seconds and +130 MB
    # on a national publication); the file is for programs, the web pages are for people.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _status_rows(status) -> list[list[str]]:
    """Rows that say what the file is: a draft, or a version with its correction note."""
    if status.draft:
        return [["publicatie", "CONCEPT", "status", "status", "CONCEPT – niet gepubliceerd", "", ""]]
    rows = [["publicatie", f"Mensenhandelmonitor {status.year}", "versie", "versie", str(status.version), "", ""]]
    if status.correction:
        rows.append(["publicatie", f"Correctie van {status.date}", f"versie {status.version}", "correctie",
                     defuse(status.correction), "", ""])
    return rows


def csv_bytes(tables: list[dict], status) -> bytes:
    """One row per published number: table, row label, column, value or the suppression mark;
    first the rows that say which version this is."""
    fh = io.StringIO(newline="")
    writer = csv.writer(fh, delimiter=";")
    writer.writerow(["tabel", "onderschrift", "rij", "kolom", "waarde", "bron", "herkomst"])
    writer.writerows(_status_rows(status))
    for t in tables:
        value_columns = t["columns"][1:] or ["Aantal"]
        for row in t["rows"]:
            for column, cell in zip(value_columns, row["cells"], strict=False):
                if cell["suppressed"]:
                    value = SUPPRESSED_MARK
                elif cell.get("text") is not None:
                    value = cell["text"]
                elif cell["value"] is None:
                    value = "niet geleverd"
                else:
                    value = str(cell["value"])
                writer.writerow([defuse(t["key"]), defuse(t["caption"]), defuse(row["label"]),
                                 defuse(column), value, defuse(t["source"]), defuse(t.get("provenance", ""))])
    return fh.getvalue().encode("utf-8-sig")
