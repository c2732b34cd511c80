"""The two-factor pages: django-two-factor-auth's views, with Zicht as the issuer in authenticator apps
and django-otp's refusals in Zicht's words (django-otp has no Dutch catalogue)."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from two_factor.utils import get_otpauth_url, totp_digits
from two_factor.views import LoginView, QRGeneratorView, SetupView

from zicht.accounts.two_factor import ISSUER

OTP_ERRORS = {
    "token_required": _("Voer de code in."),
    "invalid_token": _("Deze code klopt niet. Controleer de code en probeer het opnieuw."),
    "n_failed_attempts": ngettext_lazy(
        "Na %(failure_count)d foute code moet je even wachten voordat je het opnieuw probeert.",
        "Na %(failure_count)d foute codes moet je even wachten voordat je het opnieuw probeert.",
        "failure_count",
    ),
    "verification_not_allowed": _("Inloggen met een code is op dit moment niet mogelijk."),
}


class ZichtLoginView(LoginView):
    """Username and password, then a TOTP code or a backup token (the two_factor login wizard)."""

    def get_prefix(self, request, *args, **kwargs):
        return "login_view"  # the wizard's field prefix, as two_factor names it

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if hasattr(form, "otp_error_messages"):
            form.otp_error_messages = {**form.otp_error_messages, **OTP_ERRORS}
        return form


class ZichtSetupView(SetupView):
    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if self.steps.current == "generator":
            b32key = b32encode(unhexlify(self.get_key("generator").encode("ascii"))).decode("ascii")
            context["issuer"] = ISSUER
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), b32key, ISSUER, totp_digits()
            )
        return context


class ZichtQRGeneratorView(QRGeneratorView):
    def get_issuer(self):
        return ISSUER
