"""Secondary suppression as one mixed-integer program, with attacker cuts in rounds.

The master problem chooses which cells to suppress (binary per cell, weighted count as
cost). It starts with cheap cuts from single table relations; each round, the attacker
LP checks every protection requirement under the master's pattern and adds a capacity
cut for each one it breaks. The loop ends when no requirement is broken, so the result
is safe for the (slightly stronger than real) attacker of ``attacker.py``.

Speed comes from four things: the relation cuts make the first master nearly safe;
witnesses (feasible tables) settle most requirements without an LP of their own: those
of earlier rounds that are still valid, then a few capped LPs per group of
municipalities (``witness_lp``, ADR 0202), then every attacker LP's solution; only the
requirements left get one warm-started LP each; and all broken requirements of a round
are cut at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from .attacker import (
    TOL,
    Attacker,
    Cut,
    Requirement,
    as_sparse_rows,
    relation_cuts,
    relations_by_cell,
)
from .universe import Universe

# Below this many open requirements one LP each is cheap enough; above it, capped group
# LPs settle most of them first (see ``witness_lp`` and ``Attacker.grouped``).
BATCH_FROM = 16
BATCH_PASSES = 6
MAX_CARRIED = 600
CARRIED_VALUES = 20_000_000
"""Witness tables kept from round to round (each one value per cell): at most
``MAX_CARRIED`` of them and at most ``CARRIED_VALUES`` values (160 MB) in all."""


class InfeasibleError(RuntimeError):
    """No suppression pattern satisfies the policy together with the frozen cells."""


class SolverTimeoutError(RuntimeError):
    """The solver ran out of time before it found a safe pattern."""


@dataclass
class SolveStats:
    rounds: int = 0
    cuts: int = 0
    lp_solves: int = 0
    master_seconds: float = 0.0
    attacker_seconds: float = 0.0
    released: int = 0
    log: list[str] = field(default_factory=list)


def requirements_for(universe: Universe, primary: np.ndarray) -> list[Requirement]:
    """Primary cells: zero and the threshold stay possible. (Other hidden cells must not
    be known exactly; that is checked after the loop, see ``_narrow_secondaries``.)"""
    out: list[Requirement] = []
    for cell in np.flatnonzero(primary):
        out.append(Requirement(int(cell), +1, float(universe.thresholds[cell])))
        if universe.values[cell] > 0:
            out.append(Requirement(int(cell), -1, 0.0))
    return out


def _not_exact(universe: Universe, cell: int, up: bool, conditional: bool) -> Requirement:
    """Move by at least one whole unit, in the direction that had the most room."""
    value = float(universe.values[cell])
    if up or value < 1:
        return Requirement(cell, +1, value + 1, conditional)
    return Requirement(cell, -1, -(value - 1), conditional)


def _costs(universe: Universe, value_weight: float) -> np.ndarray:
    largest = max(1.0, float(universe.values.max(initial=0)))
    return 1.0 + value_weight * universe.values.astype(np.float64) / largest


def solve(
    universe: Universe,
    primary: np.ndarray,
    forced_hidden: np.ndarray,
    forced_shown: np.ndarray,
    value_weight: float,
    time_limit: float,
) -> tuple[np.ndarray, SolveStats]:
    """Return the suppression pattern (bool per cell) of minimal cost that is safe."""
    start = time.perf_counter()
    stats = SolveStats()
    must_hide = primary | forced_hidden
    if np.any(must_hide & forced_shown):
        cells = [universe.keys[i] for i in np.flatnonzero(must_hide & forced_shown)]
        raise InfeasibleError(
            f"{len(cells)} cel(len) moeten volgens de eerdere publicatie zichtbaar blijven "
            f"maar zijn nu onveilig, bijvoorbeeld {dict(cells[0]) or 'het totaal'}."
        )
    requirements = requirements_for(universe, primary)
    cap = float(max(universe.values.max(initial=0), universe.thresholds.max(initial=1), 1))
    attacker = Attacker(universe, cap)
    cuts = CutPool(universe.size)
    by_cell = relations_by_cell(universe)
    cuts.add([c for r in requirements for c in relation_cuts(universe, r, by_cell)])
    costs = _costs(universe, value_weight)
    lower = must_hide.astype(np.float64)
    upper = np.where(forced_shown, 0.0, 1.0)
    extra: list[Requirement] = []
    carried: list[np.ndarray] = [attacker.values]  # the true table is always a witness
    while True:
        stats.rounds += 1
        remaining = time_limit - (time.perf_counter() - start)
        if remaining <= 0:
            raise SolverTimeoutError("De beveiliging kon niet binnen de tijdslimiet worden berekend.")
        t0 = time.perf_counter()
        pattern = _master(costs, cuts, lower, upper, remaining)
        stats.master_seconds += time.perf_counter() - t0
        t0 = time.perf_counter()
        carried = _still_valid(attacker, pattern, carried)
        new_cuts, witnesses = _check(attacker, pattern, requirements + extra, carried)
        keep = max(10, min(MAX_CARRIED, CARRIED_VALUES // max(1, universe.size)))
        carried = [attacker.values] + (carried[1:] + witnesses)[-keep:]
        stats.attacker_seconds += time.perf_counter() - t0
        stats.log.append(
            f"round {stats.rounds}: {int(pattern.sum())} suppressed, {len(new_cuts)} new cuts"
        )
        if new_cuts:
            cuts.add(new_cuts)
            stats.cuts += len(new_cuts)
            continue
        t0 = time.perf_counter()
        narrow, exact = _narrow_secondaries(attacker, pattern, primary, forced_hidden, carried)
        stats.attacker_seconds += time.perf_counter() - t0
        if exact:
            # Known exactly from what is published: showing it tells the attacker nothing.
            pattern[exact] = False
            stats.released += len(exact)
        known = {r.cell for r in extra}
        added = [
            _not_exact(universe, cell, up, conditional=not forced_hidden[cell])
            for cell, up in narrow
            if cell not in known
        ]
        if not added:
            if narrow:
                raise InfeasibleError(
                    "Een onderdrukte cel blijft exact af te leiden; het vastgelegde patroon "
                    "van de eerdere publicatie laat geen betere bescherming toe."
                )
            break
        extra.extend(added)
    stats.lp_solves = attacker.solves
    return pattern, stats


class CutPool:
    """The master's cuts as sparse rows, converted once (cuts only ever get added)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.blocks: list[sparse.csr_matrix] = []
        self.rhs: list[np.ndarray] = []

    def add(self, cuts: list[Cut]) -> None:
        if cuts:
            matrix, rhs = as_sparse_rows(cuts, self.n)
            self.blocks.append(matrix)
            self.rhs.append(rhs)

    def __len__(self) -> int:
        return sum(len(r) for r in self.rhs)

    def rows(self) -> tuple[sparse.csr_matrix, np.ndarray]:
        if len(self.blocks) > 1:
            self.blocks = [sparse.vstack(self.blocks, format="csr")]
            self.rhs = [np.concatenate(self.rhs)]
        return self.blocks[0], self.rhs[0]


