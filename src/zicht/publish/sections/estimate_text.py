"""Public Dutch wording about the estimate of the hidden number, written from numbers alone.

The estimation engine also writes prose (its ``warnings`` and ``explanation_nl``) for the analyst
at the command line; that prose carries counts that no disclosure control has seen ("Slechts 1
persoon staat op meer dan één lijst"). Nothing of it is published. The sentences here name only:

- published totals (the number of distinct persons, a grand total that is published exactly);
- the number of lists and their names (metadata, not a count of people);
- estimates and interval bounds rounded by :func:`round_official` (to tens), never exact.

A refusal says *why* in words without numbers ("te weinig overlap tussen de lijsten").
"""

from __future__ import annotations

from zicht.engines.mse.dutch import fmt_official, fmt_percent
from zicht.engines.mse.result import ASSUMPTIONS_NL, CI_PHRASES_NL, SYNTHETIC_NL
from zicht.engines.trends import format_int_nl

# Fewer than three lists: a two-list (Lincoln-Petersen) estimate N = n1*n2/m published beside
# both list sizes gives away the overlap m; and no dependence between the lists can be modelled.
MIN_PUBLISHED_LISTS = 3

ROUNDING_NOTE = (
    "Schattingen zijn afgerond op tientallen (boven de 10.000 op drie significante cijfers), ook de "
    "grenzen van de intervallen: zoals in officiële statistieken, omdat meer cijfers een "
    "nauwkeurigheid zouden suggereren die er niet is en omdat een exacte schatting naast de "
    "gepubliceerde aantallen kleine, onderdrukte aantallen zou kunnen verraden."
)

ROUNDING_SHORT = "Schattingen en intervalgrenzen zijn afgerond op tientallen."

REFUSAL_TOO_FEW_LISTS = "te weinig bruikbare lijsten (minimaal drie nodig)"
REFUSAL_TOO_LITTLE_OVERLAP = (
    "te weinig overlap tussen de lijsten om het verborgen aantal betrouwbaar te schatten"
)


def publishable(est: dict) -> bool:
    """An estimate may be published: the engine gave one, from at least three lists."""
    return est.get("estimate") is not None and len(est.get("lists") or []) >= MIN_PUBLISHED_LISTS


def refusal_reason(est: dict) -> str:
    """Why there is no published estimate, without a single count."""
    if len(est.get("lists") or []) < MIN_PUBLISHED_LISTS:
        return REFUSAL_TOO_FEW_LISTS
    return REFUSAL_TOO_LITTLE_OVERLAP


def interval_nl(est: dict) -> str:
    lo, hi = est.get("ci") or (None, None)
    hi_text = "onbepaald" if hi is None else fmt_official(hi)
    return f"{fmt_official(lo)} tot {hi_text}"


def estimate_cells(est: dict) -> list[str]:
    """The two published cells of an estimate row: the rounded estimate and its interval."""
    if not publishable(est):
        return ["geen schatting", "–"]
    return [fmt_official(est["estimate"]), interval_nl(est)]


def summary_nl(est: dict, year: int, distinct: int | None, assumption: str) -> str:
    """The headline sentence of the chapter (also shown on the dashboard)."""
    if not publishable(est):
        return (f"Zicht geeft voor {year} geen schatting van het totale aantal: "
                f"{refusal_reason(est)}. {assumption}").strip()
    text = (f"Zicht schat het totale aantal slachtoffers in de regio in {year} op ongeveer "
            f"{fmt_official(est['estimate'])} ({_level(est)}-interval {interval_nl(est)}).")
    if distinct is not None:
        text += f" Daarvan zijn er {format_int_nl(distinct)} bij ten minste één partner bekend."
    return f"{text} {assumption}".strip()


