"""Sensitivity table: how much does the answer depend on choices about the lists?

Two usual checks in the literature (Silverman 2014; Chan, Silverman and Vincent 2021):
merging the smallest lists (small lists make the table sparse) and leaving one list out
(does one partner's list drive the answer?). Each row is a full estimate with its interval.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .data import CaptureData
from .estimate import MIN_LISTS, estimate


@dataclass
class SensitivityRow:
    label: str  # Dutch, for the report
    kind: str  # "all", "merge", "leave_out"
    lists: list[str]
    observed: int
    estimate: float | None
    ci: tuple[float, float] | None
    ci_method: str
    model: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "kind": self.kind,
            "lists": self.lists,
            "observed": self.observed,
            "estimate": None if self.estimate is None else round(self.estimate, 3),
            "ci": None if self.ci is None else [round(v, 3) for v in self.ci],
            "ci_method": self.ci_method,
            "model": self.model,
            "warnings": self.warnings,
        }


def sensitivity_table(
    data: CaptureData,
    method: str = "stepwise",
    bootstrap: int = 0,
    seed: int | None = None,
    alpha: float = 0.05,
) -> list[SensitivityRow]:
    """Rows: all lists; the smallest lists merged step by step down to three lists; each
    list left out in turn (cases seen only on that list drop out)."""
    rows = [_row("Alle lijsten", "all", data, method, bootstrap, seed, alpha)]
    merged = data
    while merged.n_lists > MIN_LISTS:
        totals = merged.list_totals()
        a, b = sorted(totals, key=lambda name: (totals[name], name))[:2]
        merged = merged.merge_lists([a, b], f"{a}+{b}")
        rows.append(
            _row(f"Kleinste lijsten samengevoegd: {a} en {b}", "merge", merged, method,
                 bootstrap, seed, alpha)
        )
    for name in data.lists:
        rows.append(
            _row(f"Zonder lijst {name}", "leave_out", data.drop_lists([name]), method,
                 bootstrap, seed, alpha)
        )
    return rows


def _row(label, kind, data, method, bootstrap, seed, alpha) -> SensitivityRow:
    result = estimate(data, method=method, bootstrap=bootstrap, seed=seed, alpha=alpha,
                      profile=False)
    return SensitivityRow(
        label=label,
        kind=kind,
        lists=list(data.lists),
        observed=data.observed,
        estimate=result.estimate,
        ci=result.ci,
        ci_method=result.ci_method,
        model=result.model,
        warnings=[w for w in result.warnings if "modelvoorwaardelijk" not in w],
    )
