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
