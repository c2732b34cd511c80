"""Users and roles managed in the browser: invite (by e-mail, with a one-time link to set a password;
the second factor is enrolled at the first login), change a role, deactivate, reset a second factor.

Each change is one function here that writes its audit event in the same transaction; a refusal is
audited too and changes nothing. Who may call them: administrators (see ``is_administrator``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import Invitation, Profile
from zicht.accounts.second_factor import remove_second_factor
from zicht.audit import content_events

logger = logging.getLogger(__name__)
INVITATION_DAYS = 7
ADMIN = "admin"  # an administrator: a superuser (Django admin too) who manages users
ROLE_LABELS = {
    Profile.Role.ANALYST: "analist",
    Profile.Role.PARTNER: "contactpersoon partner",
    Profile.Role.MUNICIPALITY: "lezer gemeente",
    ADMIN: "beheerder",
}


class AccountError(Exception):
    """A change that was refused (Dutch message); nothing changed."""


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str


def is_administrator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Profile.objects.filter(user=user, role=ADMIN).exists()


def role_key(user) -> str | None:
    """The role as the user pages show it (administrators apart from analysts)."""
    if user.is_superuser:
        return ADMIN
    profile = Profile.objects.filter(user=user).first()
    return profile.role if profile else None


def organisation_of(user) -> str:
    profile = Profile.objects.filter(user=user).select_related("partner", "municipality").first()
    if profile is None:
        return ""
    if profile.partner:
        return profile.partner.name
    if profile.municipality:
        return profile.municipality.name
    return ""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _organisation(role: str, partner_code: str, municipality_code: str):
    """(partner, municipality) for a role, or AccountError."""
    if role not in ROLE_LABELS:
        raise AccountError("Kies een rol.")
    # The organisations as the profile's own relations name them (accounts sits beside catalog).
    Partner = Profile._meta.get_field("partner").related_model
    Municipality = Profile._meta.get_field("municipality").related_model
    partner = municipality = None
    if role == Profile.Role.PARTNER:
        partner = Partner.objects.filter(code=partner_code).first()
        if partner is None:
            raise AccountError("Een contactpersoon van een partner hoort bij een partner: kies er een.")
    elif partner_code:
        raise AccountError("Alleen een contactpersoon van een partner hoort bij een partner.")
    if role == Profile.Role.MUNICIPALITY:
        municipality = Municipality.objects.filter(code=municipality_code).first()
        if municipality is None:
            raise AccountError("Een lezer van een gemeente hoort bij een gemeente: kies er een.")
    elif municipality_code:
        raise AccountError("Alleen een lezer van een gemeente hoort bij een gemeente.")
    return partner, municipality


def invite_user(email: str, role: str, actor, *, partner_code: str = "", municipality_code: str = "",
                link_base: str) -> SentInvitation:
    """Create an inactive account for ``email`` with ``role`` (and its organisation), and e-mail a one-time
    link (``link_base`` + token) to set a password. The account is active once the link is used."""
    email = (email or "").strip().lower()
    try:
        try:
            validate_email(email)
        except ValidationError:
            raise AccountError("Vul een geldig e-mailadres in.") from None
        partner, municipality = _organisation(role, partner_code, municipality_code)
        User = get_user_model()
        if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
            raise AccountError("Er is al een account met dit e-mailadres.")
    except AccountError as exc:
        content_events.user_invitation_refused(actor, email, str(exc))
        raise
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, email=email, is_active=False)
            user.set_unusable_password()
            if role == ADMIN:
                user.is_staff = user.is_superuser = True
            user.save()
            Profile.objects.create(user=user, role=Profile.Role.ANALYST if role == ADMIN else role,
                                   partner=partner, municipality=municipality)
            invitation = Invitation.objects.create(
                user=user, email=email, digest=_digest(token), created_by=actor if getattr(actor, "pk", None) else None,
                expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS))
            organisation = partner.name if partner else municipality.name if municipality else ""
            content_events.user_invited(invitation, actor, ROLE_LABELS[role], organisation)
            link = link_base + token + "/"
            send_mail(
                "Uitnodiging voor Zicht, de mensenhandelmonitor",
                invitation_text(ROLE_LABELS[role], organisation, link, invitation.expires_at),
                settings.DEFAULT_FROM_EMAIL, [email],
            )
    except (OSError, smtplib.SMTPException) as exc:  # nothing stored: the transaction rolled back
        reason = "De uitnodiging kon niet per e-mail worden verstuurd; er is niets aangemaakt. Probeer het later opnieuw."
        logger.warning("Invitation mail to %s failed: %s", email, exc)
        content_events.user_invitation_refused(actor, email, reason)
        raise AccountError(reason) from None
    return SentInvitation(invitation, link)


def invitation_text(role: str, organisation: str, link: str, expires_at) -> str:
    until = timezone.localtime(expires_at).strftime("%d-%m-%Y %H:%M %Z")
    where = f" voor {organisation}" if organisation else ""
    return (
        f"U bent uitgenodigd voor Zicht, de mensenhandelmonitor van de regio, als {role}{where}.\n\n"
        f"Stel met deze link een wachtwoord in (de link werkt één keer, tot {until}):\n{link}\n\n"
        "Daarna stelt u tweestapsverificatie in met een authenticator-app op uw telefoon.\n"
        "Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren.\n"
    )


def open_invitation(token: str) -> Invitation:
    """The unused, unexpired invitation of ``token``, or AccountError (audited)."""
    invitation = Invitation.objects.select_related("user").filter(digest=_digest(token or "")).first()
    reason = None
    if invitation is None:
        reason = "Deze uitnodigingslink is onbekend."
    elif invitation.used_at is not None:
        reason = "Deze uitnodigingslink is al gebruikt."
    elif invitation.expires_at < timezone.now():
        reason = "Deze uitnodigingslink is verlopen; vraag de beheerder om een nieuwe uitnodiging."
    if reason:
        content_events.invitation_refused(reason)
        raise AccountError(reason)
    return invitation


def accept_invitation(token: str, password: str):
    """Set the invited user's password and activate the account; the link is used up. Returns the user."""
    invitation = open_invitation(token)
    user = invitation.user
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from None
    with transaction.atomic():
        if Invitation.objects.select_for_update().filter(pk=invitation.pk, used_at__isnull=True).first() is None:
            raise AccountError("Deze uitnodigingslink is al gebruikt.")
        user.set_password(password)
        user.is_active = True
        user.save()
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        content_events.invitation_accepted(invitation)
    return user


