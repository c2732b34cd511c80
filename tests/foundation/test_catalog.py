import json

from django.core.management import call_command

from zicht.catalog.definitions import get_catalog


def test_region_has_23_municipalities_after_the_2023_merger():
    catalog = get_catalog()
    names = [m.name for m in catalog.municipalities_in(2023)]
    assert len(names) == 23
    assert "Voorne aan Zee" in names and "Brielle" not in names


def test_figures_of_merged_municipalities_map_to_the_new_boundary():
    catalog = get_catalog()
    for old in ("GM0501", "GM0530", "GM0614"):
        assert catalog.current_municipality(old, 2023).code == "GM1992"
        assert catalog.current_municipality(old, 2022).code == old


def test_every_indicator_uses_known_code_lists_and_units():
    catalog = get_catalog()
    for ind in catalog.indicators.values():
        for dim in ind.dimensions:
            assert dim in catalog.codelists
        assert ind.unit_nl


def test_partners_json_lists_codes_names_and_indicators(capsys):
    call_command("partners", "--json")
    data = json.loads(capsys.readouterr().out)
    codes = {p["code"] for p in data}
    assert {"police_tmm", "nla", "riec", "essm_line", "essm_care", "fier", "national"} <= codes
    police = next(p for p in data if p["code"] == "police_tmm")
    assert "police.complaints" in {i["code"] for i in police["indicators"]}
    assert all({"code", "name", "indicators"} <= set(p) for p in data)
