"""One microdata, one protection: the tables of a linkage run are protected jointly (issue 9).

"Per partner" and "per number of partners" come from the same capture histories, so
sum_j n_j = sum_k k * m_k. Protected apart, the 2022 demo published 231 / • / • / 281 beside
146, 54, 42, 92: 231 + 2a + S = 334 with 3b <= S <= 4b pins "three or more partners" to 2 or 3.

Two independent attackers judge what is published: the engine's ``audit_publication`` over the
joint tables, and a direct integer program over the capture-history counts themselves (written
here, sharing nothing with the solver).
"""

import hashlib
from itertools import product

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.engines.disclosure import (
    Policy,
    ProtectedPublication,
    ProtectedTable,
    PublishedCell,
    TableSpec,
    audit_publication,
    protect_publication,
)
from zicht.publish import linked
from zicht.publish.blocks import Chart, Table

THRESHOLD = 5
DEMO_LISTS = ["essm_care", "fier", "nla", "police_tmm"]


# --- the independent attacker: an integer program over the capture-history counts -------------

def _truth(lists, histories):
    per_partner = {code: sum(h["count"] for h in histories if code in h["lists"]) for code in lists}
    per_band = {b: sum(h["count"] for h in histories if linked.band(len(h["lists"])) == b) for b in linked.BANDS}
    return per_partner, per_band, sum(h["count"] for h in histories)


def attacker_bounds(lists, total, per_partner, per_band, integer=True):
    """What someone who sees the published cells (None = suppressed) and knows how the tables
    arise can say about every suppressed cell: {("partner"|"band", code): (lowest, highest)}."""
    patterns = [p for p in product((0, 1), repeat=len(lists)) if any(p)]
    n = len(patterns)

    def row_partner(j):
        return np.array([p[j] for p in patterns], dtype=float)

    def row_band(b):
        return np.array([linked.band(sum(p)) == b for p in patterns], dtype=float)

    rows, rhs = [np.ones(n)], [total]
    hidden = {}
    for j, code in enumerate(lists):
        if per_partner[code] is None:
            hidden[("partner", code)] = row_partner(j)
        else:
            rows.append(row_partner(j))
            rhs.append(per_partner[code])
    for b in linked.BANDS:
        if per_band.get(b) is None:
            hidden[("band", b)] = row_band(b)
        else:
            rows.append(row_band(b))
            rhs.append(per_band[b])
    constraint = LinearConstraint(np.array(rows), rhs, rhs)
    out = {}
    for cell, objective in hidden.items():
        ends = []
        for sense in (1.0, -1.0):
            result = milp(sense * objective, constraints=[constraint], bounds=Bounds(0, total),
                          integrality=np.ones(n) if integer else np.zeros(n))
            assert result.success, result.message
            ends.append(sense * result.fun)
        out[cell] = tuple(ends)
    return out


def unsafe_cells(lists, histories, per_partner, per_band):
    """Suppressed cells the attacker narrows too far: a small count not free to reach 0 and the
    threshold, or any suppressed cell known exactly."""
    true_partner, true_band, total = _truth(lists, histories)
    truth = {("partner", c): v for c, v in true_partner.items()} | {("band", b): v for b, v in true_band.items()}
    found = []
    for cell, (low, high) in attacker_bounds(lists, total, per_partner, per_band).items():
        value = truth[cell]
        if 1 <= value < THRESHOLD and (low > 1e-6 or high < THRESHOLD - 1e-6):
            found.append((cell, value, low, high))
        elif high - low < 1 - 1e-6:
            found.append((cell, value, low, high))
    for cell, value in truth.items():  # nothing small is shown
        kind, code = cell
        shown = (per_partner if kind == "partner" else per_band).get(code)
        if shown is not None:
            assert shown == value
            if 1 <= value < THRESHOLD:
                found.append((cell, value, value, value))
    return found


def joint_audit(lists, histories, per_partner, per_band):
    """The engine's own independent audit over everything published, as one publication."""
    total = sum(h["count"] for h in histories)
    policy = Policy(threshold=THRESHOLD)

    def cell(key, value):
        return PublishedCell(key=key, value=value, suppressed=value is None, primary=False)

    tables = [ProtectedTable(TableSpec((linked.PARTNER_COUNT_DIM,)), THRESHOLD,
                             [cell({linked.PARTNER_COUNT_DIM: b}, per_band[b]) for b in linked.BANDS]
                             + [cell({}, total)])]
    for code in lists:
        dim = linked.list_dimension(code)
        n = per_partner[code]
        tables.append(ProtectedTable(TableSpec((dim,)), THRESHOLD, [
            cell({dim: "0"}, None if n is None else total - n), cell({dim: "1"}, n), cell({}, total)]))
    background = [cell(dict(key), 0) for key in linked.structural_zeros(lists)]
    publication = ProtectedPublication(tables=tables, policy=policy, primary_suppressed=0,
                                       secondary_suppressed=0, cells_published=0, persons_suppressed=0,
                                       persons_total=total, solve_seconds=0, rounds=0, cuts=0, lp_solves=0,
                                       background=background)
    return audit_publication(linked.capture_rows(lists, histories), publication)


