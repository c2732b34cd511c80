"""The analyst's cockpit: the reporting years, and per year who delivered, reminders, the year's status,
linkage and estimate, a draft built in the background, and publication after one confirmation.

Thin views over named services: ``catalog.periods`` (open, close, reopen, deadline), ``publish.cockpit``
(overview, reminders, draft builds), ``records.services.request_linkage`` and
``publish.services.publish_period``, the same functions `zicht period` and `zicht publish` call. Every
page shows unpublished data and is audited; every refused action is audited and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role, role_of
from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Period
from zicht.catalog.periods import (
    PeriodError,
    close_period,
    open_period,
    reopen_period,
    set_deadline,
)
from zicht.intake.models import Submission
from zicht.publish import cockpit
from zicht.publish.models import DraftBuild, Publication, PublishRequest
from zicht.publish.narrative import NarrativeDisclosureError
from zicht.publish.recoding import RecodingError
from zicht.publish.services import AlreadyPublished, CorrectionNoteMissing
from zicht.records.models import LinkageRun
from zicht.records.services import current_deliveries, request_linkage

ANALYST = Profile.Role.ANALYST
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(gettext("Onbekend verslagjaar."))
    return year


def _refused(request, year: int, action: str, reason: str):
    events.cockpit_action_refused(request.user, year, action, reason)
    messages.error(request, reason)
    return redirect("cockpit-year", year=year)


@require_role(ANALYST, Profile.Role.PARTNER, Profile.Role.MUNICIPALITY)
def home(request):
    """Analysts: every reporting year with its state. Others go to what they may see."""
    role = role_of(request.user)
    if role == Profile.Role.PARTNER:
        return redirect("deliver")
    if role != ANALYST:
        return redirect("home")
    events.unpublished_data_viewed(request.user, "cockpit")
    years = cockpit.known_years()
    suggested = (years[0]["year"] + 1) if years else dt.date.today().year - 1
    from zicht.signalling.services import stale_routes  # the route map loads only for the cockpit

    return render(request, "web/cockpit/home.html",
                  {"years": years, "suggested": suggested, "stale_routes": stale_routes()})


@require_role(ANALYST)
@require_POST
def open_year(request):
    try:
        year = int(request.POST.get("year", ""))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(year)
    except ValueError:
        events.cockpit_action_refused(request.user, 0, "openen", "geen geldig jaartal")
        messages.error(request, gettext("Geef een jaartal op, bijvoorbeeld 2024."))
        return redirect("cockpit")
    try:
        open_period(year, request.user, request.POST.get("reason", ""))
    except PeriodError as exc:
        return _refused(request, year, "openen", str(exc))
    messages.success(
        request, gettext("Verslagjaar %(year)s is geopend voor leveringen.") % {"year": year}
    )
    return redirect("cockpit-year", year=year)


@require_role(ANALYST)
def year_page(request, year: int):
    year = _year(year)
    overview = cockpit.year_overview(year)
    events.unpublished_data_viewed(request.user, "cockpit-jaar", year=year)
    latest_build = DraftBuild.objects.filter(year=year).first()
    return render(
        request,
        "web/cockpit/year.html",
        {
            "year": year,
            "o": overview,
            "latest_build": latest_build,
            "publish_job": cockpit.active_publish_request(year),
            "latest_run": LinkageRun.objects.filter(year=year).first(),
            "encoded": len(current_deliveries(year)),
            "publications": Publication.objects.filter(year=year).order_by("version"),
        },
    )


@require_role(ANALYST)
@require_POST
def change_status(request, year: int):
    """Close, reopen (with a reason) the year: `zicht period --close/--reopen` through the web."""
    year = _year(year)
    action, reason = request.POST.get("action"), request.POST.get("reason", "")
    try:
        if action == "close":
            close_period(year, request.user, reason)
            messages.success(
                request,
                gettext("Verslagjaar %(year)s is gesloten voor leveringen.") % {"year": year},
            )
        elif action == "reopen":
            reopen_period(year, request.user, reason)
            messages.success(request, gettext("Verslagjaar %(year)s is heropend.") % {"year": year})
        else:
            return _refused(request, year, str(action)[:20], gettext("Onbekende actie."))
    except PeriodError as exc:
        return _refused(request, year, action, str(exc).replace(" (--reason)", ""))
    return redirect("cockpit-year", year=year)


@require_role(ANALYST)
@require_POST
def deadline(request, year: int):
    year = _year(year)
    raw = request.POST.get("deadline", "").strip()
    try:
        date = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return _refused(
            request, year, "deadline", gettext("Geef de deadline als datum (dd-mm-jjjj).")
        )
    set_deadline(year, date, request.user)
    messages.success(request, gettext("De deadline is opgeslagen."))
    return redirect("cockpit-year", year=year)


@require_role(ANALYST)
def reminder(request, year: int):
    """The reminder to partners that have not delivered: the text is editable; sending is audited."""
    year = _year(year)
    subject, body = cockpit.default_reminder(year)
    if request.method == "POST":
        subject, body = request.POST.get("subject", ""), request.POST.get("body", "")
        try:
            partners, sent = cockpit.send_reminders(year, subject, body, request.user)
        except cockpit.CockpitError as exc:
            events.cockpit_action_refused(request.user, year, "herinnering", str(exc))
            messages.error(request, str(exc))
        else:
            names = get_catalog().partners
            messages.success(
                request,
                gettext("Herinnering verstuurd: %(n)s bericht(en) aan %(partners)s.")
                % {"n": sent, "partners": ", ".join(names[p].name for p in partners)},
            )
            return redirect("cockpit-year", year=year)
    events.unpublished_data_viewed(request.user, "herinnering", year=year)
    names = get_catalog().partners
    recipients = [
        {"name": names[code].name, "addresses": mails}
        for code, mails in cockpit.reminder_recipients(year).items()
    ]
    return render(
        request,
        "web/cockpit/reminder.html",
        {"year": year, "subject": subject, "body": body, "recipients": recipients},
    )


@require_role(ANALYST)
def linkage(request, year: int):
    """The year's linkage runs: status, distinct persons, capture histories, the estimate and its
    sensitivity (unpublished; analysts only; audited). POST starts a run of the current deliveries."""
    year = _year(year)
    if request.method == "POST":
        deliveries = current_deliveries(year)
        if len(deliveries) < 2:
            return _refused(
                request,
                year,
                "koppelen",
                gettext(
                    "Voor koppelen zijn versleutelde casusbestanden van ten minste twee partners nodig."
                ),
            )
        run = request_linkage(year, request.user)
        messages.success(
            request,
            gettext("Koppeling aangevraagd (run %(pk)s); de achtergrondtaak voert haar uit.")
            % {"pk": run.pk},
        )
        return redirect("cockpit-linkage", year=year)
    events.unpublished_data_viewed(request.user, "koppeling-jaar", year=year)
    names = get_catalog().partners
    runs = list(LinkageRun.objects.filter(year=year).prefetch_related("deliveries__partner")[:10])
    latest = next((r for r in runs if r.status == LinkageRun.Status.DONE), None)
    histories = []
    if latest is not None:
        for h in latest.result.get("histories", []):
            histories.append(
                {
                    "partners": [names[c].short if c in names else c for c in h["lists"]],
                    "count": h["count"],
                }
            )
    busy = any(r.status in (LinkageRun.Status.QUEUED, LinkageRun.Status.RUNNING) for r in runs)
    return render(
        request,
        "web/cockpit/linkage.html",
        {
            "year": year,
            "runs": runs,
            "latest": latest,
            "histories": histories,
            "busy": busy,
            "estimate": latest.result.get("estimate") if latest else None,
            "sensitivity": latest.result.get("sensitivity", []) if latest else [],
            "per_list": [
                (names[c].short if c in names else c, n)
                for c, n in (latest.result.get("per_list", {}) if latest else {}).items()
            ],
            "deliveries": [
                {"partner": d.partner.short, "version": d.version, "records": d.records}
                for d in current_deliveries(year)
            ],
        },
    )


@require_role(ANALYST)
@require_POST
def start_draft(request, year: int):
    year = _year(year)
    try:
        build = cockpit.request_draft_build(year, request.user)
    except cockpit.CockpitError as exc:
        return _refused(request, year, "concept", str(exc))
    return redirect("cockpit-draft", year=year, pk=build.pk)


@require_role(ANALYST)
def draft_progress(request, year: int, pk: int):
    """A draft build's steps. While it runs, a script polls the page (an aria-live region); without
    script a link reloads it (no meta refresh, WCAG 2.2.1)."""
    build = get_object_or_404(DraftBuild, year=_year(year), pk=pk)
    events.unpublished_data_viewed(request.user, "conceptbouw", year=year, build=pk)
    running = build.status in (DraftBuild.Status.QUEUED, DraftBuild.Status.RUNNING)
    return render(
        request,
        "web/cockpit/draft.html",
        {
            "year": year,
            "build": build,
            "steps": cockpit.build_progress(build),
            "running": running,
            "stale": cockpit.stale_since(build),
        },
    )


@require_role(ANALYST)
def publish(request, year: int):
    """One confirmation before publishing: what the latest draft would make public. POST checks at
    once what can be checked without rendering, then queues the publication for the worker, which
    runs `zicht publish`'s own service (same checks, same audit event); the page of the job follows."""
    year = _year(year)
    build = DraftBuild.objects.filter(year=year, status=DraftBuild.Status.DONE).first()
    current = Publication.objects.current(year)
    period = Period.objects.filter(year=year).first()
    if request.method == "POST":
        if build is None or str(build.pk) != request.POST.get("build"):
            return _refused(
                request,
                year,
                "publiceren",
                gettext(
                    "Bekijk eerst het nieuwste concept; publiceer vanaf de bevestigingspagina."
                ),
            )
        stale = cockpit.stale_since(build)
        if stale:
            return _refused(
                request,
                year,
                "publiceren",
                gettext("Het concept is verouderd (%(why)s). Bouw eerst een nieuw concept.")
                % {"why": "; ".join(stale)},
            )
        if not Submission.objects.filter(year=year).exists():
            return _refused(
                request, year, "publiceren", gettext("Er zijn geen leveringen voor dit jaar.")
            )
        try:
            job = cockpit.request_publication(
                year, build, request.user, request.POST.get("correction", "")
            )
        except (
            cockpit.CockpitError,
            AlreadyPublished,
            CorrectionNoteMissing,
            NarrativeDisclosureError,
            RecodingError,
        ) as exc:
            return _refused(request, year, "publiceren", str(exc))
        return redirect("cockpit-publication", year=year, pk=job.pk)
    events.unpublished_data_viewed(request.user, "publicatiebevestiging", year=year)
    return render(
        request,
        "web/cockpit/publish.html",
        {
            "year": year,
            "build": build,
            "stale": cockpit.stale_since(build) if build else [],
            "current": current,
            "period": period,
            "frozen": period is not None and period.status == Period.Status.PUBLISHED,
            "active": cockpit.active_publish_request(year),
        },
    )


@require_role(ANALYST)
def publication_progress(request, year: int, pk: int):
    """A queued publication's steps, then the version it became or why it failed. While it runs, a
    script polls the page (an aria-live region); without script a link reloads it (WCAG 2.2.1)."""
    job = get_object_or_404(
        PublishRequest.objects.select_related("publication", "draft"), year=_year(year), pk=pk
    )
    events.unpublished_data_viewed(request.user, "publicatieverzoek", year=year, request=pk)
    return render(
        request,
        "web/cockpit/publication.html",
        {"year": year, "job": job, "steps": cockpit.publish_progress(job), "running": job.running},
    )
