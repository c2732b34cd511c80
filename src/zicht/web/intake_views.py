"""Pages for partners and analysts: deliver a file, see what validation found, see the versions.

Everything here is unpublished data: login and a role are required, and every view is logged."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from zicht.accounts.models import Profile
from zicht.accounts.permissions import may_deliver_for, partner_of, require_role, role_of
from zicht.audit import events
from zicht.intake.models import Submission
from zicht.intake.services import SubmissionRefused, oversized, submit_bytes, validate_file
from zicht.records.models import LinkageRun
from zicht.web.forms import DeliveryForm

ANALYST, PARTNER = Profile.Role.ANALYST, Profile.Role.PARTNER


def _allowed_partners(user) -> list[str] | None:
    if role_of(user) == ANALYST:
        return None
    partner = partner_of(user)
    return [partner.code] if partner else []


@require_role(ANALYST, PARTNER)
def deliver(request):
    allowed = _allowed_partners(request.user)
    form = DeliveryForm(request.POST or None, request.FILES or None, partners=allowed)
    result, stored = None, None
    if request.method == "POST" and form.is_valid():
        partner, year = form.cleaned_data["partner"], form.cleaned_data["year"]
        upload = form.cleaned_data["file"]
        if not may_deliver_for(request.user, partner):
            return HttpResponse(gettext("Geen toegang."), status=403)
        result = oversized(upload.size)
        if result is None and form.cleaned_data["store"]:
            try:
                stored = submit_bytes(upload.read(), upload.name, partner, year, user=request.user)
                result = stored.result
            except SubmissionRefused as refused:
                result = refused.result
        elif result is None:
            result = validate_file(upload.read(), upload.name, partner, year)
    return render(request, "web/intake/deliver.html", {"form": form, "result": result, "stored": stored})


@require_role(ANALYST, PARTNER)
def template_download(request, partner: str, year: int):
    if not may_deliver_for(request.user, partner):
        return HttpResponse(gettext("Geen toegang."), status=403)
    from zicht.intake.templates import build_template  # openpyxl loads when a template is asked for

    content = build_template(partner, year)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="zicht-{partner}-{year}.xlsx"'
    return response


@require_role(ANALYST, PARTNER)
def submissions(request):
    allowed = _allowed_partners(request.user)
    qs = Submission.objects.select_related("partner", "superseded_by").defer("content").order_by("-submitted_at")
    if allowed is not None:
        qs = qs.filter(partner__code__in=allowed)
    events.unpublished_data_viewed(request.user, "leveringen", partners=allowed or "alle")
    return render(request, "web/intake/submissions.html", {"submissions": qs[:500]})


@require_role(ANALYST, PARTNER)
def submission_detail(request, pk: int):
    submission = get_object_or_404(Submission.objects.select_related("partner"), pk=pk)
    if not may_deliver_for(request.user, submission.partner.code):
        return HttpResponse(gettext("Geen toegang."), status=403)
    events.unpublished_data_viewed(request.user, "levering", submission=submission.pk)
    observations = submission.observations.select_related("indicator", "municipality").order_by("indicator__code", "dims_key")
    return render(request, "web/intake/submission_detail.html",
                  {"s": submission, "observations": observations, "problems": submission.validation_report})


@require_role(ANALYST)
def linkage_runs(request):
    runs = LinkageRun.objects.prefetch_related("deliveries__partner").all()[:50]
    events.unpublished_data_viewed(request.user, "koppelingsruns")
    return render(request, "web/intake/linkage_runs.html", {"runs": runs})
