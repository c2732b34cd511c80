"""Random sparse tables (hypothesis): every solved pattern passes the attacker audit."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.engines.disclosure import audit_publication, protect_publication

from .helpers import tidy

SPARSE = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))


@st.composite
def two_way(draw):
    rows, cols = draw(st.integers(2, 5)), draw(st.integers(2, 4))
    counts = draw(st.lists(SPARSE, min_size=rows * cols, max_size=rows * cols))
    dims = {"a": [f"a{i}" for i in range(rows)], "b": [f"b{j}" for j in range(cols)]}
    return tidy(dims, counts)


@st.composite
def linked(draw):
    sizes = [draw(st.integers(2, 4)), draw(st.integers(2, 3)), draw(st.integers(2, 3))]
    n = sizes[0] * sizes[1] * sizes[2]
    counts = draw(st.lists(SPARSE, min_size=n, max_size=n))
    dims = {d: [f"{d}{i}" for i in range(k)] for d, k in zip("abc", sizes)}
    return tidy(dims, counts)


FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(two_way())
def test_random_two_way_tables_pass_the_lp_and_integer_audit(rows):
    publication = protect_publication(rows, [("a", "b")])  # runs the LP audit itself
    assert audit_publication(rows, publication, integer=True).ok


@FAST
@given(linked())
def test_random_linked_tables_pass_the_lp_and_integer_audit(rows):
    """Three 2-way tables over three dimensions: a cycle, where table-by-table
    protection is not enough and only the joint model is safe."""
    publication = protect_publication(rows, [("a", "b"), ("a", "c"), ("b", "c")])
    assert audit_publication(rows, publication, integer=True).ok


@st.composite
def wide_linked(draw):
    """Like ``linked`` but with a wider first dimension, so that small groups apply."""
    sizes = [draw(st.integers(5, 8)), draw(st.integers(2, 3)), draw(st.integers(2, 3))]
    n = sizes[0] * sizes[1] * sizes[2]
    counts = draw(st.lists(SPARSE, min_size=n, max_size=n))
    dims = {d: [f"{d}{i}" for i in range(k)] for d, k in zip("abc", sizes)}
    return tidy(dims, counts)


@FAST
@given(wide_linked())
def test_group_witnesses_on_small_groups_never_pass_an_unsafe_cell(rows):
    """Group LPs forced onto groups of a few categories of ``a`` (normally only tables over
    900 full-table cells are split): the solver's pattern still passes the integer audit,
    and the fast audit of a primary-only pattern finds exactly what the exhaustive one
    (min and max LP of every hidden cell) finds."""
    from zicht.engines.disclosure import attacker, audit, solver, witness_lp
    from zicht.engines.disclosure.protect import publication_from_pattern

    tables = [("a", "b"), ("a", "c"), ("b", "c")]
    with pytest.MonkeyPatch.context() as patch:
        for module in (witness_lp, attacker, audit):
            patch.setattr(module, "GROUP_COLUMNS", 8)
        patch.setattr(solver, "BATCH_FROM", 2)  # the solver's group passes on every round
        publication = protect_publication(rows, tables)  # fast LP audit inside
        assert audit_publication(rows, publication, integer=True).ok
        naive = publication_from_pattern(rows, tables, lambda u, p: p)
        fast = {(f.kind, f.key) for f in audit_publication(rows, naive).findings}
    slow = {(f.kind, f.key) for f in audit_publication(rows, naive, full=True).findings}
    assert fast == slow
