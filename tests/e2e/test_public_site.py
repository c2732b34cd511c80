"""The public site in a real browser (issue 11): one frame on every page, accessible at desktop and
phone width, and a dashboard whose filters work without JavaScript and whose CSV is what it shows."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from zicht.catalog.services import load_catalog
from zicht.demo.awareness import load_demo_awareness
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.services import publish_period

# WCAG 2.1 A and AA: axe's rules for those levels; every violation counts, whatever its impact.
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = [
    "/",
    "/monitor/2022/",
    "/dashboard/2022/",
    "/dashboard/2022/?vorm=seksuele-uitbuiting",
    "/monitor/2022/factsheets/",
    "/monitor/2022/factsheets/GM0505-dordrecht.html",
    "/open-data/",
    "/meldroutekaart/",
    "/meldroutekaart/waar-melden/?urgency=not_acute&situation=person&form=labour&minor=no",
    "/over/contact/",
    "/over/privacy/",
    "/over/toegankelijkheid/",
    "/over/colofon/",
]


@pytest.fixture
def published_site(site, settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path
    settings.ZICHT_DRAFTS_DIR = tmp_path / "concepten"
    load_catalog()
    load_demo_deliveries()
    load_demo_awareness(2022)  # the factsheets below carry awareness activities
    publish_period(2021, NARRATIVE_DIR)
    publish_period(2022, NARRATIVE_DIR)
    return site


def wcag_violations(axe, page) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG21_AA},
                                     "resultTypes": ["violations"]})
    return [f"{page.url} [{v['impact']}] {v['id']}: {v['help']} -> "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in results.response["violations"]]


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_public_page_type_has_the_frame_and_no_wcag_violation(published_site, browser, axe, viewport):
    context = browser.new_context(viewport=viewport, locale="en-GB")  # an English browser: still Dutch
    page = context.new_page()
    problems: list[str] = []
    try:
        for path in PUBLIC_PAGES:
            response = page.goto(published_site + path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == "nl", path
            nav = page.get_by_role("navigation", name="Hoofdmenu")
            for name in ("Monitor", "Dashboard", "Factsheets", "Open data", "Meldroutekaart"):
                expect(nav.get_by_role("link", name=name, exact=True)).to_have_count(1)
            footer = page.locator("footer.utrecht-page-footer")
            for name in ("Contact", "Privacyverklaring", "Toegankelijkheidsverklaring", "Colofon"):
                expect(footer.get_by_role("link", name=name, exact=True)).to_have_count(1)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path}: page is {width}px wide on a {viewport['width']}px screen"
            problems += wcag_violations(axe, page)
    finally:
        context.close()
    assert not problems, "axe (WCAG 2.1 A/AA) vond:\n" + "\n".join(problems)


def _shown_rows(figure) -> list[tuple[str, str]]:
    rows = figure.locator("table tbody tr")
    return [(rows.nth(i).locator("th").inner_text().strip(), rows.nth(i).locator("td").inner_text().strip())
            for i in range(rows.count())]


@pytest.mark.slow
def test_dashboard_filters_without_javascript_and_csv_of_what_is_shown(published_site, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(published_site + "/dashboard/2022/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard mensenhandel 2022")
        # Headline tile: the number, last year's and the honest wording of the exact test.
        tile = page.locator(".tile", has=page.get_by_role("heading", name="Contactmomenten Meld- en adviespunt mensenhandel"))
        expect(tile.locator(".number")).to_have_text("168")
        expect(tile.locator(".previous")).to_have_text("2021: 129")
        expect(tile.locator(".wording")).to_contain_text("Een stijging van 30%")
        no_trend = page.locator(".tile", has=page.get_by_role("heading", name="Aangiftes mensenhandel"))
        expect(no_trend.locator(".wording")).to_contain_text("niet van een trend")

        # The form filter, by a plain GET form (no JavaScript in this browser).
        page.get_by_label("Vorm van uitbuiting").select_option(label="Seksuele uitbuiting")
        page.get_by_role("button", name="Toon cijfers").click()
        assert "vorm=seksuele-uitbuiting" in page.url
        figure = page.locator("figure#police-complaints-form")
        assert _shown_rows(figure) == [("Seksuele uitbuiting", "•")]  # suppressed: never a 0
        expect(page.locator("figure#essm-line-contacts-by-gender-gender")).to_have_count(0)  # no form split
        trend = page.locator("figure#police-informative-interviews-trend")
        assert [label for label, _ in _shown_rows(trend)] == ["2021", "2022"]

        # The CSV link of that chart: exactly the rows of the table on the page, "•" included.
        with page.expect_download() as download_info:
            figure.get_by_role("link", name="Download deze tabel (CSV)").click()
        download = download_info.value
        text = download.path().read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0] == ["tabel", "onderschrift", "rij", "kolom", "waarde", "bron"]
        assert [(r[2], r[4]) for r in rows[1:]] == _shown_rows(figure)

        # The whole view without a filter: the trend table and its CSV agree row by row.
        page.goto(published_site + "/dashboard/2022/")
        trend = page.locator("figure#essm-line-contacts-trend")
        with page.expect_download() as download_info:
            trend.get_by_role("link", name="Download deze tabel (CSV)").click()
        rows = list(csv.reader(io.StringIO(download_info.value.path().read_bytes().decode("utf-8-sig")),
                               delimiter=";"))
        assert [(r[2], r[4]) for r in rows[1:]] == _shown_rows(trend) == [("2021", "129"), ("2022", "168")]

        # The year filter: another published year is its own page, the form choice kept.
        page.get_by_label("Vorm van uitbuiting").select_option(label="Arbeidsuitbuiting")
        page.get_by_label("Jaar", exact=True).select_option("2021")
        page.get_by_role("button", name="Toon cijfers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard mensenhandel 2021")
        assert page.url.endswith("/dashboard/2021/?vorm=arbeidsuitbuiting")
    finally:
        context.close()


@pytest.mark.slow
def test_dashboard_filter_is_swapped_in_place_with_javascript(published_site, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(published_site + "/dashboard/2022/")
        page.evaluate("window.zichtNoReload = true")  # survives only if the page is not reloaded
        page.get_by_label("Vorm van uitbuiting").select_option(label="Criminele uitbuiting")
        expect(page).to_have_url(published_site + "/dashboard/2022/?vorm=criminele-uitbuiting")
        expect(page.locator("figure#police-complaints-form tbody tr")).to_have_count(1)
        assert page.evaluate("window.zichtNoReload === true")
    finally:
        context.close()


# Page types the frame test above does not visit: a version's own address (the record byte for byte,
# outside the frame), the English variant (after the switch), the login page and the Redoc API page.
OTHER_PAGE_TYPES = {  # English last: the switch sets a cookie that the later pages would keep
    "version": "/monitor/2022/v1/",
    "login": "/accounts/login/",
    "api-docs": "/api/docs/",
    "english": "/open-data/",
}


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_other_public_page_types_have_no_wcag_violation(published_site, browser, axe, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    page = context.new_page()
    problems: list[str] = []
    try:
        for kind, path in OTHER_PAGE_TYPES.items():
            if kind == "english":
                page.goto(published_site + path)
                page.get_by_label("Taal").select_option("en")
                page.get_by_role("button", name="Wijzig taal").click()
                expect(page.locator("html")).to_have_attribute("lang", "en")
                expect(page.get_by_role("button", name="Change language")).to_be_visible()
            else:
                response = page.goto(published_site + path)
                assert response.status == 200, path
                assert page.locator("html").get_attribute("lang") == "nl", path
            if kind == "api-docs":  # Redoc draws the schema after loading it: wait for the operations
                expect(page.locator("#api-documentatie h2").first).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"]:  # WCAG 1.4.10 reflow: no sideways scrolling of the page
                problems.append(f"{page.url}: page is {width}px wide on a {viewport['width']}px screen")
            problems += wcag_violations(axe, page)
    finally:
        context.close()
    assert not problems, "axe (WCAG 2.1 A/AA) vond:\n" + "\n".join(problems)
