"""Published sums of some categories of one dimension, protected with the table they add up from.

"121 clients faced sexual exploitation" is the sum of four of the six sectors of a published table.
Once published it is one more linear relation the attacker knows: beside a table with one hidden
sector it gives that sector back by subtraction. So it must be part of the same problem.

It is modelled as the linkage tables are (``publish.linked``): each sum is a derived 0/1 dimension
(``"1"``: the row's category is one of the sum's, ``"0"``: it is not) whose margin is published
(the ``"1"`` cell is the sum; the ``"0"`` cell is the total minus the sum, which the total gives
away anyway), and every full-table cell whose derived value contradicts its category is a public
zero (a cell outside every table, shown, value 0). The solver and the independent audit then see
``sum = sum of its categories`` with no change to their model: the attacker's LP has the sum as an
equality over exactly the member cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .microtable import COUNT_COLUMN, InputError
from .policy import TableSpec

IN = "1"
OUT = "0"
LEVELS = (OUT, IN)


@dataclass(frozen=True)
class SubsetSum:
    """The published sum of ``members`` (categories of ``dimension``), named ``name``.

    ``name`` becomes a dimension of the microtable, so it must not be a column of the data.
    ``threshold`` and ``minors`` are those of the sum's own table (see ``TableSpec``)."""

    name: str
    dimension: str
    members: frozenset[str]
    threshold: int | None = None
    minors: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "members", frozenset(str(m) for m in self.members))
        if not self.members:
            raise InputError(f"De som '{self.name}' noemt geen enkele categorie van '{self.dimension}'.")
        if not self.name or self.name == self.dimension:
            raise InputError(f"De som over '{self.dimension}' heeft een eigen naam nodig.")

    @property
    def key(self) -> dict[str, str]:
        """The engine's cell that holds the sum."""
        return {self.name: IN}

    @property
    def spec(self) -> TableSpec:
        return TableSpec((self.name,), name=self.name, threshold=self.threshold, minors=self.minors)

    def level(self, category: str) -> str:
        return IN if str(category) in self.members else OUT


def check(columns: Iterable[str], sums: Sequence[SubsetSum]) -> None:
    """Each sum names a dimension of the data and a name that is not one."""
    columns = set(columns)
    names = [s.name for s in sums]
    if len(set(names)) != len(names):
        raise InputError("Twee sommen hebben dezelfde naam.")
    for s in sums:
        if s.dimension not in columns:
            raise InputError(f"De som '{s.name}' telt categorieën van '{s.dimension}', die niet in de invoer staat.")
        if s.name in columns or s.name == COUNT_COLUMN:
            raise InputError(f"De som '{s.name}' heeft de naam van een kolom van de invoer.")


def expand(records: Iterable[Mapping], sums: Sequence[SubsetSum]) -> list[dict]:
    """The tidy rows with each sum's 0/1 column derived from its dimension."""
    out = []
    for record in records:
        row = dict(record)
        for s in sums:
            row[s.name] = s.level(str(row[s.dimension]).strip())
        out.append(row)
    return out


def categories(sums: Sequence[SubsetSum]) -> dict[str, tuple[str, ...]]:
    """Both levels of every sum, also when no row has one of them (a sum of 0, or of everything)."""
    return {s.name: LEVELS for s in sums}


def known_zeros(dimension_categories: Mapping[str, Sequence[str]],
                sums: Sequence[SubsetSum]) -> dict[tuple[tuple[str, str], ...], bool]:
    """Cells (category, level) that contradict the sum's definition: public zeros, status shown."""
    out = {}
    for s in sums:
        for category in dimension_categories[s.dimension]:
            wrong = OUT if s.level(category) == IN else IN
            out[tuple(sorted({s.dimension: str(category), s.name: wrong}.items()))] = False
    return out
