"""The partner's encoded case records, the municipality reader's start page, and where a login lands.

A partner contact sees that its encoded case-record files were accepted (version, number of records,
who and when), never their contents. A municipality reader sees the published monitors and the own
municipality's factsheet of every published year: nothing more than the public sees, gathered in one
place. After login everybody lands on the page their role starts from."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from zicht.accounts.models import Profile
from zicht.accounts.permissions import may_deliver_for, require_role, role_of
from zicht.audit import events
from zicht.catalog.periods import default_delivery_year
from zicht.publish.municipal_reading import municipality_publications
from zicht.records.models import EncodedDelivery
from zicht.records.services import EncodedDeliveryRefused, submit_encoded
from zicht.web.forms import EncodedDeliveryForm
from zicht.web.intake_views import _allowed_partners

ANALYST, PARTNER, MUNICIPALITY = Profile.Role.ANALYST, Profile.Role.PARTNER, Profile.Role.MUNICIPALITY


@require_role(ANALYST, PARTNER)
def encoded_deliveries(request):
    allowed = _allowed_partners(request.user)
    initial = {"year": default_delivery_year(), **({"partner": allowed[0]} if allowed and len(allowed) == 1 else {})}
    form = EncodedDeliveryForm(request.POST or None, request.FILES or None, partners=allowed, initial=initial)
    accepted, problems = None, None
    if request.method == "POST" and form.is_valid():
        partner, year, upload = form.cleaned_data["partner"], form.cleaned_data["year"], form.cleaned_data["file"]
        if not may_deliver_for(request.user, partner):
            raise Http404
        try:
            accepted = submit_encoded(upload.read(), upload.name, partner, year, user=request.user)
        except EncodedDeliveryRefused as refused:
            problems = refused.result.problems
    deliveries = EncodedDelivery.objects.select_related("partner", "superseded_by").defer("content")
    if allowed is not None:
        deliveries = deliveries.filter(partner__code__in=allowed)
    events.unpublished_data_viewed(request.user, "casusbestanden (overzicht, zonder inhoud)", partners=allowed or "alle")
    return render(request, "web/intake/encoded_deliveries.html", {
        "form": form, "accepted": accepted, "problems": problems,
        "deliveries": deliveries.order_by("-year", "partner__code", "-version")[:200],
    })


@require_role(MUNICIPALITY, ANALYST)
def municipality_home(request):
    profile = Profile.objects.filter(user=request.user).select_related("municipality").first()
    municipality = profile.municipality if profile else None
    years = municipality_publications(municipality.code if municipality else None)
    return render(request, "web/municipality.html", {"municipality": municipality, "years": years})


def start(request):
    """Where a login lands: the cockpit for analysts, delivering for partners, the own municipality's
    page for its readers; the public home page for anyone else."""
    role = role_of(request.user)
    if role == ANALYST:
        try:
            return redirect(reverse("cockpit"))
        except NoReverseMatch:
            return redirect("deliver")
    if role == PARTNER:
        return redirect("deliver")
    if role == MUNICIPALITY:
        return redirect("municipality-home")
    return redirect("home")
