"""The result of an estimate: numbers, the model behind them, honest warnings, Dutch text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .dutch import fmt_int, fmt_rounded

CI_METHOD_LABELS_NL = {
    "bca_bootstrap": "BCa-bootstrap (inclusief de onzekerheid van de modelkeuze)",
    "model_conditional": "modelvoorwaardelijk (log-normaal; gegeven het gekozen model)",
    "profile": "profiel-likelihood (gegeven het gekozen model)",
    "none": "geen",
}

CI_PHRASES_NL = {
    "bca_bootstrap": "BCa-bootstrap, die ook de onzekerheid van de modelkeuze meetelt",
    "model_conditional": "modelvoorwaardelijk, log-normaal",
    "profile": "profiel-likelihood",
}

METHOD_LABELS_NL = {
    "stepwise": "stapsgewijze modelkeuze (Chan, Silverman en Vincent 2021)",
    "main": "hoofdeffectenmodel (lijsten onafhankelijk)",
    "bic": "modelkeuze op BIC",
    "aic": "modelkeuze op AIC",
}


# WODC: about 5,000 victims a year in NL, which the 2022 monitor scaled to 500-600 for VAR
NATIONAL_LOW, NATIONAL_HIGH = 500, 600

SYNTHETIC_NL = (
    "Let op: dit zijn synthetische (verzonnen) gegevens die de werking tonen; de getallen "
    "zeggen niets over de werkelijke situatie."
)


@dataclass
class EstimateResult:
    """An estimate of the total number (observed + hidden), or an honest refusal.

    ``estimate`` is None when the data do not allow an honest number; ``warnings`` then says
    why, in Dutch.
    """

    observed: int
    estimate: float | None
    ci: tuple[float, float] | None
    ci_method: str
    ci_model_conditional: tuple[float, float] | None = None
    ci_profile: tuple[float, float] | None = None
    ci_bootstrap: tuple[float, float] | None = None
    model: list[str] = field(default_factory=list)
    minus_infinity: list[str] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    method: str = "stepwise"
    lists: list[str] = field(default_factory=list)
    list_totals: dict[str, int] = field(default_factory=dict)
    alpha: float = 0.05
    bootstrap: int = 0
    seed: int | None = None
    bootstrap_failures: int = 0
    acceleration: float | None = None
    strata: object | None = None
    synthetic: bool = False  # made-up demonstration data: every text says so

    @property
    def dark_figure(self) -> float | None:
        return None if self.estimate is None else self.estimate - self.observed

    def to_dict(self) -> dict:
        """The JSON shape of ``zicht estimate --json`` (issue keys first, then extras)."""

        def pair(v):
            return None if v is None else [_json_float(v[0]), _json_float(v[1])]

        out = {
            "observed": self.observed,
            "estimate": None if self.estimate is None else round(self.estimate, 3),
            "ci": pair(self.ci),
            "ci_method": self.ci_method,
            "model": list(self.model),
            "minus_infinity": list(self.minus_infinity),
            "warnings": list(self.warnings),
            "method": self.method,
            "lists": list(self.lists),
            "list_totals": dict(self.list_totals),
            "dark_figure": None if self.dark_figure is None else round(self.dark_figure, 3),
            "confidence": 1.0 - self.alpha,
            "ci_model_conditional": pair(self.ci_model_conditional),
            "ci_profile": pair(self.ci_profile),
            "ci_bootstrap": pair(self.ci_bootstrap),
            "dropped": dict(self.dropped),
            "synthetic": self.synthetic,
            "bootstrap": {
                "resamples": self.bootstrap,
                "seed": self.seed,
                "failures": self.bootstrap_failures,
                "acceleration": self.acceleration,
            },
        }
        if self.strata is not None:
            out["strata"] = self.strata.to_dict()
        return out

    def explanation_nl(self) -> str:
        """A plain-language Dutch paragraph: what was estimated, how sure, what it assumes."""
        level = f"{round(100 * (1 - self.alpha))}%"
        lists = ", ".join(self.lists)
        seen = (
            f"Op {len(self.lists)} lijsten ({lists}) staan samen {fmt_int(self.observed)} "
            "verschillende personen."
        )
        if self.synthetic:
            seen = f"{SYNTHETIC_NL} {seen}"
        if self.estimate is None:
            reasons = " ".join(self.warnings)
            return (
                f"{seen} Zicht geeft voor deze gegevens géén schatting van het totale aantal "
                f"slachtoffers, omdat een getal hier misleidend zou zijn. {reasons}"
            ).strip()
        lo, hi = self.ci if self.ci else (None, None)
        text = [
            seen,
            "Uit de overlap tussen de lijsten (wie op meer dan één lijst staat) schat Zicht "
            f"het totale aantal, inclusief wie op geen enkele lijst staat, op ongeveer "
            f"{fmt_rounded(self.estimate)}.",
            f"Het {level}-onzekerheidsinterval loopt van {fmt_rounded(lo)} tot "
            f"{fmt_rounded(hi)} ({CI_PHRASES_NL.get(self.ci_method, self.ci_method)}); het "
            "werkelijke aantal kan overal in dat interval liggen.",
        ]
        if self.ci_method != "bca_bootstrap":
            text.append(
                "Dit interval neemt de keuze van het model als gegeven en is daardoor te smal; "
                "het bootstrap-interval telt die onzekerheid wel mee."
            )
        if self.model:
            text.append(
                "Het model houdt rekening met samenhang tussen de lijsten "
                + ", ".join(self.model).replace(":", " en ")
                + "."
            )
        else:
            text.append("Het gekozen model neemt aan dat de lijsten onafhankelijk van elkaar zijn.")
        text.append(ASSUMPTIONS_NL)
        return " ".join(text)

    def compare_national_nl(
        self, low: float = NATIONAL_LOW, high: float = NATIONAL_HIGH
    ) -> str:
        """One Dutch sentence setting the estimate beside the national-study-based assumption
        (WODC: about 5,000 victims a year in NL, so 500 to 600 assumed for the region)."""
        national = (
            f"De afgeleide landelijke aanname (WODC-schatting van ongeveer 5.000 slachtoffers "
            f"per jaar in Nederland) komt voor de regio op {fmt_int(low)} à {fmt_int(high)}."
        )
        if self.estimate is None or self.ci is None:
            return f"{national} Een eigen regionale schatting is met deze gegevens niet mogelijk."
        lo, hi = self.ci
        if hi < low:
            verdict = "ligt daar met het hele interval onder"
        elif lo > high:
            verdict = "ligt daar met het hele interval boven"
        else:
            verdict = "is daarmee verenigbaar (de intervallen overlappen)"
        return (
            f"{national} De regionale schatting ({fmt_rounded(self.estimate)}, interval "
            f"{fmt_rounded(lo)} tot {fmt_rounded(hi)}) {verdict}."
        )


ASSUMPTIONS_NL = (
    "De schatting veronderstelt dat de groep in het jaar gesloten is (niemand komt erbij of "
    "valt af op een manier die met de lijsten samenhangt), dat dezelfde persoon op "
    "verschillende lijsten goed aan elkaar gekoppeld is, en dat de afhankelijkheid tussen "
    "lijsten door de paarsgewijze termen van het model wordt gevangen. Verschillen in "
    "vindbaarheid tussen personen (heterogeniteit) die niet in die termen zichtbaar worden, "
    "leiden meestal tot een te lage schatting."
)


def _json_float(v: float):
    """JSON has no infinity: an endpoint the data cannot bound is written as null."""
    return None if v is None or not math.isfinite(v) else round(v, 3)
