"""ESSM's clients in sexual exploitation (121) and in a preventive trajectory (28) are sums of sectors
(catalog ``sum_of``); disclosure control protects them together with the sector table (ADR 1135)."""

import csv
import io

import numpy as np
import pytest
from scipy.optimize import linprog

from zicht.catalog.definitions import get_catalog
from zicht.catalog.services import load_catalog
from zicht.demo.loader import DELIVERIES_DIR, load_demo_deliveries
from zicht.figures.services import FigureStore
from zicht.intake.services import submit_bytes
from zicht.publish.blocks import Table
from zicht.publish.protection import frozen_lookup, protect_blocks
from zicht.publish.recoding import Recoding, apply_recodings
from zicht.publish.report import build_sections
from zicht.publish.sections.chapters import UNKNOWN_SUM_NOTE, sums_of_parts
from zicht.publish.sections.helpers import breakdown
from zicht.publish.sections.registry import ReportContext

pytestmark = pytest.mark.django_db

SECTOR = "essm_care.clients_by_sector"
SEXUAL, PREVENTIVE = "essm_care.clients_sexual", "essm_care.clients_sexual_preventive"
SECTORS = {"youth_prostitution": 66, "youth_prostitution_preventive": 6, "trafficking_preventive": 22,
           "sexual": 27, "labour": 21, "criminal": 1}


def _tables(blocks) -> dict[str, Table]:
    out = {}
    for block in blocks:
        table = getattr(block, "table", None) or block
        if isinstance(table, Table):
            out[table.key] = table
    return out


def _sectors(table: Table) -> dict[str, int | None]:
    return {c.dims["care_sector"]: (None if c.suppressed else c.value) for _, cells in table.rows for c in cells}


def _sums(table: Table) -> dict[str, int | None]:
    return {c.indicator: (None if c.suppressed else c.value) for _, cells in table.rows for c in cells}


def sector_attacker(shown_sectors: dict, total: int, shown_sums: dict) -> dict[str, tuple[float, float]]:
    """Lowest and highest value, by LP, of every hidden sector for an attacker who knows every shown
    sector, the total, every shown sum and which sectors each sum counts (from the catalog)."""
    catalog = get_catalog()
    codes = list(SECTORS)
    rows, rhs = [np.ones(len(codes))], [total]
    for code, value in shown_sectors.items():
        if value is not None:
            rows.append(np.array([c == code for c in codes], dtype=float))
            rhs.append(value)
    for indicator, value in shown_sums.items():
        if value is not None:
            members = catalog.indicator(indicator).sum_of.codes
            rows.append(np.array([c in members for c in codes], dtype=float))
            rhs.append(value)
    out = {}
    for code in codes:
        if shown_sectors.get(code) is not None:
            continue
        objective = np.array([c == code for c in codes], dtype=float)
        ends = [sense * linprog(sense * objective, A_eq=np.array(rows), b_eq=rhs, bounds=(0, None),
                                method="highs").fun for sense in (1.0, -1.0)]
        out[code] = tuple(ends)
    return out


def _assert_safe(bounds: dict) -> None:
    for code, (low, high) in bounds.items():
        assert high - low >= 1, (code, low, high)
        if 1 <= SECTORS[code] < 5:
            assert low <= 0 and high >= 5, (code, low, high)


def _care_blocks(ctx):
    return breakdown_blocks(ctx) + sums_of_parts(ctx, [SEXUAL, PREVENTIVE])


def breakdown_blocks(ctx):
    return breakdown(ctx, SECTOR, "care_sector")


def _context(recodings=()):
    ctx = ReportContext(year=2022, store=FigureStore([2022]), catalog=get_catalog())
    ctx.recodings = list(recodings)
    return ctx


@pytest.fixture
def demo():
    load_catalog()
    load_demo_deliveries()


def test_the_demo_shows_121_and_28_and_no_hidden_sector_can_be_derived(demo):
    sections, _ctx, outcome, _sheets = build_sections(2022, None)
    care = next(s for s in sections if s.key == "hulpverlening")
    tables = _tables(care.blocks)
    sums = _sums(tables[f"{SEXUAL}.sums"])
    assert sums == {SEXUAL: 121, PREVENTIVE: 28}
    sectors = _sectors(next(t for k, t in tables.items() if k.startswith(SECTOR)))
    assert sectors["criminal"] is None and sectors["labour"] is None  # the small one and its partner
    assert sectors["youth_prostitution_preventive"] == 6
    _assert_safe(sector_attacker(sectors, 143, sums))
    # the sums are frozen with the table: their status and (public) value are in the pattern
    entries = {p["indicator"]: p for p in outcome.pattern if p["indicator"] in (SEXUAL, PREVENTIVE)}
    assert entries[SEXUAL] == {"indicator": SEXUAL, "year": 2022, "dims": {}, "suppressed": False, "value": 121}
    assert entries[PREVENTIVE]["value"] == 28
    assert not any(set(p["dims"]) - {"care_sector"} for p in outcome.pattern if p["indicator"] == SECTOR)


