"""Source lines are for people: the partner and the delivery date, once. The technical provenance
(file, version, the partner's stated sources) is in the Verantwoording and in open data."""

import json
import re

import pytest

from zicht.figures.services import Provenance, people_source, stated_sources

PROV = Provenance("police_tmm", "Politie Eenheid Rotterdam (TMM)", 1, "12-03-2023", "police_tmm.csv",
                  ("Mensenhandelmonitor 2022 (VAR), p. 5", "Mensenhandelmonitor 2022 (VAR), p. 5: aangiftes 2022"))


def test_the_source_line_names_the_partner_and_the_delivery_date():
    assert PROV.label_people() == "Bron: Politie Eenheid Rotterdam (TMM), geleverd 12-03-2023."


def test_a_stated_source_that_another_one_continues_is_said_once():
    assert stated_sources(PROV.sources) == ["Mensenhandelmonitor 2022 (VAR), p. 5: aangiftes 2022"]
    assert PROV.label_nl().count("p. 5") == 1


def test_several_deliveries_are_one_line_without_repetition():
    other = Provenance("police_tmm", "Politie Eenheid Rotterdam (TMM)", 2, "14-03-2023", "b.csv", ())
    assert people_source([PROV, PROV, other]) == (
        "Bron: Politie Eenheid Rotterdam (TMM), geleverd 12-03-2023 en 14-03-2023.")
    assert people_source([]) == "Bron: niet geleverd."


@pytest.fixture
def built(tmp_path):
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import build_report

    load_catalog()
    load_demo_deliveries()
    return build_report(2022, tmp_path, NARRATIVE_DIR, pdf=False)


@pytest.mark.django_db
def test_the_report_source_lines_are_for_people(built):
    html = built.html_path.read_text(encoding="utf-8")
    lines = re.findall(r'<p class="source">(.*?)</p>', html, re.S)
    assert len(lines) > 10
    for line in lines:
        assert ".csv" not in line and "levering " not in line and "versie" not in line, line
        assert "p. 5; Mensenhandelmonitor" not in line, line
    police = re.search(r"<caption>Aangiftes mensenhandel, 2022</caption>.*?<p class=\"source\">(.*?)</p>", html, re.S)
    assert re.fullmatch(r"Bron: Politie Eenheid Rotterdam, Team Migratiecriminaliteit en Mensenhandel \(TMM\), "
                        r"geleverd \d\d-\d\d-\d{4}\.( • = onderdrukt \(onthullingscontrole\)\.)?", police.group(1))


@pytest.mark.django_db
def test_the_full_provenance_is_in_the_verantwoording_and_open_data(built):
    html = built.html_path.read_text(encoding="utf-8")
    appendix = html[html.index('id="verantwoording"'):]
    assert "police_tmm.csv" in appendix and "versie 1" in appendix
    assert "Mensenhandelmonitor 2022 (VAR), p. 5" in appendix
    document = json.loads(built.json_path.read_text(encoding="utf-8"))
    complaints = next(t for t in document["tables"] if t["key"] == "police.complaints.form")
    assert "police_tmm.csv versie 1" in complaints["provenance"]
    assert "police_tmm.csv" not in complaints["source"]
    csv_text = built.csv_path.read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].split(";")[-1] == "herkomst"
    assert "police_tmm.csv versie 1" in csv_text
