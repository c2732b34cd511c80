"""The shared vocabulary of intake: a parsed cell, a validation problem, a validation result.

Plain dataclasses (no Django) so readers, rules, the CLI, the web upload and the tests all speak the
same language. Problems carry the location a partner can find in their own file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


def canonical_key(dims: dict[str, str | None]) -> str:
    """A stable text key for a set of dimension values; empty dimensions (totals) are left out."""
    return ";".join(f"{k}={v}" for k, v in sorted(dims.items()) if v not in (None, ""))


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or remarkable (warning) in a delivered file, with where it is."""

    code: str
    message: str
    severity: str = ERROR
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("sheet", "row", "column", "value", "code", "message", "severity")}

    def location_nl(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"blad '{self.sheet}'")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts) or "bestand"


@dataclass(slots=True)
class ParsedCell:
    """One delivered figure: indicator x dimension values (x municipality) -> whole number.

    Not frozen: a national file makes 100,000 of these, and a frozen dataclass is four times slower
    to construct. Treat it as read-only all the same."""

    indicator: str
    dims: dict[str, str]
    value: int
    municipality: str | None = None
    source: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.indicator, canonical_key(self.dims), self.municipality)


@dataclass
class ValidationResult:
    """Everything validation found, and the cells it could read."""

    file_format: str
    problems: list[Problem] = field(default_factory=list)
    cells: list[ParsedCell] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_list(self) -> list[dict]:
        return [p.as_dict() for p in self.problems]


TOO_MANY = "too-many-problems"


def too_many_problems(limit: int) -> Problem:
    """The note that ends a report cut short: checking stopped at the first ``limit`` problems."""
    n = f"{limit:,}".replace(",", ".")
    return Problem(
        TOO_MANY,
        f"De controle is gestopt na {n} fouten: de eerste {n} worden getoond, en er zijn nog meer fouten. "
        "Los deze eerst op en lever het bestand daarna opnieuw aan.",
    )