def _refuse_self(user, actor, what: str) -> None:
    if getattr(actor, "pk", None) == user.pk:
        reason = "U kunt dit niet voor uw eigen account doen; vraag een andere beheerder."
        content_events.user_change_refused(user, actor, what, reason)
        raise AccountError(reason)


def deactivate_user(user, actor, reason: str):
    reason = (reason or "").strip()
    _refuse_self(user, actor, "deactiveren")
    if not reason:
        content_events.user_change_refused(user, actor, "deactiveren", "geen reden")
        raise AccountError("Geef een reden voor het deactiveren.")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        content_events.user_deactivated(user, actor, reason)
    return user


def reactivate_user(user, actor):
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        content_events.user_reactivated(user, actor)
    return user


def _role_state(user) -> dict:
    key = role_key(user)
    return {"role": key or "", "label": ROLE_LABELS.get(key, "geen rol"), "organisation": organisation_of(user)}


def change_role(user, role: str, actor, *, partner_code: str = "", municipality_code: str = ""):
    """Give ``user`` another role (and organisation); audited with the role before and after."""
    _refuse_self(user, actor, "rol wijzigen")
    try:
        partner, municipality = _organisation(role, partner_code, municipality_code)
    except AccountError as exc:
        content_events.user_change_refused(user, actor, "rol wijzigen", str(exc))
        raise
    before = _role_state(user)
    with transaction.atomic():
        user.is_staff = user.is_superuser = role == ADMIN
        user.save(update_fields=["is_staff", "is_superuser"])
        Profile.objects.update_or_create(user=user, defaults={
            "role": Profile.Role.ANALYST if role == ADMIN else role, "partner": partner, "municipality": municipality})
        content_events.role_changed(user, actor, before, _role_state(user))
    return user


def reset_second_factor(user, actor) -> list[str]:
    """Remove the user's authenticator and backup codes (lost phone); they enrol again at the next login."""
    _refuse_self(user, actor, "tweestapsverificatie herstellen")
    return remove_second_factor(user, actor, "hersteld door beheerder")
