"""A simple hypercube-style heuristic (GHMITER-like), kept as the benchmark baseline.

Each hidden cell is protected table by table with the cheapest rectangle (four corners
in two rows and two columns of one 2-way table, margins included) whose corners have
room for the required move; newly hidden corners are protected in turn, in every table
they appear in. It is fast and simple but local: it never looks across linked tables,
so it may hide more than needed and, on linked tables, may still leave a cell exposed.
Only 1- and 2-way tables are supported.
"""

from __future__ import annotations

from collections import deque
from itertools import product

import numpy as np

from .universe import Universe, cell_key

TOTAL = None


def _grids(universe: Universe):
    """Per table: a (rows x cols) array of cell ids, totals last."""
    grids = []
    for spec in universe.tables:
        dims = [d for d in universe.dimensions if d in spec.dimensions]
        if len(dims) > 2:
            raise NotImplementedError("De hypercube-heuristiek kent alleen 1- en 2-dimensionale tabellen.")
        if len(dims) < 2:
            dims = dims + [None]
        axes = [list(universe.categories[d]) + [TOTAL] if d else [TOTAL] for d in dims]
        grid = np.empty((len(axes[0]), len(axes[1])), dtype=np.int64)
        for (i, r), (j, c) in product(enumerate(axes[0]), enumerate(axes[1])):
            key = dict(spec.where)
            if r is not TOTAL:
                key[dims[0]] = r
            if c is not TOTAL:
                key[dims[1]] = c
            grid[i, j] = universe.index[cell_key(key)]
        grids.append(grid)
    return grids


def _signs(a: int, b: int, total: int) -> tuple[int, int]:
    """Signs of the two lines of a rectangle: a total moves with its part."""
    return (1, 1) if total in (a, b) else (1, -1)


def hypercube(universe: Universe, primary: np.ndarray) -> np.ndarray:
    values = universe.values
    hidden = primary.copy()
    grids = _grids(universe)
    where: dict[int, list[tuple[int, int, int]]] = {}
    for t, grid in enumerate(grids):
        for (i, j), cell in np.ndenumerate(grid):
            where.setdefault(int(cell), []).append((t, i, j))
    queue = deque(int(c) for c in np.flatnonzero(hidden))
    while queue:
        cell = queue.popleft()
        for t, i, j in where.get(cell, []):
            grid = grids[t]
            best = _best_rectangle(grid, i, j, values, hidden, primary[cell], universe.thresholds[cell])
            if best is None:
                continue
            for corner in best:
                if not hidden[corner]:
                    hidden[corner] = True
                    queue.append(corner)
    return hidden


def _best_rectangle(grid, i, j, values, hidden, is_primary, threshold):
    rows, cols = grid.shape
    a = values[grid[i, j]]
    best, best_cost, fallback, fallback_room = None, None, None, -1.0
    other_rows = [r for r in range(rows) if r != i] or [i]
    other_cols = [c for c in range(cols) if c != j] or [j]
    for r2, c2 in product(other_rows, other_cols):
        if r2 == i and c2 == j:
            continue
        row_sign = _signs(i, r2, rows - 1)
        col_sign = _signs(j, c2, cols - 1)
        corners = []
        for (rr, rs), (cc, cs) in product(((i, row_sign[0]), (r2, row_sign[1])),
                                          ((j, col_sign[0]), (c2, col_sign[1]))):
            corners.append((int(grid[rr, cc]), rs * cs))
        corners = list(dict(corners).items())
        others = [(c, s) for c, s in corners if c != grid[i, j]]
        if not others:
            continue
        down_room = min((values[c] for c, s in others if s < 0), default=np.inf)
        up_room = min((values[c] for c, s in others if s > 0), default=np.inf)
        if is_primary:
            ok = down_room >= threshold - a and up_room >= a
            room = min(down_room / max(threshold - a, 1), up_room / max(a, 1))
        else:
            ok = down_room >= 1 or (a >= 1 and up_room >= 1)
            room = max(down_room, up_room)
        cost = sum(0 if hidden[c] else 1 + values[c] / 1e4 for c, _ in others)
        if ok and (best_cost is None or cost < best_cost):
            best, best_cost = [c for c, _ in others], cost
        if room > fallback_room:
            fallback, fallback_room = [c for c, _ in others], room
        if ok and cost == 0:
            return None  # already protected by hidden cells
    return best if best is not None else fallback
