"""The textbook examples.

SDC Handbook (Hundepool et al., 2nd ed. 2024), chapter 4 (tabular data), section on
secondary protection, Example 3 (after Geurts 1992, table 10): a 3x2 table whose four
upper-left cells are suppressed; the feasibility interval of X11 is [3, 6]. Our audit must
compute exactly that, as LP and as integer program.
"""

import pytest

from zicht.engines.disclosure import (
    Policy,
    ProtectedPublication,
    ProtectedTable,
    PublishedCell,
    TableSpec,
    audit_publication,
    protect_publication,
)

from .helpers import grid

# True values consistent with the published margins (X11 + X12 = 7, X21 + X22 = 3, ...).
EXAMPLE_3 = grid({"1": {"1": 4, "2": 3}, "2": {"1": 2, "2": 1}, "3": {"1": 3, "2": 3}})
HIDDEN = {("1", "1"), ("1", "2"), ("2", "1"), ("2", "2")}


def _example_publication() -> ProtectedPublication:
    values = {("1", "1"): 4, ("1", "2"): 3, ("2", "1"): 2, ("2", "2"): 1, ("3", "1"): 3, ("3", "2"): 3}
    cells = []
    for (r, c), v in values.items():
        hidden = (r, c) in HIDDEN
        cells.append(PublishedCell({"a": r, "b": c}, None if hidden else v, hidden, False))
    for r, v in {"1": 7, "2": 3, "3": 6}.items():
        cells.append(PublishedCell({"a": r}, v, False, False))
    for c, v in {"1": 9, "2": 7}.items():
        cells.append(PublishedCell({"b": c}, v, False, False))
    cells.append(PublishedCell({}, 16, False, False))
    # Threshold 1: nothing is unsafe, so only the feasibility intervals are at stake.
    table = ProtectedTable(TableSpec(("a", "b")), threshold=1, cells=cells)
    return ProtectedPublication(
        tables=[table], policy=Policy(threshold=1), primary_suppressed=0,
        secondary_suppressed=4, cells_published=12, persons_suppressed=10, persons_total=16,
        solve_seconds=0.0, rounds=0, cuts=0, lp_solves=0,
    )


@pytest.mark.parametrize("integer", [False, True])
def test_feasibility_interval_of_handbook_example_3(integer):
    report = audit_publication(EXAMPLE_3, _example_publication(), integer=integer, full=True)
    assert report.intervals[(("a", "1"), ("b", "1"))] == pytest.approx((3.0, 6.0))
    assert report.intervals[(("a", "1"), ("b", "2"))] == pytest.approx((1.0, 4.0))
    assert report.intervals[(("a", "2"), ("b", "1"))] == pytest.approx((0.0, 3.0))
    assert report.intervals[(("a", "2"), ("b", "2"))] == pytest.approx((0.0, 3.0))
    assert report.ok


def test_classic_rectangle_is_the_optimal_pattern():
    """Hand-checkable: one small cell (2) in a 3x3 table of large counts. The cheapest
    safe pattern is a rectangle of four cells: the 2, one cell in its row, one in its
    column and the opposite corner, all with room to move by 3 (to the threshold) and 2
    (to zero). Any pattern with fewer than three secondaries leaves the 2 derivable."""
    rows = grid(
        {
            "x": {"p": 2, "q": 20, "r": 30},
            "y": {"p": 25, "q": 40, "r": 50},
            "z": {"p": 35, "q": 45, "r": 60},
        }
    )
    publication = protect_publication(rows, [("a", "b")])
    hidden = {
        (c.key["a"], c.key["b"]) for c in publication.tables[0].cells if c.suppressed
    }
    assert publication.primary_suppressed == 1
    assert publication.secondary_suppressed == 3
    assert ("x", "p") in hidden and len(hidden) == 4
    (rows_hit, cols_hit) = ({r for r, _ in hidden}, {c for _, c in hidden})
    assert len(rows_hit) == 2 and len(cols_hit) == 2  # a rectangle, margins untouched
    # The tie-break prefers the rectangle hiding the fewest persons: x-q, y-p, y-q.
    assert hidden == {("x", "p"), ("x", "q"), ("y", "p"), ("y", "q")}
    report = audit_publication(rows, publication, integer=True, full=True)
    assert report.ok
    low, high = report.intervals[(("a", "x"), ("b", "p"))]
    assert low == 0 and high >= 5
