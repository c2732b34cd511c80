"""Capture-history input: one 0/1 column per list and a count per observed history.

Validation lives here so every entry point (CSV, linkage output, tests) gets the same
Dutch error messages, naming the row and column that is wrong.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


class MSEInputError(ValueError):
    """Malformed capture-history input; the message is Dutch and names row and column."""


COUNT_COLUMN = "count"


@dataclass(frozen=True, eq=False)
class CaptureData:
    """Observed capture histories: which lists each group of cases was seen on, and how many.

    ``patterns`` is an (r, t) 0/1 matrix, ``counts`` the r counts. Rows keep the order of the
    input (a history listed explicitly with count 0 stays), because the bootstrap resamples
    the rows as given.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray
    source: str = field(default="", compare=False)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_histories(
        cls, lists: list[str] | tuple[str, ...], histories: dict[tuple[int, ...], int]
    ) -> CaptureData:
        """Build from ``{(1, 0, 1): 12, ...}``; validates like :meth:`from_csv`."""
        names = tuple(str(name).strip() for name in lists)
        _check_list_names(names, where="de lijstnamen")
        rows = []
        for number, (history, count) in enumerate(histories.items(), start=1):
            where = f"historie {number} ({_fmt_history(history)})"
            if len(history) != len(names):
                raise MSEInputError(
                    f"{where}: heeft {len(history)} waarden, maar er zijn {len(names)} lijsten."
                )
            values = [_binary(v, where, names[i]) for i, v in enumerate(history)]
            rows.append((values, _count(count, where)))
        return cls._build(names, rows, source="")

    @classmethod
    def from_memberships(cls, memberships, lists=None) -> CaptureData:
        """From linkage output: (person_id, list_name) pairs, one per record.

        A person on the same list twice counts once; ``lists`` fixes the column order (and
        may name lists without any person, which the estimate then reports as empty).
        """
        per_person: dict[object, set[str]] = {}
        seen_lists: list[str] = list(lists) if lists is not None else []
        for person, name in memberships:
            name = str(name)
            if lists is not None and name not in seen_lists:
                raise MSEInputError(f"lijst '{name}' komt niet voor in de opgegeven lijsten.")
            if name not in seen_lists:
                seen_lists.append(name)
            per_person.setdefault(person, set()).add(name)
        histories: dict[tuple[int, ...], int] = {}
        for names in per_person.values():
            key = tuple(int(n in names) for n in seen_lists)
            histories[key] = histories.get(key, 0) + 1
        if not histories:
            raise MSEInputError("er zijn geen gekoppelde personen om te tellen.")
        return cls.from_histories(seen_lists, histories)

    @classmethod
    def from_csv(cls, path: str | Path) -> CaptureData:
        """Read CAPTURES.csv: a 0/1 column per list and a ``count`` column."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise MSEInputError(f"Bestand {path} kan niet worden gelezen: {exc.strerror}.") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MSEInputError(f"Bestand {path} is geen UTF-8-tekst (CSV verwacht).") from exc
        return cls.from_csv_text(text, source=str(path))

    @classmethod
    def from_csv_text(cls, text: str, source: str = "") -> CaptureData:
        """Parse CSV text (comma or semicolon separated, as Dutch Excel writes it)."""
        label = source or "invoer"
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            raise MSEInputError(f"{label}: het bestand is leeg.")
        delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
        reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
        header = [cell.strip() for cell in next(reader)]
        lowered = [cell.lower() for cell in header]
        if COUNT_COLUMN not in lowered:
            raise MSEInputError(
                f"{label}: kolom '{COUNT_COLUMN}' ontbreekt in de kopregel "
                f"(gevonden: {', '.join(header)})."
            )
        count_index = lowered.index(COUNT_COLUMN)
        names = tuple(h for i, h in enumerate(header) if i != count_index)
        _check_list_names(names, where=f"{label}, kopregel")
        rows = []
        for line_number, cells in enumerate(reader, start=2):
            where = f"{label}, regel {line_number}"
            if len(cells) != len(header):
                raise MSEInputError(
                    f"{where}: {len(cells)} velden, maar de kopregel heeft er {len(header)}."
                )
            values = [
                _binary(cells[i], where, header[i]) for i in range(len(header)) if i != count_index
            ]
            rows.append((values, _count(cells[count_index], where)))
        if not rows:
            raise MSEInputError(f"{label}: er staan geen capture-histories in het bestand.")
        return cls._build(names, rows, source=source)

    @classmethod
    def _build(cls, names, rows, source) -> CaptureData:
        merged: dict[tuple[int, ...], int] = {}
        for number, (values, count) in enumerate(rows, start=1):
            key = tuple(values)
            if not any(key):
                where = f"{source}, " if source else ""
                raise MSEInputError(
                    f"{where}historie {number}: alle lijsten zijn 0. Een geval dat op geen enkele "
                    "lijst staat kan niet geteld zijn; laat deze rij weg (het is juist het "
                    "onbekende aantal dat geschat wordt)."
                )
            merged[key] = merged.get(key, 0) + count
        patterns = np.array(list(merged.keys()), dtype=np.int8).reshape(len(merged), len(names))
        counts = np.array(list(merged.values()), dtype=np.int64)
        return cls(lists=names, patterns=patterns, counts=counts, source=source)

    # ------------------------------------------------------------------ views
    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        return int(self.counts.sum())

    def histories(self) -> dict[tuple[int, ...], int]:
        return {tuple(int(v) for v in row): int(c) for row, c in zip(self.patterns, self.counts)}

    def list_totals(self) -> dict[str, int]:
        """Cases per list (registered per partner)."""
        totals = self.patterns.T.astype(np.int64) @ self.counts
        return {name: int(n) for name, n in zip(self.lists, totals)}

    def overlap(self, i: int, j: int) -> int:
        return int((self.patterns[:, i] * self.patterns[:, j] * self.counts).sum())

    def with_counts(self, counts: np.ndarray) -> CaptureData:
        """Same histories, other counts (bootstrap and jackknife)."""
        return CaptureData(self.lists, self.patterns, np.asarray(counts, dtype=np.int64))

    def drop_lists(self, names: list[str] | tuple[str, ...]) -> CaptureData:
        """Leave lists out; cases seen only on those lists drop out of the data."""
        keep = [i for i, n in enumerate(self.lists) if n not in set(names)]
        return self._project(keep, [self.lists[i] for i in keep])

    def merge_lists(self, names: list[str] | tuple[str, ...], merged_name: str) -> CaptureData:
        """Treat several lists as one (a case is on it when it is on any of them)."""
        idx = [self.lists.index(n) for n in names]
        others = [i for i in range(self.n_lists) if i not in idx]
        new_patterns = np.column_stack(
            [self.patterns[:, others], self.patterns[:, idx].max(axis=1)]
        )
        new_names = [self.lists[i] for i in others] + [merged_name]
        return _from_arrays(new_names, new_patterns, self.counts, self.source)

    def _project(self, keep: list[int], names: list[str]) -> CaptureData:
        return _from_arrays(names, self.patterns[:, keep], self.counts, self.source)


def _from_arrays(names, patterns, counts, source) -> CaptureData:
    merged: dict[tuple[int, ...], int] = {}
    for row, count in zip(patterns, counts):
        key = tuple(int(v) for v in row)
        if any(key):
            merged[key] = merged.get(key, 0) + int(count)
    patterns = np.array(list(merged.keys()), dtype=np.int8).reshape(len(merged), len(names))
    counts = np.array(list(merged.values()), dtype=np.int64)
    return CaptureData(tuple(names), patterns, counts, source)


def _check_list_names(names: tuple[str, ...], where: str) -> None:
    if len(names) < 2:
        raise MSEInputError(
            f"{where}: er zijn {len(names)} lijstkolommen; minstens twee lijsten nodig "
            "(één 0/1-kolom per lijst naast de kolom 'count')."
        )
    if any(not name for name in names):
        raise MSEInputError(f"{where}: een lijstkolom heeft geen naam.")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise MSEInputError(f"{where}: lijst '{name}' komt twee keer voor.")
        if ":" in name:
            raise MSEInputError(f"{where}: lijstnaam '{name}' mag geen dubbele punt bevatten.")
        seen.add(name)


def _binary(value, where: str, column: str) -> int:
    text = str(value).strip()
    if text in ("0", "1"):
        return int(text)
    if text in ("0.0", "1.0"):
        return int(float(text))
    raise MSEInputError(
        f"{where}, kolom '{column}': waarde '{text}' is geen 0 of 1 "
        "(elke lijstkolom zegt alleen of het geval op die lijst staat)."
    )


def _count(value, where: str) -> int:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise MSEInputError(f"{where}, kolom 'count': '{text}' is geen getal.") from None
    if not np.isfinite(number) or number != int(number):
        raise MSEInputError(f"{where}, kolom 'count': '{text}' is geen geheel getal.")
    if number < 0:
        raise MSEInputError(f"{where}, kolom 'count': aantal {text} is negatief.")
    return int(number)


def _fmt_history(history) -> str:
    return "".join(str(v) for v in history)
