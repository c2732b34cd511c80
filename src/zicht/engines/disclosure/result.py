"""The protected publication: what may be shown, and the pattern to freeze.

It holds only what is published: a suppressed cell carries no value, so passing this
object to the report builder, factsheets, open data or API cannot leak one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .policy import Policy, TableSpec
from .universe import CellKey, cell_key

Pattern = dict[CellKey, bool]
"""Cell -> suppressed? for every cell of a publication (its tables and margins)."""


@dataclass(frozen=True)
class PublishedCell:
    key: dict[str, str]
    value: int | None
    suppressed: bool
    primary: bool

    def as_dict(self) -> dict:
        return {
            "key": dict(self.key),
            "value": self.value,
            "suppressed": self.suppressed,
            "primary": self.primary,
        }


@dataclass(frozen=True)
class ProtectedTable:
    spec: TableSpec
    threshold: int
    cells: list[PublishedCell]

    @property
    def dimensions(self) -> tuple[str, ...]:
        return self.spec.dimensions

    def as_dict(self) -> dict:
        return {"dimensions": list(self.dimensions), "cells": [c.as_dict() for c in self.cells]}


@dataclass
class ProtectedPublication:
    """Result of ``protect_publication``.

    Counts are over distinct cells: a margin shared by several tables counts once.
    ``persons_suppressed`` sums the hidden values of interior and margin cells alike,
    a measure of information loss, not a number of distinct people.
    """

    tables: list[ProtectedTable]
    policy: Policy
    primary_suppressed: int
    secondary_suppressed: int
    cells_published: int
    persons_suppressed: int
    persons_total: int
    solve_seconds: float
    rounds: int
    cuts: int
    lp_solves: int
    background: list[PublishedCell] = field(default_factory=list)
    frozen: Pattern = field(default_factory=dict)

    @property
    def suppressed(self) -> int:
        return self.primary_suppressed + self.secondary_suppressed

    def to_json(self) -> list[dict]:
        """The analyst format of the issue. It includes ``primary``, which must not be
        published: the public sees one mark for every suppressed cell (see
        ``to_public_json``)."""
        return [table.as_dict() for table in self.tables]

    def to_public_json(self) -> list[dict]:
        """Publishable form: suppressed cells have value None and no reason."""
        return [
            {
                "dimensions": list(table.dimensions),
                "cells": [{"key": dict(c.key), "value": c.value} for c in table.cells],
            }
            for table in self.tables
        ]

    def cells(self) -> dict[CellKey, PublishedCell]:
        """Every distinct published cell (tables first, then earlier publications')."""
        out: dict[CellKey, PublishedCell] = {}
        for table in self.tables:
            for cell in table.cells:
                out.setdefault(cell_key(cell.key), cell)
        for cell in self.background:
            out.setdefault(cell_key(cell.key), cell)
        return out

    def cell(self, **key: str) -> PublishedCell:
        return self.cells()[cell_key(key)]

    def pattern(self) -> Pattern:
        """Freeze this publication: pass it as ``frozen`` when a later one repeats it."""
        return {key: cell.suppressed for key, cell in self.cells().items()}

    def summary(self) -> dict:
        return {
            "cells_published": self.cells_published,
            "primary_suppressed": self.primary_suppressed,
            "secondary_suppressed": self.secondary_suppressed,
            "persons_suppressed": self.persons_suppressed,
            "persons_total": self.persons_total,
            "solve_seconds": round(self.solve_seconds, 3),
            "rounds": self.rounds,
            "cuts": self.cuts,
            "lp_solves": self.lp_solves,
        }


def pattern_to_records(pattern: Mapping[CellKey, bool]) -> list[dict]:
    """JSON-friendly form of a pattern, for storing a frozen publication."""
    return [{"key": dict(key), "suppressed": bool(s)} for key, s in pattern.items()]


def pattern_from_records(records: Iterable[Mapping]) -> Pattern:
    return {cell_key(r["key"]): bool(r["suppressed"]) for r in records}


def extend_pattern(pattern: Mapping[CellKey, bool], **fixed: str) -> Pattern:
    """Place an earlier pattern inside a larger table, e.g. ``year="2022"`` when this
    year's trend table repeats last year's figures with a year dimension."""
    return {cell_key({**dict(key), **fixed}): s for key, s in pattern.items()}
