"""Small builders shared by the disclosure tests."""

from itertools import product


def grid(rows: dict[str, dict[str, int]], row_dim: str = "a", col_dim: str = "b") -> list[dict]:
    """A 2-way table as tidy rows: {"x": {"p": 2, "q": 7}, ...}."""
    return [
        {row_dim: r, col_dim: c, "count": v} for r, cols in rows.items() for c, v in cols.items()
    ]


def tidy(dims: dict[str, list[str]], counts) -> list[dict]:
    """Tidy rows over the full product of ``dims`` with ``counts`` in product order."""
    names = list(dims)
    combos = list(product(*(dims[d] for d in names)))
    return [{**dict(zip(names, combo)), "count": int(c)} for combo, c in zip(combos, counts)]
