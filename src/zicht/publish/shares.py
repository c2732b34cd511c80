"""Shares with their base: a percentage is published beside the count it is a part of, and only
when the count it stands for passes disclosure control like any count (ADR 1120).

A share ``p`` of a base ``n`` says "about p/100 x n of them"; with ``n`` published, that count is
as good as published, and so is the rest ``n - count``. A share is shown only when both are 0 or
at least the threshold. When several shares of one base are shown, what is left over
(``n`` minus the shown counts) is derivable too: while it is a small count the smallest shown
share is hidden as well. The base is a grand total and is published exactly, as every total is by
policy (see ``protection``); a base under the threshold therefore hides every share of it.
"""

from __future__ import annotations

from zicht.engines.disclosure import Policy


def share_count(share: int, base: int) -> int:
    """The count a whole-number percentage of ``base`` stands for."""
    return round(share * base / 100)


def _small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppressed_shares(shares: dict[str, int], base: int, threshold: int) -> set[str]:
    """The codes of the shares that may not be shown beside ``base``."""
    hidden = {
        code for code, share in shares.items()
        if _small(share_count(share, base), threshold) or _small(base - share_count(share, base), threshold)
    }
    while True:
        shown = {c: share_count(s, base) for c, s in shares.items() if c not in hidden}
        if len(shown) < 2 or not _small(base - sum(shown.values()), threshold):
            return hidden
        hidden.add(min(shown, key=lambda c: (shown[c], c)))


def threshold_of(indicator, policy: Policy | None = None) -> int:
    policy = policy or Policy()
    if indicator.threshold is not None:
        return indicator.threshold
    return policy.minors_threshold if indicator.minors else policy.threshold
