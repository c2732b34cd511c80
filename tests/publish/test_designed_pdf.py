"""The printed monitor is a designed document: cover, colophon, contents with page numbers, key
figures up front, a running header and page numbers, figures kept whole, the Verantwoording at the
back, no page less than a third full; and still a tagged PDF/UA."""

import re
import shutil
import subprocess

import pytest

from zicht.publish.report import BuiltSection, ReportStatus, render_html

from .pdf_pages import page_fills

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture
def built(tmp_path):
    from zicht.catalog.services import load_catalog
    from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
    from zicht.publish.report import build_report

    load_catalog()
    load_demo_deliveries()
    return build_report(2022, tmp_path, NARRATIVE_DIR)


@needs_poppler
@pytest.mark.django_db
def test_the_printed_monitor_is_a_designed_document(built):
    pdf = built.pdf_path
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    pages = _pages(pdf)
    count = len(pages)
    flat = [re.sub(r"\s+", " ", p) for p in pages]

    # Cover and colophon.
    assert "Mensenhandelmonitor 2022" in flat[0] and "CONCEPT" in flat[0] and "VeiligheidsAlliantie" in flat[0]
    for term in ("Colofon", "Uitgave", "Versie en datum", "Contact", "Methode", "Disclaimer"):
        assert term in flat[1], term

    # Contents with the page each chapter starts on.
    toc = pages[2]
    assert "Inhoud" in toc
    entries = dict(re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", toc, re.M))
    assert {"Kerncijfers", "Verantwoording", "ESSM hulpverlening"} <= set(entries)
    for title, number in entries.items():
        page = flat[int(number) - 1]
        assert title in page, (title, number)

    # Key figures up front: this year's number beside last year's, with the honest wording.
    key = flat[int(entries["Kerncijfers"]) - 1]
    assert "Aangiftes mensenhandel" in key and "2022: 23" in key and "2021: 16" in key
    assert "we spreken daarom niet van een trend" in key

    # Running header (chapter title) and page numbers.
    for number, page in enumerate(flat[3:], start=4):
        assert f"pagina {number} van {count}" in page
    essm = int(entries["ESSM hulpverlening"])
    assert any("ESSM hulpverlening" in p.splitlines()[0] for p in pages[essm:essm + 2] if p.strip())

    # A chart, its table and its source line on one page.
    for caption in ("Contactmomenten naar gender, 2022", "Cliënten naar sector, 2022"):
        holding = [p for p in flat if caption in p]
        assert len(holding) == 1 or all(caption in p for p in holding[:1])
        page = holding[0]
        assert page.count(caption) >= 2  # the chart's title and the table's caption
        assert "Bron: Stichting Humanitas" in page[page.rindex(caption):]

    # The Verantwoording: method and the technical provenance.
    appendix = " ".join(flat[int(entries["Verantwoording"]) - 1:])
    for term in ("Onthullingscontrole", "Koppeling", "Niet geleverd", "Herkomst van de cijfers", "police_tmm.csv"):
        assert term in appendix, term

    # No page less than a third full (the cover is a full-bleed page of its own).
    fills = page_fills(pdf)
    assert len(fills) == count
    thin = [(i + 1, f) for i, f in enumerate(fills[1:-1], start=1) if f < 1 / 3]
    assert thin == [], thin


def test_a_correction_says_so_in_the_colophon_and_is_no_draft():
    status = ReportStatus(2022, draft=False, version=2, correction="Aangiftes 2022 gecorrigeerd.", date="01-03-2024")
    html = render_html(2022, [BuiltSection("inleiding", "Inleiding", "", [])], for_print=True, status=status)
    assert "CONCEPT" not in html
    assert "Versie 2 · 01-03-2024" in html
    assert "Correctie." in html and "Aangiftes 2022 gecorrigeerd." in html and "/monitor/2022/v1/" in html
    assert 'href="#inleiding"' in html and "target-counter" in html


def test_a_forced_break_is_chosen_only_where_the_page_before_stays_full():
    from zicht.publish.report import APPENDIX_KEY, _layout, chapter_breaks

    filler = "".join(f"<p>Alinea {i} met genoeg tekst om een regel te vullen.</p>" for i in range(18))
    def doc(paragraphs: str):
        html = (f"<html lang='nl'><head><title>t</title><style>@page {{ size: A4; margin: 2cm }}</style></head>"
                f"<body>{paragraphs}<section id='{APPENDIX_KEY}'><h2>Verantwoording</h2></section></body></html>")
        return _layout(html)

    assert chapter_breaks(doc(filler)) == {APPENDIX_KEY}  # the appendix heading halfway down: break
    assert chapter_breaks(doc("<p>Kort.</p>")) == frozenset()  # near the top: no break, no empty page
