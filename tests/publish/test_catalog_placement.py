"""The catalog decides where an indicator appears (issue 11): an indicator added to a catalog, with a
placement and no code, reaches the report (HTML and PDF), the dashboard, every factsheet and open data;
a chapter added to sections.yaml appears in its place; a placement the catalog cannot honour is refused."""

import csv
import io
import json
import shutil

import pytest
import yaml

from zicht.catalog.definitions import DATA_DIR, CatalogError, get_catalog, load

NEW_INDICATOR = {
    "code": "riec.closures",
    "nl": "Sluitingen van panden wegens mensenhandel",
    "en": "Premises closed for trafficking",
    "unit": "sites",
    "dimensions": ["form"],
    "municipality": "optional",
    "show": {"section": "handhaving", "order": 10, "heading": True, "total": True, "breakdowns": ["form"],
             "noun_nl": "sluitingen", "factsheet": True},
}
NEW_CHAPTER = {"key": "handhaving", "nl": "Handhaving door gemeenten", "en": "Enforcement", "order": 85}
DELIVERY = (
    "indicator,form,municipality,value,source\n"
    "riec.closures,,,41,Eigen registratie RIEC\n"
    "riec.closures,sexual,,30,Eigen registratie RIEC\n"
    "riec.closures,labour,,11,Eigen registratie RIEC\n"
    "riec.closures,,GM0599,25,Eigen registratie RIEC\n"
    "riec.closures,,GM0606,9,Eigen registratie RIEC\n"
)


