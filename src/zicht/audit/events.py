"""One function per audit event, so every event has the same shape and a Dutch message."""

from __future__ import annotations

import logging

from django.db import connections, router, transaction
from django.utils import timezone

from zicht.audit import chain
from zicht.audit.models import AuditEvent

logger = logging.getLogger("zicht.audit")


def _actor_label(actor) -> str:
    if actor is None:
        return "systeem"
    return getattr(actor, "username", str(actor))


def _record(action: str, actor, message: str, obj=None, **details) -> AuditEvent:
    """Write one event, sealed onto the end of the hash chain in the same transaction."""
    event = AuditEvent(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(getattr(obj, "pk", "")) if obj is not None else "",
        message=message,
        details=chain.normalised_details(details),
    )
    alias = router.db_for_write(AuditEvent)
    with transaction.atomic(using=alias):
        chain.lock_head(connections[alias])
        event.timestamp = timezone.now()
        event.prev_hash = chain.head_hash(AuditEvent)
        event.hash = chain.event_hash(event)
        event.save(using=alias)
    logger.info("audit %s by %s: %s", action, event.actor_label, details)
    return event


def submission_accepted(submission, actor) -> AuditEvent:
    return _record(
        "submission.accepted",
        actor,
        f"Levering {submission.partner.code} {submission.year} versie {submission.version} opgeslagen",
        submission,
        checksum=submission.checksum,
        filename=submission.filename,
        supersedes=submission.supersedes_id,
    )


def submission_duplicate(submission, actor) -> AuditEvent:
    return _record(
        "submission.duplicate",
        actor,
        f"Levering {submission.partner.code} {submission.year}: zelfde bestand opnieuw aangeboden, niets gewijzigd",
        submission,
        checksum=submission.checksum,
    )


def submission_rejected(partner_code: str, year: int, filename: str, actor, errors: int) -> AuditEvent:
    return _record(
        "submission.rejected",
        actor,
        f"Levering {partner_code} {year} ({filename}) afgewezen: {errors} fout(en)",
        None,
        partner=partner_code,
        year=year,
        filename=filename,
        errors=errors,
    )


def catalog_loaded(actor, version: str) -> AuditEvent:
    return _record("catalog.loaded", actor, f"Catalogus geladen ({version})", None, version=version)


def report_built(actor, year: int, paths: list[str]) -> AuditEvent:
    return _record("report.built", actor, f"Monitor {year} gebouwd", None, year=year, paths=paths)


def backup_made(actor, path: str, members: int, counts: dict) -> AuditEvent:
    """A backup holds every unpublished figure: who made one, and where, is audited."""
    return _record("backup.made", actor, f"Back-up gemaakt: {path} ({members} bestanden)", None,
                   path=path, members=members, counts=counts)


def backup_restored(actor, path: str, created_at: str, counts: dict) -> AuditEvent:
    return _record("backup.restored", actor, f"Back-up van {created_at} hersteld uit {path}", None,
                   path=path, created_at=created_at, counts=counts)


def unpublished_data_viewed(actor, what: str, **details) -> AuditEvent:
    return _record("data.viewed", actor, f"Ongepubliceerde gegevens bekeken: {what}", None, **details)


def publication_frozen(actor, year: int, cells: int, version: int = 1, correction: str = "") -> AuditEvent:
    what = f"Publicatie {year} versie {version} bevroren ({cells} cellen)"
    if correction:
        what += f"; correctie: {correction[:200]}"
    return _record("publication.frozen", actor, what, None, year=year, version=version, cells=cells,
                   correction=correction)


def headline_estimate_chosen(actor, choice) -> AuditEvent:
    return _record("publication.headline_chosen", actor,
                   f"Kopschatting {choice.year}: {choice.method} ({choice.reason[:200]})", choice,
                   year=choice.year, method=choice.method, reason=choice.reason)


def headline_estimate_refused(actor, year, method: str, problem: str) -> AuditEvent:
    return _record("publication.headline_refused", actor, f"Keuze kopschatting {year} geweigerd: {problem}",
                   None, year=year, method=str(method)[:40], problem=problem)


def artefact_unreadable(year: int, version: int, name: str, reason: str) -> AuditEvent:
    """A published file is missing or no longer matches its checksum: it is not served."""
    return _record("publication.artefact_unreadable", None,
                   f"Publicatiebestand {year} v{version} {name} niet getoond: {reason}", None,
                   year=year, version=version, name=name, reason=reason)


