"""In the browser: a first login sets up the authenticator app (QR code shown under the CSP), a later
login asks the password and then a code, and only then shows /beheer; accessible."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from zicht.accounts.models import Profile
from zicht.catalog.services import load_catalog

from ..conftest import PASSWORD, current_totp


def _analyst():
    from django.contrib.auth.models import User

    load_catalog()
    user = User.objects.create_user("analist", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    return user


def _password(page, site):
    page.goto(site + "/beheer/koppelingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    page.get_by_label("Gebruikersnaam").fill("analist")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_login_with_password_and_token_reaches_beheer(site, page, assert_accessible):
    user = _analyst()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    _password(page, site)
    expect(page.get_by_text("Stap 2 van 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Token").fill("000000" if current_totp(device) != "000000" else "111111")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_be_visible()  # wrong code: refused, still the token step
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # no waiting in a test
    device.save()
    page.get_by_label("Token").fill(current_totp(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppelingsruns")
    assert page.url.endswith("/beheer/koppelingen/")


def test_first_login_sets_up_the_app_with_a_visible_qr_code(site, page, assert_accessible):
    _analyst()
    _password(page, site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    assert_accessible(page)
    page.get_by_role("button", name="Volgende").click()
    qr = page.get_by_role("img", name="QR-code om Zicht aan je authenticator-app toe te voegen")
    expect(qr).to_be_visible()
    # Loaded and drawn: the Content-Security-Policy lets the page show its own QR image.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert_accessible(page)
    secret = page.locator("main code").inner_text()
    page.get_by_label("Token").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppelingsruns")
