"""The solver's attacker: how far can a suppressed cell move, and why not further.

Given a suppression pattern, one LP over the hidden full table (non-negative) with every
published cell fixed tells how high (or low) a cell can go. When that is not far enough,
the LP duals give a Benders (Fischetti-Salazar) capacity cut: a linear inequality over
the suppression indicators that every safe pattern satisfies and this one violates.

To make the cut valid for every pattern, a suppressed cell is modelled with an upper
bound ``cap`` (at least the grand total): the attacker then knows slightly more than in
reality, so a pattern that protects against this attacker protects against the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from .universe import Universe
from .warm_lp import WarmLP, available
from .witness_lp import GROUP_COLUMNS, GroupedWitness, column_groups

TOL = 1e-6


@dataclass(frozen=True)
class Requirement:
    """The attacker's best value of ``sense * cell`` must reach ``target``.

    Upper protection of a small cell: sense +1, target = threshold. Lower protection
    (zero cannot be ruled out): sense -1, target 0. ``conditional`` requirements only
    apply while the cell is suppressed (secondary cells must not be exactly known).
    """

    cell: int
    sense: int
    target: float
    conditional: bool = False


@dataclass
class Cut:
    coefficients: dict[int, float]
    rhs: float


@dataclass
class Attack:
    value: float
    solution: np.ndarray
    cut: Cut | None


class Attacker:
    def __init__(self, universe: Universe, cap: float, warm: bool = True) -> None:
        self.universe = universe
        self.matrix = universe.matrix.tocsr()
        self.values = universe.values.astype(np.float64)
        self.cap = float(cap)
        self.solves = 0
        self._column_groups: list[np.ndarray] | None = None
        self.warm = WarmLP(self.matrix, self.values, self.values) if warm and available() else None

    def attack(self, suppressed: np.ndarray, requirement: Requirement) -> Attack:
        """Solve the attacker LP for one requirement under the given pattern."""
        if self.warm is not None:
            attack = self._attack_warm(suppressed, requirement)
            if attack is not None:
                return attack
        return self._attack_cold(suppressed, requirement)

    def _attack_warm(self, suppressed: np.ndarray, requirement: Requirement) -> Attack | None:
        lower = np.where(suppressed, -np.inf, self.values)
        upper = np.where(suppressed, self.cap, self.values)
        self.warm.set_rows(lower, upper)
        row = self.matrix[requirement.cell]
        outcome = self.warm.solve(row.indices, -requirement.sense * row.data)
        self.solves += 1
        if outcome is None:
            return None
        objective, x, duals = outcome
        best = -float(objective)
        if best >= requirement.target - TOL or not np.isfinite(requirement.target):
            return Attack(best, x, None)
        pub_idx = np.flatnonzero(~suppressed)
        sup_idx = np.flatnonzero(suppressed)
        cut = self._cut_from_duals(requirement, pub_idx, duals[pub_idx], sup_idx, duals[sup_idx])
        return Attack(best, x, cut)

    def _attack_cold(self, suppressed: np.ndarray, requirement: Requirement) -> Attack:
        a = self.matrix
        published = ~suppressed
        pub_idx = np.flatnonzero(published)
        sup_idx = np.flatnonzero(suppressed)
        objective = -requirement.sense * a[requirement.cell].toarray().ravel()
        a_eq = a[pub_idx] if len(pub_idx) else None
        b_eq = self.values[pub_idx] if len(pub_idx) else None
        a_ub = a[sup_idx] if len(sup_idx) else None
        b_ub = np.full(len(sup_idx), self.cap) if len(sup_idx) else None
        result = linprog(
            objective,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=a_eq,
            b_eq=b_eq,
            bounds=(0, None),
            method="highs-ds",
        )
        self.solves += 1
        if result.status != 0:
            raise RuntimeError(f"attacker LP failed: {result.message}")
        best = -float(result.fun)
        if best >= requirement.target - TOL or not np.isfinite(requirement.target):
            return Attack(best, result.x, None)
        return Attack(best, result.x, self._cut(requirement, pub_idx, sup_idx, result))

    def _cut(self, requirement: Requirement, pub_idx, sup_idx, result) -> Cut:
        eq = np.asarray(result.eqlin.marginals) if len(pub_idx) else np.zeros(0)
        ub = np.asarray(result.ineqlin.marginals) if len(sup_idx) else np.zeros(0)
        return self._cut_from_duals(requirement, pub_idx, eq, sup_idx, ub)

    def _cut_from_duals(self, requirement, pub_idx, pub_duals, sup_idx, sup_duals) -> Cut:
        """Row duals (d min / d bound, HiGHS sign convention) to a capacity cut."""
        values = self.values
        coefficients: dict[int, float] = {}
        constant = 0.0
        if len(pub_idx):
            dual = -np.asarray(pub_duals)  # d(max)/d(b) for published cells
            for cell, pi in zip(pub_idx, dual):
                if abs(pi) <= 1e-9:
                    continue
                b = values[cell]
                if pi > 0:
                    coefficients[int(cell)] = pi * (self.cap - b)
                else:
                    coefficients[int(cell)] = -pi * b
                constant += pi * b
        if len(sup_idx):
            dual = -np.asarray(sup_duals)
            for cell, pi in zip(sup_idx, dual):
                if pi <= 1e-9:
                    continue
                b = values[cell]
                coefficients[int(cell)] = pi * (self.cap - b)
                constant += pi * b
        rhs = requirement.target - constant
        # With 0/1 indicators a coefficient above the right-hand side can be lowered to it.
        coefficients = {c: min(k, rhs) for c, k in coefficients.items() if k > 1e-9}
        if requirement.conditional:
            own = coefficients.get(requirement.cell, 0.0)
            coefficients[requirement.cell] = own - rhs
            rhs = 0.0
        return Cut(coefficients, rhs)

    def cell_values(self, solution: np.ndarray) -> np.ndarray:
        return self.matrix @ solution

    def grouped(self, suppressed: np.ndarray) -> GroupedWitness:
        """Group LPs (see ``witness_lp``) under this pattern, around the true table."""
        universe = self.universe
        lower = np.where(suppressed, -np.inf, self.values)
        upper = np.where(suppressed, self.cap, self.values)
        return GroupedWitness(self.matrix, lower, upper, universe.full_counts, self._groups())

    def _groups(self) -> list[np.ndarray]:
        if self._column_groups is None:
            universe = self.universe
            n_full = self.matrix.shape[1]
            if not universe.dimensions or n_full <= GROUP_COLUMNS:
                self._column_groups = [np.arange(n_full)]
            else:
                shape = tuple(len(universe.categories[d]) for d in universe.dimensions)
                widest = int(np.argmax(shape))
                codes = np.unravel_index(np.arange(n_full), shape)[widest]
                self._column_groups = column_groups(
                    codes, universe.full_counts.astype(np.float64), shape[widest]
                )
        return self._column_groups


def relations_by_cell(universe: Universe) -> dict[int, list[tuple[int, list[int]]]]:
    """Each cell's relations (as parent or as child), so ``relation_cuts`` need not scan
    them all for every requirement."""
    out: dict[int, list[tuple[int, list[int]]]] = {}
    for parent, children in universe.relations:
        for cell in (parent, *children):
            out.setdefault(cell, []).append((parent, children))
    return out


def relation_cuts(
    universe: Universe,
    requirement: Requirement,
    by_cell: dict[int, list[tuple[int, list[int]]]] | None = None,
) -> list[Cut]:
    """Cheap valid cuts from each single table relation (parent = sum of children).

    If the cell must rise by ``delta`` and it is a child, the parent must be suppressed
    or siblings that can fall by ``delta`` in total; if it is a parent, one child must
    be suppressed; a fall is the mirror image. These seed the master so the first
    rounds are already close to safe.
    """
    values = universe.values
    p = requirement.cell
    current = float(values[p])
    if requirement.sense > 0:
        delta = requirement.target - current
    else:
        delta = current + requirement.target
    if delta <= TOL:
        return []
    rising = requirement.sense > 0
    cuts: list[Cut] = []
    relations = universe.relations if by_cell is None else by_cell.get(p, [])
    for parent, children in relations:
        if p == parent:
            if rising:
                coefficients = {c: 1.0 for c in children}
            else:
                coefficients = {c: min(float(values[c]), delta) / delta for c in children}
        elif p in children:
            siblings = [c for c in children if c != p]
            if rising:
                coefficients = {c: min(float(values[c]), delta) / delta for c in siblings}
            else:
                coefficients = {c: 1.0 for c in siblings}
            coefficients[parent] = 1.0
        else:
            continue
        coefficients = {c: k for c, k in coefficients.items() if k > 0}
        rhs = 1.0
        if requirement.conditional:
            coefficients[p] = coefficients.get(p, 0.0) - rhs
            rhs = 0.0
        cuts.append(Cut(coefficients, rhs))
    return cuts


def as_sparse_rows(cuts: list[Cut], n: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    sizes = np.fromiter((len(cut.coefficients) for cut in cuts), dtype=np.int64, count=len(cuts))
    total = int(sizes.sum())
    cols = np.fromiter(
        (c for cut in cuts for c in cut.coefficients), dtype=np.int64, count=total
    )
    data = np.fromiter(
        (k for cut in cuts for k in cut.coefficients.values()), dtype=np.float64, count=total
    )
    indptr = np.concatenate([[0], np.cumsum(sizes)])
    matrix = sparse.csr_matrix((data, cols, indptr), shape=(len(cuts), n))
    matrix.sum_duplicates()
    return matrix, np.array([cut.rhs for cut in cuts], dtype=np.float64)
