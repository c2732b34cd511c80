"""The exporter registry: one interface for every format, and every file of a build made by one of
them (PDF on and off); `zicht factsheets` hands out the factsheet PDFs the publication froze."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from zicht.catalog.definitions import get_catalog
from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish import exporters
from zicht.publish.storage import content_type_of, publish_root

KEYS = ["report-html", "report-pdf", "factsheet-html", "factsheet-pdf", "tables-csv", "tables-json", "datapackage"]


def test_the_registry_holds_every_format_with_one_interface():
    assert [e.key for e in exporters.EXPORTERS] == KEYS
    assert {e.audience for e in exporters.EXPORTERS} == set(exporters.AUDIENCES)
    assert [e.key for e in exporters.for_audience(exporters.OPEN_DATA)] == ["tables-csv", "tables-json", "datapackage"]
    assert [e.key for e in exporters.EXPORTERS if e.needs_pdf] == ["report-pdf", "factsheet-pdf"]
    rotterdam = get_catalog().municipalities["GM0599"]
    for e in exporters.EXPORTERS:
        assert e.label_nl and e.media_type and e.audience in exporters.AUDIENCES
        names = e.names(2022, [rotterdam])
        assert names and all(content_type_of(n).split(";")[0] == e.media_type for n in names), e
    assert exporters.get("factsheet-pdf").names(2022, [rotterdam]) == ["factsheets/GM0599-rotterdam.pdf"]
    assert exporters.get("datapackage").primary(2022) == "datapackage.json"
    # A PDF comes after the HTML it prints, the data package after the files it describes.
    assert KEYS.index("factsheet-pdf") > KEYS.index("factsheet-html")
    assert KEYS.index("datapackage") > max(KEYS.index("tables-csv"), KEYS.index("tables-json"))


def test_only_optional_formats_can_be_switched_off(settings):
    settings.ZICHT_EXPORTERS_OFF = ("datapackage", "factsheet-pdf")
    assert [e.key for e in exporters.active()] == ["report-html", "report-pdf", "factsheet-html", "tables-csv",
                                                   "tables-json"]
    assert [e.key for e in exporters.active(pdf=False)] == ["report-html", "factsheet-html", "tables-csv",
                                                            "tables-json"]
    for wrong in ("tables-csv", "pdf"):
        settings.ZICHT_EXPORTERS_OFF = (wrong,)
        with pytest.raises(ImproperlyConfigured, match=f"noemt {wrong}: alleen deze formaten kunnen uit"):
            exporters.active()


def _expected(year: int, keys) -> set[str]:
    municipalities = get_catalog().municipalities_in(year)
    return {name for key in keys for name in exporters.get(key).names(year, municipalities)}


@pytest.mark.django_db
def test_a_build_without_pdf_holds_exactly_the_files_of_its_exporters():
    from zicht.publish.report import render_report

    load_catalog()
    load_demo_deliveries()
    files = render_report(2022, NARRATIVE_DIR, pdf=False).files
    assert set(files) == _expected(2022, ["report-html", "factsheet-html", "tables-csv", "tables-json",
                                          "datapackage"])
    # No PDF made, so no sheet links one (a link to a file that does not exist).
    assert b'.pdf"' not in files["factsheets/GM0599-rotterdam.html"] and b'.pdf"' not in files["factsheets/index.html"]


@pytest.mark.django_db
@pytest.mark.slow  # the report PDF and 25 factsheet PDFs through WeasyPrint (about 20 s here)
def test_a_publication_with_pdf_holds_every_exporters_files_and_the_command_hands_them_out(settings, tmp_path):
    from zicht.publish.services import publish_period

    settings.ZICHT_EXPORTERS_OFF = ()
    load_catalog()
    load_demo_deliveries()
    publication, built = publish_period(2022, NARRATIVE_DIR)
    artefacts = {a.name: a for a in publication.artefacts.all()}
    assert set(artefacts) == _expected(2022, KEYS)
    pdfs = [n for n in artefacts if n.startswith("factsheets/") and n.endswith(".pdf")]
    assert len(pdfs) == len(get_catalog().municipalities_in(2022)) == 25
    folder = publish_root() / publication.folder
    assert all((folder / n).read_bytes().startswith(b"%PDF-") for n in [*pdfs, "monitor-2022.pdf"])
    assert all(artefacts[n].content_type == "application/pdf" for n in pdfs)
    # Each sheet and the index link the PDF printed beside it.
    assert b'href="GM0599-rotterdam.pdf"' in (folder / "factsheets/GM0599-rotterdam.html").read_bytes()
    assert b'href="GM0599-rotterdam.pdf"' in (folder / "factsheets/index.html").read_bytes()
    # On paper the link is left out with its separator: no "GM0599 ·" pointing at nothing.
    import subprocess

    printed = subprocess.run(["pdftotext", str(folder / "factsheets/GM0599-rotterdam.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "CBS-code GM0599" in printed and "GM0599 ·" not in printed and "als PDF" not in printed

    out = tmp_path / "raad"
    call_command("factsheets", year=2022, out=str(out))
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(n.removeprefix("factsheets/") for n in pdfs)
    for name in pdfs:  # the frozen PDFs themselves, not printed again
        assert (out / name.removeprefix("factsheets/")).read_bytes() == (folder / name).read_bytes()

    # A municipality reader finds the sheet's PDF beside it, served as published.
    from django.test import Client

    from zicht.publish.municipal_reading import municipality_publications

    (sheet,) = municipality_publications("GM0599")[0].factsheets
    assert (sheet.filename, sheet.pdf) == ("GM0599-rotterdam.html", "GM0599-rotterdam.pdf")
    served = Client().get(f"/monitor/2022/factsheets/{sheet.pdf}")
    assert served["Content-Type"] == "application/pdf"
    assert served.content == (folder / "factsheets/GM0599-rotterdam.pdf").read_bytes()
