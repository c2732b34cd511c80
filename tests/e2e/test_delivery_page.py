"""A partner contact logs in (password and authenticator code), uploads a file with a mistake, and reads
where it is; accessible."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.models import Partner
from zicht.catalog.services import load_catalog

from ..conftest import current_totp


def test_partner_sees_per_cell_problems(site, page, assert_accessible, tmp_path):
    from django.contrib.auth.models import User

    load_catalog()
    user = User.objects.create_user("essm", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.PARTNER, partner=Partner.objects.get(code="essm_care"))
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.goto(site + "/beheer/aanleveren/")
    page.get_by_label("Gebruikersnaam").fill("essm")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cijfers aanleveren")
    assert_accessible(page)
    bad = tmp_path / "zorg.csv"
    bad.write_text("indicator,gender,value\nessm_care.clients_by_gender,,10\nessm_care.clients_by_gender,vrouwen,10\n")
    page.get_by_label("Verslagjaar").fill("2022")
    page.get_by_label("Bestand (Excel-sjabloon of CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("niet opgeslagen")
    problems = page.get_by_role("table", name="Gevonden problemen")
    expect(problems).to_contain_text("vrouwen")
    assert_accessible(page)
    good = tmp_path / "zorg-goed.csv"
    good.write_text("indicator,gender,value\nessm_care.clients_by_gender,,10\nessm_care.clients_by_gender,female,10\n")
    page.get_by_label("Bestand (Excel-sjabloon of CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen als versie 1")
    page.get_by_role("link", name="Eerdere leveringen en hun versies").click()
    history = page.get_by_role("table", name="Alle versies, nieuwste jaar eerst")
    expect(history).to_contain_text("essm")
    assert_accessible(page)
