"""Changes to a user's second factor, each audited: enrolment, switching off (all devices), replacing
the backup codes. Switching off and replacing need the password and a current code in the same request
(``ConfirmWithPasswordAndCodeForm``), so a session left open or taken over cannot remove or replace
the second factor."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticToken

from zicht.audit import events

BACKUP_TOKENS = 10


def record_enrolment(user, device) -> None:
    events.second_factor_enrolled(user, device)


def remove_second_factor(user, actor, how: str) -> list[str]:
    """Delete every OTP device of ``user`` (the app and the backup codes) and audit it; the names."""
    with transaction.atomic():
        removed = []
        for device in devices_for_user(user, confirmed=None):
            removed.append(f"{type(device).__name__}:{device.name}")
            device.delete()
        events.second_factor_removed(user, actor, how, removed)
    return removed


def replace_backup_tokens(user, count: int = BACKUP_TOKENS):
    """New one-time backup codes; the old ones stop working. Returns the device."""
    with transaction.atomic():
        device, _ = user.staticdevice_set.get_or_create(defaults={"name": "backup"})
        device.token_set.all().delete()
        for _i in range(count):
            device.token_set.create(token=StaticToken.random_token())
        events.backup_tokens_replaced(user, count)
    return device


class ConfirmWithPasswordAndCodeForm(forms.Form):
    """The password (through ``authenticate``, so django-axes counts failures) and a current code from
    the authenticator app or a backup code. A wrong one is audited by the view; nothing changes."""

    password = forms.CharField(label=_("Je wachtwoord"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    otp_token = forms.CharField(label=_("Code uit je authenticator-app of een reservecode"), max_length=16,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}))

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request
        self.refusal = ""

    def clean(self):
        cleaned = super().clean()
        password, token = cleaned.get("password"), (cleaned.get("otp_token") or "").strip()
        if not password or not token:
            return cleaned
        if authenticate(self.request, username=self.user.get_username(), password=password) != self.user:
            self.refusal = "wachtwoord onjuist"
            raise forms.ValidationError(_("Wachtwoord of code klopt niet. Er is niets gewijzigd."))
        if match_token(self.user, token) is None:
            self.refusal = "code onjuist"
            raise forms.ValidationError(_("Wachtwoord of code klopt niet. Er is niets gewijzigd."))
        return cleaned
