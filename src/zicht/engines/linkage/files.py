"""Reading partner exports and encoded files, writing encoded files and cluster lists.

Every cell is read as text and nothing is read as missing except an empty cell:
'NA' is Namibia, and a record number like '007' must keep its zeros.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from zicht.engines.linkage.encoding import CASE_FIELDS, LINKAGE_COLUMNS


class CsvReadError(ValueError):
    """A CSV file cannot be read (Dutch message, without cell contents)."""


def _text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvReadError(f"Bestand '{path}' is geen tekstbestand (UTF-8 of Windows-1252).")


def read_csv(path: str | Path) -> pd.DataFrame:
    """A CSV file as text cells; the delimiter (',' or ';', as Dutch Excel writes) is detected."""
    path = Path(path)
    if not path.exists():
        raise CsvReadError(f"Bestand '{path}' bestaat niet.")
    text = _text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    from io import StringIO

    try:
        frame = pd.read_csv(StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            na_filter=False)  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CsvReadError(f"Bestand '{path}' is geen leesbaar CSV-bestand.") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def encoded_columns() -> list[str]:
    """Column order of an encoded file: record_id, the case fields, the linkage columns."""
    return ["record_id", *CASE_FIELDS, *LINKAGE_COLUMNS]


def write_encoded_csv(rows: Iterable[dict], path: str | Path) -> int:
    """Write encoded rows; return how many. Only the schema's columns can be written."""
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=encoded_columns(), extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def list_name(path: str | Path) -> str:
    """A list is named by its file's stem."""
    return Path(path).stem
