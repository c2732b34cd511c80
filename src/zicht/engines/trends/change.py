"""Exact comparison of two Poisson counts and the Dutch sentence that reports it honestly."""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

MIN_PERCENT_BASE = 10  # the disclosure policy's rule for percentages: a denominator of at least 10


def format_int_nl(value: int | float) -> str:
    """Dutch thousands separator: 1.372."""
    return f"{round(value):,}".replace(",", ".")


@dataclass(frozen=True)
class Comparison:
    current: int
    previous: int
    ratio: float | None
    ratio_ci: tuple[float, float] | None
    p_value: float
    significant: bool

    @property
    def direction(self) -> str:
        if not self.significant:
            return "none"
        return "up" if self.current > self.previous else "down"

    @property
    def percent_change(self) -> float | None:
        if self.previous == 0:
            return None
        return 100.0 * (self.current - self.previous) / self.previous


def compare_counts(current: int, previous: int, alpha: float = 0.05) -> Comparison:
    """Exact test of equal Poisson rates (binomial conditional on the sum) and a Clopper-Pearson
    interval for the rate ratio current/previous."""
    if current < 0 or previous < 0:
        raise ValueError("counts must be non-negative")
    n = current + previous
    if n == 0:
        return Comparison(current, previous, None, None, 1.0, False)
    from scipy.stats import beta, binomtest  # SciPy loads when a comparison is made, not on import

    p_value = float(binomtest(current, n, 0.5).pvalue)
    lo_p = 0.0 if current == 0 else float(beta.ppf(alpha / 2, current, n - current + 1))
    hi_p = 1.0 if current == n else float(beta.ppf(1 - alpha / 2, current + 1, n - current))
    ratio = current / previous if previous else None
    lo = lo_p / (1 - lo_p) if lo_p < 1 else float("inf")
    hi = hi_p / (1 - hi_p) if hi_p < 1 else float("inf")
    return Comparison(current, previous, ratio, (lo, hi), p_value, p_value < alpha)


def describe_change_nl(
    current: int, previous: int, year: int, previous_year: int, noun: str, alpha: float = 0.05
) -> str:
    """A Dutch sentence about the change; 'stijging'/'daling' and a percentage only when the exact
    test shows the change is larger than chance variation in counts of this size."""
    cmp = compare_counts(current, previous, alpha)
    both = (
        f"{format_int_nl(current)} {noun} in {year}, tegen {format_int_nl(previous)} in {previous_year}"
    )
    if cmp.significant:
        word = "een stijging" if cmp.direction == "up" else "een daling"
        if previous < MIN_PERCENT_BASE:  # a percentage of a count under 10 claims precision it lacks
            return f"{both}: {word} die groter is dan toeval bij aantallen van deze omvang."
        pct = f"{abs(cmp.percent_change):.0f}".replace(".", ",")
        return f"{both}: {word} van {pct}% die groter is dan toeval bij aantallen van deze omvang."
    if current == previous:
        return f"{both}: gelijk gebleven."
    return (
        f"{both}. Bij aantallen van deze omvang is dit verschil niet groter dan wat door toeval "
        "kan ontstaan; we spreken daarom niet van een trend."
    )


def exact_p_value(current: int, previous: int) -> float:
    """The two-sided p-value of ``compare_counts`` (exact binomial test of equal Poisson rates, p = 1/2),
    in pure Python: a web page that only needs the verdict does not have to load SciPy (seconds in a
    fresh web worker). For p = 1/2 the distribution is symmetric, so SciPy's two-sided value (the
    outcomes no more likely than the observed one) is twice the smaller tail, at most 1."""
    if current < 0 or previous < 0:
        raise ValueError("counts must be non-negative")
    n = current + previous
    smaller = min(current, previous)
    if n == 0 or 2 * smaller == n:
        return 1.0
    tail = sum(comb(n, i) for i in range(smaller + 1))
    return min(1.0, (2 * tail) / (1 << n))  # exact integers; one correctly rounded division


def change_is_significant(current: int, previous: int, alpha: float = 0.05) -> bool:
    """The verdict of ``compare_counts(current, previous, alpha).significant``, without SciPy."""
    return exact_p_value(current, previous) < alpha
