"""No number reaches the public without disclosure control: the 2022 demo (with its synthetic case
records linked) is scanned in every published text; the scan itself is shown to catch a count."""

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.publish.blocks import Paragraph, Table
from zicht.publish.opendata import json_bytes, public_tables
from zicht.publish.report import ReportStatus, build_report, build_sections, render_html, write_pdf
from zicht.records.services import request_linkage, submit_encoded

from .scan import PublishedNumbers

pytestmark = pytest.mark.django_db(transaction=True)
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

REINTRODUCED = "Slechts 1 persoon staat op meer dan één lijst."
WRITTEN_OUT = "Slechts één persoon staat op meer dan één lijst."


@pytest.fixture
def demo(tmp_path):
    """The 2022 demo: the kept deliveries plus the synthetic case records, linked."""
    load_catalog()
    load_demo_deliveries()
    encoded = synthetic_encoded_deliveries(2022, tmp_path / "secret.key", secret=bytes(range(32)))
    for partner, content in encoded.items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    request_linkage(2022)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    return tmp_path


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _criminal_refusal_is_in_the_demo(sections) -> None:
    """The finding's precondition: the demo has a form whose estimate is refused for lack of overlap."""
    by_form = next(b for s in sections for b in s.blocks if isinstance(b, Table) and b.key == "omvang.by_form")
    assert ("Criminele uitbuiting", ["geen schatting", "–"]) in [
        (label, [c.display() for c in cells]) for label, cells in by_form.rows]


@needs_poppler
def test_every_published_text_is_free_of_unprotected_counts(demo):
    built = build_report(2022, demo / "out", NARRATIVE_DIR, pdf=True)
    sections, ctx, _, factsheets = build_sections(2022, NARRATIVE_DIR)
    _criminal_refusal_is_in_the_demo(sections)
    known = PublishedNumbers(ctx, sections, factsheets)
    assert known.cell_findings == []

    texts = {
        "HTML": built.html_path.read_text(encoding="utf-8"),
        "PDF": _pdf_text(built.pdf_path),
        "CSV": built.csv_path.read_text(encoding="utf-8-sig"),
        "JSON": built.json_path.read_text(encoding="utf-8"),
    }
    for name, text in texts.items():
        assert "Slechts" not in text, name
        if name != "CSV":  # the CSV holds the numbers only, not the notes
            assert "te weinig overlap tussen de lijsten" in text, name
    findings = known.scan_html(texts["HTML"], "HTML") + known.scan(texts["PDF"], "PDF")
    findings += known.scan_csv(texts["CSV"], "CSV") + known.scan_json(texts["JSON"], "JSON")
    sheets = sorted((demo / "out" / "factsheets").glob("*.html"))
    assert len(sheets) == 26  # 25 municipalities in 2022 and the index
    for sheet in sheets:
        findings += known.scan_html(sheet.read_text(encoding="utf-8"), sheet.name)
    assert findings == [], "\n".join(map(str, findings))


@needs_poppler
def test_the_scan_catches_a_reintroduced_count(demo):
    """Put the old sentence back (a paragraph, and written out in a table note) and every format's
    scan finds it."""
    sections, ctx, _, factsheets = build_sections(2022, NARRATIVE_DIR)
    known = PublishedNumbers(ctx, sections, factsheets)
    howbig = next(s for s in sections if s.key == "omvang")
    clean_html = render_html(2022, sections)
    assert known.scan_html(clean_html, "HTML") == []

    howbig.blocks.append(Paragraph(f"Criminele uitbuiting: {REINTRODUCED}"))
    by_form = next(b for b in howbig.blocks if isinstance(b, Table) and b.key == "omvang.by_form")
    by_form.notes.append(f"Criminele uitbuiting: {WRITTEN_OUT}")
    html = render_html(2022, sections)
    write_pdf(render_html(2022, sections, for_print=True), demo / "lek.pdf")
    json_text = json_bytes(public_tables(sections), ReportStatus(2022)).decode("utf-8")

    for name, findings, expected in (
        ("HTML", known.scan_html(html, "HTML"), 2),
        ("PDF", known.scan(_pdf_text(demo / "lek.pdf"), "PDF"), 2),
        ("JSON", known.scan_json(json_text, "JSON"), 1),  # the open data has the note, not the paragraph
    ):
        assert len(findings) == expected, (name, findings)
        assert {f.number for f in findings} == {1}
        assert all(re.search(r"Slechts (1|één) persoon", f.context) for f in findings), findings


def test_a_small_count_in_a_cell_that_skipped_protection_is_a_finding(demo):
    """The scan does not take a table's word for it: a shown count below its threshold is found."""
    sections, ctx, _, factsheets = build_sections(2022, NARRATIVE_DIR)
    registered = next(b for s in sections for b in s.blocks
                      if isinstance(b, Table) and b.key == "omvang.registered")
    registered.rows[0][1][0].value = 3  # a list of three persons, shown without protection
    known = PublishedNumbers(ctx, sections, factsheets)
    assert [(f.number, f.where) for f in known.cell_findings] == [(3, "omvang: omvang.registered")]
