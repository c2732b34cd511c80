"""Login (password, then a TOTP code or a backup token) and the two-factor pages, under /accounts/.

The URL names are django-two-factor-auth's (namespace ``two_factor``), so its views and templates
find each other; the login page keeps the project's name ``login`` as well (see web/urls.py)."""

from django.urls import path
from two_factor.views import ProfileView, SetupCompleteView

from zicht.accounts.views import (
    ZichtBackupTokensView,
    ZichtDisableView,
    ZichtLoginView,
    ZichtQRGeneratorView,
    ZichtSetupView,
)

login_view = ZichtLoginView.as_view()

two_factor_patterns = (
    [
        path("login/", login_view, name="login"),
        path("2fa/", ProfileView.as_view(), name="profile"),
        path("2fa/instellen/", ZichtSetupView.as_view(), name="setup"),
        path("2fa/qrcode/", ZichtQRGeneratorView.as_view(), name="qr"),
        path("2fa/instellen/klaar/", SetupCompleteView.as_view(), name="setup_complete"),
        path("2fa/reservecodes/", ZichtBackupTokensView.as_view(), name="backup_tokens"),
        path("2fa/uitzetten/", ZichtDisableView.as_view(), name="disable"),
    ],
    "two_factor",
)
