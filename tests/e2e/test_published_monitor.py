"""The published monitor in a real browser: dashboard, report, factsheet; accessible and leak-free."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.services import publish_period


@pytest.fixture
def published_site(site, settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path
    load_catalog()
    load_demo_deliveries()
    settings.ZICHT_DRAFTS_DIR = tmp_path / 'concepten'
    publish_period(2022, NARRATIVE_DIR)
    return site


def test_report_page_is_accessible_and_shows_protected_tables(published_site, page, assert_accessible):
    page.goto(published_site + "/monitor/2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensenhandelmonitor 2022")
    care = page.get_by_role("table", name="Cliënten naar sector, 2022")
    expect(care.get_by_role("row", name=re.compile("Mensenhandel criminele uitbuiting"))).to_contain_text("•")
    gender = page.get_by_role("table", name="Cliënten naar gender, 2022")
    expect(gender.get_by_role("row", name=re.compile("^Vrouw"))).to_contain_text("115")
    assert_accessible(page)


def test_dashboard_leads_to_a_municipality_factsheet(published_site, page, assert_accessible):
    page.goto(published_site + "/dashboard/2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard mensenhandel 2022")
    tile = page.locator(".tile", has=page.get_by_role("heading", name="Contactmomenten Meld- en adviespunt mensenhandel"))
    expect(tile).to_contain_text("168")
    expect(tile).to_contain_text("2021: 129")
    assert_accessible(page)
    page.get_by_label("Gemeente").select_option(label="Dordrecht")
    page.get_by_role("button", name="Toon factsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Factsheet Dordrecht")
    assert_accessible(page)