def _published(publication):
    per_partner, per_band = {}, {}
    for table in publication.tables:
        for c in table.cells:
            indicator, dims = linked.published_identity(c.key)
            if indicator == linked.PER_PARTNER:
                if linked.NOT_ON_LIST not in dims:
                    per_partner[dims[linked.PARTNER]] = c.value
            elif dims:
                per_band[dims[linked.PARTNER_COUNT_DIM]] = c.value
    return per_partner, per_band


# --- the issue's case and a second capture-history set -----------------------------------------

DEMO_HISTORIES = [  # the 2022 demo's linkage run (synthetic case records, fixed secret)
    (["essm_care"], 103), (["fier"], 34), (["nla"], 32), (["police_tmm"], 62),
    (["essm_care", "fier"], 13), (["essm_care", "nla"], 7), (["essm_care", "police_tmm"], 20),
    (["fier", "police_tmm"], 5), (["nla", "police_tmm"], 2),
    (["essm_care", "fier", "police_tmm"], 2), (["essm_care", "nla", "police_tmm"], 1),
]
SECOND_LISTS = ["a", "b", "c", "d", "e"]
SECOND_HISTORIES = [  # five lists, a small band "3plus" and a small list
    (["a"], 40), (["b"], 27), (["c"], 19), (["d"], 33), (["e"], 2),
    (["a", "b"], 9), (["a", "c"], 6), (["b", "d"], 8), (["c", "d"], 5), (["a", "e"], 1),
    (["a", "b", "c"], 1), (["b", "c", "d", "e"], 1),
]


def _histories(pairs):
    return [{"lists": lists, "count": count} for lists, count in pairs]


def test_the_issue_leak_is_real_when_the_tables_are_protected_apart():
    """The reproduction: per number of partners protected alone, per partner published whole."""
    histories = _histories(DEMO_HISTORIES)
    true_partner, true_band, total = _truth(DEMO_LISTS, histories)
    assert true_partner == {"essm_care": 146, "fier": 54, "nla": 42, "police_tmm": 92}
    assert (true_band, total) == ({"1": 231, "2": 47, "3plus": 3}, 281)
    alone = protect_publication([{"k": b, "count": v} for b, v in true_band.items()], [TableSpec(("k",))],
                                policy=Policy(threshold=THRESHOLD))
    per_band = {c.key["k"]: c.value for c in alone.tables[0].cells if c.key}
    assert per_band == {"1": 231, "2": None, "3plus": None}  # 231 / • / • / 281, as in the issue
    bounds = attacker_bounds(DEMO_LISTS, total, true_partner, per_band)
    assert bounds[("band", "3plus")] == (2, 3)  # pinned to 2 or 3
    assert unsafe_cells(DEMO_LISTS, histories, true_partner, per_band)
    assert not joint_audit(DEMO_LISTS, histories, true_partner, per_band).ok


@pytest.mark.parametrize("lists, pairs", [(DEMO_LISTS, DEMO_HISTORIES), (SECOND_LISTS, SECOND_HISTORIES)],
                         ids=["demo-2022", "five-lists"])
def test_joint_protection_narrows_no_hidden_cell(lists, pairs):
    histories = _histories(pairs)
    publication = linked.protect_capture(lists, histories, threshold=THRESHOLD)
    per_partner, per_band = _published(publication)
    assert set(per_partner) == set(lists) and set(per_band) == set(linked.BANDS)
    assert any(v is None for v in per_band.values())
    assert unsafe_cells(lists, histories, per_partner, per_band) == []
    report = joint_audit(lists, histories, per_partner, per_band)
    assert report.ok, [str(f) for f in report.findings]
    total_cells = [c for t in publication.tables for c in t.cells if not c.key]
    assert all(not c.suppressed for c in total_cells)  # the grand total stays published


def test_a_frozen_status_is_kept():
    histories = _histories(SECOND_HISTORIES)
    first = linked.protect_capture(SECOND_LISTS, histories, threshold=THRESHOLD)
    shown = next(c for t in first.tables for c in t.cells
                 if c.key and not c.suppressed and linked.published_identity(c.key)[0] == linked.PER_PARTNER)
    again = linked.protect_capture(SECOND_LISTS, histories, threshold=THRESHOLD,
                                   frozen={tuple(shown.key.items()): True})
    cells = {tuple(c.key.items()): c for t in again.tables for c in t.cells}
    assert cells[tuple(shown.key.items())].suppressed
    per_partner, per_band = _published(again)
    assert unsafe_cells(SECOND_LISTS, histories, per_partner, per_band) == []


