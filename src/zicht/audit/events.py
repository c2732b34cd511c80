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
