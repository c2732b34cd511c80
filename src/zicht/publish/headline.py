"""Which estimator gives the headline estimate of a year: a documented default rule, or the
analyst's choice (``services.choose_headline_estimate``). See ADR 1310 and
docs/analyst/estimation.md ("Welke schatting is de kopschatting?").

The rule: the log-linear estimate, unless the latent-class model converged and its posterior
median lies above the upper bound of the log-linear interval; then the latent-class estimate.
When the log-linear model gives no estimate and the latent-class model does, the latter.
"""

from __future__ import annotations

from zicht.publish.sections import estimate_text as wording

LOGLINEAR, LATENT_CLASS = wording.LOGLINEAR, wording.LATENT_CLASS
DEFAULT = "default"
CHOICES = (DEFAULT, LOGLINEAR, LATENT_CLASS)

RULE = "rule"
OVERRIDE = "override"

# reason code -> the words in the headline sentence (and on the analyst's page)
REASONS_NL = {
    "loglinear_default": "volgens de standaardregel",
    "latent_class_above": ("volgens de standaardregel: het ligt boven het interval van het log-lineaire "
                           "model, een teken van verschillen in vindbaarheid"),
    "loglinear_refused": "volgens de standaardregel: het log-lineaire model geeft geen schatting",
    "none": "geen van beide modellen geeft een schatting",
    "override": "keuze van de analist",
}


def default_choice(ll: dict | None, lc: dict | None) -> tuple[str | None, str]:
    """(method or None, reason code) by the default rule."""
    ll_ok = bool(ll) and wording.publishable(ll)
    lc_ok = wording.latent_publishable(lc)
    if ll_ok and lc_ok:
        upper = ll["ci"][1]
        if upper is not None and lc["estimate"] > upper:
            return LATENT_CLASS, "latent_class_above"
        return LOGLINEAR, "loglinear_default"
    if ll_ok:
        return LOGLINEAR, "loglinear_default"
    if lc_ok:
        return LATENT_CLASS, "loglinear_refused"
    return None, "none"


def current_override(year: int):
    """The analyst's newest choice for ``year`` (None: none made, or returned to the rule)."""
    from zicht.publish.models import HeadlineChoice

    row = HeadlineChoice.objects.filter(year=year).select_related("chosen_by").order_by("-chosen_at", "-id").first()
    return None if row is None or row.method == DEFAULT else row


def choice_for(year: int, ll: dict | None, lc: dict | None) -> dict:
    """The headline choice in force for ``year``, as recorded on a Publication."""
    method, code = default_choice(ll, lc)
    out = {"method": method, "rule": RULE, "reason_code": code, "reason": REASONS_NL[code],
           "default_method": method, "chosen_by": None, "chosen_at": None}
    override = current_override(year)
    if override is not None:
        out.update(method=override.method, rule=OVERRIDE, reason_code="override", reason=override.reason,
                   chosen_by=override.chosen_by.get_username() if override.chosen_by else "opdrachtregel",
                   chosen_at=override.chosen_at.isoformat())
    return out


def sentence_reason(choice: dict) -> str:
    """The words on why this estimator is the headline, for the public sentence (never the
    analyst's free text, which may carry anything)."""
    return REASONS_NL["override" if choice["rule"] == OVERRIDE else choice["reason_code"]]
