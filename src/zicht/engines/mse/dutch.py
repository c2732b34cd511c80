"""Dutch number formatting for user-facing text (1.234,5; rounded to honest precision)."""

from __future__ import annotations

import math


def fmt_int(value: float) -> str:
    """Whole number with a point as thousands separator: 11418 -> '11.418'."""
    if value is None or not math.isfinite(value):
        return "onbegrensd"
    return f"{round(value):,}".replace(",", ".")


def fmt_rounded(value: float, significant: int = 3) -> str:
    """Round to a few significant digits, because more digits would claim false precision."""
    if value is None or not math.isfinite(value):
        return "onbegrensd"
    if value == 0:
        return "0"
    digits = significant - int(math.floor(math.log10(abs(value)))) - 1
    rounded = round(value, min(digits, 0))
    return fmt_int(rounded)


def round_official(value: float) -> int | None:
    """Round an estimate as official statistics do: to tens, and to three significant digits
    once that is coarser (12.345 -> 12.300). None or an unbounded value stays None.

    Rounding matters for disclosure as well as for honesty: an exact estimate beside exact
    published totals gives the dark figure to the unit (see docs/analyst/estimation.md)."""
    if value is None or not math.isfinite(value):
        return None
    magnitude = int(math.floor(math.log10(abs(value)))) if value else 0
    step = max(10, 10 ** max(magnitude - 2, 0))
    return int(math.floor(value / step + 0.5)) * step


def fmt_official(value: float) -> str:
    """An estimate or interval bound rounded by :func:`round_official`, Dutch format."""
    rounded = round_official(value)
    return "onbegrensd" if rounded is None else fmt_int(rounded)


def fmt_decimal(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_percent(value: float) -> str:
    return f"{round(100 * value)}%"
