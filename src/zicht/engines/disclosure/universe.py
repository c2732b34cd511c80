"""All cells of one publication and how each is a sum of the hidden full table.

The attacker the issue describes knows every published number and that a non-negative
table of whole numbers lies behind them. That table is the full cross-classification
over every dimension any published table uses; each published cell (interior or
margin) is the sum of its full-table cells. One sparse 0/1 matrix says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np
from scipy import sparse

from .microtable import InputError, Microtable
from .policy import Policy, TableSpec

CellKey = tuple[tuple[str, str], ...]
"""A cell: (dimension, value) pairs sorted by dimension; the grand total is ``()``."""

MAX_FULL_CELLS = 3_000_000


def cell_key(mapping: Mapping[str, str]) -> CellKey:
    return tuple(sorted((str(d), str(v)) for d, v in mapping.items()))


@dataclass
class Universe:
    dimensions: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    full_counts: np.ndarray
    keys: list[CellKey]
    index: dict[CellKey, int]
    values: np.ndarray
    matrix: sparse.csr_matrix
    thresholds: np.ndarray
    tables: list[TableSpec]
    table_cells: list[list[int]]
    in_table: np.ndarray
    relations: list[tuple[int, list[int]]]

    @property
    def size(self) -> int:
        return len(self.keys)


def _subsets(dims: Sequence[str]) -> list[tuple[str, ...]]:
    """All subsets, largest first, so a table lists its interior before its margins."""
    out: list[tuple[str, ...]] = []
    for k in range(len(dims), -1, -1):
        out.extend(combinations(dims, k))
    return out


def build_universe(
    table: Microtable,
    specs: Sequence[TableSpec],
    policy: Policy,
    extra_keys: Iterable[CellKey] = (),
) -> Universe:
    """Enumerate every published cell (zeros included), its value and its threshold."""
    if not specs:
        raise InputError("Er is geen tabel opgegeven om te publiceren.")
    for spec in specs:
        missing = [d for d in spec.dimensions if d not in table.dimensions]
        if missing:
            raise InputError(
                f"Tabel '{spec.label}' gebruikt dimensie(s) {', '.join(missing)}, "
                f"die niet in de invoer staan (wel: {', '.join(table.dimensions)})."
            )
    for spec in specs:
        for d, v in spec.where.items():
            if d not in table.dimensions or v not in table.categories[d]:
                raise InputError(
                    f"Tabel '{spec.label}' beperkt zich tot {d}={v}, maar die waarde komt niet "
                    "in de invoer voor."
                )
    used = {d for spec in specs for d in (*spec.dimensions, *spec.where)}
    extra_keys = list(extra_keys)
    for key in extra_keys:
        for d, v in key:
            if d not in table.dimensions:
                raise InputError(f"Een eerder gepubliceerde cel noemt onbekende dimensie '{d}'.")
            if v not in table.categories[d]:
                raise InputError(
                    f"Een eerder gepubliceerde cel noemt '{v}', geen waarde van dimensie '{d}'."
                )
            used.add(d)
    dims = tuple(d for d in table.dimensions if d in used)
    cats = {d: table.categories[d] for d in dims}
    shape = tuple(len(cats[d]) for d in dims)
    n_full = int(np.prod(shape, dtype=np.int64)) if dims else 1
    if n_full > MAX_FULL_CELLS:
        raise InputError(
            f"De gekoppelde tabellen beslaan samen {n_full} cellen; dat is te groot om "
            "gezamenlijk te beveiligen. Publiceer minder gekruiste dimensies."
        )
    code_of = {d: {v: i for i, v in enumerate(cats[d])} for d in dims}
    full_counts = np.zeros(n_full, dtype=np.int64)
    for key, count in table.rows.items():
        if count == 0:
            continue
        codes = [code_of[d][v] for d, v in zip(table.dimensions, key) if d in code_of]
        flat = int(np.ravel_multi_index(codes, shape)) if dims else 0
        full_counts[flat] += count
    full_codes = (
        np.stack(np.unravel_index(np.arange(n_full), shape), axis=1)
        if dims
        else np.zeros((1, 0), dtype=np.int64)
    )
    position = {d: i for i, d in enumerate(dims)}

    keys: list[CellKey] = []
    index: dict[CellKey, int] = {}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    group_offset: dict[tuple, int] = {}

    def add_group(subset: tuple[str, ...], where: Mapping[str, str]) -> int:
        ordered = tuple(d for d in dims if d in subset)
        fixed = tuple(sorted(where.items()))
        if (ordered, fixed) in group_offset:
            return group_offset[(ordered, fixed)]
        offset = len(keys)
        group_offset[(ordered, fixed)] = offset
        for values in product(*(cats[d] for d in ordered)):
            key = cell_key({**where, **dict(zip(ordered, values))})
            index[key] = len(keys)
            keys.append(key)
        sub_shape = tuple(len(cats[d]) for d in ordered)
        members = np.ones(n_full, dtype=bool)
        for d, v in fixed:
            members &= full_codes[:, position[d]] == code_of[d][v]
        members = np.flatnonzero(members)
        if ordered:
            proj = np.ravel_multi_index(
                tuple(full_codes[members, position[d]] for d in ordered), sub_shape
            )
        else:
            proj = np.zeros(len(members), dtype=np.int64)
        rows.append(offset + proj)
        cols.append(members)
        return offset

    table_cells: list[list[int]] = []
    thresholds_by_cell: dict[int, int] = {}
    relation_seen: set[tuple] = set()
    relations: list[tuple[int, list[int]]] = []
    for spec in specs:
        ordered_spec = tuple(d for d in dims if d in spec.dimensions)
        ids: list[int] = []
        where = spec.where
        for subset in _subsets(ordered_spec):
            add_group(subset, where)
            for values in product(*(cats[d] for d in subset)):
                ids.append(index[cell_key({**where, **dict(zip(subset, values))})])
        table_cells.append(ids)
        threshold = policy.threshold_for(spec)
        for i in ids:
            thresholds_by_cell[i] = max(thresholds_by_cell.get(i, 0), threshold)
        fixed = tuple(sorted(where.items()))
        for subset in _subsets(ordered_spec):
            for d in ordered_spec:
                if d in subset or (subset, d, fixed) in relation_seen:
                    continue
                relation_seen.add((subset, d, fixed))
                for values in product(*(cats[e] for e in subset)):
                    base = {**where, **dict(zip(subset, values))}
                    parent = index[cell_key(base)]
                    children = [index[cell_key({**base, d: v})] for v in cats[d]]
                    relations.append((parent, children))
    n_table_cells = len(keys)
    for key in extra_keys:
        if key in index:
            continue
        mask = np.ones(n_full, dtype=bool)
        for d, v in key:
            mask &= full_codes[:, position[d]] == code_of[d][v]
        index[key] = len(keys)
        rows.append(np.full(int(mask.sum()), len(keys)))
        cols.append(np.flatnonzero(mask))
        keys.append(key)
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    matrix = sparse.csr_matrix(
        (np.ones(len(row), dtype=np.float64), (row, col)), shape=(len(keys), n_full)
    )
    values = np.rint(matrix @ full_counts.astype(np.float64)).astype(np.int64)
    thresholds = np.zeros(len(keys), dtype=np.int64)
    for i, t in thresholds_by_cell.items():
        thresholds[i] = t
    default = policy.threshold
    thresholds[thresholds == 0] = default
    in_table = np.zeros(len(keys), dtype=bool)
    in_table[:n_table_cells] = True
    return Universe(
        dimensions=dims,
        categories=cats,
        full_counts=full_counts,
        keys=keys,
        index=index,
        values=values,
        matrix=matrix,
        thresholds=thresholds,
        tables=list(specs),
        table_cells=table_cells,
        in_table=in_table,
        relations=relations,
    )
