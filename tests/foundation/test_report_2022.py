"""The 2022 monitor built from the kept deliveries contains exactly the 2022 monitor's figures."""

import re
import shutil
import subprocess

import pytest

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.report import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(tmp_path):
    load_catalog()
    load_demo_deliveries()
    return build_report(2022, tmp_path, NARRATIVE_DIR, pdf=False)


@pytest.fixture
def built_pdf(tmp_path):
    load_catalog()
    load_demo_deliveries()
    return build_report(2022, tmp_path, NARRATIVE_DIR)


def _table(html: str, caption: str) -> str:
    match = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S)
    assert match, f"table {caption!r} missing"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def test_report_has_the_2022_figures(built):
    html = built.html_path.read_text(encoding="utf-8")
    gender = _table(html, "Cliënten naar gender, 2022")
    assert "Vrouw 115" in gender and "Man 12" in gender and "Overig/onbekend 16" in gender
    assert "Totaal 143" in gender
    reporter = _table(html, "Contactmomenten naar melder, 2022")
    assert "154" in reporter and "Zelfmelder 8" in reporter and "Omgeving/naasten 6" in reporter
    assert "Totaal 168" in reporter
    assert "23 aangiftes in 2022, tegen 16 in 2021" in html
    assert "168 contactmomenten in 2022, tegen 129 in 2021" in html
    assert "143 cliënten in 2022, tegen 162 in 2021" in html


def test_lost_figures_are_reported_as_not_delivered(built):
    html = built.html_path.read_text(encoding="utf-8")
    assert "De verdeling van aangiftes mensenhandel naar leeftijdsgroep is voor 2022 niet geleverd." in html
    assert "Meldingen arbeidsuitbuiting en ernstige benadeling regio Rotterdam:</strong> niet geleverd" in html
    assert "Contactmomenten naar sector / soort vraag:</strong> niet geleverd" in html


def test_every_table_names_its_source_and_delivery_version(built):
    html = built.html_path.read_text(encoding="utf-8")
    tables = html.count('class="data-table ')
    assert tables > 10
    assert html.count('<p class="source">Bron: ') == tables


def test_small_counts_are_suppressed_and_do_not_leak(built):
    html = built.html_path.read_text(encoding="utf-8")
    sector = _table(html, "Cliënten naar sector, 2022")
    assert "Mensenhandel criminele uitbuiting •" in sector
    complaints = _table(html, "Aangiftes mensenhandel, 2022")
    assert "Arbeidsuitbuiting •" in complaints and "Seksuele uitbuiting •" in complaints
    assert "Totaal 23" in complaints


def test_charts_have_text_alternatives_and_dutch_numbers(built):
    html = built.html_path.read_text(encoding="utf-8")
    assert html.count("<svg") >= 5
    assert html.count('role="img" aria-label="Staafdiagram') >= 5
    assert "1.372" in html  # CoMensha 2019, Dutch thousands separator


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_is_tagged_and_contains_the_figures(built_pdf):
    built = built_pdf
    info = subprocess.run(["pdfinfo", str(built.pdf_path)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    text = subprocess.run(["pdftotext", "-layout", str(built.pdf_path), "-"], capture_output=True, text=True).stdout
    assert "Mensenhandelmonitor 2022" in text
    assert "143" in text and "115" in text and "168" in text


def test_a_factsheet_per_municipality(built):
    folder = built.html_path.parent / "factsheets"
    sheets = sorted(p.name for p in folder.glob("GM*.html"))
    assert len(sheets) == 25  # 2022 boundaries: Brielle, Hellevoetsluis, Westvoorne still separate
    text = (folder / "GM0599-rotterdam.html").read_text(encoding="utf-8")
    assert "Factsheet Rotterdam" in text
    assert "geen cijfers per gemeente geleverd" in text
    assert "Regio: 143 cliënten in 2022. Bron: ESSM hulpverlening." in text


def test_indicators_about_minors_use_the_higher_threshold(built):
    html = built.html_path.read_text(encoding="utf-8")
    ages = _table(html, "Cliënten naar leeftijdscategorie, 2022")
    assert "50 &lt; 60 •" in ages or "50 < 60 •" in ages  # 5 clients: safe at 5, not at 10
    gender = _table(html, "Cliënten naar gender, 2022")
    assert "Man 12" in gender  # 12 is shown: the ordinary threshold applies here
