"""Users and roles for administrators: invite by e-mail, change a role, deactivate, reset a second factor.

Administrators only (a superuser, or a profile with the role ``admin``): granting access is kept apart
from the analyst's work with unpublished data (docs/adr/1015-cockpit-content-pages.md). Each change is
a service in ``zicht.accounts.invitations`` that audits it; the invited person's page is public but
needs the one-time link."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user

from zicht.accounts.invitations import (
    ROLE_LABELS,
    AccountError,
    accept_invitation,
    change_role,
    deactivate_user,
    invite_user,
    is_administrator,
    open_invitation,
    organisation_of,
    reactivate_user,
    reset_second_factor,
    role_key,
)
from zicht.accounts.two_factor import second_factor_redirect
from zicht.catalog.models import Municipality, Partner

ROLE_CHOICES = [("", _("kies een rol")), ("analyst", _("analist")), ("partner", _("contactpersoon partner")),
                ("municipality", _("lezer gemeente")), ("admin", _("beheerder"))]

def require_administrator(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        redirect_to = second_factor_redirect(request)
        if redirect_to is not None:
            return redirect_to
        if not is_administrator(request.user):
            raise PermissionDenied("Alleen beheerders beheren gebruikers.")
        return view(request, *args, **kwargs)

    return wrapped

class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=ROLE_CHOICES)
    partner = forms.ChoiceField(label=_("Partner (voor een contactpersoon)"), required=False, choices=())
    municipality = forms.ChoiceField(label=_("Gemeente (voor een lezer)"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "—")] + [
            (p.code, p.name) for p in Partner.objects.exclude(kind="analyst").order_by("name")]
        self.fields["municipality"].choices = [("", "—")] + [
            (m.code, m.name) for m in Municipality.objects.order_by("name")]

class InviteForm(RoleForm):
    email = forms.EmailField(label=_("E-mailadres"))
    field_order = ["email", "role", "partner", "municipality"]

class PasswordForm(forms.Form):
    password = forms.CharField(label=_("Nieuw wachtwoord"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Minstens 12 tekens; geen veelgebruikt wachtwoord."))
    again = forms.CharField(label=_("Nog een keer"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("again"):
            raise forms.ValidationError(_("De twee wachtwoorden zijn niet gelijk."))
        return data

def _rows():
    User = get_user_model()
    out = []
    for user in User.objects.order_by("username"):
        key = role_key(user)
        out.append({"user": user, "role": ROLE_LABELS.get(key, _("geen rol")), "organisation": organisation_of(user),
                    "second_factor": any(True for _d in devices_for_user(user, confirmed=True))})
    return out

@require_administrator
def users(request):
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sent = invite_user(data["email"], data["role"], request.user, partner_code=data["partner"],
                                   municipality_code=data["municipality"],
                                   link_base=request.build_absolute_uri(reverse("invitation-accept", args=["x"]))[:-2])
            except AccountError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": sent.invitation.email})
                return redirect("users")
        else:
            status = 400
    return render(request, "web/cockpit/users.html", {"form": form, "rows": _rows()}, status=status)

@require_administrator
def user_detail(request, pk: int):
    user = get_object_or_404(get_user_model(), pk=pk)
    key = role_key(user)
    profile = getattr(user, "profile", None)
    initial = {"role": key or "", "partner": profile.partner.code if profile and profile.partner else "",
               "municipality": profile.municipality.code if profile and profile.municipality else ""}
    form = RoleForm(request.POST if request.POST.get("action") == "role" else None, initial=initial)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "role":
                if not form.is_valid():
                    raise AccountError(_("Kies een geldige rol en organisatie."))
                data = form.cleaned_data
                change_role(user, data["role"], request.user, partner_code=data["partner"],
                            municipality_code=data["municipality"])
                messages.success(request, _("Rol gewijzigd."))
            elif action == "deactivate":
                deactivate_user(user, request.user, request.POST.get("reason", ""))
                messages.success(request, _("Account gedeactiveerd."))
            elif action == "reactivate":
                reactivate_user(user, request.user)
                messages.success(request, _("Account weer actief."))
            elif action == "reset-2fa":
                reset_second_factor(user, request.user)
                messages.success(request, _("Tweestapsverificatie hersteld: bij de volgende login stelt de gebruiker een nieuwe app in."))
            else:
                raise AccountError(_("Onbekende handeling."))
        except AccountError as exc:
            messages.error(request, str(exc))
            status = 400
        else:
            return redirect("user-detail", pk=user.pk)
    return render(request, "web/cockpit/user_detail.html", {
        "subject": user, "role": ROLE_LABELS.get(key, _("geen rol")), "organisation": organisation_of(user),
        "form": form, "second_factor": any(True for _d in devices_for_user(user, confirmed=True)),
    }, status=status)

def invitation_accept(request, token: str):
    """The invited person's page (no login): set a password, then enrol the second factor."""
    try:
        invitation = open_invitation(token)
    except AccountError as exc:
        return render(request, "web/cockpit/invitation.html", {"problem": str(exc)}, status=404)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(token, form.cleaned_data["password"])
        except AccountError as exc:
            form.add_error("password", str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(reverse("two_factor:setup"))
    return render(request, "web/cockpit/invitation.html", {"form": form, "invitation": invitation},
                  status=400 if request.method == "POST" else 200)