def explanation_nl(est: dict, distinct: int | None) -> str:
    """What was estimated, how sure, what it assumes: the public version of the engine's text."""
    lists = est.get("lists") or []
    parts = [SYNTHETIC_NL] if est.get("synthetic") else []
    if distinct is not None:
        parts.append(f"Op {len(lists)} lijsten ({', '.join(lists)}) staan samen "
                     f"{format_int_nl(distinct)} verschillende personen.")
    if not publishable(est):
        parts.append("Zicht geeft voor deze gegevens géén schatting van het totale aantal slachtoffers, "
                     f"omdat een getal hier misleidend zou zijn: {refusal_reason(est)}.")
        return " ".join(parts)
    parts.append("Uit de overlap tussen de lijsten (wie op meer dan één lijst staat) schat Zicht het "
                 "totale aantal, inclusief wie op geen enkele lijst staat, op ongeveer "
                 f"{fmt_official(est['estimate'])}.")
    method = est.get("ci_method", "")
    parts.append(f"Het {_level(est)}-onzekerheidsinterval loopt van {interval_nl(est)} "
                 f"({CI_PHRASES_NL.get(method, method)}); het werkelijke aantal kan overal in dat "
                 "interval liggen.")
    if method != "bca_bootstrap":
        parts.append("Dit interval neemt de keuze van het model als gegeven en is daardoor te smal; "
                     "het bootstrap-interval telt die onzekerheid wel mee.")
    model = est.get("model") or []
    if model:
        parts.append("Het model houdt rekening met samenhang tussen de lijsten "
                     + ", ".join(model).replace(":", " en ") + ".")
    else:
        parts.append("Het gekozen model neemt aan dat de lijsten onafhankelijk van elkaar zijn.")
    parts.append(ASSUMPTIONS_NL)
    parts.append(ROUNDING_NOTE)
    return " ".join(parts)


def _level(est: dict) -> str:
    return fmt_percent(est.get("confidence") or 0.95)


# --- Two estimators side by side (issue 13; ADR 1310) -------------------------------------------

LOGLINEAR = "log-linear"
LATENT_CLASS = "latent-class"
METHOD_LABELS = {LOGLINEAR: "log-lineair model", LATENT_CLASS: "latente-klassenmodel"}

ASSUMES_LOGLINEAR = (
    "Het log-lineaire model (de methode van de landelijke WODC-schatting) neemt aan dat iedereen in "
    "dezelfde combinatie van lijsten even vindbaar is, en vangt samenhang tussen paren lijsten."
)
ASSUMES_LATENT_CLASS = (
    "Het latente-klassenmodel laat toe dat groepen slachtoffers verschillen in hoe vindbaar ze voor "
    "álle partners zijn (bijvoorbeeld wie al in zorg is tegenover wie geen verblijfsstatus heeft)."
)
DISAGREEMENT = (
    "Lopen de schattingen van beide modellen uiteen, dan verschillen slachtoffers waarschijnlijk sterk in "
    "vindbaarheid: dan zijn beide getallen onzeker en is geen van beide zonder meer het juiste."
)

LATENT_REFUSALS = {
    "not_converged": ("de onafhankelijke ketens van het latente-klassenmodel komen niet op dezelfde "
                      "uitkomst uit, dus elk getal zou van het toeval afhangen"),
    "too_few_lists": REFUSAL_TOO_FEW_LISTS,
    "too_little_overlap": REFUSAL_TOO_LITTLE_OVERLAP,
}
LATENT_NOT_RUN = "voor deze koppelingsrun niet berekend"


def latent_publishable(lc: dict | None) -> bool:
    """A latent-class result may be published: converged, an estimate, at least three lists."""
    return bool(lc) and lc.get("status") == "ok" and publishable(lc)


def latent_refusal_reason(lc: dict | None) -> str:
    """Why there is no published latent-class estimate, without a single count."""
    if not lc:
        return LATENT_NOT_RUN
    if len(lc.get("lists") or []) < MIN_PUBLISHED_LISTS:
        return REFUSAL_TOO_FEW_LISTS
    return LATENT_REFUSALS.get(lc.get("status", ""), REFUSAL_TOO_LITTLE_OVERLAP)


def latent_cells(lc: dict | None) -> list[str]:
    if not latent_publishable(lc):
        return ["geen schatting", "–"]
    return [fmt_official(lc["estimate"]), interval_nl(lc)]


