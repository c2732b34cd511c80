"""Changes between years that say no more than the counts allow.

Counts like 16 against 23 are too small to call a trend. We treat two yearly counts as Poisson and
test their ratio exactly (conditional on the sum, the first count is binomial), and only then speak of
a rise or fall, with a percentage.
"""

from zicht.engines.trends.change import (
    Comparison,
    compare_counts,
    describe_change_nl,
    format_int_nl,
)

__all__ = ["Comparison", "compare_counts", "describe_change_nl", "format_int_nl"]
