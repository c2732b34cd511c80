import pytest

from zicht.engines.trends import compare_counts, describe_change_nl


def test_small_counts_are_not_called_a_trend():
    text = describe_change_nl(23, 16, 2022, 2021, "aangiftes")
    assert "23 aangiftes in 2022, tegen 16 in 2021" in text
    assert "stijging" not in text and "%" not in text


def test_a_real_change_gets_a_percentage():
    text = describe_change_nl(168, 129, 2022, 2021, "contactmomenten")
    assert "stijging van 30%" in text


def test_exact_interval_contains_the_observed_ratio():
    cmp = compare_counts(40, 20)
    lo, hi = cmp.ratio_ci
    assert lo < 2.0 < hi
    assert cmp.significant


@pytest.mark.parametrize("a,b", [(0, 0), (0, 5), (5, 0)])
def test_edge_counts(a, b):
    cmp = compare_counts(a, b)
    assert 0 <= cmp.p_value <= 1


def test_no_percentage_of_a_base_under_ten():
    text = describe_change_nl(0, 9, 2022, 2021, "zaken")
    assert "een daling" in text and "%" not in text
