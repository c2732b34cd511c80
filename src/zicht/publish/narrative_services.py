"""Saving the analyst's text of a report section: a new version, checked, audited, never overwritten."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from zicht.audit import content_events
from zicht.catalog.models import Period
from zicht.publish.models import NarrativeVersion
from zicht.publish.narrative import small_counts
from zicht.publish.sections.registry import all_sections

MAX_CHARACTERS = 50_000


class NarrativeRefused(Exception):
    """The text was not saved; the message (Dutch) says why and what to do."""

    def __init__(self, message: str, findings: list | None = None):
        super().__init__(message)
        self.findings = findings or []


def section_titles() -> dict[str, str]:
    """The report's sections, in order: key -> title."""
    return {s.key: s.title for s in all_sections()}


def current_version(year: int, section: str) -> NarrativeVersion | None:
    return NarrativeVersion.objects.filter(year=year, section=section).order_by("-version").first()


def save_narrative(year: int, section: str, text: str, actor) -> NarrativeVersion:
    """Store ``text`` as the next version of ``section``'s narrative for ``year``.

    Refused (``NarrativeRefused``, audited, nothing stored) for an unknown section, a text that is too
    long, or one that names a count below the disclosure threshold (``narrative.small_counts``, the
    check ``publish_period`` applies too). Saving the same text as the current version stores nothing
    and returns the current version."""
    text = text.replace("\r\n", "\n").strip() + "\n" if text.strip() else ""
    reason, findings = None, []
    if section not in section_titles():
        reason = f"Onbekend hoofdstuk '{section[:40]}'."
    elif not 2000 <= int(year) <= 2100:
        reason = f"Onbekend verslagjaar {year}."
    elif len(text) > MAX_CHARACTERS:
        reason = f"De tekst is te lang ({len(text)} tekens; hooguit {MAX_CHARACTERS})."
    else:
        findings = small_counts(text)
        if findings:
            reason = " ".join(f.message() for f in findings)
    if reason is not None:
        content_events.narrative_refused(actor, year, section, reason)
        raise NarrativeRefused(reason, findings)
    with transaction.atomic():
        # The year's lock (as publish_period takes it): two editors saving at once get consecutive versions.
        Period.objects.select_for_update().get_or_create(year=year)
        latest = NarrativeVersion.objects.filter(year=year, section=section)
        current = latest.order_by("-version").first()
        if current is not None and current.text == text:
            return current
        number = (latest.aggregate(v=Max("version"))["v"] or 0) + 1
        version = NarrativeVersion.objects.create(
            year=year, section=section, version=number, text=text,
            author=actor if getattr(actor, "pk", None) else None,
            author_label=getattr(actor, "username", "systeem") if actor is not None else "systeem",
        )
        content_events.narrative_saved(version, actor)
    return version