# --- through the real linkage run and report build ----------------------------------------------

@pytest.fixture
def demo_with_linkage(tmp_path):
    from zicht.records.services import execute_linkage, request_linkage, submit_encoded

    load_catalog()
    load_demo_deliveries()
    secret = hashlib.sha256(b"zicht-demo-2022").digest()  # as `zicht demo` does
    files = synthetic_encoded_deliveries(2022, tmp_path / "partnerkant" / "geheim.key", secret=secret)
    for partner, content in files.items():
        submit_encoded(content, f"{partner}-2022-versleuteld.csv", partner, 2022, synthetic=True)
    run = execute_linkage(request_linkage(2022))
    assert run.status == "done", run.error
    return run


def _tables(built):
    for section in built:
        for block in section.blocks:
            table = block.table if isinstance(block, Chart) else block
            if isinstance(table, Table):
                yield table


@pytest.mark.django_db
def test_report_publishes_no_linked_leak(demo_with_linkage):
    from zicht.publish.report import build_sections

    run = demo_with_linkage
    lists, histories = run.result["lists"], run.result["histories"]
    assert run.result["per_list"] == {"essm_care": 146, "fier": 54, "nla": 42, "police_tmm": 92}
    built, _ctx, outcome, _sheets = build_sections(2022, NARRATIVE_DIR)
    tables = {t.key: t for t in _tables(built)}
    registered = tables["omvang.registered"]
    by_count = tables["linkage.persons_by_partner_count.partner_count"]
    per_partner = {c.dims[linked.PARTNER]: (None if c.suppressed else c.value)
                   for _, cells in registered.rows for c in cells}
    assert set(per_partner) == set(lists)
    per_band = {c.dims[linked.PARTNER_COUNT_DIM]: (None if c.suppressed else c.value)
                for _, cells in by_count.rows for c in cells}
    assert by_count.total_row[1][0].value == run.result["persons"]
    assert unsafe_cells(lists, histories, per_partner, per_band) == []
    report = joint_audit(lists, histories, per_partner, per_band)
    assert report.ok, [str(f) for f in report.findings]
    frozen = {(p["indicator"], tuple(sorted(p["dims"].items()))): p["suppressed"] for p in outcome.pattern
              if p["indicator"] in linked.LINKED_INDICATORS}
    for code, value in per_partner.items():  # the per-partner cells are in the pattern to freeze
        assert frozen[(linked.PER_PARTNER, ((linked.PARTNER, code),))] == (value is None)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_capture_histories_are_protected_jointly(seed):
    """Random capture-history sets of three to five lists, with many small cells: the joint
    pattern always satisfies the independent integer attacker and the engine's audit."""
    rng = np.random.default_rng(seed)
    lists = [f"p{i}" for i in range(int(rng.integers(3, 6)))]
    histories = []
    for pattern in product((0, 1), repeat=len(lists)):
        on = [code for code, bit in zip(lists, pattern, strict=True) if bit]
        if on:
            scale = 40 if len(on) == 1 else 4 if len(on) == 2 else 1
            histories.append({"lists": on, "count": int(rng.poisson(scale))})
    publication = linked.protect_capture(lists, histories, threshold=THRESHOLD)
    per_partner, per_band = _published(publication)
    assert unsafe_cells(lists, histories, per_partner, per_band) == []
    report = joint_audit(lists, histories, per_partner, per_band)
    assert report.ok, [str(f) for f in report.findings]


def test_published_cells_and_engine_cells_map_both_ways():
    for indicator, dims in [(linked.PER_PARTNER, {linked.PARTNER: "nla"}),
                            (linked.PER_PARTNER, {linked.PARTNER: "nla", linked.NOT_ON_LIST: "1"}),
                            (linked.PARTNER_COUNT, {linked.PARTNER_COUNT_DIM: "3plus"}),
                            (linked.PARTNER_COUNT, {})]:
        assert linked.published_identity(linked.engine_key(indicator, dims)) == (indicator, dims)
    assert linked.engine_key("linkage.persons_by_form", {"form": "labour"}) is None
    assert [linked.band(k) for k in (1, 2, 3, 7)] == ["1", "2", "3plus", "3plus"]
    with pytest.raises(ValueError, match="onbekende lijst"):
        linked.capture_rows(["a"], [{"lists": ["b"], "count": 1}])
