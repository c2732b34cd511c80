"""A municipality reader (aandachtsfunctionaris) logs in with password and code, finds the published
monitor of the region and opens the own municipality's factsheet; accessible at every step."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.models import Municipality
from zicht.catalog.services import load_catalog
from zicht.demo.loader import NARRATIVE_DIR, load_demo_deliveries
from zicht.publish.services import publish_period

from ..conftest import current_totp


@pytest.fixture
def published_site(site, settings, tmp_path):
    settings.ZICHT_PUBLISH_DIR = tmp_path / "publicaties"
    settings.ZICHT_DRAFTS_DIR = tmp_path / "concepten"
    load_catalog()
    load_demo_deliveries()
    publish_period(2022, NARRATIVE_DIR)
    return site


def test_municipality_reader_opens_its_factsheet(published_site, page, assert_accessible):
    from django.contrib.auth.models import User

    user = User.objects.create_user("dordrecht", password="een-lang-wachtwoord-123")
    Profile.objects.create(user=user, role=Profile.Role.MUNICIPALITY,
                           municipality=Municipality.objects.get(code="GM0505"))
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.goto(published_site + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("dordrecht")
    page.get_by_label("Wachtwoord").fill("een-lang-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensenhandelmonitor voor Dordrecht")
    assert_accessible(page)
    page.get_by_role("link", name="Factsheet Dordrecht 2022").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Factsheet Dordrecht")
    assert_accessible(page)
