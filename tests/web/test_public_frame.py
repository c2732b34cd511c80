"""One look for every public page (issue 11, ADR 1110/1111): header, navigation and footer; footer pages
from the installation's Markdown; NL Design System CSS pinned from npm; Dutch whatever the browser says;
phone numbers that dial; API documentation served from our own files."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.test import Client

from zicht.publish.models import Artefact, Publication
from zicht.publish.storage import write_version
from zicht.signalling.services import route_map

REPO = Path(__file__).resolve().parents[2]
NAV = ("Monitor", "Dashboard", "Factsheets", "Open data", "Meldroutekaart")
FOOTER = ("Contact", "Privacyverklaring", "Toegankelijkheidsverklaring", "Colofon")


def get(url: str, client: Client | None = None, **headers) -> str:
    response = (client or Client()).get(url, secure=True, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_framed(html: str, where: str) -> None:
    nav = re.search(r'<nav class="utrecht-nav-bar zicht-nav" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S)
    assert nav, f"{where}: no main navigation"
    labels = re.findall(r'class="utrecht-nav-list__link"[^>]*>([^<]+)</a>', nav.group(1))
    assert tuple(labels) == NAV, where
    footer = re.search(r'<footer class="utrecht-page-footer zicht-footer">(.*?)</footer>', html, re.S)
    assert footer, f"{where}: no footer"
    for title in FOOTER:
        assert f">{title}</a>" in footer.group(1), (where, title)
    assert "VeiligheidsAlliantie regio Rotterdam" in html
    assert "/static/web/nlds/utrecht-component-library.css" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/open-data/", "/api/docs/", "/meldroutekaart/", "/over/contact/",
                                 "/over/privacy/", "/over/toegankelijkheid/", "/over/colofon/",
                                 "/accounts/login/"])
def test_every_page_has_the_frame(url):
    assert_framed(get(url), url)


@pytest.mark.django_db
def test_a_published_report_is_served_inside_the_frame_and_stays_as_published(settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path
    body = (b'<!DOCTYPE html><html lang="nl"><head><title>Monitor</title></head><body class="screen">'
            b'<main id="inhoud"><h1>Mensenhandelmonitor 2022</h1></main></body></html>')
    publication = Publication.objects.create(year=2022)
    (stored,) = write_version(2022, 1, {"monitor-2022.html": body})
    assert stored.sha256 == hashlib.sha256(body).hexdigest()
    Artefact.objects.create(publication=publication, name=stored.name, size=stored.size, sha256=stored.sha256,
                            content_type=stored.content_type)
    html = get("/monitor/2022/")
    assert_framed(html, "report")
    assert '<div class="zicht-artefact"><main id="inhoud"><h1>Mensenhandelmonitor 2022</h1></main></div>' in html
    # The file itself is unchanged: the frame is added when it is served, never written into it.
    assert (tmp_path / "2022" / "v1" / "monitor-2022.html").read_bytes() == body


def test_footer_pages_come_from_the_installations_markdown(settings, tmp_path):
    (tmp_path / "contact.md").write_text("## Contact\n\nBel [010 123 45 67](tel:+31101234567).\n\n"
                                         "<script>alert(1)</script>\n", encoding="utf-8")
    settings.ZICHT_SITE_PAGES_DIR = str(tmp_path)
    settings.ZICHT_SITE_NAME = "Alliantie Testregio"
    html = get("/over/contact/")
    assert re.search(r'<a href="tel:\+31101234567"[^>]*>010 123 45 67</a>', html)
    assert "<script>alert" not in html and "Alliantie Testregio" in html
    # A page the installation has not written yet falls back on the demo's.
    assert "Toegankelijkheidsverklaring" in get("/over/toegankelijkheid/")
    assert Client().get("/over/bestaat-niet/", secure=True).status_code == 404


def test_accessibility_statement_follows_the_model_statement():
    html = get("/over/toegankelijkheid/")
    assert "<h1>Toegankelijkheidsverklaring</h1>" in html
    for heading in ("Over welke website gaat het?", "Status: C",
                    "Bekende problemen en maatregelen", "Feedback en contact", "Handhavingsprocedure",
                    "Aanvullende informatie"):
        assert heading in html, heading
    assert "WCAG 2.1" in html and "axe-core" in html and "390 pixels" in html
    assert "Nationale ombudsman" in html


@pytest.mark.django_db
def test_dutch_whatever_the_browser_says_english_only_by_choice():
    html = get("/", **{"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="nl">' in html and "Gepubliceerde monitors" in html
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/open-data/"}, secure=True)
    assert response.status_code == 302
    english = get("/open-data/", client, **{"Accept-Language": "nl"})
    assert '<html lang="en">' in english and ">Privacy statement</a>" in english


@pytest.mark.django_db
def test_every_phone_number_on_the_meldroutekaart_dials():
    html = get("/meldroutekaart/")
    assert '<a href="tel:112">112</a>' in html
    for route in route_map().routes:
        if not route.contact:
            continue
        for number in re.findall(r"\+31[\d \-]{8,14}\d|\b0\d{2,3}[\- ]?\d[\d \-]{2,9}\d|\b112\b", route.contact):
            digits = re.sub(r"[^\d+]", "", number)
            assert f'href="tel:{digits}">{number}</a>' in html, number
    where = get("/meldroutekaart/waar-melden/?urgency=acute&situation=location&form=labour&minor=no")
    assert 'Bel direct <a href="tel:112">112</a>.' in where


def test_nl_design_system_css_is_the_pinned_npm_package():
    package = json.loads((REPO / "package.json").read_text())
    lock = json.loads((REPO / "package-lock.json").read_text())
    version = package["dependencies"]["@utrecht/component-library-css"]
    assert lock["packages"]["node_modules/@utrecht/component-library-css"]["version"] == version
    assert not any("design-tokens" in name for name in lock["packages"])  # never @utrecht/design-tokens
    css = Path(finders.find("web/nlds/utrecht-component-library.css")).read_text(encoding="utf-8")
    assert "@license EUPL-1.2" in css[:200] and ".utrecht-page-header" in css


def test_api_documentation_is_served_from_our_own_files():
    html = get("/api/docs/")
    assert '<redoc spec-url="/api/schema/"' in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"]
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
    assert "googleapis" not in html and "cdn." not in html
    assert "worker-src" in str(django_settings.CONTENT_SECURITY_POLICY)


@pytest.mark.django_db
def test_open_data_page_links_downloads_and_api_documentation():
    publication = Publication.objects.create(year=2022)
    # The page lists the files a publication holds (tests/web/test_open_data_downloads.py serves them).
    Artefact.objects.create(publication=publication, name="monitor-2022-tabellen.csv", sha256="0" * 64, size=0,
                            content_type="text/csv; charset=utf-8")
    html = get("/open-data/")
    assert 'href="/open-data/monitor-2022-tabellen.csv"' in html and 'href="/api/docs/"' in html
