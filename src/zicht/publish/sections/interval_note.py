"""One plain sentence beside the sensitivity table: why the headline interval is wider.

Kept apart from ``estimate_text`` (the chapter's other wording) so the two can change separately.
The headline interval is a BCa bootstrap that reruns the model selection on every resample, so it
also counts the uncertainty of *which* model fits; the sensitivity table's intervals are
model-conditional (log-normal, given the chosen model). The sentence names no number."""

from __future__ import annotations

WHY_WIDER_NL = (
    "Het interval bij de hoofdschatting is breder dan de intervallen in deze tabel, ook voor dezelfde "
    "lijsten: de hoofdschatting telt ook de onzekerheid mee over welk model het beste past (de "
    "bootstrap kiest bij elke herhaling opnieuw het model), terwijl deze intervallen doen alsof het "
    "gekozen model vaststaat."
)

SAME_KIND_NL = (
    "De intervallen in deze tabel en het interval bij de hoofdschatting zijn op dezelfde manier "
    "berekend: alle gaan uit van het gekozen model en zijn daardoor aan de smalle kant."
)


def interval_difference_nl(headline: dict | None) -> str | None:
    """The sentence for the sensitivity table, given the headline estimate (the engine's dict);
    None when there is no published headline interval to compare with."""
    if not headline or headline.get("estimate") is None or not headline.get("ci"):
        return None
    if headline.get("ci_method") == "bca_bootstrap":
        return WHY_WIDER_NL
    return SAME_KIND_NL
