"""How a protected figure is shown: one mark for every suppressed cell, whatever the
reason (a separate mark for "small" would tell the reader the cell is 1 to 4)."""

from __future__ import annotations

MARK = "•"
FOOTNOTE = (
    "• = niet gepubliceerd, om te voorkomen dat kleine aantallen tot personen "
    "herleid kunnen worden."
)
MIN_DENOMINATOR = 10


def display_value(value: int | None) -> str:
    """A published count in Dutch notation, or the mark; never "<5", never 0 for hidden."""
    if value is None:
        return MARK
    return f"{value:,}".replace(",", ".")


def safe_percentage(
    numerator: int | None, denominator: int | None, min_denominator: int = MIN_DENOMINATOR
) -> float | None:
    """A percentage only when numerator and denominator are both published and the
    denominator is at least 10; otherwise None (show the mark)."""
    if numerator is None or denominator is None or denominator < min_denominator:
        return None
    return 100.0 * numerator / denominator
