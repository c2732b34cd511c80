"""Read and check the tidy input table (dimension columns and a ``count`` column).

Errors are Dutch because analysts see them directly (CLI, upload pages).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral, Real

COUNT_COLUMN = "count"


class InputError(ValueError):
    """The input table cannot be protected as given (message in Dutch)."""


@dataclass(frozen=True)
class Microtable:
    """Tidy counts: one row per combination of dimension values, duplicates summed."""

    dimensions: tuple[str, ...]
    rows: dict[tuple[str, ...], int]
    categories: dict[str, tuple[str, ...]]


def _records(data) -> list[Mapping]:
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        return data.to_dict(orient="records")
    if isinstance(data, Mapping):
        raise InputError("De invoer moet een tabel zijn (lijst van rijen of DataFrame).")
    return list(data)


def _as_count(raw, row_number: int) -> int:
    where = f"gegevensrij {row_number}, kolom '{COUNT_COLUMN}'"
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        raise InputError(f"{where}: het aantal ontbreekt.")
    if isinstance(raw, bool):
        raise InputError(f"{where}: '{raw}' is geen geheel getal.")
    if isinstance(raw, str):
        text = raw.strip()
        if not text.lstrip("-").isdigit():
            raise InputError(f"{where}: '{raw}' is geen geheel getal.")
        value = int(text)
    elif isinstance(raw, Integral):
        value = int(raw)
    elif isinstance(raw, Real) and float(raw).is_integer():
        value = int(raw)
    else:
        raise InputError(f"{where}: '{raw}' is geen geheel getal.")
    if value < 0:
        raise InputError(f"{where}: het aantal {value} is negatief.")
    return value


def _as_label(raw, column: str, row_number: int) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == "":
        raise InputError(f"gegevensrij {row_number}, kolom '{column}': de waarde ontbreekt.")
    return str(raw).strip()


def read_microtable(
    data: Iterable[Mapping] | object,
    dimensions: Sequence[str] | None = None,
    categories: Mapping[str, Sequence[str]] | None = None,
) -> Microtable:
    """Check and aggregate the tidy input.

    ``dimensions`` defaults to every column except ``count``. ``categories`` fixes the
    full code list (and order) of a dimension, so that a category without any row
    (all zeros) is still published as a zero.
    """
    records = _records(data)
    if not records:
        raise InputError("De invoer bevat geen rijen.")
    columns = list(dict.fromkeys(key for record in records for key in record))
    if COUNT_COLUMN not in columns:
        raise InputError(f"De kolom '{COUNT_COLUMN}' ontbreekt (gevonden: {', '.join(columns)}).")
    dims = tuple(dimensions) if dimensions is not None else tuple(
        c for c in columns if c != COUNT_COLUMN
    )
    missing = [d for d in dims if d not in columns]
    if missing:
        raise InputError(f"De kolom(men) {', '.join(missing)} ontbreken in de invoer.")
    rows: dict[tuple[str, ...], int] = {}
    seen: dict[str, dict[str, None]] = {d: {} for d in dims}
    for number, record in enumerate(records, start=1):
        count = _as_count(record.get(COUNT_COLUMN), number)
        key = tuple(_as_label(record.get(d), d, number) for d in dims)
        for d, value in zip(dims, key):
            seen[d][value] = None
        rows[key] = rows.get(key, 0) + count
    cats: dict[str, tuple[str, ...]] = {}
    for d in dims:
        if categories and d in categories:
            listed = tuple(str(c) for c in categories[d])
            unknown = [v for v in seen[d] if v not in listed]
            if unknown:
                raise InputError(
                    f"Kolom '{d}' bevat waarden die niet in de codelijst staan: {', '.join(unknown)}."
                )
            cats[d] = listed
        else:
            cats[d] = tuple(seen[d])
    return Microtable(dimensions=dims, rows=rows, categories=cats)
