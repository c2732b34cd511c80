"""The meldroutekaart in a real browser: overview, the step-by-step form and accessibility."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_home_links_to_the_meldroutekaart_and_is_accessible(site, page, assert_accessible):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    page.get_by_role("link", name="Meldroutekaart mensenhandel").click()
    expect(page).to_have_url(re.compile(r"/meldroutekaart/$"))


def test_overview_shows_signals_routes_and_unverified_contacts(site, page, assert_accessible):
    page.goto(site + "/meldroutekaart/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldroutekaart mensenhandel")
    expect(
        page.get_by_text("Handel op een vermoeden; wacht nooit bij acuut gevaar.")
    ).to_be_visible()
    for form in ("Seksuele uitbuiting", "Arbeidsuitbuiting", "Criminele uitbuiting"):
        expect(page.get_by_role("heading", name=form, level=3)).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Meldroutes mensenhandel"))
    expect(table.get_by_role("row")).to_have_count(1 + 10)
    # Meld Misdaad Anoniem's number was noted from memory: never presented as fact.
    mma = page.locator("#route-mma")
    expect(mma).to_contain_text("0800-7000")
    expect(mma).to_contain_text("nog te controleren door de regio")
    expect(mma).to_contain_text("nog niet gecontroleerd")
    # A confirmed number shows its check date and no warning.
    nla = page.locator("#route-nla")
    expect(nla).to_contain_text("30 november 2026")
    expect(nla).not_to_contain_text("nog te controleren")
    # The skip link leads to the main content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Direct naar de inhoud")).to_be_focused()
    assert_accessible(page)


def _answer(page, urgency: str, situation: str, form: str, minor: str) -> None:
    page.get_by_role("group", name=re.compile("Is er acuut gevaar")).get_by_label(urgency).check()
    page.get_by_role("group", name=re.compile("persoon of om een locatie")).get_by_label(
        situation
    ).check()
    page.get_by_role("group", name=re.compile("Welke vorm")).get_by_label(form).check()
    page.get_by_role("group", name=re.compile("jonger dan 18")).get_by_label(
        minor, exact=True
    ).check()
    page.get_by_role("button", name="Toon waar ik meld").click()


def test_acute_danger_puts_112_first_and_minor_gets_youth_route(site, page, assert_accessible):
    page.goto(site + "/meldroutekaart/")
    page.get_by_role("link", name=re.compile("Waar meld ik")).click()
    expect(page.get_by_text("Is er nu acuut gevaar? Bel direct 112.")).to_be_visible()
    _answer(page, "Ja, er is nu acuut gevaar", "Een persoon", "Seksuele uitbuiting", "Ja")
    expect(page).to_have_url(re.compile(r"urgency=acute"))
    steps = page.locator("ol.route-list > li")
    expect(steps.first).to_contain_text("Eerst: 112 (alarmnummer)")
    expect(page.locator("#advies-jeugdzorg")).to_contain_text("Jeugdzorg")
    expect(page.locator("#advies-jeugdzorg")).to_contain_text("nog te controleren door de regio")
    # The answers stay selected, so the professional can change one and ask again.
    expect(page.get_by_label("Ja, er is nu acuut gevaar")).to_be_checked()
    assert_accessible(page)


def test_labour_suspicion_about_a_location_starts_with_the_labour_inspectorate(site, page):
    page.goto(site + "/meldroutekaart/waar-melden/")
    _answer(page, "Nee, het is een vermoeden", "Een locatie", "Arbeidsuitbuiting", "Nee")
    steps = page.locator("ol.route-list > li")
    expect(steps.first).to_contain_text("Nederlandse Arbeidsinspectie")
    expect(page.locator("ol.route-list")).not_to_contain_text("112")
    expect(page.locator("#advies-mma")).to_contain_text("nog te controleren door de regio")


def test_missing_answers_are_named_and_linked(site, page, assert_accessible):
    page.goto(site + "/meldroutekaart/waar-melden/")
    page.get_by_label("Nee, het is een vermoeden").check()
    page.get_by_role("button", name="Toon waar ik meld").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Gaat het om een persoon of om een locatie?")
    expect(page.locator("ol.route-list")).to_have_count(0)
    assert_accessible(page)
