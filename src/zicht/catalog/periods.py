"""The reporting year's life: open for deliveries, closed while the analyst builds, published.

The status says whether deliveries are accepted; whether a monitor was published is the
frozen `Publication` itself, which never changes.

A delivery that arrives after the deadline would change figures the analyst is already
checking, and one that arrives after publication would leave the data store out of step with
the frozen monitor without anybody noticing. So deliveries (templates, CSV, encoded case
records; from the web, the CLI and the API alike) are refused for a closed or published year,
with a message that says why and what to do. Every change of status is audited.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zicht.audit import events
from zicht.catalog.models import Period


class PeriodError(Exception):
    """A change of status that is not allowed (message in Dutch, for the analyst)."""


def period_status(year: int) -> str:
    """The year's status; a year nobody has touched yet is open."""
    period = Period.objects.filter(year=year).first()
    return period.status if period else Period.Status.OPEN


def delivery_refusal(year: int, for_update: bool = False) -> str | None:
    """Why deliveries for `year` are not accepted now (Dutch), or None when they are.

    With `for_update` the period row is locked, so a delivery stored in the same
    transaction cannot slip past a close that runs at the same moment.
    """
    query = Period.objects.filter(year=year)
    if for_update:
        query = query.select_for_update()
    period = query.first()
    if period is None or period.status == Period.Status.OPEN:
        return None
    since = (
        timezone.localtime(period.status_changed_at).strftime("%d-%m-%Y")
        if period.status_changed_at
        else ""
    )
    since_text = f" sinds {since}" if since else ""
    if period.status == Period.Status.PUBLISHED:
        return (
            f"Verslagjaar {year} is gepubliceerd{since_text} en gesloten voor leveringen. Een "
            "correctie kan alleen als de analist van de monitor het jaar daarvoor heropent; de "
            "gepubliceerde monitor blijft ongewijzigd en de correctie telt mee in latere monitors."
        )
    return (
        f"Verslagjaar {year} is gesloten voor leveringen{since_text}. Vraag de analist van de "
        "monitor het jaar te heropenen als deze levering nog mee moet."
    )


def open_period(year: int, actor=None, reason: str = "") -> Period:
    """Start a reporting year: partners may deliver for it. A year that exists already is left as it
    is (a closed year is opened again only with ``reopen_period`` and a reason)."""
    with transaction.atomic():
        period, created = Period.objects.select_for_update().get_or_create(year=year)
        if not created:
            raise PeriodError(f"Verslagjaar {year} bestaat al ({period.get_status_display()}).")
        _set_status(period, Period.Status.OPEN, reason)
        events.period_opened(actor, year, reason)
    return period


def close_period(year: int, actor=None, reason: str = "") -> Period:
    """Stop accepting deliveries for `year` (the deadline has passed; the analyst builds)."""
    with transaction.atomic():
        period, _ = Period.objects.select_for_update().get_or_create(year=year)
        if period.status in (Period.Status.CLOSED, Period.Status.PUBLISHED):
            return period
        _set_status(period, Period.Status.CLOSED, reason)
        events.period_closed(actor, year, reason)
    return period


def reopen_period(year: int, actor=None, reason: str = "") -> Period:
    """Accept deliveries for a closed year again; the reason is required and audited.

    A published year can be reopened for a correction too: its publication stays frozen
    (a year is published once), and the correction counts in later monitors that show it.
    """
    reason = reason.strip()
    if not reason:
        raise PeriodError("Geef een reden op om een verslagjaar te heropenen (--reason).")
    with transaction.atomic():
        period = Period.objects.select_for_update().filter(year=year).first()
        if period is None or period.status == Period.Status.OPEN:
            raise PeriodError(f"Verslagjaar {year} is niet gesloten.")
        was_published = period.status == Period.Status.PUBLISHED
        _set_status(period, Period.Status.OPEN, reason)
        events.period_reopened(actor, year, reason, after_publication=was_published)
    return period


def period_deadline(year: int):
    """The year's delivery deadline (a date), or None when the analyst has not set one."""
    return Period.objects.filter(year=year).values_list("deadline", flat=True).first()


def set_deadline(year: int, deadline, actor=None) -> Period:
    """Set (or clear, with None) the date by which partners deliver for `year`; audited.
    Informative: deliveries stop when the analyst closes the year, not at the date itself."""
    with transaction.atomic():
        period, _ = Period.objects.select_for_update().get_or_create(year=year)
        period.deadline = deadline
        period.save(update_fields=["deadline"])
        events.period_deadline_set(actor, year, deadline)
    return period


def mark_published(year: int) -> None:
    """Called by the publication inside its transaction: the year is closed for good."""
    period, _ = Period.objects.select_for_update().get_or_create(year=year)
    _set_status(period, Period.Status.PUBLISHED, "")


def _set_status(period: Period, status: str, reason: str) -> None:
    period.status = status
    period.status_changed_at = timezone.now()
    period.status_reason = reason[:300]
    period.save(update_fields=["status", "status_changed_at", "status_reason"])


def default_delivery_year(today: dt.date | None = None) -> int | None:
    """The year a partner delivers for now: the newest open reporting period, or, when no period has
    been opened explicitly, last calendar year (a monitor reports on the year before), if that year
    accepts deliveries. None when nothing is open."""
    newest_open = Period.objects.filter(status=Period.Status.OPEN).order_by("-year").first()
    if newest_open is not None:
        return newest_open.year
    last_year = (today or timezone.localdate()).year - 1
    return last_year if delivery_refusal(last_year) is None else None
