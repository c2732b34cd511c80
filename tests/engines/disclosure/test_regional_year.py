"""The benchmark's regional year as a regression test (no timing assertions)."""

import sys
from pathlib import Path

from zicht.engines.disclosure import Policy, audit_publication, protect_publication
from zicht.engines.disclosure.hypercube import hypercube
from zicht.engines.disclosure.protect import publication_from_pattern

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.disclosure_data import regional_year  # noqa: E402


def test_regional_year_is_safe_and_beats_the_hypercube_baseline():
    rows, tables = regional_year()
    ours = protect_publication(rows, tables)  # audited inside
    base = publication_from_pattern(rows, tables, hypercube, Policy())
    assert ours.primary_suppressed == base.primary_suppressed > 0
    assert ours.suppressed < base.suppressed
    assert ours.persons_suppressed < base.persons_suppressed
    # Every primary cell: zero and the threshold stay possible for the attacker.
    report = audit_publication(rows, ours)
    assert report.ok
    assert len(report.intervals) == ours.suppressed
