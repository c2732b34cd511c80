"""Random sparse tables (hypothesis): every solved pattern passes the attacker audit."""

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
