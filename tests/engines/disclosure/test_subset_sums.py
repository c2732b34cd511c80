"""Published sums of some categories are protected together with their table (ADR 1135).

The case is ESSM's 2022 sector table: six sectors adding up to 143, and two published sums of some
of them (121 in sexual exploitation, 28 of them preventive). One client in criminal exploitation is
a small count."""

import numpy as np
import pytest
from scipy.optimize import linprog

from zicht.engines.disclosure import (
    InputError,
    Policy,
    SubsetSum,
    TableSpec,
    audit_publication,
    protect_publication,
)
from zicht.engines.disclosure.subsets import expand

SECTORS = {"youth": 66, "youth_prev": 6, "prev": 22, "sexual": 27, "labour": 21, "criminal": 1}
SEXUAL = SubsetSum("sum:sexual", "sector", {"youth", "youth_prev", "prev", "sexual"})
PREVENTIVE = SubsetSum("sum:preventive", "sector", {"youth_prev", "prev"})
THRESHOLD = Policy().threshold


def _rows(sectors=SECTORS):
    return [{"sector": code, "count": n} for code, n in sectors.items()]


def _protect(sectors=SECTORS, sums=(SEXUAL, PREVENTIVE), frozen=None):
    return protect_publication(_rows(sectors), [TableSpec(("sector",))], frozen={(): False, **(frozen or {})},
                               subset_sums=list(sums))


def _cells(publication):
    return {tuple(sorted(c.key.items())): c for table in publication.tables for c in table.cells}


def _sector(code):
    return (("sector", code),)


def _sum(subset):
    return ((subset.name, "1"),)


def lp_bounds(sectors, shown_sectors, total, shown_sums):
    """An attacker written here, apart from the engine: six non-negative unknowns (the sectors), an
    equality for every published sector, the total and every published sum; the lowest and highest
    value of each hidden sector by LP."""
    codes = list(sectors)
    rows, rhs = [np.ones(len(codes))], [total]
    for code, value in shown_sectors.items():
        rows.append(np.array([c == code for c in codes], dtype=float))
        rhs.append(value)
    for subset, value in shown_sums:
        rows.append(np.array([c in subset.members for c in codes], dtype=float))
        rhs.append(value)
    out = {}
    for code in codes:
        if code in shown_sectors:
            continue
        objective = np.array([c == code for c in codes], dtype=float)
        low = linprog(objective, A_eq=np.array(rows), b_eq=rhs, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=np.array(rows), b_eq=rhs, bounds=(0, None), method="highs")
        out[code] = (low.fun, -high.fun)
    return out


def test_without_the_sums_in_the_problem_a_published_sum_gives_the_hidden_sector_back():
    """The old situation: the table protected on its own hides 'youth_prev' (6) beside the one
    criminal client; 121 published beside it gives 6 back by subtraction, and then the 1 from 143."""
    alone = protect_publication(_rows(), [TableSpec(("sector",))], frozen={(): False})
    hidden = {c.key["sector"] for c in alone.tables[0].cells if c.suppressed}
    assert hidden == {"youth_prev", "criminal"}
    shown = {c.key["sector"]: c.value for c in alone.tables[0].cells if c.key and not c.suppressed}
    bounds = lp_bounds(SECTORS, shown, 143, [(SEXUAL, 121)])
    assert bounds["youth_prev"] == pytest.approx((6, 6)) and bounds["criminal"] == pytest.approx((1, 1))


def test_with_the_sums_the_engine_hides_another_sector_and_no_hidden_cell_is_narrowed():
    """Joint protection: the engine hides the labour sector instead, keeps both sums, and

    - the engine's own independent audit (``audit_publication``, full LPs for every suppressed cell)
      over the published sectors, the total, both sums and the public zeros that define the sums
      finds nothing: the criminal client can be 0 and can reach the threshold, no hidden cell is
      known to within one whole unit;
    - the attacker LP of this test (six sectors, nothing of the engine) agrees on the same
      intervals."""
    publication = _protect()
    cells = _cells(publication)
    assert cells[_sum(SEXUAL)].value == 121 and cells[_sum(PREVENTIVE)].value == 28
    hidden = {c.key["sector"] for c in publication.tables[0].cells if c.suppressed}
    assert hidden == {"labour", "criminal"}
    report = audit_publication(expand(_rows(), [SEXUAL, PREVENTIVE]), publication, full=True)
    assert report.ok, report.findings
    low, high = report.intervals[_sector("criminal")]
    assert low <= 0 and high >= THRESHOLD
    for key, (low, high) in report.intervals.items():
        assert high - low >= 1, key
    shown = {c.key["sector"]: c.value for c in publication.tables[0].cells if c.key and not c.suppressed}
    mine = lp_bounds(SECTORS, shown, 143, [(SEXUAL, 121), (PREVENTIVE, 28)])
    assert mine["criminal"] == pytest.approx(report.intervals[_sector("criminal")])
    assert mine["labour"] == pytest.approx(report.intervals[_sector("labour")])


def test_when_only_the_small_sector_is_outside_the_sum_the_sum_is_hidden():
    """Without the labour sector, 143 - 121 is the criminal client itself: the sum's complement is
    a small count, so the sum cannot be shown; the audit again finds every hidden cell protected."""
    sectors = {k: v for k, v in SECTORS.items() if k != "labour"}
    publication = _protect(sectors, sums=(SEXUAL,))
    cells = _cells(publication)
    assert cells[_sum(SEXUAL)].suppressed and cells[((SEXUAL.name, "0"),)].suppressed
    report = audit_publication(expand(_rows(sectors), [SEXUAL]), publication, full=True)
    assert report.ok, report.findings
    low, high = report.intervals[_sector("criminal")]
    assert low <= 0 and high >= THRESHOLD


def test_a_small_sum_is_a_small_count():
    sums = [SubsetSum("sum:small", "sector", {"criminal"})]
    publication = _protect(sums=sums)
    cell = _cells(publication)[_sum(sums[0])]
    assert cell.suppressed and cell.primary
    assert audit_publication(expand(_rows(), sums), publication, full=True).ok


def test_an_earlier_status_of_a_sum_is_kept():
    """A sum hidden in an earlier version stays hidden (and the table is protected around it); one
    shown stays shown."""
    hidden = _protect(frozen={_sum(SEXUAL): True})
    cells = _cells(hidden)
    assert cells[_sum(SEXUAL)].suppressed and not cells[_sum(PREVENTIVE)].suppressed
    report = audit_publication(expand(_rows(), [SEXUAL, PREVENTIVE]), hidden, full=True)
    assert report.ok, report.findings
    shown = _protect(frozen={_sum(SEXUAL): False, _sum(PREVENTIVE): False})
    assert _cells(shown)[_sum(SEXUAL)].value == 121


@pytest.mark.parametrize(("name", "dimension", "members", "message"), [
    ("sector", "sector", {"youth"}, "eigen naam"),
    ("sum:none", "sector", set(), "geen enkele categorie"),
    ("sum:x", "gender", {"f"}, "niet in de invoer"),
    ("count", "sector", {"youth"}, "naam van een kolom"),
])
def test_a_sum_that_cannot_be_placed_is_refused(name, dimension, members, message):
    with pytest.raises(InputError, match=message):
        _protect(sums=[SubsetSum(name, dimension, members)])


def test_two_sums_with_one_name_are_refused():
    with pytest.raises(InputError, match="dezelfde naam"):
        _protect(sums=[SEXUAL, SubsetSum(SEXUAL.name, "sector", {"prev"})])
