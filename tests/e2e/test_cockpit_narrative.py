"""The analyst writes a narrative and previews it, in a real browser: live preview while typing, the
"Voorbeeld" button, the refusal of a small count, saving a version; the audit log page; axe-core finds
no violation at all (any impact) on these page types, at desktop and phone width."""

from __future__ import annotations

import os
from pathlib import Path

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.services import load_catalog
from zicht.publish.models import NarrativeVersion

from ..conftest import current_totp

SHOTS = Path(os.environ.get("ZICHT_SCREENSHOTS", "")) if os.environ.get("ZICHT_SCREENSHOTS") else None


def _no_violations(axe, page) -> None:
    violations = axe.run(page).response["violations"]
    assert not violations, "axe: " + "; ".join(
        f"{v['id']} ({v['impact']}): " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3]) for v in violations)


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for width, label in ((1280, "desktop"), (390, "telefoon")):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_analyst_writes_a_narrative_and_previews_it(site, page, axe):
    from django.contrib.auth.models import User

    load_catalog()
    user = User.objects.create_user("analist", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.set_default_timeout(30_000)  # a loaded machine
    page.goto(site + "/beheer/tekst/")
    page.get_by_label("Gebruikersnaam").fill("analist")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksten van de monitor")
    page.get_by_label("Ander verslagjaar").fill("2022")
    page.get_by_role("button", name="Openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksten van de monitor 2022")
    _no_violations(axe, page)
    page.get_by_role("link", name="ESSM Meld- en adviespunt mensenhandel").click()
    text = page.get_by_label("Tekst (Markdown)")
    preview = page.locator("#narrative-preview")
    # Live: typing re-renders the section through the report's own template.
    text.fill("Het meldpunt kreeg **veel** meer vragen over arbeidsuitbuiting.")
    expect(preview.locator("section strong")).to_have_text("veel")
    expect(preview.get_by_role("heading", level=2)).to_have_text("ESSM Meld- en adviespunt mensenhandel")
    text.fill("Er waren 3 zelfmelders.")
    expect(preview.get_by_role("alert")).to_contain_text("3 zelfmelders")
    _no_violations(axe, page)
    _shot(page, "tekst-bewerken")
    # Without waiting for the script: the button renders the same preview with a whole page.
    page.get_by_role("button", name="Voorbeeld").click()
    expect(page.get_by_role("alert")).to_contain_text("onthullingsdrempel")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Niet opgeslagen")
    assert NarrativeVersion.objects.count() == 0
    page.get_by_label("Tekst (Markdown)").fill("Er waren *minder dan vijf* zelfmelders.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen als versie 1")
    expect(page.get_by_role("table", name="Opgeslagen versies van deze tekst")).to_contain_text("analist")
    _no_violations(axe, page)
    _shot(page, "tekst-opgeslagen")
    assert NarrativeVersion.objects.get().text == "Er waren *minder dan vijf* zelfmelders.\n"
    page.goto(site + "/beheer/auditlog/?handeling=narrative.saved")
    expect(page.get_by_role("table", name="Gebeurtenissen, nieuwste eerst")).to_contain_text("versie 1")
    _no_violations(axe, page)
    _shot(page, "auditlog")


def test_administrator_pages_are_accessible(site, page, axe):
    """Users, reporting routes and the awareness register: used without a script, no axe violation."""
    from django.contrib.auth.models import User

    load_catalog()
    user = User.objects.create_user("beheerder", password="een-lang-wachtwoord-123", is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.set_default_timeout(30_000)
    page.goto(site + "/beheer/gebruikers/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers en rollen")
    page.get_by_label("E-mailadres").fill("lezer@example.org")
    page.get_by_label("Rol").select_option(label="lezer gemeente")
    page.get_by_label("Gemeente (voor een lezer)").select_option(label="Dordrecht")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Uitnodiging verstuurd naar lezer@example.org")
    _no_violations(axe, page)
    _shot(page, "gebruikers")
    page.get_by_role("link", name="lezer@example.org").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account lezer@example.org")
    _no_violations(axe, page)
    page.goto(site + "/beheer/meldroutes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldroutes beheren")
    _no_violations(axe, page)
    _shot(page, "meldroutes")
    page.get_by_role("link", name="Politie (AVIM, gecertificeerde rechercheurs mensenhandel)").click()
    page.get_by_label("Adres").fill("Doelwater 5, Rotterdam")
    page.get_by_label("Ik heb deze gegevens vandaag gecontroleerd").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Meldroute bijgewerkt")
    page.goto(site + "/beheer/bewustwording/?jaar=2022")
    page.get_by_label("Wat", exact=True).fill("Training FairWork")
    page.get_by_label("Soort", exact=True).select_option(label="training of voorlichting")
    page.get_by_label("Van (datum)").fill("2022-11-01")
    page.get_by_label("Dordrecht").check()
    page.get_by_label("Wat telt het bereik?").select_option(label="getrainde of voorgelichte personen")
    page.get_by_label("Bereik (aantal)").fill("12")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table", name="Activiteiten in 2022")).to_contain_text("Training FairWork")
    _no_violations(axe, page)
    _shot(page, "bewustwording")
