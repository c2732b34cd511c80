"""The awareness register in the cockpit: analysts and municipality contacts enter activities; analysts
check them. Thin views over ``zicht.publish.awareness`` (every change audited there)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role, role_of
from zicht.catalog.models import Municipality
from zicht.publish.awareness import ActivityInput, AwarenessError, check_activity, record_activity
from zicht.publish.models import AwarenessActivity

ANALYSTS = (Profile.Role.ANALYST, "admin")


class ActivityForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Verslagjaar"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Wat"), max_length=200,
                            help_text=gettext_lazy("Bijvoorbeeld: campagne ‘Steek jij je hand uit’"))
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=AwarenessActivity.Kind.choices)
    started_on = forms.DateField(label=gettext_lazy("Van (datum)"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(label=gettext_lazy("Tot en met (datum, leeg bij één dag)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    municipalities = forms.MultipleChoiceField(
        label=gettext_lazy("Gemeenten (geen keuze: de hele regio)"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=())
    reach_kind = forms.ChoiceField(label=gettext_lazy("Wat telt het bereik?"), required=False,
                                   choices=AwarenessActivity.Reach.choices)
    reach = forms.IntegerField(label=gettext_lazy("Bereik (aantal)"), required=False, min_value=0)
    description = forms.CharField(label=gettext_lazy("Toelichting"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["municipalities"].choices = [(municipality.code, municipality.name)]
            self.fields["municipalities"].label = _("Gemeente")
            self.fields["municipalities"].initial = [municipality.code]
        else:
            self.fields["municipalities"].choices = [(m.code, m.name) for m in Municipality.objects.order_by("name")]

    def as_input(self) -> ActivityInput:
        d = self.cleaned_data
        return ActivityInput(year=d["year"], title=d["title"], kind=d["kind"], started_on=d["started_on"],
                             ended_on=d["ended_on"], municipalities=tuple(d["municipalities"]),
                             reach_kind=d["reach_kind"] or "", reach=d["reach"], description=d["description"])


def _own_municipality(user):
    profile = Profile.objects.filter(user=user).select_related("municipality").first()
    if profile is None or profile.municipality is None:
        raise PermissionDenied("Een lezer van een gemeente zonder gemeente kan niets invoeren.")
    return profile.municipality


@require_role(*ANALYSTS, Profile.Role.MUNICIPALITY)
def awareness(request):
    analyst = role_of(request.user) in ANALYSTS
    municipality = None if analyst else _own_municipality(request.user)
    raw_year = request.GET.get("jaar", "")
    year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else timezone.localdate().year - 1
    form = ActivityForm(request.POST or None, municipality=municipality, initial={"year": year})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                activity = record_activity(form.as_input(), request.user, analyst=analyst,
                                           own_municipality=municipality.code if municipality else None)
            except AwarenessError as exc:
                for field, message in exc.errors.items():
                    form.add_error(field if field in form.fields else None, message)
                status = 400
            else:
                messages.success(request, _("Activiteit opgeslagen.") if analyst else
                                 _("Activiteit opgeslagen; de analist controleert haar voor de monitor."))
                return redirect(reverse("awareness") + f"?jaar={activity.year}")
        else:
            status = 400
    rows = AwarenessActivity.objects.filter(year=year).prefetch_related("municipalities")
    if municipality is not None:
        rows = rows.filter(municipalities=municipality).distinct()
    return render(request, "web/cockpit/awareness.html", {
        "form": form, "rows": rows, "year": year, "analyst": analyst, "municipality": municipality,
    }, status=status)


@require_role(*ANALYSTS)
@require_POST
def awareness_check(request, pk: int):
    activity = get_object_or_404(AwarenessActivity, pk=pk)
    try:
        check_activity(activity, request.user, accept=request.POST.get("action") == "accept",
                       note=request.POST.get("note", ""))
    except AwarenessError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Controle vastgelegd."))
    return redirect(reverse("awareness") + f"?jaar={activity.year}")
