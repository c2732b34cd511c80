"""The policy of issue 3 on small, hand-checkable tables."""

import pytest

from zicht.engines.disclosure import (
    InputError,
    Policy,
    ProtectedPublication,
    ProtectedTable,
    PublishedCell,
    TableSpec,
    audit_publication,
    protect_publication,
)

from .helpers import grid, tidy


def _hidden(publication, table=0):
    return {tuple(sorted(c.key.items())) for c in publication.tables[table].cells if c.suppressed}


def test_two_ones_that_would_only_reveal_each_other_get_more_company():
    """Two cells of 1 in one row: hiding just the pair tells the attacker they sum to 2,
    so neither can reach the threshold. The solver must hide more."""
    rows = grid(
        {
            "x": {"p": 1, "q": 1, "r": 30},
            "y": {"p": 20, "q": 25, "r": 40},
            "z": {"p": 22, "q": 18, "r": 35},
        }
    )
    publication = protect_publication(rows, [("a", "b")])
    assert publication.primary_suppressed == 2
    assert publication.secondary_suppressed >= 2
    report = audit_publication(rows, publication, integer=True, full=True)
    assert report.ok
    for cell in ((("a", "x"), ("b", "p")), (("a", "x"), ("b", "q"))):
        low, high = report.intervals[cell]
        assert low == 0 and high >= 5


def test_audit_rejects_hiding_only_the_pair_of_ones():
    rows = grid({"x": {"p": 1, "q": 1, "r": 30}, "y": {"p": 20, "q": 25, "r": 40}})
    values = {("x", "p"): 1, ("x", "q"): 1, ("x", "r"): 30, ("y", "p"): 20, ("y", "q"): 25,
              ("y", "r"): 40}
    cells = [
        PublishedCell({"a": a, "b": b}, None if v == 1 else v, v == 1, v == 1)
        for (a, b), v in values.items()
    ]
    cells += [PublishedCell({"a": "x"}, 32, False, False), PublishedCell({"a": "y"}, 85, False, False)]
    cells += [PublishedCell({"b": b}, v, False, False) for b, v in {"p": 21, "q": 26, "r": 70}.items()]
    cells.append(PublishedCell({}, 117, False, False))
    naive = ProtectedPublication(
        tables=[ProtectedTable(TableSpec(("a", "b")), 5, cells)], policy=Policy(),
        primary_suppressed=2, secondary_suppressed=0, cells_published=12, persons_suppressed=2,
        persons_total=117, solve_seconds=0, rounds=0, cuts=0, lp_solves=0,
    )
    report = audit_publication(rows, naive)
    assert not report.ok
    # The column totals give each 1 away exactly (21 - 20, 26 - 25).
    flagged = {(f.kind, f.key) for f in report.findings}
    for key in ((("a", "x"), ("b", "p")), (("a", "x"), ("b", "q"))):
        assert {("exact", key), ("upper", key), ("lower", key)} <= flagged


def test_a_cell_is_hidden_everywhere_it_appears():
    """Municipality margins are shared by the form table and the gender table."""
    rows = tidy(
        {"municipality": ["A", "B", "C"], "form": ["sexual", "labour"], "gender": ["f", "m"]},
        [10, 8, 7, 9, 2, 1, 0, 0, 12, 6, 9, 11],
    )
    publication = protect_publication(rows, [("municipality", "form"), ("municipality", "gender")])
    seen: dict = {}
    for table in publication.tables:
        for cell in table.cells:
            key = tuple(sorted(cell.key.items()))
            seen.setdefault(key, set()).add(cell.suppressed)
    assert all(len(states) == 1 for states in seen.values())
    # Municipality B has 3 persons: its margin is hidden in both tables.
    for table in publication.tables:
        (margin,) = [c for c in table.cells if c.key == {"municipality": "B"}]
        assert margin.suppressed and margin.value is None and margin.primary


def test_minors_threshold_and_per_table_override():
    rows = grid({"x": {"p": 7, "q": 30}, "y": {"p": 25, "q": 40}})
    normal = protect_publication(rows, [TableSpec(("a", "b"))])
    minors = protect_publication(rows, [TableSpec(("a", "b"), minors=True)])
    named = protect_publication(rows, [TableSpec(("a", "b"), name="k")], Policy(overrides={"k": 8}))
    assert normal.primary_suppressed == 0 and normal.suppressed == 0
    assert minors.primary_suppressed == 1 and minors.tables[0].threshold == 10
    assert named.primary_suppressed == 1 and named.tables[0].threshold == 8


def test_zeros_are_shown_and_every_cell_is_listed():
    rows = grid({"x": {"p": 0, "q": 30}, "y": {"p": 25, "q": 40}})
    (table,) = protect_publication(rows, [("a", "b")]).to_json()
    assert table["dimensions"] == ["a", "b"]
    keys = [c["key"] for c in table["cells"]]
    assert len(keys) == 9 and {} in keys and {"a": "x"} in keys and {"b": "q"} in keys
    zero = next(c for c in table["cells"] if c["key"] == {"a": "x", "b": "p"})
    assert zero == {"key": {"a": "x", "b": "p"}, "value": 0, "suppressed": False, "primary": False}
    assert next(c for c in table["cells"] if c["key"] == {})["value"] == 95


def test_public_json_does_not_tell_primary_from_secondary():
    rows = grid({"x": {"p": 2, "q": 30}, "y": {"p": 25, "q": 40}})
    publication = protect_publication(rows, [("a", "b")])
    for table in publication.to_public_json():
        for cell in table["cells"]:
            assert set(cell) == {"key", "value"}
    assert all(c.value is None for t in publication.tables for c in t.cells if c.suppressed)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"a": "x", "count": -1}], "negatief"),
        ([{"a": "x", "count": 2.5}], "geen geheel getal"),
        ([{"a": "x", "count": "drie"}], "geen geheel getal"),
        ([{"a": "x", "aantal": 3}], "kolom 'count' ontbreekt"),
        ([{"a": None, "count": 3}], "ontbreekt"),
    ],
)
def test_malformed_input_is_refused_in_dutch(rows, message):
    with pytest.raises(InputError, match=message):
        protect_publication(rows, [("a",)])


def test_unknown_dimension_is_refused():
    with pytest.raises(InputError, match="niet in de invoer"):
        protect_publication([{"a": "x", "count": 3}], [("a", "b")])