def period_closed(actor, year: int, reason: str) -> AuditEvent:
    return _record("period.closed", actor, f"Verslagjaar {year} gesloten voor leveringen", None,
                   year=year, reason=reason)


def period_reopened(actor, year: int, reason: str, after_publication: bool = False) -> AuditEvent:
    after = " na publicatie" if after_publication else ""
    return _record("period.reopened", actor, f"Verslagjaar {year} heropend{after}: {reason}", None,
                   year=year, reason=reason, after_publication=after_publication)


def period_opened(actor, year: int, reason: str) -> AuditEvent:
    return _record("period.opened", actor, f"Verslagjaar {year} geopend voor leveringen", None,
                   year=year, reason=reason)


def cockpit_action_refused(actor, year: int, action: str, reason: str) -> AuditEvent:
    """An analyst's action on the cockpit that was refused (nothing changed)."""
    return _record("cockpit.refused", actor, f"Actie '{action}' voor {year} geweigerd: {reason[:200]}", None,
                   year=year, what=action, reason=reason[:500])


def period_deadline_set(actor, year: int, deadline) -> AuditEvent:
    shown = deadline.strftime("%d-%m-%Y") if deadline else "geen"
    return _record("period.deadline_set", actor, f"Deadline verslagjaar {year}: {shown}", None,
                   year=year, deadline=deadline.isoformat() if deadline else None)


def reminder_sent(actor, year: int, partners: list[str], recipients: int, subject: str) -> AuditEvent:
    """A reminder to partners that have not delivered (the cockpit); who got it, not the addresses."""
    return _record("reminder.sent", actor,
                   f"Herinnering verslagjaar {year} verstuurd aan {len(partners)} partner(s), {recipients} adres(sen)",
                   None, year=year, partners=partners, recipients=recipients, subject=subject[:200])


def draft_build_requested(build, actor) -> AuditEvent:
    return _record("report.draft_requested", actor, f"Concept {build.year} aangevraagd (bouw {build.pk})", build,
                   year=build.year)


def publication_requested(request, actor) -> AuditEvent:
    """The analyst confirmed publishing from the cockpit; the worker publishes (``publication.frozen``)."""
    what = f"Publicatie {request.year} aangevraagd (verzoek {request.pk}, concept {request.draft_id})"
    if request.correction_note:
        what += f"; correctie: {request.correction_note[:200]}"
    return _record("publication.requested", actor, what, request, year=request.year, draft=request.draft_id,
                   correction=request.correction_note)


def publication_request_failed(request, error: str) -> AuditEvent:
    """A queued publication the worker could not make (nothing was published)."""
    return _record("publication.request_failed", request.requested_by,
                   f"Publicatie {request.year} (verzoek {request.pk}) mislukt: {error[:200]}", request,
                   year=request.year, error=error[:500])


def encoded_delivery_accepted(delivery, actor) -> AuditEvent:
    return _record(
        "encoded.accepted",
        actor,
        f"Versleutelde levering {delivery.partner.code} {delivery.year} versie {delivery.version} opgeslagen "
        f"({delivery.records} records)",
        delivery,
        checksum=delivery.checksum,
        synthetic=delivery.synthetic,
    )


def linkage_requested(run, actor) -> AuditEvent:
    return _record("linkage.requested", actor, f"Koppeling {run.year} aangevraagd (run {run.pk})", run,
                   deliveries=[d.pk for d in run.deliveries.all()])


def api_token_created(token, actor) -> AuditEvent:
    return _record(
        "api_token.created",
        actor,
        f"API-token {token.prefix} ({token.name}) aangemaakt voor {token.user.username}",
        token,
        prefix=token.prefix,
        name=token.name,
        user=token.user.username,
    )


def api_token_revoked(token, actor) -> AuditEvent:
    return _record(
        "api_token.revoked",
        actor,
        f"API-token {token.prefix} ({token.name}) van {token.user.username} ingetrokken",
        token,
        prefix=token.prefix,
        name=token.name,
        user=token.user.username,
    )


