"""The demo's analyst account, usable with two-factor authentication on (as everywhere).

Demo only: the password and the TOTP key are fixed and printed, so every demo run can be logged into
with the same authenticator-app entry; the one-time backup tokens are new each run. Outside `zicht
demo` (ZICHT_DEMO unset) this module refuses to create anything.
"""

from __future__ import annotations

import hashlib
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Profile

DEMO_USERNAME = "analist"
DEMO_PASSWORD = "zicht-demo-analist"
# 20 bytes from a fixed phrase: the same demo key every run. Never used outside the demo database.
DEMO_TOTP_KEY = hashlib.sha256(b"zicht-demo-totp").digest()[:20]
BACKUP_TOKENS = 5


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    totp_secret: str  # base32, as authenticator apps and `oathtool --totp -b` take it
    otpauth_url: str
    backup_tokens: list[str]


def create_demo_analyst() -> DemoLogin:
    """An analyst with a confirmed TOTP device (fixed demo key) and fresh one-time backup tokens."""
    if not getattr(settings, "ZICHT_DEMO", False):
        raise RuntimeError("Demo-account alleen in `zicht demo` (ZICHT_DEMO).")
    user_model = get_user_model()
    with transaction.atomic():
        user, _ = user_model.objects.get_or_create(username=DEMO_USERNAME)
        user.set_password(DEMO_PASSWORD)
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"role": Profile.Role.ANALYST})
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        totp = TOTPDevice.objects.create(user=user, name="default", key=DEMO_TOTP_KEY.hex(), confirmed=True)
        backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        tokens = [backup.token_set.create(token=StaticToken.random_token()).token for _ in range(BACKUP_TOKENS)]
    return DemoLogin(
        username=DEMO_USERNAME,
        password=DEMO_PASSWORD,
        totp_secret=b32encode(DEMO_TOTP_KEY).decode("ascii"),
        otpauth_url=totp.config_url,
        backup_tokens=tokens,
    )
