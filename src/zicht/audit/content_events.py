"""Audit events of the cockpit's content pages: narrative, audit log, users, reporting routes, awareness.

Kept beside ``events`` (same shape, same hash chain) so that each feature's events stay together."""

from __future__ import annotations

from zicht.audit.events import _record
from zicht.audit.models import AuditEvent


def narrative_saved(version, actor) -> AuditEvent:
    return _record("narrative.saved", actor,
                   f"Tekst hoofdstuk '{version.section}' {version.year} opgeslagen als versie {version.version}",
                   version, year=version.year, section=version.section, version=version.version,
                   characters=len(version.text))


def narrative_refused(actor, year: int, section: str, reason: str) -> AuditEvent:
    return _record("narrative.refused", actor,
                   f"Tekst hoofdstuk '{section}' {year} niet opgeslagen: {reason[:300]}", None,
                   year=year, section=section, reason=reason[:1000])


def publication_refused(actor, year: int, reason: str) -> AuditEvent:
    return _record("publication.refused", actor, f"Publicatie {year} geweigerd: {reason[:300]}", None,
                   year=year, reason=reason[:1000])


def audit_log_viewed(actor, filters: dict, page: int) -> AuditEvent:
    return _record("audit.viewed", actor, "Auditlog bekeken", None, filters=filters, page=page)


def audit_log_exported(actor, filters: dict, rows: int) -> AuditEvent:
    return _record("audit.exported", actor, f"Auditlog geëxporteerd als CSV ({rows} regels)", None,
                   filters=filters, rows=rows)


def user_invited(invitation, actor, role: str, organisation: str) -> AuditEvent:
    return _record("user.invited", actor,
                   f"{invitation.email} uitgenodigd als {role}{' voor ' + organisation if organisation else ''}",
                   invitation.user, user=invitation.user.username, role=role, organisation=organisation)


def user_invitation_refused(actor, email: str, reason: str) -> AuditEvent:
    return _record("user.invite_refused", actor, f"Uitnodiging voor {email[:150]} niet verstuurd: {reason[:300]}",
                   None, email=email[:254], reason=reason[:1000])


def invitation_accepted(invitation) -> AuditEvent:
    return _record("user.invitation_accepted", invitation.user,
                   f"{invitation.user.username} heeft de uitnodiging gebruikt en een wachtwoord ingesteld",
                   invitation.user, user=invitation.user.username)


def invitation_refused(reason: str) -> AuditEvent:
    return _record("user.invitation_refused", None, f"Uitnodigingslink geweigerd: {reason}", None, reason=reason)


def user_deactivated(user, actor, reason: str) -> AuditEvent:
    return _record("user.deactivated", actor, f"Account {user.username} gedeactiveerd: {reason[:300]}", user,
                   user=user.username, reason=reason[:1000])


def user_reactivated(user, actor) -> AuditEvent:
    return _record("user.reactivated", actor, f"Account {user.username} weer actief", user, user=user.username)


def role_changed(user, actor, before: dict, after: dict) -> AuditEvent:
    return _record("user.role_changed", actor,
                   f"Rol van {user.username} gewijzigd: {before.get('label')} → {after.get('label')}", user,
                   user=user.username, before=before, after=after)


def user_change_refused(user, actor, what: str, reason: str) -> AuditEvent:
    return _record("user.change_refused", actor, f"{what} voor {user.username} geweigerd: {reason[:300]}", user,
                   user=user.username, what=what, reason=reason[:1000])


def route_updated(check, actor, before: dict, after: dict) -> AuditEvent:
    state = "gecontroleerd" if check.verified else "niet gecontroleerd"
    return _record("route.updated", actor, f"Meldroute '{check.route}' bijgewerkt ({state})", check,
                   route=check.route, before=before, after=after)


def route_update_refused(actor, route: str, reason: str) -> AuditEvent:
    return _record("route.update_refused", actor, f"Meldroute '{route[:40]}' niet bijgewerkt: {reason[:300]}", None,
                   route=route[:40], reason=reason[:1000])


def awareness_recorded(activity, actor) -> AuditEvent:
    return _record("awareness.recorded", actor,
                   f"Bewustwordingsactiviteit '{activity.title[:100]}' ({activity.year}) ingevoerd", activity,
                   year=activity.year, kind=activity.kind, status=activity.status)


def awareness_refused(actor, reason: str) -> AuditEvent:
    return _record("awareness.refused", actor, f"Bewustwordingsactiviteit niet opgeslagen: {reason[:300]}", None,
                   reason=reason[:1000])


def awareness_checked(activity, actor, status: str, note: str = "") -> AuditEvent:
    return _record("awareness.checked", actor,
                   f"Bewustwordingsactiviteit '{activity.title[:100]}' {activity.get_status_display()}", activity,
                   status=status, note=note[:500])


# What each action is called on pages (the audit log viewer); an action not listed shows its code.
ACTION_LABELS = {
    "api_token.created": "API-token aangemaakt",
    "api_token.revoked": "API-token ingetrokken",
    "audit.exported": "auditlog geëxporteerd",
    "audit.viewed": "auditlog bekeken",
    "awareness.checked": "bewustwordingsactiviteit gecontroleerd",
    "awareness.recorded": "bewustwordingsactiviteit ingevoerd",
    "awareness.refused": "bewustwordingsactiviteit geweigerd",
    "backup.made": "back-up gemaakt",
    "backup.restored": "back-up hersteld",
    "catalog.loaded": "catalogus geladen",
    "data.viewed": "ongepubliceerde gegevens bekeken",
    "delivery.forbidden": "levering geweigerd (geen toegang)",
    "encoded.accepted": "casusbestand opgeslagen",
    "linkage.requested": "koppeling aangevraagd",
    "narrative.refused": "tekst geweigerd",
    "narrative.saved": "tekst opgeslagen",
    "period.closed": "verslagjaar gesloten",
    "period.reopened": "verslagjaar heropend",
    "publication.artefact_unreadable": "publicatiebestand onleesbaar",
    "publication.frozen": "gepubliceerd",
    "publication.refused": "publicatie geweigerd",
    "report.built": "concept gebouwd",
    "request.too_large": "te groot verzoek geweigerd",
    "route.update_refused": "meldroute niet bijgewerkt",
    "route.updated": "meldroute bijgewerkt",
    "submission.accepted": "levering opgeslagen",
    "submission.duplicate": "levering opnieuw aangeboden",
    "submission.rejected": "levering afgewezen",
    "two_factor.backup_tokens_replaced": "reservecodes vervangen",
    "two_factor.change_refused": "wijziging tweestapsverificatie geweigerd",
    "two_factor.enrolled": "tweestapsverificatie ingesteld",
    "two_factor.removed": "tweestapsverificatie uitgezet",
    "user.change_refused": "accountwijziging geweigerd",
    "user.deactivated": "account gedeactiveerd",
    "user.invitation_accepted": "uitnodiging gebruikt",
    "user.invitation_refused": "uitnodigingslink geweigerd",
    "user.invite_refused": "uitnodiging geweigerd",
    "user.invited": "uitgenodigd",
    "user.reactivated": "account weer actief",
    "user.role_changed": "rol gewijzigd",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
