"""The two-factor pages: django-two-factor-auth's views, with Zicht as the issuer in authenticator apps
and django-otp's refusals in Zicht's words (django-otp has no Dutch catalogue)."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from two_factor.utils import get_otpauth_url, totp_digits
from two_factor.views import BackupTokensView, DisableView, LoginView, QRGeneratorView, SetupView

from zicht.accounts.second_factor import (
    ConfirmWithPasswordAndCodeForm,
    record_enrolment,
    remove_second_factor,
    replace_backup_tokens,
)
from zicht.accounts.two_factor import ISSUER
from zicht.audit import events

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

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if getattr(settings, "ZICHT_OIDC_ENABLED", False):  # the link to the organisation's provider
            from zicht.accounts.oidc import provider_label

            context["oidc_label"] = provider_label()
            context["oidc_next"] = self.request.GET.get("next", "")
        return context

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step=step, **kwargs)
        if hasattr(form, "otp_error_messages"):
            form.otp_error_messages = {**form.otp_error_messages, **OTP_ERRORS}
        return form


class ZichtSetupView(SetupView):
    """The setup wizard; a finished enrolment is audited (which device, never its key)."""

    def done(self, form_list, **kwargs):
        response = super().done(form_list, **kwargs)
        device = getattr(self.request.user, "otp_device", None)
        if device is not None:
            record_enrolment(self.request.user, device)
        return response

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


class _ConfirmedChange:
    """A change of the second factor that needs the password and a current code (see second_factor)."""

    form_class = ConfirmWithPasswordAndCodeForm
    what = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "request": self.request}

    def form_invalid(self, form):
        if form.refusal:
            events.second_factor_change_refused(self.request.user, self.what, form.refusal)
        return super().form_invalid(form)


class ZichtDisableView(_ConfirmedChange, DisableView):
    """Switching two-factor authentication off: password and a current code, then every device goes."""

    what = "uitzetten"

    def form_valid(self, form):
        remove_second_factor(self.request.user, self.request.user, "door de gebruiker zelf")
        return redirect(self.success_url)


class ZichtBackupTokensView(_ConfirmedChange, BackupTokensView):
    """New backup codes replace a second factor: password and a current code first."""

    what = "nieuwe reservecodes"

    def form_valid(self, form):
        replace_backup_tokens(self.request.user, self.number_of_tokens)
        return redirect(self.success_url)
