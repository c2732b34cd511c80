"""Factsheets a council can use: the municipality beside its part of the region and beside earlier
years (as published then), the reporting routes as tappable phone links, and `zicht factsheets` that
writes the published sheets as HTML and one- or two-page A4 PDFs."""

import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command

from zicht.catalog.services import load_catalog
from zicht.demo.awareness import load_demo_awareness
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.earlier import earlier_factsheet_rows
from zicht.publish.factsheets import _phone_links
from zicht.publish.models import Publication
from zicht.publish.services import publish_period

pytestmark = pytest.mark.django_db


def _sheet(key, own, total):
    return {"section": "factsheet-GM0599", "key": key, "caption": "x", "columns": ["", "Aantal"], "source": "",
            "rows": [{"label": "Rotterdam", "cells": [own]},
                     {"label": "Regio (totaal)", "cells": [total], "total": True}]}


def test_earlier_years_are_read_as_they_were_published():
    shown = {"value": 12, "suppressed": False, "delivered": True}
    hidden = {"value": None, "suppressed": True, "delivered": True}
    total = {"value": 80, "suppressed": False, "delivered": True}
    Publication.objects.create(year=2020, tables=[_sheet("essm_care.clients.GM0599", shown, total)])
    Publication.objects.create(year=2021, tables=[_sheet("essm_care.clients.GM0599", hidden, total)])
    Publication.objects.create(year=2021, version=2, tables=[_sheet("essm_care.clients.GM0599", shown, total)])
    rows = earlier_factsheet_rows("essm_care.clients.GM0599", 2022)
    assert [(year, [c.display() for c in cells]) for year, cells in rows] == [
        ("2021", ["12", "80"]),  # the current version (v2) of 2021, not the first
        ("2020", ["12", "80"]),
    ]
    assert all(c.indicator is None for _, cells in rows for c in cells)  # not protected again
    Publication.objects.create(year=2019, tables=[_sheet("essm_care.clients.GM0599", hidden, total)])
    assert earlier_factsheet_rows("essm_care.clients.GM0599", 2020)[0][1][0].display() == "•"
    assert earlier_factsheet_rows("essm_care.clients.GM0606", 2022) == []


def test_phone_numbers_become_tel_links_and_text_is_escaped():
    html = _phone_links("0800-5151; vanuit het buitenland +31 70 333 44 44 <b>")
    assert '<a href="tel:08005151">0800-5151</a>' in html
    assert '<a href="tel:+31703334444">+31 70 333 44 44</a>' in html
    assert "&lt;b&gt;" in html
    assert _phone_links("112") == '<a href="tel:112">112</a>'


@pytest.fixture
def published(settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    load_catalog()
    load_demo_deliveries()
    load_demo_awareness(2022)  # the sheets carry their activities: the page count below includes them
    return publish_period(2022, NARRATIVE_DIR)[0]


def test_factsheets_command_writes_published_html_and_short_pdfs(published, tmp_path):
    out = tmp_path / "factsheets"
    with pytest.raises(CommandError, match="geen gepubliceerde"):
        call_command("factsheets", year=2023, out=str(out))
    call_command("factsheets", year=2022, out=str(out), no_pdf=True)
    sheets = sorted(out.glob("GM*.html"))
    assert len(sheets) == 25 and not list(out.glob("*.pdf"))
    rotterdam = (out / "GM0599-rotterdam.html").read_text(encoding="utf-8")
    assert "Contactmomenten naar regio: Rotterdam, 2022" in rotterdam
    assert "Rotterdam (waar Rotterdam onder valt)" in rotterdam
    assert 'href="tel:112"' in rotterdam and 'href="tel:09008844"' in rotterdam
    dordrecht = (out / "GM0505-dordrecht.html").read_text(encoding="utf-8")
    assert "Zuid-Holland Zuid (waar Dordrecht onder valt)" in dordrecht
    assert "Bewustwordingsactiviteiten in Dordrecht, 2022" in dordrecht and "Training FairWork Academie" in dordrecht
    assert "Training FairWork Academie" not in rotterdam and "Vernieuwde voorlichting ESSM" in rotterdam
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) ontbreekt: installeer het met `make install`")
    for path in sheets[:1] + [out / "GM0599-rotterdam.html"]:
        path.unlink()
    call_command("factsheets", year=2022, out=str(out))
    info = subprocess.run(["pdfinfo", str(out / "GM0599-rotterdam.pdf")], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert 1 <= pages <= 2
    text = subprocess.run(["pdftotext", str(out / "GM0599-rotterdam.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Factsheet Rotterdam" in text and "Waar meld je mensenhandel?" in text
    assert "Bewustwordingsactiviteiten in Rotterdam" in text


def test_municipal_figures_say_they_measure_attention_not_prevalence(settings, tmp_path):
    """Rotterdam 90 beside Schiedam 12 reads as "more trafficking in Rotterdam" unless the page says
    what such differences show: the report's chapter per municipality and every factsheet say it."""
    from django.utils.html import escape

    from zicht.intake.services import submit_bytes
    from zicht.publish.wording import MUNICIPAL_DIFFERENCES

    assert "niet hoe vaak mensenhandel er voorkomt" in MUNICIPAL_DIFFERENCES
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    load_catalog()
    load_demo_deliveries()
    care = (NARRATIVE_DIR.parent / "deliveries" / "2022" / "essm_care.csv").read_text(encoding="utf-8").splitlines()
    per_municipality = [f'essm_care.clients,,,,,{n},"ESSM, per gemeente",{code}' for code, n in
                        (("GM0599", 90), ("GM0606", 12))]
    delivery = "\n".join([care[0] + ",municipality", *(line + "," for line in care[1:]), *per_municipality])
    submit_bytes(delivery.encode(), "essm_care.csv", "essm_care", 2022, reason="per gemeente erbij")
    _publication, built = publish_period(2022, NARRATIVE_DIR)
    report = built.html_path.read_text(encoding="utf-8")
    chapter = report[report.index(">Cijfers per gemeente</h2>"):]
    sentence = escape(MUNICIPAL_DIFFERENCES)
    assert sentence in chapter[:chapter.index("<table")]
    out = tmp_path / "sheets"
    call_command("factsheets", year=2022, out=str(out), no_pdf=True)
    for name in ("GM0599-rotterdam.html", "GM0482-alblasserdam.html"):
        assert sentence in (out / name).read_text(encoding="utf-8")


def test_a_tampered_factsheet_is_refused(published, tmp_path):
    artefact = published.artefacts.get(name="factsheets/GM0599-rotterdam.html")
    from zicht.publish.storage import publish_root

    path = publish_root() / published.folder / artefact.name
    path.write_bytes(path.read_bytes().replace(b"Rotterdam", b"Rotterdan"))
    with pytest.raises(CommandError, match="klopt niet met de publicatie"):
        call_command("factsheets", year=2022, out=str(tmp_path / "uit"), no_pdf=True)
