"""A keyboard-only walk through login and upload: every step reachable with Tab, done with Enter or
Space, the focus visible, no mouse."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog

from ..conftest import current_totp
from .keyboard import tab_to


def _log_in_with_the_keyboard(page, site, username, device):
    """Password step, then the code step: Tab to each field, type, Enter."""
    page.goto(site + "/accounts/login/")
    tab_to(page, "INPUT", "Gebruikersnaam")
    page.keyboard.type(username)
    tab_to(page, "INPUT", "Wachtwoord")
    page.keyboard.type("een-lang-wachtwoord-123")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Token")).to_be_visible()
    tab_to(page, "INPUT", "Token")
    page.keyboard.type(current_totp(device))
    page.keyboard.press("Enter")


def test_partner_logs_in_and_uploads_with_the_keyboard_only(site, page, tmp_path):
    from django.contrib.auth.models import User

    load_catalog()
    user = User.objects.create_user("essm", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    _log_in_with_the_keyboard(page, site, "essm", device)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers aanleveren")

    good = tmp_path / "zorg.csv"
    good.write_text("indicator,gender,value\nessm_care.clients_by_gender,,10\nessm_care.clients_by_gender,female,10\n")
    tab_to(page, "INPUT", "Verslagjaar")
    page.keyboard.press("Control+A")
    page.keyboard.type("2022")
    tab_to(page, "INPUT", "file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(str(good))
    focused = tab_to(page, "BUTTON", "Controleren")
    assert "Controleren" in focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "de focus is niet zichtbaar"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen als versie 1")


@pytest.mark.slow
def test_analyst_builds_a_draft_and_publishes_with_the_keyboard_only(site, page):
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from zicht.demo.loader import load_demo_deliveries
    from zicht.publish.models import Publication

    load_catalog()
    load_demo_deliveries()
    user = User.objects.create_user("analist", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.set_default_timeout(60_000)  # a draft and a publication are built on a shared machine
    _log_in_with_the_keyboard(page, site, "analist", device)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cockpit van de monitor")

    tab_to(page, "A", "2022")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslagjaar 2022")
    tab_to(page, "BUTTON", "Concept bouwen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept 2022")
    # With JavaScript the page polls and hides its manual refresh link, in every refreshed copy too
    # (the link once came back with the first poll, so this walk depended on timing).
    expect(page.get_by_role("link", name="Stand verversen")).to_be_hidden()
    with page.expect_response(lambda response: response.url == page.url):  # the first poll, mid-job
        pass
    expect(page.get_by_text("De achtergrondtaak bouwt het concept.")).to_be_visible()
    expect(page.get_by_role("link", name="Stand verversen")).to_be_hidden()
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the background worker
    expect(page.get_by_role("link", name="monitor-2022.pdf")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name="Stand verversen")).to_have_count(0)
    tab_to(page, "A", "Naar publiceren")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor 2022 publiceren")
    tab_to(page, "BUTTON", "Ja, publiceer de monitor 2022")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "de focus is niet zichtbaar"
    page.keyboard.press("Enter")
    # The request only queues the publication; the page of the job polls while the worker publishes.
    expect(page.get_by_text("De achtergrondtaak publiceert de monitor")).to_be_visible()
    expect(page.get_by_role("link", name="Stand verversen")).to_be_hidden()
    assert Publication.objects.count() == 0
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the background worker
    expect(page.get_by_role("status").first).to_contain_text("gepubliceerd als versie 1", timeout=180_000)
    tab_to(page, "A", "De gepubliceerde monitor 2022")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensenhandelmonitor 2022")
    assert Publication.objects.get(year=2022).published_by.username == "analist"


def test_without_javascript_the_draft_page_offers_its_refresh_link_to_the_keyboard(site, browser):
    """No script polls, so the running build's page keeps a link that reloads it, reachable with Tab."""
    from django.contrib.auth.models import User
    from django.urls import reverse

    from zicht.demo.loader import load_demo_deliveries

    load_catalog()
    load_demo_deliveries()
    user = User.objects.create_user("analist", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        _log_in_with_the_keyboard(page, site, "analist", device)
        expect(page.get_by_role("heading", level=1)).to_have_text("Cockpit van de monitor")
        page.goto(site + reverse("cockpit-year", args=[2022]))
        tab_to(page, "BUTTON", "Concept bouwen")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Concept 2022")
        draft_address = page.url
        tab_to(page, "A", "Stand verversen")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Concept 2022")
        assert page.url == draft_address
        expect(page.get_by_role("link", name="Stand verversen")).to_be_visible()
    finally:
        context.close()
