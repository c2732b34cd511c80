"""Recoding as an alternative to suppression: the proposal, its safety, and the merged rows."""

from __future__ import annotations

import pytest

from zicht.publish.blocks import Table, TableCell
from zicht.publish.recoding import (
    OTHER_CODE,
    Recoding,
    RecodingError,
    apply_recodings,
    propose,
    recode_parts,
)


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


@pytest.mark.django_db
def test_the_analyst_sees_both_options_and_a_chosen_recoding_is_published_and_kept(settings):
    import json
    from pathlib import Path

    from zicht.catalog.periods import reopen_period
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import CHOICES_NAME, build_report
    from zicht.publish.services import publish_period

    load_catalog()
    load_demo_deliveries()
    draft = build_report(2022, None, NARRATIVE_DIR, pdf=False)
    choices = json.loads((Path(draft.folder) / CHOICES_NAME).read_text(encoding="utf-8"))
    by_key = {(a["indicator"], a["dimension"]): a for a in choices["alternatives"]}
    # The example: 22 of 23 complaints hidden to protect 1; no safe recoding exists there.
    police = by_key[("police.complaints", "form")]
    assert police["possible"] is False and police["suppressed_persons"] == 23
    sector = by_key[("essm_care.clients_by_sector", "care_sector")]
    assert sector["possible"] and sector["codes"] == ["youth_prostitution_preventive", "criminal"]
    assert CHOICES_NAME not in draft.files  # analyst-only: not an artefact of a publication

    publication, built = publish_period(2022, NARRATIVE_DIR, recode=[("essm_care.clients_by_sector", "care_sector", None)])
    assert publication.recodings == [{"indicator": "essm_care.clients_by_sector", "dimension": "care_sector",
                                      "year": 2022, "codes": ["youth_prostitution_preventive", "criminal"],
                                      "label": "Andere (samengevoegd)"}]
    table = next(t for t in publication.tables if t["key"] == "essm_care.clients_by_sector.care_sector")
    rows = {r["label"]: r["cells"][0] for r in table["rows"]}
    assert rows["Andere (samengevoegd)"] == {"value": 7, "suppressed": False, "delivered": True}
    assert "Mensenhandel criminele uitbuiting" not in rows and "Jeugdprostitutie preventief" not in rows
    assert not any(cell["suppressed"] for cell in rows.values())
    html = built.html_path.read_text(encoding="utf-8")
    assert "Andere (samengevoegd)" in html and "criminele uitbuiting</th><td" not in html

    # A correction keeps the year's recoding; another choice is refused.
    reopen_period(2022, reason="test")
    with pytest.raises(RecodingError, match="hercodering"):
        publish_period(2022, NARRATIVE_DIR, correction_note="x", recode=[])
    second, _ = publish_period(2022, NARRATIVE_DIR, correction_note="Niets veranderd; test van een correctie.")
    assert second.recodings == publication.recodings
