"""Open data as the exporter registry names it: the data package is a valid Frictionless descriptor
whose resources are files of the publication, and the open-data page and the API list every
open-data format with a URL that serves exactly the published bytes (current and per version)."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.test import Client

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish import exporters
from zicht.publish.services import publish_period
from zicht.publish.storage import publish_root

pytestmark = pytest.mark.django_db
OPEN_DATA = [e.key for e in exporters.for_audience(exporters.OPEN_DATA)]


@pytest.fixture
def published():
    load_catalog()
    load_demo_deliveries()
    return publish_period(2022, NARRATIVE_DIR)[0]


def _bytes(publication, name: str) -> bytes:
    return (publish_root() / publication.folder / name).read_bytes()


def test_the_data_package_describes_the_published_files(published, tmp_path):
    descriptor = json.loads(_bytes(published, "datapackage.json"))
    # The specification's required and recommended properties.
    assert descriptor["name"] == "mensenhandelmonitor-2022" and descriptor["title"]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0" and descriptor["licenses"][0]["path"]
    assert descriptor["contributors"] == [{"title": "VeiligheidsAlliantie regio Rotterdam", "role": "publisher"}]
    assert descriptor["version"] == "1"
    names = {a.name for a in published.artefacts.all()}
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert [r["path"] for r in descriptor["resources"]] == ["monitor-2022-tabellen.csv", "monitor-2022-tabellen.json"]
    for resource in descriptor["resources"]:
        assert resource["path"] in names
        assert {"format", "mediatype", "encoding"} <= set(resource)
        data = _bytes(published, resource["path"])
        assert resource["bytes"] == len(data) and resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    table = resources["tabellen"]
    header = _bytes(published, table["path"]).decode("utf-8-sig").splitlines()[0].split(table["dialect"]["delimiter"])
    assert header == [f["name"] for f in table["schema"]["fields"]]
    waarde = next(f for f in table["schema"]["fields"] if f["name"] == "waarde")
    assert "'•' = onderdrukt" in waarde["description"] and "'niet geleverd'" in waarde["description"]

    # The frictionless library (an intake dependency) reads the package from the version folder and
    # checks descriptor, hashes and every CSV row against the schema.
    from frictionless import Package

    package = Package(str(publish_root() / published.folder / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["type", "note"])
    rows = package.get_resource("tabellen").read_rows()
    assert rows[0]["tabel"] == "publicatie" and any(r["waarde"] == "•" for r in rows)


def test_a_broken_package_is_seen_by_the_check(published, tmp_path):
    """The validation above is not blind: a header that differs from the schema fails it."""
    import shutil

    from frictionless import Package

    copy = tmp_path / "kopie"
    shutil.copytree(publish_root() / published.folder, copy)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["schema"]["fields"][4]["name"] = "aantal"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert not Package(str(copy / "datapackage.json")).validate().valid


def _listed(html: str, key: str) -> list[str]:
    """The hrefs of the links the open-data page gives for one exporter (current version)."""
    import re

    return re.findall(rf'<a href="([^"]+)" type="[^"]+" data-format="{key}">', html)


def test_open_data_page_lists_every_open_data_format_with_a_working_url(published):
    client = Client()
    html = client.get("/open-data/").content.decode()
    for key in OPEN_DATA:
        exporter = exporters.get(key)
        (url,) = _listed(html, key)
        assert url == exporter.url(2022)
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content == _bytes(published, exporter.primary(2022))
        assert response["Content-Type"].split(";")[0] == exporter.media_type
        assert f'href="/monitor/2022/v1/{exporter.primary(2022)}"' in html  # the version's frozen copy
        assert exporter.label_nl in html and f"({exporter.media_type})" in html
    assert 'href="/open-data/monitor-2022-tabellen.csv"' in html  # the address cited so far stays
    # Relative to the descriptor's address, its resources are served too; other artefacts are not.
    assert client.get("/open-data/2022/monitor-2022-tabellen.csv").content == _bytes(published, "monitor-2022-tabellen.csv")
    assert client.get("/open-data/2022/monitor-2022.html").status_code == 404
    assert client.get("/open-data/2023/datapackage.json").status_code == 404
    assert client.get("/open-data/monitor-2022-tabellen.xlsx").status_code == 404


def test_api_lists_every_format_of_the_publication_with_working_urls(published):
    client = Client()
    detail = client.get("/api/v1/publications/2022/", HTTP_ACCEPT="application/json").json()
    downloads = {d["key"]: d for d in detail["downloads"]}
    # Every exporter with one file to link (the factsheet PDFs are one per municipality).
    assert list(downloads) == ["report-html", "report-pdf", "factsheet-html", "tables-csv", "tables-json",
                               "datapackage"]
    for key, item in downloads.items():
        exporter = exporters.get(key)
        assert (item["label"], item["media_type"], item["audience"]) == (exporter.label_nl, exporter.media_type,
                                                                         exporter.audience)
        assert item["url"] == "http://testserver" + exporter.url(2022)
        frozen = client.get(item["version_url"])
        assert frozen.status_code == 200 and frozen.content == _bytes(published, item["name"])
        current = client.get(item["url"])
        assert current.status_code == 200, item["url"]
        if exporter.audience == exporters.OPEN_DATA:
            assert current.content == _bytes(published, item["name"])
    version = client.get("/api/v1/publications/2022/versions/1/", HTTP_ACCEPT="application/json").json()
    assert version["downloads"] == detail["downloads"]


def test_a_publication_without_a_format_does_not_list_it(settings):
    """Made before the data package existed (or with it switched off): not listed, not served."""
    settings.ZICHT_EXPORTERS_OFF = ("factsheet-pdf", "datapackage", "report-pdf")
    load_catalog()
    load_demo_deliveries()
    publish_period(2022, NARRATIVE_DIR)
    client = Client()
    html = client.get("/open-data/").content.decode()
    assert _listed(html, "tables-csv") and not _listed(html, "datapackage")
    assert client.get("/open-data/2022/datapackage.json").status_code == 404
    keys = [d["key"] for d in client.get("/api/v1/publications/2022/", HTTP_ACCEPT="application/json").json()["downloads"]]
    assert keys == ["report-html", "factsheet-html", "tables-csv", "tables-json"]
