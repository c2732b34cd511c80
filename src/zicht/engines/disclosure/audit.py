"""Independent attacker audit of a protected publication.

Written apart from the solver (it shares no code with ``universe``, ``attacker`` or
``solver``) so that it can catch the solver's mistakes. It plays the attacker of the
issue: it knows every published number (and those of earlier publications that are
repeated) and that a non-negative table of whole numbers lies behind them, and computes
how low and how high each suppressed cell can go: by LP, or as an integer program on
small cases. It also checks the plain rules: published values are exact, no unsafe
cell is shown, every table is complete, frozen cells kept their status.

To save work, every feasible table found on the way (the true one first) is a witness:
when witnesses already show a cell at 0 and at the threshold, no LP is needed for it.
Witnesses are found in bulk by capped LPs per group of municipalities (``witness_lp``,
plain numpy/scipy that knows neither solver nor audit; ADR 0202) and each one is checked
here, on this module's own model, before it counts. Cells left over get exact LPs, on one
re-used HiGHS model for large publications.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from .warm_lp import warm_highs
from .witness_lp import GROUP_COLUMNS, GroupedWitness, column_groups

TOL = 1e-6
SETTLE_PASSES = 8
WARM_FROM = 2000
"""From this many full-table cells on, per-cell LPs re-use one HiGHS model."""

try:  # pragma: no cover - depends on the scipy build
    from scipy.optimize._highspy import _core as _highs
except ImportError:  # pragma: no cover
    _highs = None

Key = tuple[tuple[str, str], ...]


def _key(mapping: Mapping[str, str]) -> Key:
    return tuple(sorted((str(k), str(v)) for k, v in mapping.items()))


def _show(key: Key) -> str:
    return ", ".join(f"{d}={v}" for d, v in key) or "eindtotaal"


@dataclass(frozen=True)
class Finding:
    kind: str
    key: Key
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {_show(self.key)}: {self.detail}"


@dataclass
class AuditReport:
    """``intervals``: per suppressed cell, the attacker's (min, max). Exact where an LP
    (or IP) was solved; otherwise the widest range the witnesses showed, which already
    proves the protection. ``full=True`` solves both for every cell."""

    findings: list[Finding] = field(default_factory=list)
    intervals: dict[Key, tuple[float, float]] = field(default_factory=dict)
    solves: int = 0
    integer: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings


def _truth(data) -> tuple[pd.DataFrame, list[str]]:
    frame = data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(list(data))
    dims = [c for c in frame.columns if c != "count"]
    for d in dims:
        frame[d] = frame[d].astype(str).str.strip()
    frame["count"] = pd.to_numeric(frame["count"]).astype("int64")
    return frame, dims


def _true_values(frame: pd.DataFrame, keys: list[Key]) -> dict[Key, int]:
    by_dims: dict[tuple[str, ...], list[Key]] = {}
    for key in keys:
        by_dims.setdefault(tuple(d for d, _ in key), []).append(key)
    out: dict[Key, int] = {}
    for dims, group in by_dims.items():
        if not dims:
            total = int(frame["count"].sum())
            for key in group:
                out[key] = total
            continue
        sums = frame.groupby(list(dims))["count"].sum()
        lookup = {(idx if isinstance(idx, tuple) else (idx,)): int(v) for idx, v in sums.items()}
        for key in group:
            out[key] = lookup.get(tuple(v for _, v in key), 0)
    return out


def audit_publication(data, publication, integer: bool = False, full: bool = False) -> AuditReport:
    """Audit ``publication`` (a ``ProtectedPublication``) against the true ``data``."""
    report = AuditReport(integer=integer)
    frame, _ = _truth(data)
    policy = publication.policy

    listed: dict[Key, dict] = {}
    thresholds: dict[Key, int] = {}
    for table in publication.tables:
        keys_here = []
        for cell in table.cells:
            key = _key(cell.key)
            keys_here.append(key)
            thresholds[key] = max(thresholds.get(key, 0), int(table.threshold))
            seen = listed.get(key)
            entry = {"value": cell.value, "suppressed": cell.suppressed}
            if seen is not None and seen != entry:
                report.findings.append(
                    Finding("inconsistent", key, "de cel staat verschillend in twee tabellen")
                )
            listed.setdefault(key, entry)
        _check_complete(report, list(table.dimensions), dict(table.spec.where), keys_here)
    for cell in publication.background:
        key = _key(cell.key)
        listed.setdefault(key, {"value": cell.value, "suppressed": cell.suppressed})
        thresholds.setdefault(key, policy.threshold)

    truth = _true_values(frame, list(listed))
    unsafe: dict[Key, bool] = {}
    for key, entry in listed.items():
        value = truth[key]
        small = 1 <= value < thresholds[key] or (value == 0 and not policy.zero_is_safe)
        unsafe[key] = small
        if entry["suppressed"]:
            if entry["value"] is not None:
                report.findings.append(Finding("leak", key, "onderdrukte cel heeft een waarde"))
            continue
        if entry["value"] != value:
            report.findings.append(
                Finding("value", key, f"gepubliceerd {entry['value']}, werkelijk {value}")
            )
        if small:
            report.findings.append(
                Finding("unsafe_published", key, f"waarde {value} onder drempel {thresholds[key]}")
            )
    for key, suppressed in publication.frozen.items():
        key = _key(dict(key))
        if key in listed and listed[key]["suppressed"] != suppressed:
            report.findings.append(
                Finding("frozen", key, "status wijkt af van de eerdere publicatie")
            )

    hidden = [k for k, e in listed.items() if e["suppressed"]]
    if not hidden:
        return report
    attacker = _AttackerModel(listed, truth, integer)
    attacker.settle(frame, hidden, unsafe, thresholds)
    for key in hidden:
        need_low = unsafe[key]
        need_high = unsafe[key]
        threshold = thresholds[key]
        low, high = attacker.observed(key)
        if full or (need_low and low > TOL) or high - low < 1 - TOL:
            low = attacker.minimum(key)
        if full or (need_high and high < threshold - TOL) or high - low < 1 - TOL:
            high = attacker.maximum(key)
        report.intervals[key] = (low, high)
        if need_low and low > TOL:
            report.findings.append(
                Finding("lower", key, f"de aanvaller weet dat de cel minstens {low:g} is")
            )
        if need_high and high < threshold - TOL:
            report.findings.append(
                Finding("upper", key, f"de aanvaller weet dat de cel hoogstens {high:g} is")
            )
        if high - low < 1 - TOL:
            report.findings.append(
                Finding("exact", key, f"de aanvaller kent de cel: tussen {low:g} en {high:g}")
            )
    report.solves = attacker.solves
    return report


def _check_complete(report: AuditReport, dims: list[str], where: dict, keys: list[Key]) -> None:
    """Every combination of every margin must be listed, zeros included."""
    present = set(keys)
    categories: dict[str, set[str]] = {d: set() for d in dims}
    for key in keys:
        for d, v in key:
            if d in categories:
                categories[d].add(v)
    for mask in product((False, True), repeat=len(dims)):
        subset = [d for d, m in zip(dims, mask) if m]
        for values in product(*(sorted(categories[d]) for d in subset)):
            key = _key({**where, **dict(zip(subset, values))})
            if key not in present:
                report.findings.append(Finding("missing_cell", key, "cel ontbreekt in de tabel"))


def _whole(x: np.ndarray) -> bool:
    """A table of whole numbers (up to solver tolerance): only such a table is a witness
    against the integer attacker."""
    return bool(np.all(np.abs(x - np.rint(x)) <= 1e-6))


class _ReusedLP:
    """The audit's per-cell LPs on one HiGHS model that stays alive: only the objective
    changes between cells, so each solve starts from the last optimal basis (primal
    simplex, no presolve) instead of building and presolving the model again. Written
    here, apart from the solver's ``warm_lp``, so that the audit stays independent.
    Uses the HiGHS binding inside scipy; without it the audit falls back to ``linprog``."""

    def __init__(self, a_eq: sparse.csr_matrix, b_eq: np.ndarray) -> None:
        csc = sparse.csc_matrix(a_eq)
        n_rows, n_cols = csc.shape
        lp = _highs.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, n_rows
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows
        lp.a_matrix_.format_ = _highs.MatrixFormat.kColwise
        lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
        lp.a_matrix_.index_ = csc.indices.astype(np.int32)
        lp.a_matrix_.value_ = csc.data.astype(np.float64)
        lp.col_cost_ = np.zeros(n_cols)
        lp.col_lower_ = np.zeros(n_cols)
        lp.col_upper_ = np.full(n_cols, np.inf)
        lp.row_lower_ = np.asarray(b_eq, dtype=np.float64)
        lp.row_upper_ = np.asarray(b_eq, dtype=np.float64)
        self.highs = warm_highs(lp)
        self.support = np.zeros(0, dtype=np.int32)

    @staticmethod
    def available() -> bool:
        return _highs is not None and hasattr(_highs, "_Highs")

    def solve(self, columns: np.ndarray, sense: float):
        """min sense * sum(x[columns]); (value, x), (inf, None) if unbounded, or None."""
        if len(self.support):
            self.highs.changeColsCost(len(self.support), self.support, np.zeros(len(self.support)))
        support = np.asarray(columns, dtype=np.int32)
        self.highs.changeColsCost(len(support), support, np.full(len(support), float(sense)))
        self.support = support
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == _highs.HighsModelStatus.kUnbounded and sense < 0:
            return math.inf, None
        if status != _highs.HighsModelStatus.kOptimal:
            self.highs.clearSolver()
            return None
        x = np.asarray(self.highs.getSolution().col_value)
        return float(self.highs.getInfo().objective_function_value), x


def _coarser(groups: list[np.ndarray]):
    """The groups, then groups four times as large, ..., then the whole table: a cell
    that small groups cannot settle may need a partner in another group."""
    while True:
        yield groups
        if len(groups) == 1:
            return
        merged = [
            np.concatenate(groups[i :: max(1, len(groups) // 4)])
            for i in range(max(1, len(groups) // 4))
        ]
        groups = merged if len(merged) < len(groups) else [np.concatenate(groups)]


class _AttackerModel:
    """Hidden full table over every dimension seen, published cells as equalities."""

    def __init__(self, listed: dict[Key, dict], truth: dict[Key, int], integer: bool) -> None:
        dims = sorted({d for key in listed for d, _ in key})
        categories = {d: sorted({v for key in listed for e, v in key if e == d}) for d in dims}
        grid = list(product(*(categories[d] for d in dims)))
        self.integer = integer
        self.solves = 0
        self.n = len(grid)
        label_columns = {
            d: np.array([g[i] for g in grid], dtype=object) for i, d in enumerate(dims)
        }

        def row_of(key: Key) -> np.ndarray:
            mask = np.ones(self.n, dtype=bool)
            for d, v in key:
                mask &= label_columns[d] == v
            return np.flatnonzero(mask)

        self.dimensions = dims
        self.rows: dict[Key, np.ndarray] = {key: row_of(key) for key in listed}
        # A full-table cell inside a published zero is zero: drop it from the model.
        zero = np.zeros(self.n, dtype=bool)
        for key, entry in listed.items():
            if not entry["suppressed"] and entry["value"] == 0:
                zero[self.rows[key]] = True
        keep = np.flatnonzero(~zero)
        new_index = np.full(self.n, -1)
        new_index[keep] = np.arange(len(keep))
        self.grid = grid
        self.keep = keep
        self.n = len(keep)
        self.rows = {key: new_index[cols[~zero[cols]]] for key, cols in self.rows.items()}
        published = [k for k, e in listed.items() if not e["suppressed"] and len(self.rows[k])]
        r, c = [], []
        for i, key in enumerate(published):
            cols = self.rows[key]
            r.extend([i] * len(cols))
            c.extend(cols.tolist())
        self.a_eq = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(published), self.n))
        self.b_eq = np.array([float(listed[k]["value"]) for k in published])
        total = float(sum(truth.get(k, 0) for k in listed if not k)) or float(max(truth.values()))
        self.big = 10.0 * (total + 100.0)
        # The true table is the first witness.
        self.observed_low = {k: float(truth[k]) for k in listed if listed[k]["suppressed"]}
        self.observed_high = dict(self.observed_low)
        self._reused: _ReusedLP | None = None

    def observed(self, key: Key) -> tuple[float, float]:
        return self.observed_low[key], self.observed_high[key]

    def _witness(self, solution: np.ndarray) -> None:
        if self.integer and not _whole(solution):
            return  # an LP solution with fractions proves nothing to the integer attacker
        for key in self.observed_low:
            value = float(solution[self.rows[key]].sum())
            if value < self.observed_low[key]:
                self.observed_low[key] = value
            if value > self.observed_high[key]:
                self.observed_high[key] = value

    def _optimise(self, key: Key, sense: float) -> float:
        objective = np.zeros(self.n)
        objective[self.rows[key]] = sense
        self.solves += 1
        if self.integer:
            result = milp(
                objective,
                constraints=[LinearConstraint(self.a_eq, self.b_eq, self.b_eq)],
                integrality=np.ones(self.n),
                bounds=Bounds(0, self.big),
            )
            if result.x is None:
                raise RuntimeError(f"audit IP failed: {result.message}")
            value = sense * float(result.fun)
            self._witness(result.x)
            return math.inf if value >= self.big - 1 else value
        if self.n >= WARM_FROM and self.a_eq.shape[0] and _ReusedLP.available():
            if self._reused is None:
                self._reused = _ReusedLP(self.a_eq, self.b_eq)
            outcome = self._reused.solve(self.rows[key], sense)
            if outcome is not None:
                value, x = outcome
                if x is None:
                    return math.inf
                if self._verified(x):
                    self._witness(x)
                    return sense * value
        result = linprog(
            objective,
            A_eq=self.a_eq if self.a_eq.shape[0] else None,
            b_eq=self.b_eq if self.a_eq.shape[0] else None,
            bounds=(0, None),
            method="highs",
        )
        if result.status == 3:
            return math.inf
        if result.status != 0:
            raise RuntimeError(f"audit LP failed: {result.message}")
        self._witness(result.x)
        return sense * float(result.fun)

    def _full_truth(self, frame: pd.DataFrame) -> np.ndarray | None:
        """The true full table over the model's columns (None if the data lack a
        dimension, which cannot happen for a publication made from them)."""
        if not self.dimensions:
            return np.array([float(frame["count"].sum())])[: self.n] if self.n else None
        if any(d not in frame.columns for d in self.dimensions):
            return None
        sums = frame.groupby(self.dimensions)["count"].sum()
        lookup = {(idx if isinstance(idx, tuple) else (idx,)): float(v) for idx, v in sums.items()}
        return np.array([lookup.get(self.grid[j], 0.0) for j in self.keep])

    def _verified(self, x: np.ndarray) -> bool:
        """A witness is believed only if it is a non-negative table that reproduces
        every published number (checked here, on the audit's own model)."""
        if x.shape != (self.n,) or np.any(x < -TOL):
            return False
        if self.integer and not _whole(x):
            return False
        if not self.a_eq.shape[0]:
            return True
        gap = np.abs(self.a_eq @ x - self.b_eq)
        return bool(np.all(gap <= TOL + 1e-9 * np.abs(self.b_eq)))

    def settle(self, frame, hidden: list[Key], unsafe: dict, thresholds: dict) -> None:
        """Witnesses in bulk: a few rounds of capped group LPs (``witness_lp``) aim every
        open cell at what it must reach (a small cell at 0 and at its threshold, any
        other hidden cell one whole unit away from its value). A cell they do not settle
        gets its own LPs afterwards; a witness that fails ``_verified`` is ignored."""
        base = self._full_truth(frame)
        if base is None or self.n == 0 or not self._verified(base):
            self.spread([k for k in hidden if unsafe[k]], hidden)
            return
        keys = list(hidden)
        hidden_rows = sparse.csr_matrix(
            (
                np.ones(sum(len(self.rows[k]) for k in keys)),
                np.concatenate([self.rows[k] for k in keys]).astype(np.int64),
                np.concatenate([[0], np.cumsum([len(self.rows[k]) for k in keys])]),
            ),
            shape=(len(keys), self.n),
        )
        matrix = sparse.vstack([hidden_rows, self.a_eq], format="csr")
        n_hidden = len(keys)
        lower = np.concatenate([np.full(n_hidden, -np.inf), self.b_eq])
        upper = np.concatenate([np.full(n_hidden, np.inf), self.b_eq])
        groups = self._groups(base)
        small = np.array([bool(unsafe[k]) for k in keys])
        limit = np.array([float(thresholds[k]) for k in keys])
        value = hidden_rows @ base
        low = np.array([self.observed_low[k] for k in keys])
        high = np.array([self.observed_high[k] for k in keys])
        for level in _coarser(groups):
            finder = GroupedWitness(matrix, lower, upper, base, level)
            low, high = self._passes(finder, hidden_rows, small, limit, value, low, high)
            self.solves += finder.solves
            if self._open_count(small, low, high, limit) == 0:
                break
        for i, key in enumerate(keys):
            self.observed_low[key] = float(low[i])
            self.observed_high[key] = float(high[i])

    def _passes(self, finder, hidden_rows, small, limit, value, low, high):
        for _ in range(SETTLE_PASSES):
            before = None
            for sense in (+1.0, -1.0):
                narrow = high - low < 1 - TOL
                if sense > 0:
                    want = (small & (high < limit - TOL)) | (~small & narrow)
                    targets = np.where(small, limit, value + 1)
                else:
                    want = (small & (low > TOL)) | (~small & narrow & (value >= 1))
                    targets = np.where(small, 0.0, -(value - 1))
                chosen = np.flatnonzero(want)
                if before is None:
                    before = self._open_count(small, low, high, limit)
                if len(chosen) == 0:
                    continue
                senses = np.full(len(chosen), sense)
                for x in finder.solve(chosen, senses, targets[chosen]):
                    if not self._verified(x):
                        continue
                    seen = hidden_rows @ x
                    low = np.minimum(low, seen)
                    high = np.maximum(high, seen)
            after = self._open_count(small, low, high, limit)
            if after == 0 or before - after < max(1, before // 20):
                break
        return low, high

    @staticmethod
    def _open_count(small, low, high, limit) -> int:
        narrow = high - low < 1 - TOL
        open_ = narrow | (small & ((low > TOL) | (high < limit - TOL)))
        return int(open_.sum())

    def _groups(self, base: np.ndarray) -> list[np.ndarray]:
        """Columns grouped by the categories of the dimension with the most of them."""
        if self.n <= GROUP_COLUMNS or not self.dimensions:
            return [np.arange(self.n)]
        sizes = [len({self.grid[j][i] for j in self.keep}) for i in range(len(self.dimensions))]
        widest = int(np.argmax(sizes))
        labels = [self.grid[j][widest] for j in self.keep]
        code = {v: i for i, v in enumerate(dict.fromkeys(labels))}
        codes = np.array([code[v] for v in labels], dtype=np.int64)
        return column_groups(codes, base, len(code))

    def spread(self, small: list[Key], hidden: list[Key], seed: int = 0) -> None:
        """A few whole-publication LPs whose solutions are witnesses for many cells at
        once: all small cells as low as possible, all as high as possible, and random
        directions. Only a shortcut: a cell they do not settle gets its own LP."""
        objectives = []
        for keys in (small, hidden):
            if keys:
                weights = np.zeros(self.n)
                for key in keys:
                    weights[self.rows[key]] += 1.0
                objectives.extend([weights, -weights])
        rng = np.random.default_rng(seed)
        for _ in range(2):
            objectives.append(rng.normal(size=self.n))
        for objective in objectives:
            self.solves += 1
            result = linprog(
                objective,
                A_eq=self.a_eq if self.a_eq.shape[0] else None,
                b_eq=self.b_eq if self.a_eq.shape[0] else None,
                bounds=(0, self.big),
                method="highs",
            )
            if result.status == 0:
                self._witness(result.x)

    def minimum(self, key: Key) -> float:
        return self._optimise(key, 1.0)

    def maximum(self, key: Key) -> float:
        return self._optimise(key, -1.0)


def alternative_table(data, publication) -> list[dict]:
    """A whole-number table that differs from ``data`` in a hidden cell but gives exactly
    the same published figures. Exports made from it must be identical to the real
    ones; any difference is a leak (see ``leak.assert_no_leak``)."""
    frame, _ = _truth(data)
    listed: dict[Key, dict] = {}
    for table in publication.tables:
        for cell in table.cells:
            listed.setdefault(_key(cell.key), {"value": cell.value, "suppressed": cell.suppressed})
    for cell in publication.background:
        listed.setdefault(_key(cell.key), {"value": cell.value, "suppressed": cell.suppressed})
    truth = _true_values(frame, list(listed))
    model = _AttackerModel(listed, truth, integer=True)
    hidden = sorted((k for k, e in listed.items() if e["suppressed"]), key=lambda k: -truth[k])
    for key in hidden:
        for sense in (-1.0, 1.0):
            objective = np.zeros(model.n)
            objective[model.rows[key]] = sense
            result = milp(
                objective,
                constraints=[LinearConstraint(model.a_eq, model.b_eq, model.b_eq)],
                integrality=np.ones(model.n),
                bounds=Bounds(0, model.big),
            )
            if result.x is None:
                continue
            solution = np.rint(result.x).astype(int)
            if int(solution[model.rows[key]].sum()) != truth[key]:
                full = np.zeros(len(model.grid), dtype=int)
                full[model.keep] = solution
                return [
                    {**dict(zip(model.dimensions, labels)), "count": int(v)}
                    for labels, v in zip(model.grid, full)
                ]
    raise ValueError("Geen onderdrukte cel kan een andere waarde hebben: niets te vergelijken.")