def _write_catalog(folder, *, indicator=NEW_INDICATOR, chapter=NEW_CHAPTER):
    shutil.copytree(DATA_DIR, folder)
    partners = yaml.safe_load((folder / "partners.yaml").read_text(encoding="utf-8"))
    riec = next(p for p in partners["partners"] if p["code"] == "riec")
    riec["indicators"].append(indicator)
    (folder / "partners.yaml").write_text(yaml.safe_dump(partners, allow_unicode=True), encoding="utf-8")
    sections = yaml.safe_load((folder / "sections.yaml").read_text(encoding="utf-8"))
    if chapter:
        sections["sections"].append(chapter)
    (folder / "sections.yaml").write_text(yaml.safe_dump(sections, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture
def extended_catalog(tmp_path, settings):
    settings.ZICHT_CATALOG_DIR = str(_write_catalog(tmp_path / "catalogus"))
    get_catalog.cache_clear()
    yield get_catalog()
    get_catalog.cache_clear()


def test_the_shipped_catalog_places_every_indicator_somewhere():
    """No indicator is validated and stored but shown nowhere: each is placed, is the base of a placed
    share or the table of a placed sum, is delivered per municipality, is used by a registered chapter,
    or says ``show: false``."""
    from zicht.publish.sections.registry import all_sections

    catalog = load()
    shown = {i.code for i in catalog.indicators.values() if i.show is not None}
    shown |= {i.base for i in catalog.indicators.values() if i.show is not None and i.base}
    shown |= {i.sum_of.indicator for i in catalog.indicators.values() if i.show is not None and i.sum_of}
    shown |= {i.code for i in catalog.indicators.values() if i.municipality != "none" or not i.published}
    shown |= {code for s in all_sections(catalog) for code in s.uses}
    assert set(catalog.indicators) - shown == set()
    assert {s.key for s in all_sections(catalog)} >= {c.key for c in catalog.chapters}


@pytest.mark.parametrize(("change", "message"), [
    ({"show": {"section": "bestaat_niet"}}, "unknown section"),
    ({"show": {"section": "riec", "breakdowns": ["gender"]}}, "not one of its dimensions"),
    ({"show": {"section": "riec", "chart": "taart"}}, "chart must be"),
    ({"show": {"section": "riec", "kleur": "rood"}}, "unknown fields"),
])
def test_a_placement_the_catalog_cannot_honour_is_refused(tmp_path, change, message):
    folder = _write_catalog(tmp_path / "c", indicator={**NEW_INDICATOR, **change})
    with pytest.raises(CatalogError, match=message):
        load(folder)


@pytest.mark.django_db
def test_a_new_catalog_indicator_reaches_every_output(extended_catalog, settings, tmp_path, client):
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.intake.services import submit_bytes
    from zicht.publish.services import publish_period
    from zicht.web import dashboard as board

    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    load_catalog(extended_catalog)
    load_demo_deliveries()
    riec = (DATA_DIR.parent.parent / "demo" / "deliveries" / "2022" / "riec.csv").read_text(encoding="utf-8")
    merged = "indicator,form,municipality,value,source\n" + "".join(
        f"{line.split(',', 1)[0]},,,{line.split(',', 1)[1]}\n" for line in riec.splitlines()[1:]
    ) + DELIVERY.split("\n", 1)[1]
    submit_bytes(merged.encode(), "riec.csv", "riec", 2022, reason="sluitingen toegevoegd")
    publication, built = publish_period(2022, NARRATIVE_DIR)

    # The report: the new chapter in its place, with the heading, the total and the breakdown.
    html = built.html_path.read_text(encoding="utf-8")
    assert html.index("Handhaving door gemeenten") > html.index("RIEC Rotterdam")
    assert html.index("Handhaving door gemeenten") < html.index("Gemeentelijke controles")
    assert "Sluitingen van panden wegens mensenhandel" in html and "41 sluitingen" in html
    assert "Sluitingen van panden wegens mensenhandel, 2022" in html  # the breakdown by form
    assert "Sluitingen van panden wegens mensenhandel per gemeente, 2022" in html  # its municipal split
    printed = _pdf_text(built.pdf_path)
    assert "Handhaving door gemeenten" in printed and "Sluitingen van panden wegens mensenhandel" in printed

    # Open data: its tables, in the new chapter.
    tables = json.loads(built.json_path.read_bytes())["tables"]
    keys = {t["key"]: t for t in tables}
    assert keys["riec.closures.form"]["section"] == "handhaving"
    assert "riec.closures.municipality" in keys
    rows = list(csv.reader(io.StringIO(built.csv_path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert any(r[0] == "riec.closures.form" and r[2] == "Seksuele uitbuiting" and r[4] == "30" for r in rows)

    # The dashboard: its series (one year) and its breakdown by form.
    shown = board.dashboard_tables(publication, [publication])
    assert {"riec.closures.trend", "riec.closures.form"} <= {t.key for t in shown}
    page = client.get("/dashboard/2022/")
    assert page.status_code == 200 and "Sluitingen van panden wegens mensenhandel" in page.content.decode()

    # Every factsheet: the municipality's own figure beside the region's (or "niet geleverd").
    for name, own in (("GM0599-rotterdam.html", "25"), ("GM0606-schiedam.html", "9"),
                      ("GM0613-albrandswaard.html", "niet geleverd")):
        sheet = (built.folder / "factsheets" / name).read_text(encoding="utf-8")
        assert "Sluitingen van panden wegens mensenhandel, 2022" in sheet
        assert f">{own}<" in sheet and ">41<" in sheet


@pytest.mark.django_db
def test_a_regional_indicator_flagged_for_factsheets_is_on_every_sheet(tmp_path):
    """``show.factsheet`` puts the region's figure, named with its partner, on every sheet."""
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import build_report

    load_catalog()
    load_demo_deliveries()
    built = build_report(2022, tmp_path / "concept", NARRATIVE_DIR, pdf=False)
    for name in ("GM0599-rotterdam.html", "GM0613-albrandswaard.html"):
        sheet = (built.folder / "factsheets" / name).read_text(encoding="utf-8")
        assert "Regio: 23 aangiftes in 2022. Bron: Politie (TMM)." in sheet
        assert "Regio: 168 contactmomenten in 2022" in sheet


@pytest.mark.django_db
def test_an_indicator_kept_off_the_dashboard_is_published_but_not_on_it(tmp_path, settings):
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.services import publish_period
    from zicht.web import dashboard as board

    folder = tmp_path / "catalogus"
    shutil.copytree(DATA_DIR, folder)
    text = (folder / "partners.yaml").read_text(encoding="utf-8")
    text = text.replace("show: {section: riec, order: 10}", "show: {section: riec, order: 10, dashboard: false}")
    (folder / "partners.yaml").write_text(text, encoding="utf-8")
    settings.ZICHT_CATALOG_DIR = str(folder)
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    get_catalog.cache_clear()
    try:
        load_catalog()
        load_demo_deliveries()
        publication, built = publish_period(2022, NARRATIVE_DIR)
        assert any(t["key"] == "riec.cases" for t in publication.tables)
        shown = {t.key for t in board.dashboard_tables(publication, [publication])}
        assert not any(k.startswith("riec.cases") for k in shown)
        assert any(k.startswith("essm_care.clients") for k in shown)
    finally:
        get_catalog.cache_clear()


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_parts_of_the_region_come_from_the_catalog(tmp_path):
    """Which part a municipality is counted in (the ESSM line counts Rotterdam apart) is catalog data: a
    class named in municipalities.yaml must exist; a region whose parts name none has none."""
    catalog = load()
    assert (catalog.region_class("GM0599"), catalog.region_class("GM0606"), catalog.region_class("GM0505")) == (
        "rotterdam", "rijnmond_other", "zhz")

    folder = tmp_path / "c"
    shutil.copytree(DATA_DIR, folder)
    munis = yaml.safe_load((folder / "municipalities.yaml").read_text(encoding="utf-8"))
    munis["municipalities"][0]["region_class"] = "atlantis"
    (folder / "municipalities.yaml").write_text(yaml.safe_dump(munis, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogError, match="region_class atlantis"):
        load(folder)

    for m in munis["municipalities"]:
        m.pop("region_class", None)
    for part in munis["parts"].values():
        part.pop("region_class", None)
    (folder / "municipalities.yaml").write_text(yaml.safe_dump(munis, allow_unicode=True), encoding="utf-8")
    assert load(folder).region_class("GM0599") is None
