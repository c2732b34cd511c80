"""Open data: the report's protected tables as JSON and CSV (safe to open in Excel)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

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
                "notes": table.notes,
            })
    return out


def defuse(text: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_json(tables: list[dict], path: Path) -> Path:
    path.write_text(json.dumps(tables, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_csv(tables: list[dict], path: Path) -> Path:
    """One row per published number: table, row label, column, value or the suppression mark."""
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["tabel", "onderschrift", "rij", "kolom", "waarde", "bron"])
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
                                     defuse(column), value, defuse(t["source"])])
    return path