def test_a_correction_keeps_the_pattern_of_the_table_and_its_sums(demo):
    """What a correction does (``own_year_frozen``): every earlier status is forced into the solve.
    A version published before the sums were protected jointly hid 'jeugdprostitutie preventief'
    (6) and showed labour (21); its correction keeps that, so both sums, which would give the 6
    back, are hidden now. A version that showed the sums keeps showing them."""
    ctx = _context()
    first = protect_blocks(_care_blocks(ctx), ctx).pattern
    old = []
    for p in first:
        code = p["dims"].get("care_sector")
        if p["indicator"] in (SEXUAL, PREVENTIVE):
            continue  # not protected then: hidden by a guard, never in the pattern
        if code == "youth_prostitution_preventive":
            p = {k: v for k, v in p.items() if k != "value"} | {"suppressed": True}
        elif code == "labour":
            p = {**p, "suppressed": False, "value": 21}
        old.append(p)
    blocks = _care_blocks(ctx)
    outcome = protect_blocks(blocks, ctx, frozen_lookup([old]))
    tables = _tables(blocks)
    sums = _sums(tables[f"{SEXUAL}.sums"])
    sectors = _sectors(next(t for k, t in tables.items() if k.startswith(SECTOR)))
    assert sums == {SEXUAL: None, PREVENTIVE: None}
    assert sectors["youth_prostitution_preventive"] is None and sectors["labour"] == 21
    _assert_safe(sector_attacker(sectors, 143, sums))
    # the next correction keeps the sums hidden (now from the pattern itself)
    again = _care_blocks(ctx)
    assert protect_blocks(again, ctx, frozen_lookup([outcome.pattern])).pattern == outcome.pattern
    # and a version that showed the sums keeps them, with the same cells hidden around them
    shown = _care_blocks(ctx)
    assert protect_blocks(shown, ctx, frozen_lookup([first])).pattern == first
    assert _sums(_tables(shown)[f"{SEXUAL}.sums"]) == {SEXUAL: 121, PREVENTIVE: 28}


def test_a_sum_an_earlier_publication_showed_is_known_where_this_build_leaves_it_out(demo):
    """The sums of the year were published before (another monitor); this build shows only the
    sector table. The attacker still knows 121 and 28, so the table is protected against them."""
    ctx = _context()
    earlier = [{"indicator": code, "year": 2022, "dims": {}, "suppressed": False, "value": value}
               for code, value in ((SEXUAL, 121), (PREVENTIVE, 28))]
    blocks = breakdown_blocks(ctx)
    outcome = protect_blocks(blocks, ctx, frozen_lookup([earlier]))
    sectors = _sectors(next(t for k, t in _tables(blocks).items() if k.startswith(SECTOR)))
    assert sectors["labour"] is None and sectors["youth_prostitution_preventive"] == 6
    _assert_safe(sector_attacker(sectors, 143, {SEXUAL: 121, PREVENTIVE: 28}))
    assert not any(p["indicator"] in (SEXUAL, PREVENTIVE) for p in outcome.pattern)  # not shown again


def test_a_recoding_that_merges_sectors_in_and_out_of_the_sum_hides_the_sum(demo):
    """Zicht's proposal merges 'jeugdprostitutie preventief' (in the sum) with the criminal client
    (not in it) into 7: beside that row 121 would split it again (121 - 66 - 22 - 27 = 6)."""
    recoding = Recoding(SECTOR, "care_sector", 2022, ("youth_prostitution_preventive", "criminal"))
    ctx = _context([recoding])
    blocks = _care_blocks(ctx)
    apply_recodings(blocks, ctx.recodings, 2022)
    outcome = protect_blocks(blocks, ctx)
    sums = _sums(_tables(blocks)[f"{SEXUAL}.sums"])
    assert sums == {SEXUAL: None, PREVENTIVE: None}
    assert {p["indicator"]: p["suppressed"] for p in outcome.pattern if p["dims"] == {}}[SEXUAL] is True


def test_a_recoding_inside_the_sum_keeps_the_relation(demo):
    """Merging two sectors that are both in the sum: the merged row is in the sum, and it is shown."""
    recoding = Recoding(SECTOR, "care_sector", 2022, ("youth_prostitution", "sexual"))
    ctx = _context([recoding])
    blocks = _care_blocks(ctx)
    apply_recodings(blocks, ctx.recodings, 2022)
    protect_blocks(blocks, ctx)
    assert _sums(_tables(blocks)[f"{SEXUAL}.sums"]) == {SEXUAL: 121, PREVENTIVE: 28}


def test_a_delivered_sum_that_is_not_the_sum_of_its_parts_is_hidden(demo):
    """The relation the catalog states does not hold for this delivery: it is unknown, so fail closed."""
    text = (DELIVERIES_DIR / "2022" / "essm_care.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["indicator"] == SEXUAL:
            row["value"] = "120"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    submit_bytes(out.getvalue().encode("utf-8"), "essm_care.csv", "essm_care", 2022)
    ctx = _context()
    blocks = _care_blocks(ctx)
    protect_blocks(blocks, ctx)
    assert _sums(_tables(blocks)[f"{SEXUAL}.sums"]) == {SEXUAL: None, PREVENTIVE: 28}


def test_a_figure_the_catalog_names_no_parts_for_is_hidden(demo):
    table = sums_of_parts(_context(), ["essm_care.clients"])[0]
    cell = table.rows[0][1][0]
    assert cell.suppressed and cell.display() == "•" and UNKNOWN_SUM_NOTE in table.notes
