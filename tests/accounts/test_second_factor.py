"""Switching off or replacing the second factor needs the password and a current code and is audited;
enrolling and removing devices are audited; /admin/ manages profiles, API tokens and devices without
showing a secret."""

from __future__ import annotations

import re
from base64 import b32decode, b32encode

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import ApiToken, Profile
from zicht.accounts.tokens import digest_of, issue_token
from zicht.audit.models import AuditEvent

from ..conftest import PASSWORD, current_totp

pytestmark = pytest.mark.django_db
DISABLE = "/accounts/2fa/uitzetten/"
BACKUP = "/accounts/2fa/reservecodes/"


@pytest.fixture
def analyst():
    user = User.objects.create_user("analist", password=PASSWORD)
    Profile.objects.create(user=user, role=Profile.Role.ANALYST)
    return user


@pytest.fixture
def verified(analyst, two_factor_login):
    client = Client()
    device = two_factor_login(client, analyst)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the login's code may be given once more
    device.refresh_from_db()
    return client, device


def _actions(*names) -> list[str]:
    return list(AuditEvent.objects.filter(action__in=names).order_by("id").values_list("action", flat=True))


def _devices(user) -> int:
    return TOTPDevice.objects.filter(user=user).count() + StaticDevice.objects.filter(user=user).count()


def test_one_checkbox_no_longer_switches_it_off(verified, analyst):
    client, _ = verified
    response = client.post(DISABLE, {"understand": "on"})
    assert response.status_code == 200 and _devices(analyst) == 1


def test_wrong_password_or_wrong_code_changes_nothing_and_is_audited(verified, analyst):
    client, device = verified
    wrong_password = client.post(DISABLE, {"password": "niet-het-wachtwoord", "otp_token": current_totp(device)})
    assert wrong_password.status_code == 200 and "Er is niets gewijzigd" in wrong_password.content.decode()
    right = current_totp(device)
    wrong_code = client.post(DISABLE, {"password": PASSWORD, "otp_token": f"{(int(right) + 1) % 10**6:06d}"})
    assert wrong_code.status_code == 200 and 'role="alert"' in wrong_code.content.decode()
    assert _devices(analyst) == 1
    refused = AuditEvent.objects.filter(action="two_factor.change_refused").order_by("id")
    assert [e.details["reason"] for e in refused] == ["wachtwoord onjuist", "code onjuist"]


def test_password_and_current_code_switch_it_off_audited(verified, analyst):
    client, device = verified
    StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    response = client.post(DISABLE, {"password": PASSWORD, "otp_token": current_totp(device)})
    assert response.status_code == 302 and _devices(analyst) == 0
    event = AuditEvent.objects.get(action="two_factor.removed")
    assert event.actor == analyst and event.details["user"] == "analist"
    assert sorted(event.details["devices"]) == ["StaticDevice:backup", "TOTPDevice:default"]


def test_new_backup_codes_need_password_and_code_and_are_audited(verified, analyst):
    client, device = verified
    backup = StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    old = backup.token_set.create(token="oudecode1").token
    refused = client.post(BACKUP, {})
    assert refused.status_code == 200 and StaticToken.objects.filter(token=old).exists()
    done = client.post(BACKUP, {"password": PASSWORD, "otp_token": current_totp(device)})
    assert done.status_code == 302
    assert not StaticToken.objects.filter(token=old).exists() and backup.token_set.count() == 10
    assert _actions("two_factor.backup_tokens_replaced") == ["two_factor.backup_tokens_replaced"]


def test_enrolment_is_audited_without_the_key(analyst):
    client = Client()
    client.post("/accounts/login/", {"login_view-current_step": "auth", "auth-username": "analist",
                                     "auth-password": PASSWORD})
    setup = "/accounts/2fa/instellen/"
    html = client.post(setup, {"zicht_setup_view-current_step": "welcome"}).content.decode()
    secret = re.search(r"<code>([A-Z2-7]+)</code>", html).group(1)
    code = f"{TOTP(b32decode(secret)).token():06d}"
    assert client.post(setup, {"zicht_setup_view-current_step": "generator", "generator-token": code}).status_code == 302
    event = AuditEvent.objects.get(action="two_factor.enrolled")
    assert event.actor == analyst and event.details == {"user": "analist", "device": "TOTPDevice"}
    assert secret not in str(event.details) + event.message


def test_admin_command_reset_is_audited(verified, analyst):
    call_command("two_factor_disable", "analist")
    assert _devices(analyst) == 0
    event = AuditEvent.objects.get(action="two_factor.removed")
    assert event.actor is None and "zicht two_factor_disable" in event.details["how"]


@pytest.fixture
def admin_client(two_factor_login):
    superuser = User.objects.create_superuser("beheerder", password=PASSWORD)
    client = Client()
    two_factor_login(client, superuser)
    return client, superuser


def test_admin_never_shows_a_totp_key_or_backup_code(admin_client, analyst):
    client, _ = admin_client
    device = TOTPDevice.objects.create(user=analyst, name="default", confirmed=True)
    backup = StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    backup.token_set.create(token="geheimcode")
    b32 = b32encode(device.bin_key).decode()
    pages = [
        "/admin/otp_totp/totpdevice/", f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        "/admin/otp_static/staticdevice/", f"/admin/otp_static/staticdevice/{backup.pk}/change/",
    ]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200, page
        assert device.key not in html and b32 not in html and "geheimcode" not in html, page
        assert 'name="key"' not in html
    for page in (f"/admin/otp_totp/totpdevice/{device.pk}/config/", f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
                 "/admin/otp_totp/totpdevice/add/"):
        assert client.get(page).status_code in (302, 403, 404), page


def test_deleting_a_device_in_the_admin_resets_the_user_audited(admin_client, analyst):
    client, superuser = admin_client
    device = TOTPDevice.objects.create(user=analyst, name="default", confirmed=True)
    StaticDevice.objects.create(user=analyst, name="backup", confirmed=True)
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and _devices(analyst) == 0
    event = AuditEvent.objects.get(action="two_factor.removed")
    assert event.actor == superuser and event.details["user"] == "analist"


def test_profiles_are_managed_in_the_admin(admin_client, analyst):
    client, _ = admin_client
    assert "analist" in client.get("/admin/accounts/profile/").content.decode()
    page = client.get(f"/admin/accounts/profile/{analyst.profile.pk}/change/")
    assert page.status_code == 200 and 'name="role"' in page.content.decode()


def test_api_tokens_in_the_admin_show_the_digest_read_only_never_the_token(admin_client, analyst):
    client, superuser = admin_client
    issued = issue_token("analist", "BVH-export")
    page = client.get(f"/admin/accounts/apitoken/{issued.token.pk}/change/").content.decode()
    assert issued.clear not in page and issued.clear.split("_")[-1] not in page
    assert digest_of(issued.clear) in page and 'name="digest"' not in page  # shown, not editable
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403
    assert client.get(f"/admin/accounts/apitoken/{issued.token.pk}/delete/").status_code == 403
    response = client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [issued.token.pk]})
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is not None
    assert AuditEvent.objects.get(action="api_token.revoked").actor == superuser