def convergence_nl(lc: dict | None) -> str:
    """The diagnostics cell: converged or not, with R-hat (two decimals, not a count)."""
    if not lc or lc.get("rhat") is None:
        return "–"
    rhat = f"{lc['rhat']:.2f}".replace(".", ",")
    if lc.get("status") == "ok":
        return f"geconvergeerd (R-hat {rhat})"
    return f"niet geconvergeerd (R-hat {rhat})"


def loglinear_interval_phrase(est: dict) -> str:
    method = est.get("ci_method", "")
    return CI_PHRASES_NL.get(method, method)


def estimator_cells(method: str, est: dict | None) -> list[str]:
    return latent_cells(est) if method == LATENT_CLASS else estimate_cells(est or {})


def estimator_publishable(method: str, est: dict | None) -> bool:
    return latent_publishable(est) if method == LATENT_CLASS else bool(est) and publishable(est)


def estimator_refusal(method: str, est: dict | None) -> str:
    return latent_refusal_reason(est) if method == LATENT_CLASS else refusal_reason(est or {})


def comparison_nl(ll: dict, lc: dict | None) -> str:
    """What the two estimators assume, and what their (dis)agreement means, in plain Dutch."""
    parts = [ASSUMES_LOGLINEAR, ASSUMES_LATENT_CLASS]
    if not latent_publishable(lc):
        parts.append(f"Het latente-klassenmodel geeft hier geen getal: {latent_refusal_reason(lc)}.")
    elif not publishable(ll):
        parts.append(f"Het log-lineaire model geeft hier geen getal: {refusal_reason(ll)}.")
    else:
        (a, b), (c, d) = ll["ci"], lc["ci"]
        overlap = b is None or d is None or (a <= d and c <= b)
        if overlap:
            parts.append("Hier overlappen de intervallen van beide schattingen. Dat sluit verschillen in "
                         "vindbaarheid niet uit: een groep die vrijwel geen partner vindt, vindt ook geen van "
                         "beide modellen terug.")
        else:
            parts.append("Hier overlappen de intervallen van beide schattingen niet.")
    parts.append(DISAGREEMENT)
    return " ".join(parts)


def headline_nl(year: int, method: str | None, est: dict | None, distinct: int | None, assumption: str,
                reason: str) -> str:
    """The headline sentence (dashboard, highlights) from the chosen estimator."""
    if method is None or not estimator_publishable(method, est):
        why = estimator_refusal(method or LOGLINEAR, est)
        return (f"Zicht geeft voor {year} geen schatting van het totale aantal: {why}. {assumption}").strip()
    kind = "geloofwaardigheidsinterval" if method == LATENT_CLASS else "interval"
    text = (f"Zicht schat het totale aantal slachtoffers in de regio in {year} op ongeveer "
            f"{fmt_official(est['estimate'])} ({_level(est)}-{kind} {interval_nl(est)}; "
            f"{METHOD_LABELS[method]}, {reason}).")
    if distinct is not None:
        text += f" Daarvan zijn er {format_int_nl(distinct)} bij ten minste één partner bekend."
    return f"{text} {assumption}".strip()


# --- The hidden number over years ----------------------------------------------------------------

def series_change_nl(first: tuple[int, dict], last: tuple[int, dict], label: str) -> str:
    """Honest wording for two estimates of different years: 'hoger'/'lager' only when their
    intervals do not overlap (the same restraint as 'stijging' for counts); otherwise no trend."""
    (y0, e0), (y1, e1) = first, last
    lo0, hi0 = e0["ci"]
    lo1, hi1 = e1["ci"]
    both = (f"{label}: ongeveer {fmt_official(e1['estimate'])} in {y1}, tegen ongeveer "
            f"{fmt_official(e0['estimate'])} in {y0}")
    if hi0 is not None and lo1 > hi0:
        return (f"{both}. De intervallen overlappen niet: het verborgen aantal lijkt gestegen, al blijft de "
                "omvang van die stijging onzeker.")
    if hi1 is not None and lo0 > hi1:
        return (f"{both}. De intervallen overlappen niet: het verborgen aantal lijkt gedaald, al blijft de "
                "omvang van die daling onzeker.")
    return (f"{both}. De intervallen overlappen; de schattingen laten geen stijging of daling zien die "
            "groter is dan hun onzekerheid, en we spreken daarom niet van een trend.")
