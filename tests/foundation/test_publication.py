"""Publishing freezes a year; every output (HTML, PDF, CSV, JSON, API) carries only protected values."""

import csv
import json
import shutil
import subprocess

import pytest
from django.test import Client

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.models import Publication
from zicht.publish.services import AlreadyPublished, publish_period

pytestmark = pytest.mark.django_db

# (table key, row label, true value) of cells the 2022 publication must suppress.
SMALL_CELLS = [
    ("essm_care.clients_by_sector.care_sector", "Mensenhandel criminele uitbuiting", 1),
    ("police.complaints.form", "Arbeidsuitbuiting", 1),
    ("police.complaints.form", "Seksuele uitbuiting", 22),
]


@pytest.fixture
def published(tmp_path, settings):
    settings.ZICHT_PUBLISH_DIR = tmp_path
    load_catalog()
    load_demo_deliveries()
    publication, built = publish_period(2022, NARRATIVE_DIR)
    return publication, built


def _table(tables, key):
    return next(t for t in tables if t["key"] == key)


def _row(table, label):
    return next(r for r in table["rows"] if r["label"] == label)


def test_publication_is_frozen(published, tmp_path):
    publication, _ = published
    with pytest.raises(AlreadyPublished):
        publish_period(2022, NARRATIVE_DIR)
    with pytest.raises(RuntimeError):
        publication.save()
    assert publication.pattern and all({"indicator", "year", "dims", "suppressed"} <= set(c) for c in publication.pattern)


def test_no_output_carries_a_suppressed_value(published):
    publication, built = published
    _json_and_api(publication, built)
    _csv(built)
    _html(built)
    _pdf(built)
    _served()


def _json_and_api(publication, built):
    file_tables = json.loads(built.json_path.read_text(encoding="utf-8"))["tables"]
    api = Client().get("/api/v1/publications/2022/")
    assert api.status_code == 200
    for tables in (file_tables, publication.tables, api.json()["tables"]):
        for key, label, _true in SMALL_CELLS:
            cell = _row(_table(tables, key), label)["cells"][0]
            assert cell == {"value": None, "suppressed": True, "delivered": True}
    assert Client().get("/api/v1/publications/").json()[0]["year"] == 2022
    assert Client().get("/api/schema/").status_code == 200


def _csv(built):
    with open(built.csv_path, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    for key, label, _true in SMALL_CELLS:
        hits = [r for r in rows if r["tabel"] == key and r["rij"] == label]
        assert hits and all(r["waarde"] == "•" for r in hits)


def _html(built):
    html = built.html_path.read_text(encoding="utf-8")
    assert '<th scope="row">Mensenhandel criminele uitbuiting</th><td class="num suppressed">•</td>' in html
    assert "Mensenhandel criminele uitbuiting: 1" not in html  # chart text alternative


def _pdf(built):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    text = subprocess.run(["pdftotext", "-layout", str(built.pdf_path), "-"], capture_output=True, text=True).stdout
    lines = [line.split() for line in text.splitlines() if "Mensenhandel criminele uitbuiting" in line]
    # The table's cell "•", and the chart's marked gap "• onderdrukt" (no bar, no value).
    assert lines and all(parts[-1] == "•" or parts[-2:] == ["•", "onderdrukt"] for parts in lines)


def _served():
    client = Client()
    home = client.get("/")
    assert home.status_code == 200 and b"Mensenhandelmonitor 2022" in home.content
    assert client.get("/monitor/2022/").status_code == 200
    assert client.get("/monitor/2022.pdf").status_code == 200
    assert client.get("/open-data/monitor-2022-tabellen.csv").status_code == 200
    assert client.get("/monitor/2019/").status_code == 404
    assert Publication.objects.count() == 1


def test_csv_export_defuses_formulas():
    from zicht.publish.opendata import defuse

    assert defuse("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert defuse("Rotterdam") == "Rotterdam"


def test_publish_command_refuses_a_second_publication(tmp_path, settings):
    from django.core.management import CommandError, call_command

    settings.ZICHT_PUBLISH_DIR = tmp_path
    with pytest.raises(CommandError, match="geen leveringen"):
        call_command("publish", "--year", "2022")
    load_catalog()
    load_demo_deliveries()
    call_command("publish", "--year", "2022")
    assert (tmp_path / "2022" / "v1" / "monitor-2022.pdf").is_file()
    with pytest.raises(CommandError, match="al gepubliceerd"):
        call_command("publish", "--year", "2022")