def _master(costs, cuts: CutPool, lower, upper, time_limit) -> np.ndarray:
    constraints = []
    if len(cuts):
        matrix, rhs = cuts.rows()
        constraints.append(LinearConstraint(matrix, lb=rhs, ub=np.inf))
    n = len(costs)
    result = milp(
        costs,
        constraints=constraints,
        integrality=np.ones(n),
        bounds=Bounds(lower, upper),
        options={"time_limit": max(1.0, time_limit), "mip_rel_gap": 1e-6},
    )
    if result.status == 2:
        raise InfeasibleError(
            "Er bestaat geen onderdrukkingspatroon dat aan de regels en aan het "
            "vastgelegde patroon van de eerdere publicatie voldoet."
        )
    if result.x is None:
        raise SolverTimeoutError("De beveiliging kon niet binnen de tijdslimiet worden berekend.")
    return result.x > 0.5


def _still_valid(attacker: Attacker, pattern: np.ndarray, witnesses: list[np.ndarray]):
    """Witnesses of earlier rounds that are still feasible tables under this pattern:
    every cell shown now has its true value in them (and hidden ones stay under the
    attacker's cap). When the master only adds suppressions, all of them are."""
    if not witnesses:
        return []
    stacked = np.stack(witnesses)
    shown = ~pattern
    same = np.all(np.abs(stacked[:, shown] - attacker.values[shown]) <= TOL, axis=1)
    capped = np.all(stacked[:, pattern] <= attacker.cap + TOL, axis=1)
    return [w for w, keep in zip(witnesses, same & capped) if keep]