def second_factor_enrolled(user, device) -> AuditEvent:
    """A user set up an authenticator app (never the key: only which device)."""
    return _record("two_factor.enrolled", user, f"Tweestapsverificatie ingesteld door {user.username}", device,
                   user=user.username, device=type(device).__name__)


def second_factor_removed(user, actor, how: str, devices: list[str]) -> AuditEvent:
    """Every device of ``user`` removed (switched off by the user, reset by an admin or in /admin/)."""
    return _record("two_factor.removed", actor,
                   f"Tweestapsverificatie van {user.username} uitgezet ({how})", user,
                   user=user.username, how=how, devices=devices)


def backup_tokens_replaced(user, count: int) -> AuditEvent:
    return _record("two_factor.backup_tokens_replaced", user,
                   f"Nieuwe reservecodes gemaakt door {user.username} (de oude vervallen)", user,
                   user=user.username, count=count)


def second_factor_change_refused(user, what: str, reason: str) -> AuditEvent:
    """A change of the second factor asked without the right password or code; nothing changed."""
    return _record("two_factor.change_refused", user,
                   f"Wijziging tweestapsverificatie ({what}) van {user.username} geweigerd: {reason}", user,
                   user=user.username, what=what, reason=reason)


def delivery_forbidden(partner_code: str, year, filename: str, actor, channel: str) -> AuditEvent:
    """An attempt to deliver for a partner the account may not deliver for; nothing was read or stored."""
    return _record(
        "delivery.forbidden",
        actor,
        f"Levering voor {partner_code} {year} ({filename}) geweigerd: geen toegang voor deze partner",
        None,
        partner=partner_code,
        year=year,
        filename=filename,
        channel=channel,
    )


def upload_too_large(path: str, filename: str, size: int, limit: int, actor) -> AuditEvent:
    """An uploaded file over the upload limit: its bytes stopped being kept at the limit."""
    return _record(
        "upload.too_large",
        actor,
        f"Bestand {filename[:100]} naar {path[:200]} geweigerd: meer dan {limit} bytes (ten minste {size})",
        None,
        path=path[:200],
        filename=filename[:200],
        size=size,
        limit=limit,
    )


def request_too_large(path: str, size: int, limit: int, address: str) -> AuditEvent:
    """A request body over the cap, refused from its Content-Length before a byte of it was read."""
    return _record(
        "request.too_large",
        None,
        f"Verzoek naar {path[:200]} geweigerd: {size} bytes, meer dan de grens van {limit} bytes",
        None,
        path=path[:200],
        size=size,
        limit=limit,
        address=address,
    )


def oidc_login(user, issuer: str, subject: str, how: str, idp_mfa: bool, address: str | None) -> AuditEvent:
    """A login through the organisation's identity provider (OIDC), mapped to an existing user."""
    factor = "tweede factor bij de identiteitsprovider" if idp_mfa else "code van Zicht volgt"
    return _record("login.oidc", user, f"{user.username} ingelogd via de identiteitsprovider ({factor})", user,
                   user=user.username, issuer=issuer, subject=subject, how=how, idp_mfa=idp_mfa, address=address)


def oidc_identity_linked(user, issuer: str, subject: str, email: str, actor=None) -> AuditEvent:
    """An identity at the OIDC provider now logs in as ``user``: linked by the user's first login with the
    same verified e-mail address (``actor`` None), or by an administrator."""
    how = f"door {actor.username}" if actor is not None else f"bij de eerste login, e-mailadres {email}"
    return _record("login.oidc_linked", actor or user,
                   f"Identiteit {subject} van {issuer} gekoppeld aan {user.username} ({how})", user,
                   user=user.username, issuer=issuer, subject=subject, email=email)


def oidc_identity_unlinked(user, issuer: str, subject: str, actor) -> AuditEvent:
    return _record("login.oidc_unlinked", actor, f"Identiteit {subject} van {issuer} losgekoppeld van {user.username}",
                   user, user=user.username, issuer=issuer, subject=subject)


def oidc_login_refused(reason: str, address: str | None, user=None, **claims) -> AuditEvent:
    """An OIDC login that did not log anyone in: unknown identity, wrong state, provider error, ..."""
    who = f" voor {user.username}" if user is not None else ""
    return _record("login.oidc_refused", user, f"Inloggen via de identiteitsprovider{who} geweigerd: {reason}",
                   user, reason=reason, address=address, **claims)
