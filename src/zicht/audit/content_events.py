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
