"""Recoding as an alternative to suppression: the proposal, its safety, and the merged rows."""

from __future__ import annotations

import pytest

from zicht.publish.blocks import Table, TableCell
from zicht.publish.recoding import OTHER_CODE, Recoding, RecodingError, apply_recodings, propose, recode_parts


def test_propose_merges_the_small_categories_into_one_safe_row():
    parts = [("youth", 66), ("youth_prev", 6), ("prev", 22), ("sexual", 27), ("labour", 21), ("criminal", 1)]
    assert propose(parts, 5) == ("youth_prev", "criminal")  # 6 + 1 = 7: safe, the least merged
    assert propose([("a", 3), ("b", 2), ("c", 40)], 5) == ("a", "b")  # two small ones make 5
    assert propose([("a", 30), ("b", 40)], 5) is None  # nothing small: nothing to merge


def test_no_proposal_when_only_the_total_would_remain():
    # The 2022 police complaints: 22 sexual, 1 labour, 0 criminal, 0 other. Any safe merge holds
    # every non-zero category, which says no more than the total: recoding cannot help here.
    assert propose([("sexual", 22), ("labour", 1), ("criminal", 0), ("other", 0)], 5) is None


def test_recoded_parts_and_rows():
    recoding = Recoding("ind", "form", 2022, ("b", "c"))
    assert recode_parts([("a", 10), ("b", 1), ("c", 6)], recoding) == [("a", 10), (OTHER_CODE, 7)]
    table = Table("t", "T", ["", "Aantal"], [
        (label, [TableCell(v, indicator="ind", dims={"form": code}, year=2022)])
        for label, code, v in (("A", "a", 10), ("B", "b", 1), ("C", "c", 6))
    ], "bron", total_row=("Totaal", [TableCell(17, indicator="ind", year=2022)]))
    apply_recodings([table], [recoding], 2022)
    assert [(label, cells[0].value, cells[0].dims) for label, cells in table.rows] == [
        ("A", 10, {"form": "a"}), ("Andere vormen", 7, {"form": OTHER_CODE})]
    other_year = Table("u", "U", ["", "Aantal"], [("B", [TableCell(1, indicator="ind", dims={"form": "b"}, year=2021)])], "")
    apply_recodings([other_year], [recoding], 2022)
    assert other_year.rows[0][0] == "B"  # a recoding belongs to its year


def test_a_row_mixing_recoded_and_other_cells_is_refused():
    recoding = Recoding("ind", "form", 2022, ("b", "c"))
    table = Table("t", "T", ["", "2021", "2022"], [
        ("B", [TableCell(1, indicator="ind", dims={"form": "b"}, year=2021),
               TableCell(2, indicator="ind", dims={"form": "b"}, year=2022)]),
    ], "")
    with pytest.raises(RecodingError, match="mengt"):
        apply_recodings([table], [recoding], 2022)
