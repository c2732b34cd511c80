"""The awareness register (task 3 of the regional approach): record, check and report activities.

An analyst's entry is checked at once; a municipality contact's entry waits for an analyst, and may
only name the contact's own municipality. Only checked activities reach the report. Every change is
one function here that audits it in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zicht.audit import content_events
from zicht.catalog.models import Municipality
from zicht.engines.disclosure.policy import Policy
from zicht.publish.models import AwarenessActivity

MAX_REACH = 10_000_000


class AwarenessError(Exception):
    """Refused (Dutch message, naming the field); nothing stored."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


@dataclass(frozen=True)
class ActivityInput:
    year: int
    title: str
    kind: str
    started_on: dt.date
    ended_on: dt.date | None = None
    municipalities: tuple[str, ...] = ()  # CBS codes; empty = the whole region
    reach_kind: str = ""
    reach: int | None = None
    description: str = ""


def check_input(data: ActivityInput, own_municipality: str | None = None) -> dict[str, str]:
    """Field -> what is wrong (Dutch); empty when the activity may be stored."""
    errors = {}
    if not 2000 <= data.year <= 2100:
        errors["year"] = "Kies een verslagjaar tussen 2000 en 2100."
    if not data.title.strip():
        errors["title"] = "Zeg wat de activiteit was."
    elif len(data.title) > 200:
        errors["title"] = "Hooguit 200 tekens."
    if data.kind not in AwarenessActivity.Kind.values:
        errors["kind"] = "Kies de soort activiteit."
    if data.started_on.year != data.year and "year" not in errors:
        errors["started_on"] = f"De activiteit begon niet in {data.year}; kies het jaar waarin ze begon."
    if data.ended_on is not None and data.ended_on < data.started_on:
        errors["ended_on"] = "De einddatum ligt vóór de begindatum."
    known = set(Municipality.objects.filter(code__in=data.municipalities).values_list("code", flat=True))
    if set(data.municipalities) - known:
        errors["municipalities"] = "Onbekende gemeente."
    elif own_municipality is not None and set(data.municipalities) != {own_municipality}:
        errors["municipalities"] = "U kunt alleen activiteiten van uw eigen gemeente invoeren."
    if data.reach_kind not in AwarenessActivity.Reach.values:
        errors["reach_kind"] = "Kies wat het aantal telt."
    elif data.reach_kind and data.reach is None:
        errors["reach"] = "Vul het aantal in, of kies ‘geen aantal’."
    elif not data.reach_kind and data.reach is not None:
        errors["reach_kind"] = "Zeg wat het aantal telt (personen, deelnemers of websitebezoeken)."
    elif data.reach is not None and not 0 <= data.reach <= MAX_REACH:
        errors["reach"] = f"Een aantal tussen 0 en {MAX_REACH:,}.".replace(",", ".")
    if len(data.description) > 2000:
        errors["description"] = "Hooguit 2000 tekens."
    return errors


def record_activity(data: ActivityInput, actor, *, analyst: bool, own_municipality: str | None = None):
    """Store an activity. ``analyst``: entered by an analyst (checked at once); otherwise it waits for a
    check and ``own_municipality`` is the only municipality it may name."""
    errors = check_input(data, None if analyst else own_municipality)
    if errors:
        content_events.awareness_refused(actor, " ".join(errors.values()))
        raise AwarenessError(errors)
    label = getattr(actor, "username", "systeem")
    with transaction.atomic():
        activity = AwarenessActivity.objects.create(
            year=data.year, title=data.title.strip(), kind=data.kind, started_on=data.started_on,
            ended_on=data.ended_on, reach_kind=data.reach_kind, reach=data.reach,
            description=data.description.strip(),
            status=AwarenessActivity.Status.VALIDATED if analyst else AwarenessActivity.Status.SUBMITTED,
            entered_by=actor if getattr(actor, "pk", None) else None, entered_by_label=label,
            checked_by_label=label if analyst else "", checked_at=timezone.now() if analyst else None)
        activity.municipalities.set(Municipality.objects.filter(code__in=data.municipalities))
        content_events.awareness_recorded(activity, actor)
    return activity


def check_activity(activity: AwarenessActivity, actor, *, accept: bool, note: str = "") -> AwarenessActivity:
    """An analyst accepts a submitted activity (it goes into the report) or rejects it, with a reason."""
    note = (note or "").strip()
    if not accept and not note:
        content_events.awareness_refused(actor, "afwijzing zonder reden")
        raise AwarenessError({"note": "Geef een reden voor de afwijzing."})
    with transaction.atomic():
        activity.status = AwarenessActivity.Status.VALIDATED if accept else AwarenessActivity.Status.REJECTED
        activity.status_note = note[:500]
        activity.checked_by_label = getattr(actor, "username", "systeem")
        activity.checked_at = timezone.now()
        activity.save(update_fields=["status", "status_note", "checked_by_label", "checked_at"])
        content_events.awareness_checked(activity, actor, activity.status, note)
    return activity


# -- for the report ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportedActivity:
    title: str
    kind: str  # label
    when: str
    where: str
    reach: str  # as published: a number, "•" (a small count of people), or "–"
    reach_kind: str
    suppressed: bool
    municipality_codes: tuple[str, ...] = ()  # CBS codes; empty = the whole region (for the factsheets)


def reach_text(activity: AwarenessActivity, policy: Policy | None = None) -> tuple[str, bool]:
    """The reach as the report prints it; a count of people from 1 below the threshold is suppressed,
    as in every table of the monitor (website visits are no people and stay)."""
    policy = policy or Policy()
    if activity.reach is None:
        return "–", False
    if activity.counts_people and activity.reach >= 1 and policy.is_unsafe(activity.reach, policy.threshold):
        return "•", True
    return f"{activity.reach:,}".replace(",", "."), False


def _period(activity: AwarenessActivity) -> str:
    start = activity.started_on.strftime("%d-%m-%Y")
    if activity.ended_on and activity.ended_on != activity.started_on:
        return f"{start} t/m {activity.ended_on.strftime('%d-%m-%Y')}"
    return start


def reported_activities(year: int) -> list[ReportedActivity]:
    """The checked activities of ``year``, as the report publishes them."""
    out = []
    for a in (AwarenessActivity.objects.filter(year=year, status=AwarenessActivity.Status.VALIDATED)
              .prefetch_related("municipalities").order_by("started_on", "id")):
        names = sorted(m.name for m in a.municipalities.all())
        reach, suppressed = reach_text(a)
        out.append(ReportedActivity(a.title, a.get_kind_display(), _period(a), ", ".join(names) or "hele regio",
                                    reach, a.get_reach_kind_display() if a.reach_kind else "", suppressed,
                                    tuple(sorted(m.code for m in a.municipalities.all()))))
    return out
