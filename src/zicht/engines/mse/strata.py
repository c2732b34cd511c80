"""Estimates per stratum (form of exploitation, minor/adult, gender) in one joint model.

The joint log-linear model has, per stratum, its own dark figure and its own list main
effects (list x stratum interactions), and shares the two-list terms across strata, which
are chosen by the same stepwise rule on the joint table. Where a list cannot hold a
stratum (the labour inspectorate and sexual exploitation, say) those cells are structural
zeros: they are left out of the table, and the list's main effect for that stratum does
not exist. The sum of the strata is shown beside the pooled estimate: they need not agree,
and the difference is itself a measure of how much the answer depends on the model.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.special import ndtri  # scipy.stats.norm.ppf, without importing scipy.stats

from .data import COUNT_COLUMN, CaptureData, MSEInputError
from .estimate import DEFAULT_SEED, MIN_LISTS, MIN_OVERLAP_CASES, REASONS_NL, estimate
from .intervals import bca_interval, jackknife_acceleration
from .loglinear import Structure
from .selection import select


@dataclass(frozen=True)
class StratifiedCaptures:
    """Capture histories per stratum, and which lists cannot hold which stratum."""

    lists: tuple[str, ...]
    strata: tuple[str, ...]
    histories: dict[tuple[str, tuple[int, ...]], int]
    impossible: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, lists, rows, impossible: dict[str, list[str]] | None = None):
        """``rows``: iterable of (stratum, history tuple, count); validated like CaptureData."""
        lists = tuple(lists)
        merged: dict[tuple[str, tuple[int, ...]], int] = {}
        strata: list[str] = []
        for number, (stratum, history, count) in enumerate(rows, start=1):
            stratum = str(stratum).strip()
            if not stratum:
                raise MSEInputError(f"rij {number}: stratum ontbreekt.")
            # reuse CaptureData's checks for one history
            CaptureData.from_histories(lists, {tuple(history): count})
            key = (stratum, tuple(int(v) for v in history))
            merged[key] = merged.get(key, 0) + int(count)
            if stratum not in strata:
                strata.append(stratum)
        impossible = {s: frozenset(v) for s, v in (impossible or {}).items()}
        for stratum, names in impossible.items():
            unknown = set(names) - set(lists)
            if unknown:
                raise MSEInputError(
                    f"structurele nullen voor '{stratum}': onbekende lijst(en) "
                    f"{', '.join(sorted(unknown))}."
                )
        for (stratum, history), count in merged.items():
            bad = [n for n, v in zip(lists, history) if v and n in impossible.get(stratum, ())]
            if bad and count > 0:
                raise MSEInputError(
                    f"stratum '{stratum}': {count} geval(len) op lijst {', '.join(bad)}, maar "
                    "die lijst kan dit stratum volgens de opgave niet bevatten."
                )
        return cls(lists, tuple(strata), merged, impossible)

    @classmethod
    def from_memberships(cls, memberships, stratum_of, lists=None, impossible=None):
        """From linkage output: (person_id, list_name) pairs and each person's stratum
        (``stratum_of[person_id]``, e.g. the form of exploitation)."""
        memberships = list(memberships)  # read twice below; a generator would be spent
        pooled = CaptureData.from_memberships(memberships, lists)
        per_person: dict[object, set[str]] = {}
        for person, name in memberships:
            per_person.setdefault(person, set()).add(str(name))
        rows = []
        for person, names in per_person.items():
            if person not in stratum_of:
                raise MSEInputError(f"persoon {person}: stratum ontbreekt.")
            rows.append((stratum_of[person], tuple(int(n in names) for n in pooled.lists), 1))
        return cls.from_rows(pooled.lists, rows, impossible)

    @classmethod
    def from_csv(cls, path, stratum_column: str, impossible=None) -> StratifiedCaptures:
        """CSV with a 0/1 column per list, a ``count`` column and a stratum column."""
        text = Path(path).read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        if stratum_column not in header or COUNT_COLUMN not in header:
            raise MSEInputError(
                f"{path}: kolommen '{stratum_column}' en '{COUNT_COLUMN}' zijn nodig."
            )
        lists = [h for h in header if h not in (stratum_column, COUNT_COLUMN)]
        rows = []
        for line, rec in enumerate(reader, start=2):
            try:
                history = tuple(int(rec[name]) for name in lists)
                count = int(rec[COUNT_COLUMN])
            except (TypeError, ValueError):
                raise MSEInputError(f"{path}, regel {line}: geen 0/1-waarde of geheel getal.") \
                    from None
            rows.append((rec[stratum_column], history, count))
        return cls.from_rows(lists, rows, impossible)

    def stratum_data(self, stratum: str) -> CaptureData:
        hist = {h: c for (s, h), c in self.histories.items() if s == stratum}
        return CaptureData.from_histories(self.lists, hist)

    def pooled(self) -> CaptureData:
        hist: dict[tuple[int, ...], int] = {}
        for (_s, h), c in self.histories.items():
            hist[h] = hist.get(h, 0) + c
        return CaptureData.from_histories(self.lists, hist)


@dataclass
class StratumEstimate:
    stratum: str
    observed: int
    estimate: float | None
    ci: tuple[float, float] | None
    impossible_lists: list[str]
    warnings: list[str] = field(default_factory=list)
    ci_model_conditional: tuple[float, float] | None = None

    def to_dict(self) -> dict:
        return {
            "stratum": self.stratum,
            "observed": self.observed,
            "estimate": None if self.estimate is None else round(self.estimate, 3),
            "ci": None if self.ci is None else [round(v, 3) for v in self.ci],
            "ci_model_conditional": None if self.ci_model_conditional is None
            else [round(v, 3) for v in self.ci_model_conditional],
            "impossible_lists": self.impossible_lists,
            "warnings": self.warnings,
        }


@dataclass
class StrataResult:
    strata: list[StratumEstimate]
    sum_of_strata: float | None
    sum_ci: tuple[float, float] | None
    pooled_estimate: float | None
    pooled_ci: tuple[float, float] | None
    model: list[str]
    minus_infinity: list[str]
    ci_method: str = "model_conditional"
    warnings: list[str] = field(default_factory=list)
    sum_ci_model_conditional: tuple[float, float] | None = None

    def to_dict(self) -> dict:
        def r(v):
            return None if v is None else round(v, 3)

        return {
            "strata": [s.to_dict() for s in self.strata],
            "sum_of_strata": r(self.sum_of_strata),
            "sum_ci": None if self.sum_ci is None else [r(v) for v in self.sum_ci],
            "sum_ci_model_conditional": None if self.sum_ci_model_conditional is None
            else [r(v) for v in self.sum_ci_model_conditional],
            "pooled_estimate": r(self.pooled_estimate),
            "pooled_ci": None if self.pooled_ci is None else [r(v) for v in self.pooled_ci],
            "model": self.model,
            "minus_infinity": self.minus_infinity,
            "ci_method": self.ci_method,
            "warnings": self.warnings,
        }


def stratified_structure(
    lists: tuple[str, ...], strata: list[str], impossible: dict[str, frozenset[str]]
) -> tuple[Structure, list[tuple[str, tuple[int, ...]]]]:
    """Cells (stratum, history) without structural zeros; per-stratum dark figures and list
    main effects; two-list columns shared across strata."""
    pooled = Structure.pooled(lists)
    cells, hist_rows, strat_rows = [], [], []
    for s_index, stratum in enumerate(strata):
        banned = [lists.index(n) for n in impossible.get(stratum, ())]
        for h in pooled.histories:
            if banned and h[banned].any():
                continue
            cells.append((stratum, tuple(int(v) for v in h)))
            hist_rows.append(h)
            strat_rows.append(s_index)
    hist = np.array(hist_rows, dtype=np.int8)
    strat = np.array(strat_rows)
    columns = [(strat == s).astype(float) for s in range(len(strata))]
    for s_index, stratum in enumerate(strata):
        for l_index, name in enumerate(lists):
            if name in impossible.get(stratum, ()):
                continue
            columns.append((strat == s_index) * hist[:, l_index].astype(float))
    base = np.column_stack(columns)
    return Structure(tuple(lists), hist, base, len(strata), tuple(strata)), cells


class _JointEstimator:
    """Per-stratum N and their sum for many count vectors over the same stratified rows;
    a list left empty in a stratum by resampling becomes a structural zero there."""

    def __init__(self, lists, usable, impossible, row_keys, method):
        self.lists, self.usable, self.method = tuple(lists), list(usable), method
        self.impossible = impossible
        self.row_keys = row_keys
        self.row_stratum = np.array([usable.index(s) for s, _h in row_keys])
        self.row_hist = np.array([h for _s, h in row_keys], dtype=float)
        self._cache: dict = {}

    def _structure(self, empty: tuple):
        cached = self._cache.get(empty)
        if cached is None:
            impossible = {s: self.impossible[s] | {n for (t, n) in empty if t == s}
                          for s in self.usable}
            structure, cells = stratified_structure(self.lists, self.usable, impossible)
            index = {cell: k for k, cell in enumerate(cells)}
            mapping = np.zeros((len(cells), len(self.row_keys)))
            for r, key in enumerate(self.row_keys):
                if key in index:
                    mapping[index[key], r] = 1.0
            cached = (structure, mapping)
            self._cache[empty] = cached
        return cached

    def __call__(self, counts: np.ndarray) -> np.ndarray:
        n_strata = len(self.usable)
        observed = np.bincount(self.row_stratum, weights=counts, minlength=n_strata)
        empty = []
        for k, stratum in enumerate(self.usable):
            totals = self.row_hist[self.row_stratum == k].T @ counts[self.row_stratum == k]
            empty += [(stratum, n) for n, v in zip(self.lists, totals)
                      if v == 0 and n not in self.impossible[stratum]]
        structure, mapping = self._structure(tuple(sorted(empty)))
        sel = select(structure, mapping @ counts, self.method)
        if sel.fit is None:
            return np.full(n_strata + 1, np.inf)
        per = observed + np.exp(sel.fit.beta[:n_strata])
        return np.append(per, per.sum())


def _bootstrap_strata(data, usable, impossible, method, resamples, seed, alpha, points):
    row_keys = [key for key, c in data.histories.items() if key[0] in usable and c > 0]
    counts = np.array([float(data.histories[k]) for k in row_keys])
    estimator = _JointEstimator(data.lists, usable, impossible, row_keys, method)
    rng = np.random.default_rng(seed)
    samples = rng.multinomial(int(counts.sum()), counts / counts.sum(), size=resamples)
    boot = np.array([estimator(row.astype(float)) for row in samples])
    jack = []
    for r in range(len(counts)):
        row = counts.copy()
        row[r] -= 1
        jack.append(estimator(row))
    jack = np.array(jack)
    intervals = []
    for k, point in enumerate(points):
        ahat = jackknife_acceleration(counts.astype(np.int64), jack[:, k])
        ahat = 0.0 if not math.isfinite(ahat) else ahat
        intervals.append(bca_interval(boot[:, k], point, ahat, alpha))
    failures = int(np.sum(~np.isfinite(boot[:, -1])))
    return intervals, failures


def estimate_strata(
    data: StratifiedCaptures,
    method: str = "stepwise",
    alpha: float = 0.05,
    bootstrap: int = 0,
    seed: int | None = None,
) -> StrataResult:
    """Per-stratum estimates, their sum, and the pooled estimate beside it. Intervals are
    model-conditional, or BCa when ``bootstrap`` > 0 (the joint model is reselected on every
    resample). Strata that cannot be estimated honestly get no number."""
    z = ndtri(1 - alpha / 2)
    warnings: list[str] = []
    rows: dict[str, StratumEstimate] = {}
    usable: list[str] = []
    for stratum in data.strata:
        sd = data.stratum_data(stratum)
        banned = sorted(data.impossible.get(stratum, ()))
        row = StratumEstimate(stratum, sd.observed, None, None, banned)
        rows[stratum] = row
        possible = [n for n in data.lists if n not in banned and sd.list_totals()[n] > 0]
        multi = int(sd.counts[sd.patterns.sum(axis=1) >= 2].sum())
        if len(possible) < MIN_LISTS:
            row.warnings.append(
                f"Voor '{stratum}' bevatten maar {len(possible)} lijsten gevallen; geen schatting."
            )
        elif multi < MIN_OVERLAP_CASES:
            row.warnings.append(
                f"Voor '{stratum}' staan maar {multi} personen op meer dan één lijst; geen "
                "schatting."
            )
        else:
            usable.append(stratum)

    pooled = estimate(data.pooled(), method=method, alpha=alpha, profile=False)
    result = StrataResult(
        strata=[rows[s] for s in data.strata],
        sum_of_strata=None,
        sum_ci=None,
        pooled_estimate=pooled.estimate,
        pooled_ci=pooled.ci,
        model=[],
        minus_infinity=[],
        warnings=warnings,
    )
    if not usable:
        warnings.append("Voor geen enkel stratum is een schatting mogelijk.")
        return result
    # empty lists within a usable stratum are structural zeros for the fit as well
    impossible = {}
    for stratum in usable:
        totals = data.stratum_data(stratum).list_totals()
        impossible[stratum] = frozenset(data.impossible.get(stratum, ())) | {
            n for n, v in totals.items() if v == 0
        }
    structure, cells = stratified_structure(data.lists, usable, impossible)
    y = np.array([float(data.histories.get(cell, 0)) for cell in cells])
    sel = select(structure, y, method)
    if sel.fit is None:
        warnings.append(
            "Het gezamenlijke model per stratum heeft met deze gegevens geen schatting "
            f"({REASONS_NL.get(sel.error, 'geen eindige schatting')})."
        )
        return result
    design = sel.design
    result.model = [structure.pair_name(structure.pairs[j]) for j in sel.model
                    if j in design.terms]
    result.minus_infinity = [structure.pair_name(structure.pairs[j]) for j in design.empty]
    log_dark = sel.fit.beta[: len(usable)]
    cov = sel.fit.cov_dark
    dark = np.exp(log_dark)
    for k, stratum in enumerate(usable):
        row = rows[stratum]
        sd_k = math.sqrt(max(cov[k, k], 0.0))
        row.estimate = row.observed + float(dark[k])
        row.ci = (row.observed + float(np.exp(log_dark[k] - z * sd_k)),
                  row.observed + float(np.exp(log_dark[k] + z * sd_k)))
    # sum of strata: log-normal on the summed dark figure, delta method for its variance
    total_dark = float(dark.sum())
    grad = dark / total_dark
    sd_sum = math.sqrt(max(float(grad @ cov @ grad), 0.0))
    observed = sum(rows[s].observed for s in data.strata)
    unusable_observed = sum(rows[s].observed for s in data.strata if s not in usable)
    result.sum_of_strata = observed + total_dark
    result.sum_ci = (observed + total_dark * math.exp(-z * sd_sum),
                     observed + total_dark * math.exp(z * sd_sum))
    if unusable_observed:
        warnings.append(
            "De som van de strata telt voor strata zonder schatting alleen de geregistreerde "
            "personen mee, en is daardoor te laag."
        )
    if bootstrap:
        points = [rows[st].estimate for st in usable] + [
            result.sum_of_strata - unusable_observed
        ]
        intervals, failures = _bootstrap_strata(
            data, usable, impossible, method, bootstrap,
            DEFAULT_SEED if seed is None else seed, alpha, points,
        )
        for k, stratum in enumerate(usable):
            rows[stratum].ci_model_conditional = rows[stratum].ci
            rows[stratum].ci = intervals[k]
        lo, hi = intervals[-1]
        result.sum_ci_model_conditional = result.sum_ci
        result.sum_ci = (lo + unusable_observed, hi + unusable_observed)
        result.ci_method = "bca_bootstrap"
        if failures:
            warnings.append(
                f"In {failures} van de {bootstrap} bootstraptrekkingen bestond geen "
                "gezamenlijke schatting; die tellen als onbegrensd groot."
            )
    else:
        warnings.append(
            "De intervallen per stratum zijn modelvoorwaardelijk (gegeven het gekozen model) "
            "en daardoor te smal; gebruik de bootstrap voor intervallen die ook de modelkeuze "
            "meetellen."
        )
    return result
