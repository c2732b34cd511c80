"""The analyst's page for the headline estimate of a year: both estimators of the newest linkage
run, what the default rule picks, the current choice and its history, and a small form to choose
(``publish.services.choose_headline_estimate``, audited). Behind login, a second factor and the
analyst role; self-contained so that the cockpit can link to it."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Profile
from zicht.accounts.permissions import require_role
from zicht.audit import events
from zicht.publish import headline as choose
from zicht.publish.models import HeadlineChoice
from zicht.publish.sections import estimate_text as wording
from zicht.publish.services import HeadlineChoiceRefused, choose_headline_estimate
from zicht.records.models import LinkageRun
from zicht.records.services import latest_run

LABELS = {"log-linear": _("Log-lineair model"), "latent-class": _("Latente-klassenmodel")}


class HeadlineForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Kopschatting"), widget=forms.RadioSelect,
        choices=[("default", _("Standaardregel")), ("log-linear", _("Log-lineair model")),
                 ("latent-class", _("Latente-klassenmodel"))])
    reason = forms.CharField(label=_("Reden (wordt vastgelegd)"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)


def _estimators(run) -> list[dict]:
    if run is None:
        return []
    out = []
    for method, key in ((wording.LOGLINEAR, "estimate"), (wording.LATENT_CLASS, "estimate_latent_class")):
        est = run.result.get(key)
        ok = wording.estimator_publishable(method, est)
        estimate, interval = wording.estimator_cells(method, est)
        out.append({"method": method, "label": LABELS[method], "ok": ok, "estimate": estimate,
                    "interval": interval, "refusal": "" if ok else wording.estimator_refusal(method, est),
                    "convergence": wording.convergence_nl(est) if method == wording.LATENT_CLASS else ""})
    return out


@require_role(Profile.Role.ANALYST)
def headline_index(request):
    """The newest year with a finished linkage run."""
    run = LinkageRun.objects.filter(status=LinkageRun.Status.DONE).order_by("-year").first()
    if run is None:
        return render(request, "web/headline.html", {"year": None, "form": None})
    return redirect("headline-estimate", year=run.year)


@require_role(Profile.Role.ANALYST)
def headline_estimate(request, year: int):
    run = latest_run(year)
    form = HeadlineForm(request.POST or None)
    error = None
    if request.method == "POST":
        if form.is_valid():
            try:
                choose_headline_estimate(year, form.cleaned_data["method"], request.user, form.cleaned_data["reason"])
                return redirect("headline-estimate", year=year)
            except HeadlineChoiceRefused as exc:
                error = str(exc)
        else:
            error = _("De keuze is niet vastgelegd: kies een schatter en geef een reden.")
            events.headline_estimate_refused(request.user, year, request.POST.get("method", ""),
                                             "invalid form: " + ", ".join(sorted(form.errors)))
    events.unpublished_data_viewed(request.user, "kopschatting", year=year)
    current = choose.choice_for(year, (run.result.get("estimate") if run else None),
                                (run.result.get("estimate_latent_class") if run else None))
    return render(request, "web/headline.html", {
        "year": year, "run": run, "estimators": _estimators(run), "current": current,
        "default_label": LABELS.get(current["default_method"], _("geen schatting")),
        "current_label": LABELS.get(current["method"], _("geen schatting")),
        "history": HeadlineChoice.objects.filter(year=year).select_related("chosen_by")[:20],
        "form": form, "error": error,
    }, status=400 if error else 200)
