import json
import shutil

import pytest
from django.core.management import call_command

from zicht.catalog.definitions import DATA_DIR, CatalogError, get_catalog, load


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


# --- sums of parts (sum_of, ADR 1135) ------------------------------------------------------------

SEXUAL_SUM = """        sum_of:
          indicator: essm_care.clients_by_sector
          dimension: care_sector
          codes: [youth_prostitution, youth_prostitution_preventive, trafficking_preventive, sexual]
"""


def test_the_sums_of_sectors_name_their_parts():
    catalog = get_catalog()
    sexual = catalog.indicator("essm_care.clients_sexual").sum_of
    preventive = catalog.indicator("essm_care.clients_sexual_preventive").sum_of
    assert (sexual.indicator, sexual.dimension) == ("essm_care.clients_by_sector", "care_sector")
    assert set(preventive.codes) < set(sexual.codes)
    assert not {"labour", "criminal"} & set(sexual.codes)


def _load_with(tmp_path, edit):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    partners = data / "partners.yaml"
    text = partners.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    partners.write_text(edited, encoding="utf-8")
    return load(data)


@pytest.mark.parametrize(("old", "new", "error"), [
    ("indicator: essm_care.clients_by_sector", "indicator: essm_care.nothing", "unknown essm_care.nothing"),
    ("dimension: care_sector", "dimension: gender", "no dimension gender"),
    ("codes: [youth_prostitution,", "codes: [youth_prostitution, forced_marriage,", "unknown care_sector code"),
    ("codes: [youth_prostitution,", "codes: [sexual,", "names a code twice"),
    ("          dimension: care_sector\n", "", "exactly indicator, dimension and codes"),
    ("[youth_prostitution, youth_prostitution_preventive, trafficking_preventive, sexual]", "[]", "non-empty list"),
])
def test_a_sum_of_unknown_or_wrong_parts_is_refused(tmp_path, old, new, error):
    with pytest.raises(CatalogError, match=error):
        _load_with(tmp_path, lambda text: text.replace(SEXUAL_SUM, SEXUAL_SUM.replace(old, new)))


SEXUAL_HEAD = "en: Clients who faced sexual exploitation\n        unit: persons\n        dimensions: []\n"


@pytest.mark.parametrize(("head", "error"), [
    (SEXUAL_HEAD + "        disclosure: false\n", "disclosure: true"),
    (SEXUAL_HEAD.replace("persons", "contacts"), "unit of its parts"),
    (SEXUAL_HEAD.replace("[]", "[gender]"), "one figure"),
    (SEXUAL_HEAD + "        municipality: optional\n", "one figure"),
])
def test_a_sum_is_one_protected_figure_of_the_unit_of_its_parts(tmp_path, head, error):
    with pytest.raises(CatalogError, match=error):
        _load_with(tmp_path, lambda text: text.replace(SEXUAL_HEAD, head))


@pytest.mark.parametrize("licence, error", [("CC0-1.0", None), ("CC-BY-SA-4.0", "region.licence 'CC-BY-SA-4.0'")])
def test_the_open_data_licence_is_the_catalogs_choice(tmp_path, licence, error):
    """An alliance publishes under its own licence: the data package names what the catalog says, and
    a licence Zicht cannot describe is refused when the catalog is read."""
    from zicht.publish.exporters.datapackage import licence_of

    data = tmp_path / "catalog"
    shutil.copytree(DATA_DIR, data)
    path = data / "municipalities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("licence: CC-BY-4.0", f"licence: {licence}"),
                    encoding="utf-8")
    if error:
        with pytest.raises(CatalogError, match=error):
            load(data)
        return
    described = licence_of(load(data).region)
    assert described["name"] == "CC0-1.0" and "publicdomain/zero" in described["path"]
    assert licence_of(load(DATA_DIR).region)["name"] == "CC-BY-4.0"


def test_a_region_that_names_only_its_publisher_is_called_by_that_name(tmp_path):
    data = tmp_path / "catalog"
    shutil.copytree(DATA_DIR, data)
    path = data / "municipalities.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [("region: {code: NL, nl: Nederland, en: Netherlands}" if line.startswith("region:") else line)
             for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    region = load(data).region
    assert (region.publisher, region.name("nl"), region.name("en")) == ("Nederland", "Nederland", "Netherlands")
    assert "Rotterdam" not in repr(region)
