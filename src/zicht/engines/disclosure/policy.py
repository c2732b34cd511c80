"""The disclosure policy and the description of one published table.

Kept apart from the solver so that the report builder, factsheets and open data can
describe what they publish without knowing how it is protected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Policy:
    """Rules for one publication.

    A cell is unsafe (primary suppression) when ``1 <= value < threshold``: with the
    default 5, counts of 1 to 4 are never shown. Tables about minors use
    ``minors_threshold``. ``overrides`` maps a table or indicator name to its own
    threshold. Zeros may be shown (``zero_is_safe``); set it to False to treat a zero as
    unsafe too (then it is protected like a small count).
    """

    threshold: int = 5
    minors_threshold: int = 10
    zero_is_safe: bool = True
    overrides: Mapping[str, int] = field(default_factory=dict)
    # Tie-break in the cost of a suppressed cell: 1 per cell plus this share of its value
    # relative to the largest cell, so that among patterns with the fewest cells the one
    # hiding the fewest persons wins.
    value_weight: float = 0.001
    # Seconds the solver may spend before it gives up (it never returns an unsafe pattern).
    time_limit: float = 600.0

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.minors_threshold < 1:
            raise ValueError("De drempel voor onthulling moet minstens 1 zijn.")
        for name, value in self.overrides.items():
            if int(value) < 1:
                raise ValueError(f"De drempel voor '{name}' moet minstens 1 zijn.")

    def threshold_for(self, spec: TableSpec) -> int:
        """The threshold of one table: its own, else its name's override, else the default."""
        if spec.threshold is not None:
            return int(spec.threshold)
        if spec.name and spec.name in self.overrides:
            return int(self.overrides[spec.name])
        if spec.minors:
            return self.minors_threshold
        return self.threshold

    def is_unsafe(self, value: int, threshold: int) -> bool:
        """The primary rule: a small positive count (or a zero, if zeros are not safe)."""
        if value == 0:
            return not self.zero_is_safe
        return value < threshold


@dataclass(frozen=True)
class TableSpec:
    """One published table: its dimensions; all its margins down to the grand total
    are published with it."""

    dimensions: tuple[str, ...]
    threshold: int | None = None
    name: str = ""
    minors: bool = False
    # Fixed values of other dimensions, e.g. {"year": "2023"}: the table is this slice.
    where: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        dims = tuple(self.dimensions)
        if isinstance(self.dimensions, str):
            dims = (self.dimensions,)
        if len(set(dims)) != len(dims):
            raise ValueError(f"Tabel '{self.label}' noemt een dimensie twee keer: {dims}.")
        object.__setattr__(self, "dimensions", dims)
        where = {str(k): str(v) for k, v in dict(self.where).items()}
        if set(where) & set(dims):
            raise ValueError(f"Tabel '{self.label}' zet een eigen dimensie vast in 'where'.")
        object.__setattr__(self, "where", where)
        if self.threshold is not None and int(self.threshold) < 1:
            raise ValueError(f"De drempel van tabel '{self.label}' moet minstens 1 zijn.")

    @property
    def label(self) -> str:
        return self.name or " x ".join(self.dimensions) or "totaal"
