"""Pages for partners and analysts: deliver a file, see what validation found, see the versions.

Everything here is unpublished data: login and a role are required, and every view is logged. A
partner contact sees its own organisation only: another partner's submission, template or history
answers 404, exactly as an id that does not exist (no way to learn which ids exist)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from zicht.accounts.models import Profile
from zicht.accounts.permissions import may_deliver_for, partner_of, require_role, role_of
from zicht.audit import events
from zicht.catalog.periods import default_delivery_year
from zicht.figures.changes import cell_changes
from zicht.intake.models import Submission
from zicht.intake.services import (
    SubmissionRefused,
    current_submission,
    oversized,
    submit_bytes,
    validate_file,
)
from zicht.publish.partner_tables import published_tables_from
from zicht.records.models import LinkageRun
from zicht.web.forms import DeliveryForm

ANALYST, PARTNER = Profile.Role.ANALYST, Profile.Role.PARTNER


def _allowed_partners(user) -> list[str] | None:
    if role_of(user) == ANALYST:
        return None
    partner = partner_of(user)
    return [partner.code] if partner else []


def _own_submissions(user):
    """The submissions this user may see: all for an analyst, the own partner's for a contact."""
    qs = Submission.objects.select_related("partner", "superseded_by", "supersedes").defer("content")
    allowed = _allowed_partners(user)
    return qs if allowed is None else qs.filter(partner__code__in=allowed)


def _initial(user) -> dict:
    initial = {"year": default_delivery_year()}
    allowed = _allowed_partners(user)
    if allowed and len(allowed) == 1:
        initial["partner"] = allowed[0]
    return initial


@require_role(ANALYST, PARTNER)
def deliver(request):
    allowed = _allowed_partners(request.user)
    form = DeliveryForm(request.POST or None, request.FILES or None, partners=allowed, initial=_initial(request.user))
    result, stored = None, None
    if request.method == "POST" and form.is_valid():
        partner, year = form.cleaned_data["partner"], form.cleaned_data["year"]
        upload = form.cleaned_data["file"]
        if not may_deliver_for(request.user, partner):
            raise Http404
        result = oversized(upload.size)
        correcting = current_submission(partner, year) is not None
        if result is None and form.cleaned_data["store"] and correcting and not form.cleaned_data["reason"].strip():
            form.add_error("reason", "Er is al een versie voor deze partner en dit jaar: geef de reden van de correctie.")
        elif result is None and form.cleaned_data["store"]:
            try:
                stored = submit_bytes(upload.read(), upload.name, partner, year, user=request.user,
                                      reason=form.cleaned_data["reason"])
                result = stored.result
            except SubmissionRefused as refused:
                result = refused.result
        elif result is None:
            result = validate_file(upload.read(), upload.name, partner, year)
    template_partner = form["partner"].value() or None
    template_year = form["year"].value() or None
    return render(request, "web/intake/deliver.html", {
        "form": form, "result": result, "stored": stored,
        "template_partner": template_partner if template_partner and (allowed is None or template_partner in allowed) else None,
        "template_year": template_year,
    })


@require_role(ANALYST, PARTNER)
def template_download(request, partner: str, year: int):
    if not may_deliver_for(request.user, partner):
        raise Http404
    from zicht.intake.templates import build_template  # openpyxl loads when a template is asked for

    content = build_template(partner, year)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="zicht-{partner}-{year}.xlsx"'
    return response


@require_role(ANALYST, PARTNER)
def submissions(request):
    allowed = _allowed_partners(request.user)
    qs = _own_submissions(request.user).order_by("-year", "partner__code", "-version")
    events.unpublished_data_viewed(request.user, "leveringen", partners=allowed or "alle")
    return render(request, "web/intake/submissions.html", {"submissions": qs[:500]})


@require_role(ANALYST, PARTNER)
def submission_detail(request, pk: int):
    submission = get_object_or_404(_own_submissions(request.user), pk=pk)
    versions = list(_own_submissions(request.user).filter(partner=submission.partner, year=submission.year)
                    .order_by("version"))
    compare_with = _compare_target(request, submission, versions)
    changes = cell_changes(compare_with.pk, submission.pk) if compare_with else None
    events.unpublished_data_viewed(request.user, "levering", submission=submission.pk,
                                   compared_with=compare_with.pk if compare_with else None)
    observations = submission.observations.select_related("indicator", "municipality").order_by("indicator__code", "dims_key")
    publication, published = published_tables_from(submission.partner.code, submission.year)
    return render(request, "web/intake/submission_detail.html", {
        "s": submission, "observations": observations, "problems": submission.validation_report,
        "versions": versions, "compare_with": compare_with, "changes": changes,
        "publication": publication, "published_tables": published,
    })


def _compare_target(request, submission: Submission, versions: list[Submission]) -> Submission | None:
    """The version to compare with: ``?vergelijk=N`` (a version number of the same file), else the
    version this one replaced. An unknown number is a 404, like any other wrong address."""
    wanted = request.GET.get("vergelijk")
    if not wanted:
        return submission.supersedes
    try:
        number = int(wanted)
    except ValueError:
        raise Http404 from None
    for version in versions:
        if version.version == number and version.pk != submission.pk:
            return version
    raise Http404


@require_role(ANALYST)
def linkage_runs(request):
    runs = LinkageRun.objects.prefetch_related("deliveries__partner").all()[:50]
    events.unpublished_data_viewed(request.user, "koppelingsruns")
    return render(request, "web/intake/linkage_runs.html", {"runs": runs})
