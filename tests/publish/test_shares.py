"""Shares with their base pass disclosure control like the counts they stand for (ADR 1120)."""

from zicht.publish.shares import share_count, suppressed_shares


def test_a_share_of_a_large_base_is_shown():
    assert share_count(56, 16) == 9
    assert suppressed_shares({"incoming_report": 56}, 16, 5) == set()


def test_a_share_of_a_small_base_is_suppressed():
    # 50% of 6 is 3 persons: a small count, whatever the percentage looks like
    assert suppressed_shares({"gt26": 50}, 6, 5) == {"gt26"}
    # a base under the threshold hides every share of it, even 100% and 0%
    assert suppressed_shares({"a": 100, "b": 0}, 4, 5) == {"a", "b"}


def test_the_rest_of_a_share_is_a_count_too():
    # 80% of 20 is 16, but the other 20% are 4 persons
    assert suppressed_shares({"gt26": 80}, 20, 5) == {"gt26"}
    assert suppressed_shares({"gt26": 75}, 20, 5) == set()


def test_what_several_shown_shares_leave_over_is_protected():
    # 50% and 30% of 20 (10 and 6) leave 4: the smaller share is hidden too
    assert suppressed_shares({"gt26": 50, "18_25": 30}, 20, 5) == {"18_25"}
    # 50% and 27% of 22 (11 and 6) leave 5: both shown
    assert suppressed_shares({"gt26": 50, "18_25": 27}, 22, 5) == set()


def test_minors_threshold_applies():
    assert suppressed_shares({"gt26": 27}, 22, 10) == {"gt26"}
