"""The analyst's cockpit for a reporting year: who delivered what, reminders, draft builds.

Services only; the pages are ``zicht.web.cockpit_views``. Opening, closing, reopening and publishing
use the same services as the command line (``catalog.periods``, ``publish.services.publish_period``),
so the audit log cannot tell the two ways apart except by the actor.

Internal pseudo-partners (the alliance's own analysis figures, the linkage of case records, the national
sources the analyst copies in) deliver nothing themselves: they are listed apart and never count as
partners that failed to deliver, and they get no reminder.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from zicht.accounts.models import Profile
from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Period
from zicht.catalog.periods import period_deadline, period_status
from zicht.figures.checks import figure_warnings
from zicht.figures.models import Observation
from zicht.intake.models import Submission
from zicht.publish.models import DraftBuild, Publication, PublishRequest
from zicht.publish.names import BUILD_STEPS, PUBLISH_STEPS
from zicht.records.models import EncodedDelivery, LinkageRun

logger = logging.getLogger(__name__)

STEP_LABELS = {  # Dutch, shown on the cockpit while a draft is built
    "figures": "cijfers",
    "linkage": "koppeling",
    "estimate": "schatting",
    "disclosure": "onthullingscontrole",
    "rendering": "opmaak (HTML, PDF, factsheets)",
    "freezing": "vastleggen (bestanden en publicatie)",
}


class CockpitError(Exception):
    """A cockpit action that cannot be done now (message in Dutch, for the analyst)."""


@dataclass
class IndicatorRow:
    code: str
    label: str
    delivered: bool
    warnings: list[str] = field(default_factory=list)


@dataclass
class PartnerRow:
    code: str
    name: str
    internal: bool
    submission: Submission | None
    encoded: EncodedDelivery | None
    indicators: list[IndicatorRow]
    intake_warnings: int = 0

    @property
    def delivered(self) -> bool:
        return self.submission is not None or self.encoded is not None

    @property
    def warnings(self) -> int:
        return self.intake_warnings + sum(len(i.warnings) for i in self.indicators)


@dataclass
class YearOverview:
    year: int
    status: str
    deadline: object
    partners: list[PartnerRow]
    publication: Publication | None

    @property
    def external(self) -> list[PartnerRow]:
        return [p for p in self.partners if not p.internal]

    @property
    def internal(self) -> list[PartnerRow]:
        return [p for p in self.partners if p.internal]

    @property
    def missing(self) -> list[PartnerRow]:
        """Partners (never the internal ones) with nothing delivered for the year."""
        return [p for p in self.external if not p.delivered]


def year_overview(year: int) -> YearOverview:
    """Per partner of the catalog and per indicator: delivered or not, the current version, when and by
    whom, and the warnings worth a question (``figures.checks``, and intake's warnings on the delivery)."""
    catalog = get_catalog()
    current = {
        s.partner.code: s
        for s in Submission.objects.filter(year=year, superseded_by__isnull=True)
        .select_related("partner", "submitted_by")
        .defer("content")
    }
    encoded = {
        d.partner.code: d
        for d in EncodedDelivery.objects.filter(year=year, superseded_by__isnull=True)
        .select_related("partner")
        .defer("content")
    }
    delivered = set(
        Observation.objects.filter(year=year, submission__superseded_by__isnull=True)
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    warnings = figure_warnings(year)
    rows = []
    for partner in catalog.partners.values():
        if not partner.indicators and partner.code not in encoded:
            continue
        submission = current.get(partner.code)
        rows.append(
            PartnerRow(
                code=partner.code,
                name=partner.name,
                internal=partner.internal,
                submission=submission,
                encoded=encoded.get(partner.code),
                indicators=[
                    IndicatorRow(i.code, i.nl, i.code in delivered, warnings.get(i.code, []))
                    for i in partner.indicators
                ],
                intake_warnings=sum(
                    1
                    for p in (submission.validation_report if submission else [])
                    # intake's large-change warning is shown by figure_warnings, on the current figures
                    if p.get("severity") == "warning" and p.get("code") != "large-change"
                ),
            )
        )
    rows.sort(key=lambda r: (r.internal, r.name))
    return YearOverview(
        year, period_status(year), period_deadline(year), rows, Publication.objects.current(year)
    )


def known_years() -> list[dict]:
    """Every year the cockpit knows (a period row, a delivery or a publication), newest first."""
    years = set(Period.objects.values_list("year", flat=True))
    years |= set(Submission.objects.values_list("year", flat=True).distinct())
    years |= set(Publication.objects.values_list("year", flat=True).distinct())
    periods = {p.year: p for p in Period.objects.all()}
    out = []
    for year in sorted(years, reverse=True):
        period = periods.get(year)
        out.append(
            {
                "year": year,
                "status": period.status if period else Period.Status.OPEN,
                "period": period,
                "publication": Publication.objects.current(year),
            }
        )
    return out


def reminder_recipients(year: int) -> dict[str, list[str]]:
    """E-mail addresses of the active partner contacts of every partner that has not delivered."""
    missing = [p.code for p in year_overview(year).missing]
    out: dict[str, list[str]] = {code: [] for code in missing}
    contacts = (
        Profile.objects.filter(
            role=Profile.Role.PARTNER, partner__code__in=missing, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "partner")
        .order_by("user__email")
    )
    for profile in contacts:
        out[profile.partner.code].append(profile.user.email)
    return out


def default_reminder(year: int) -> tuple[str, str]:
    """The reminder's subject and text as first offered (the analyst may change both)."""
    deadline = period_deadline(year)
    when = f" vóór {deadline:%d-%m-%Y}" if deadline else ""
    subject = f"Herinnering: cijfers Mensenhandelmonitor {year}"
    body = (
        f"Beste contactpersoon van {{partner}},\n\nWe hebben voor de Mensenhandelmonitor {year} nog geen "
        f"cijfers van u ontvangen. Wilt u ze{when} aanleveren via de website van Zicht "
        "(Aanleveren)? Het sjabloon voor het jaar staat daar klaar.\n\nMet vriendelijke groet,\n"
        f"De analist van de {get_catalog().region.publisher}"
    )
    return subject, body


def send_reminders(year: int, subject: str, body: str, actor) -> tuple[list[str], int]:
    """Mail every contact of every partner that has not delivered for ``year``; one audit event with
    the partners and the number of addresses (``{partner}`` in the text becomes the partner's name).
    Returns (partners reminded, messages sent)."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise CockpitError("Geef een onderwerp en een tekst voor de herinnering.")
    if "\n" in subject or "\r" in subject:
        raise CockpitError("Het onderwerp moet op één regel.")
    if period_status(year) != Period.Status.OPEN:
        raise CockpitError(
            f"Verslagjaar {year} is gesloten voor leveringen: een herinnering heeft geen zin. "
            "Heropen het jaar eerst als er nog geleverd moet worden."
        )
    recipients = {code: mails for code, mails in reminder_recipients(year).items() if mails}
    if not recipients:
        raise CockpitError(
            "Er is niemand om te herinneren: alle partners hebben geleverd, of de partners die "
            "nog niet leverden hebben geen contactpersoon met een e-mailadres."
        )
    names = get_catalog().partners
    sent = 0
    with transaction.atomic():
        for code, mails in recipients.items():
            text = body.replace("{partner}", names[code].name)
            for address in mails:  # one message each: contacts never see each other's address
                sent += send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        events.reminder_sent(actor, year, sorted(recipients), sent, subject)
    return sorted(recipients), sent


def request_draft_build(year: int, actor) -> DraftBuild:
    """Queue a draft of ``year`` (HTML, PDF, factsheets, open data, marked CONCEPT) for the worker."""
    from zicht.publish.tasks import run_draft_build

    if not Submission.objects.filter(year=year).exists():
        raise CockpitError(f"Er zijn geen leveringen voor {year}; er valt nog niets te bouwen.")
    with transaction.atomic():
        build = DraftBuild.objects.create(
            year=year, requested_by=actor if getattr(actor, "pk", None) else None
        )
        events.draft_build_requested(build, actor)
        transaction.on_commit(lambda: run_draft_build.enqueue(build.pk))
    return build


def execute_draft_build(build: DraftBuild) -> DraftBuild:
    """Build the draft with `zicht report`'s own function, saving each step as it starts."""
    from zicht.publish.report import build_report

    def progress(step: str) -> None:
        build.step = step
        build.save(update_fields=["step"])

    build.status, build.started_at = DraftBuild.Status.RUNNING, timezone.now()
    build.save(update_fields=["status", "started_at"])
    try:
        built = build_report(
            build.year,
            narrative_dir=settings.ZICHT_NARRATIVE_DIR,
            actor=build.requested_by,
            progress=progress,
        )
        build.summary = draft_summary(built)
        build.status = DraftBuild.Status.DONE
    except Exception as exc:  # the build records why it failed; the job itself must not vanish
        logger.exception("Draft build %s failed", build.pk)
        build.status, build.error = DraftBuild.Status.FAILED, str(exc)[:2000]
    build.finished_at = timezone.now()
    build.save()
    return build


def draft_summary(built) -> dict:
    """What publishing this draft would make public: every table with its suppressed cells, the
    factsheets, the files."""
    tables = []
    for table in built.tables:
        cells = [c for row in table["rows"] for c in row["cells"]]
        tables.append(
            {
                "section": table["section"],
                "caption": table["caption"],
                "suppressed": sum(1 for c in cells if c["suppressed"]),
            }
        )
    return {
        "tables": tables,
        "suppressed_cells": built.suppressed_cells,
        "factsheets": sum(
            1 for f in built.files if f.startswith("factsheets/") and f != "factsheets/index.html"
        ),
        "files": [f for f in built.files if "/" not in f],
        "recodings": json.loads(json.dumps(built.recodings)),
    }


def build_progress(build: DraftBuild) -> list[dict]:
    """The build's steps with done / current / waiting, for the progress list on the page."""
    reached = BUILD_STEPS.index(build.step) if build.step in BUILD_STEPS else -1
    finished = build.status == DraftBuild.Status.DONE
    out = []
    for i, step in enumerate(BUILD_STEPS):
        state = "done" if finished or i < reached else "current" if i == reached else "waiting"
        if build.status == DraftBuild.Status.FAILED and i == reached:
            state = "failed"
        out.append({"step": step, "label": STEP_LABELS[step], "state": state})
    return out


def stale_since(build: DraftBuild) -> list[str]:
    """What changed after the draft was built (a new delivery, linkage run), in Dutch; empty when the
    draft still shows what a publication would."""
    if build.finished_at is None:
        return []
    out = []
    newer = Submission.objects.filter(
        year=build.year, submitted_at__gt=build.started_at or build.requested_at
    )
    if newer.exists():
        out.append(f"{newer.count()} nieuwe levering(en) na het bouwen van dit concept")
    runs = LinkageRun.objects.filter(
        year=build.year, finished_at__gt=build.started_at or build.requested_at
    )
    if runs.exists():
        out.append("een nieuwe koppelingsrun na het bouwen van dit concept")
    return out


# A publish request still "running" after this long lost its worker (killed, the machine restarted):
# a national year takes minutes, not hours. It is closed (audited) so that it no longer blocks the year.
ABANDONED_AFTER = dt.timedelta(hours=4)


def active_publish_request(year: int) -> PublishRequest | None:
    """The year's queued or running publish request, if any; one that lost its worker is closed first."""
    limit = timezone.now() - ABANDONED_AFTER
    for lost in PublishRequest.objects.filter(year=year, status=PublishRequest.Status.RUNNING,
                                              started_at__lt=limit):
        close_abandoned(lost)
    return PublishRequest.objects.filter(year=year, status__in=PublishRequest.ACTIVE).first()


def close_abandoned(request: PublishRequest) -> None:
    """Record how a request whose worker stopped ended: the publication its worker committed before it
    stopped (publish_period's transaction), or failed with nothing published."""
    made = Publication.objects.filter(year=request.year, published_at__gte=request.started_at).order_by(
        "version").first()
    request.finished_at = timezone.now()
    if made is not None:
        request.status, request.publication = PublishRequest.Status.DONE, made
    else:
        request.status = PublishRequest.Status.FAILED
        request.error = ("De achtergrondtaak is gestopt voordat het publiceren klaar was (na "
                         f"{int(ABANDONED_AFTER.total_seconds() // 3600)} uur nog bezig); er is niets "
                         "gepubliceerd. Publiceer opnieuw.")
        events.publication_request_failed(request, request.error)
    request.save()


def _busy(year: int, active: PublishRequest) -> CockpitError:
    return CockpitError(
        f"Er loopt al een publicatie van de monitor {year} (verzoek {active.pk}, "
        f"{active.get_status_display()}). Wacht tot die klaar is; er is niets veranderd."
    )


def request_publication(year: int, build: DraftBuild, actor, correction_note: str = "") -> PublishRequest:
    """Queue publishing ``year`` as confirmed on the draft ``build`` (the caller checked that it is the
    newest draft and not stale). Every check that needs no rendering is made here, at once, with the
    Dutch refusal the analyst sees: one request per year at a time (``CockpitError``), a frozen year
    (``AlreadyPublished``), a correction without a note (``CorrectionNoteMissing``), a narrative that
    would disclose (``NarrativeDisclosureError``). The worker runs ``execute_publication``."""
    from zicht.publish.narrative import NarrativeDisclosureError, check_narrative
    from zicht.publish.services import next_version
    from zicht.publish.tasks import run_publication

    correction_note = correction_note.strip()
    active = active_publish_request(year)
    if active is not None:
        raise _busy(year, active)
    next_version(year, correction_note)  # AlreadyPublished, CorrectionNoteMissing
    findings = check_narrative(settings.ZICHT_NARRATIVE_DIR, year)
    if findings:
        raise NarrativeDisclosureError(findings)
    try:
        with transaction.atomic():
            request = PublishRequest.objects.create(
                year=year, draft=build, correction_note=correction_note,
                requested_by=actor if getattr(actor, "pk", None) else None,
            )
            events.publication_requested(request, actor)
            transaction.on_commit(lambda: run_publication.enqueue(request.pk))
    except IntegrityError:  # another request for the year was queued at the same moment
        active = active_publish_request(year)
        if active is None:
            raise
        raise _busy(year, active) from None
    return request


def execute_publication(request: PublishRequest) -> PublishRequest:
    """Publish with `zicht publish`'s own service (its checks, its transaction, its audit event),
    saving each step as it starts. Whatever it raises is recorded on the request, with an audit event;
    the service's transaction leaves no half publication."""
    from zicht.publish.narrative import NarrativeDisclosureError
    from zicht.publish.recoding import RecodingError
    from zicht.publish.services import AlreadyPublished, CorrectionNoteMissing, publish_period

    refusals = (CockpitError, AlreadyPublished, CorrectionNoteMissing, NarrativeDisclosureError, RecodingError)

    def progress(step: str) -> None:
        request.step = step
        request.save(update_fields=["step"])

    request.status, request.started_at = PublishRequest.Status.RUNNING, timezone.now()
    request.save(update_fields=["status", "started_at"])
    try:
        stale = stale_since(request.draft)
        if stale:  # something arrived while the request waited: the analyst did not see it
            raise CockpitError(
                f"Het concept is verouderd ({'; '.join(stale)}); er is niets gepubliceerd. "
                "Bouw een nieuw concept, lees het na en publiceer opnieuw."
            )
        publication, _built = publish_period(
            request.year, settings.ZICHT_NARRATIVE_DIR, actor=request.requested_by,
            correction_note=request.correction_note, progress=progress,
        )
        request.publication, request.status = publication, PublishRequest.Status.DONE
    except Exception as exc:  # recorded on the request and audited; the job itself must not vanish
        if isinstance(exc, refusals):
            logger.warning("Publish request %s refused: %s", request.pk, exc)
        else:
            logger.exception("Publish request %s failed", request.pk)
        request.status = PublishRequest.Status.FAILED
        request.error = (str(exc) or type(exc).__name__)[:2000]
        events.publication_request_failed(request, request.error)
    request.finished_at = timezone.now()
    request.save()
    return request


def publish_progress(request: PublishRequest) -> list[dict]:
    """The publish job's steps with done / current / waiting / failed, for the page."""
    reached = PUBLISH_STEPS.index(request.step) if request.step in PUBLISH_STEPS else -1
    finished = request.status == PublishRequest.Status.DONE
    out = []
    for i, step in enumerate(PUBLISH_STEPS):
        state = "done" if finished or i < reached else "current" if i == reached else "waiting"
        if request.status == PublishRequest.Status.FAILED and i == max(reached, 0):
            state = "failed"
        out.append({"step": step, "label": STEP_LABELS[step], "state": state})
    return out
