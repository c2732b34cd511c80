"""The analyst previews and publishes in a real browser: cockpit, year overview, reminder, linkage, draft
built by the worker with its progress, one confirmation, published; every cockpit page accessible."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.services import load_catalog
from zicht.demo.loader import load_demo_deliveries
from zicht.demo.synthetic import synthetic_encoded_deliveries
from zicht.publish.models import Publication
from zicht.records.services import submit_encoded

from ..conftest import current_totp

SHOTS = Path(os.environ["ZICHT_SCREENSHOTS"]) if os.environ.get("ZICHT_SCREENSHOTS") else None


def _shot(page, name: str) -> None:
    """Desktop and phone screenshots when ZICHT_SCREENSHOTS names a folder (for looking, not asserting)."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.slow
def test_the_analyst_previews_and_publishes(site, page, assert_accessible, tmp_path):
    from django.contrib.auth.models import User

    load_catalog()
    load_demo_deliveries()
    keys = tmp_path / "secret.key"
    for partner, content in synthetic_encoded_deliveries(
        2022, keys, secret=bytes(range(32))
    ).items():
        submit_encoded(content, f"{partner}.csv", partner, 2022, synthetic=True)
    user = User.objects.create_user("analist", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    # a draft and a publication are built on a shared 2-core machine
    page.set_default_timeout(60_000)
    page.goto(site + "/beheer/")
    page.get_by_label("Gebruikersnaam").fill("analist")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cockpit van de monitor")
    assert_accessible(page)
    _shot(page, "cockpit-home")

    page.get_by_role("link", name="2022", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslagjaar 2022")
    overview = page.get_by_role("table", name="Wat er voor 2022 binnen is")
    expect(overview.get_by_role("row", name="FIER")).to_contain_text("niet geleverd")
    expect(overview).not_to_contain_text("Koppeling van")  # internal sources are listed apart
    assert_accessible(page)
    _shot(page, "cockpit-year")

    page.get_by_role("link", name="Koppeling en schatting", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppeling en schatting 2022")
    page.get_by_role("button", name="Koppeling starten").click()
    expect(page.get_by_role("table", name="Koppelingsruns van dit jaar")).to_contain_text(
        "in de wachtrij"
    )
    assert_accessible(page)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the background worker
    page.reload()
    expect(page.get_by_text("unieke personen over de partners heen")).to_be_visible()
    assert_accessible(page)
    _shot(page, "cockpit-linkage")
    page.get_by_role("link", name="Jaar 2022").click()
    page.get_by_role("link", name="Herinnering sturen", exact=False).click()
    expect(page.get_by_label("Tekst")).to_contain_text("Mensenhandelmonitor 2022")
    assert_accessible(page)
    _shot(page, "cockpit-reminder")
    page.go_back()

    page.get_by_role("button", name="Concept bouwen (HTML en PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept 2022")
    expect(page.get_by_role("list").filter(has_text="onthullingscontrole")).to_contain_text("wacht")
    assert_accessible(page)
    _shot(page, "cockpit-draft-waiting")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the background worker
    page.reload()
    expect(page.get_by_role("link", name="monitor-2022.pdf")).to_be_visible()
    _shot(page, "cockpit-draft-done")
    page.get_by_role("link", name="Naar publiceren (met bevestiging)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitor 2022 publiceren")
    expect(page.get_by_text("onderdrukte cel", exact=False).first).to_be_visible()
    assert_accessible(page)
    _shot(page, "cockpit-publish")
    assert Publication.objects.count() == 0
    page.get_by_role("button", name="Ja, publiceer de monitor 2022").click()
    expect(page.get_by_role("list").filter(has_text="vastleggen")).to_contain_text("wacht")
    assert Publication.objects.count() == 0  # queued for the worker
    assert_accessible(page)
    _shot(page, "cockpit-publishing")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)  # the background worker
    expect(page.get_by_role("status").first).to_contain_text("gepubliceerd als versie 1", timeout=60_000)
    expect(page.get_by_role("link", name="Naar verslagjaar 2022")).to_be_visible()
    assert Publication.objects.get(year=2022).published_by.username == "analist"
    assert_accessible(page)
    page.goto(site + "/monitor/2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensenhandelmonitor 2022")