def _check(
    attacker: Attacker,
    pattern: np.ndarray,
    requirements: list[Requirement],
    carried: list[np.ndarray] = (),
):
    """Attack every requirement that no witness (``carried``: still-valid tables from
    earlier rounds; then this round's LP solutions) already satisfies."""
    pending = [r for r in requirements if not r.conditional or pattern[r.cell]]
    cells = np.array([r.cell for r in pending], dtype=np.int64)
    senses = np.array([r.sense for r in pending], dtype=np.float64)
    targets = np.array([r.target for r in pending], dtype=np.float64)
    open_ = np.ones(len(pending), dtype=bool)
    for values in carried:
        open_ &= senses * values[cells] < targets - TOL
    cuts: list[Cut] = []
    witnesses: list[np.ndarray] = []
    if int(open_.sum()) >= BATCH_FROM:
        witnesses = _batch_witnesses(attacker, pattern, pending, cells, senses, targets, open_)
    for i in range(len(pending)):
        if not open_[i]:
            continue
        attack = attacker.attack(pattern, pending[i])
        open_[i] = False
        if attack.cut is not None:
            cuts.append(attack.cut)
        values = attacker.cell_values(attack.solution)
        witnesses.append(values)
        open_ &= senses * values[cells] < targets - TOL
    return cuts, witnesses


def _batch_witnesses(attacker, pattern, pending, cells, senses, targets, open_):
    """Settle most requirements with a few joint LPs per direction, repeated while they
    make progress (see ``witness_lp``), before the one-LP-per-requirement loop; updates
    ``open_`` and returns the witnesses' cell values."""
    witnesses: list[np.ndarray] = []
    grouped = attacker.grouped(pattern)
    for _ in range(BATCH_PASSES):
        before = int(open_.sum())
        for sense in (+1.0, -1.0):
            chosen = np.flatnonzero(open_ & (senses == sense))
            if len(chosen) == 0:
                continue
            tables = grouped.solve(cells[chosen], senses[chosen], targets[chosen], parts=True)
            for table in tables:
                values = attacker.cell_values(table)
                witnesses.append(values)
                open_ &= senses * values[cells] < targets - TOL
        progress = before - int(open_.sum())
        if progress < max(BATCH_FROM // 2, before // 20):
            break
    attacker.solves += grouped.solves
    return witnesses


def _narrow_secondaries(attacker, pattern, primary, forced_hidden, witnesses):
    """Hidden non-primary cells the attacker can pin down: exactly (released, unless an
    earlier publication hid them) or to one whole number. Returns (narrow, exact): narrow
    as (cell, move up?) pairs that need a must-move requirement."""
    secondary = np.flatnonzero(pattern & ~primary)
    if len(secondary) == 0:
        return [], []
    if witnesses:
        stacked = np.stack([w[secondary] for w in witnesses])
        spread = stacked.max(axis=0) - stacked.min(axis=0)
    else:
        spread = np.zeros(len(secondary))
    narrow, exact = [], []
    for cell, seen in zip(secondary, spread):
        if seen >= 1 - TOL:
            continue
        high = attacker.attack(pattern, Requirement(int(cell), +1, np.inf)).value
        low = -attacker.attack(pattern, Requirement(int(cell), -1, np.inf)).value
        value = float(attacker.values[cell])
        if high - low <= TOL and not forced_hidden[cell]:
            exact.append(int(cell))
        elif high - low < 1 - TOL:
            narrow.append((int(cell), high - value >= value - low))
    return narrow, exact
