"""The pure-Python verdict of the trend test agrees with the SciPy one it stands in for (dashboard
tiles must not load SciPy in a web worker; ADR 1112)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zicht.engines.trends.change import change_is_significant, compare_counts, exact_p_value


def test_p_value_and_verdict_match_scipy_on_every_pair_up_to_60_and_some_large_ones():
    pairs = [(a, b) for a in range(61) for b in range(61)]
    pairs += [(1372, 1031), (1031, 791), (500, 560), (4000, 4100), (4000, 4300)]
    for current, previous in pairs:
        reference = compare_counts(current, previous)
        assert exact_p_value(current, previous) == pytest.approx(reference.p_value, rel=1e-9, abs=1e-12), (
            current, previous)
        assert change_is_significant(current, previous) == reference.significant, (current, previous)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        exact_p_value(-1, 3)


def test_the_verdict_does_not_load_scipy():
    code = ("import sys; from zicht.engines.trends.change import change_is_significant; "
            "assert change_is_significant(168, 129); assert not change_is_significant(23, 16); "
            "assert 'scipy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
