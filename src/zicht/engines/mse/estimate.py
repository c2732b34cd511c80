"""``estimate()``: from capture histories to an estimate with intervals and honest warnings."""

from __future__ import annotations

import math

import numpy as np

from .bootstrap import run_bootstrap
from .data import CaptureData
from .dutch import fmt_int
from .intervals import bca_interval, model_conditional, profile_likelihood
from .loglinear import NOT_EXISTS, NOT_IDENTIFIABLE, Structure
from .result import EstimateResult
from .selection import Selection, select

METHODS = ("stepwise", "main", "bic", "aic")
MIN_LISTS = 3
# Fewer cases than this on two or more lists: the dark figure would rest on a handful of
# people (the estimate scales roughly with one over the overlap), so no number is given.
MIN_OVERLAP_CASES = 5
DEFAULT_SEED = 1234  # same data, same interval: published figures must be reproducible
SPARSE_SHARE = 0.5
WIDE_RATIO = 3.0
HUGE_DARK_RATIO = 10.0

REASONS_NL = {
    NOT_EXISTS: "met deze term bestaat geen eindige schatting (lineair-programmatoets)",
    NOT_IDENTIFIABLE: "met deze term is het model niet identificeerbaar (rangtoets)",
    NOT_EXISTS | NOT_IDENTIFIABLE: "met deze term bestaat geen eindige en identificeerbare "
    "schatting",
}


def pooled_counts(data: CaptureData) -> tuple[Structure, np.ndarray]:
    structure = Structure.pooled(data.lists)
    y = np.zeros(len(structure.histories))
    np.add.at(y, structure.cell_index(data.patterns), data.counts.astype(float))
    return structure, y


def estimate(
    data: CaptureData,
    method: str = "stepwise",
    bootstrap: int = 0,
    seed: int | None = None,
    alpha: float = 0.05,
    strata=None,
    profile: bool = True,
    workers: int | None = None,
    synthetic: bool = False,
) -> EstimateResult:
    """Estimate the total number of victims (observed + hidden) from capture histories.

    ``bootstrap`` > 0 adds the BCa interval, which reruns the model selection on every
    resample and then becomes the interval shown (``ci``). ``seed`` None uses a fixed
    default so that the same data always give the same interval. ``strata`` (a
    :class:`~zicht.engines.mse.strata.StratifiedCaptures`) adds per-stratum estimates.
    ``synthetic`` marks made-up demonstration data; every text then says so.
    """
    if method not in METHODS:
        raise ValueError(f"onbekende methode {method!r}; kies uit {', '.join(METHODS)}")
    if not 0 < alpha < 1:
        raise ValueError("alpha moet tussen 0 en 1 liggen")
    if bootstrap < 0:
        raise ValueError("het aantal bootstraptrekkingen moet 0 of groter zijn")
    seed = DEFAULT_SEED if seed is None else seed
    warnings: list[str] = []
    result = EstimateResult(
        observed=data.observed,
        estimate=None,
        ci=None,
        ci_method="none",
        method=method,
        lists=list(data.lists),
        list_totals=data.list_totals(),
        alpha=alpha,
        bootstrap=bootstrap,
        seed=seed if bootstrap else None,
        warnings=warnings,
        synthetic=synthetic,
    )
    if synthetic:
        warnings.append("Synthetische gegevens: de uitkomst toont de werking, niet de werkelijkheid.")
    if strata is not None:
        from .strata import estimate_strata

        result.strata = estimate_strata(
            strata, method=method, alpha=alpha, bootstrap=bootstrap, seed=seed
        )

    empty = [name for name, n in result.list_totals.items() if n == 0]
    if empty:
        warnings.append(
            f"Lijst{'en' if len(empty) > 1 else ''} {', '.join(empty)} "
            f"bevat{'ten' if len(empty) > 1 else ''} geen gevallen en "
            f"{'zijn' if len(empty) > 1 else 'is'} weggelaten."
        )
        data = data.drop_lists(empty)
        result.lists = list(data.lists)
    if data.n_lists < MIN_LISTS:
        warnings.append(
            f"Er {'is' if data.n_lists == 1 else 'zijn'} maar {data.n_lists} "
            f"bruikbare lijst{'' if data.n_lists == 1 else 'en'}. Met minder dan drie lijsten "
            "kan de samenhang tussen lijsten niet worden geschat; een getal zou rusten op de "
            "onhoudbare aanname dat de lijsten onafhankelijk zijn. Er wordt geen schatting "
            "gegeven."
        )
        return result
    multi = int(data.counts[data.patterns.sum(axis=1) >= 2].sum())
    if multi < MIN_OVERLAP_CASES:
        warnings.append(
            f"Slechts {multi} {'persoon staat' if multi == 1 else 'personen staan'} op meer "
            f"dan één lijst (minimaal {MIN_OVERLAP_CASES} nodig). Uit zo weinig overlap valt "
            "het verborgen aantal niet betrouwbaar af te leiden; er wordt geen schatting "
            "gegeven."
        )
        return result

    structure, y = pooled_counts(data)
    selection = select(structure, y, method)
    result.dropped = {
        structure.pair_name(structure.pairs[j]): REASONS_NL[code]
        for j, code in selection.dropped.items()
    }
    if selection.fit is None:
        warnings.append(
            "Met deze gegevens bestaat geen schatting: de meest aannemelijke waarde voor het "
            "verborgen aantal is oneindig of niet eenduidig (de overlap tussen de lijsten is "
            "te klein of ongunstig verdeeld). Er wordt geen schatting gegeven."
        )
        return result

    _describe_model(result, structure, selection)
    log_dark = float(selection.fit.beta[0])
    result.estimate = data.observed + math.exp(log_dark)
    if len(selection.near_ties) > 1:
        rivals = [data.observed + math.exp(v) for v in selection.near_ties]
        if max(rivals) > 1.1 * min(rivals):
            warnings.append(
                f"{len(rivals)} modellen scoren bijna even goed op {method.upper()} (verschil "
                f"kleiner dan 2) maar geven schattingen van {fmt_int(min(rivals))} tot "
                f"{fmt_int(max(rivals))}: de modelkeuze bepaalt hier veel van de uitkomst."
            )
    result.ci_model_conditional = model_conditional(
        data.observed, log_dark, float(selection.fit.cov_dark[0, 0]), alpha
    )
    result.ci, result.ci_method = result.ci_model_conditional, "model_conditional"
    if profile:
        try:
            _, lo, hi = profile_likelihood(
                selection.design.x, y[selection.design.keep], selection.fit.beta, alpha
            )
            result.ci_profile = (lo, hi)
        except (ValueError, RuntimeError, FloatingPointError, np.linalg.LinAlgError):
            warnings.append("Het profiel-likelihoodinterval kon niet worden berekend.")
    if bootstrap:
        boot = run_bootstrap(data, method, bootstrap, seed, workers)
        result.bootstrap_failures = boot.failures
        ahat = boot.acceleration
        if not math.isfinite(ahat):
            warnings.append(
                "De versnellingsfactor van de BCa-bootstrap kon niet worden bepaald (een "
                "jackknife-schatting bestond niet); het interval is zonder versnelling berekend."
            )
            ahat = 0.0
        result.acceleration = ahat
        result.ci_bootstrap = bca_interval(boot.replicates, result.estimate, ahat, alpha)
        result.ci, result.ci_method = result.ci_bootstrap, "bca_bootstrap"
        if boot.failures:
            warnings.append(
                f"In {boot.failures} van de {bootstrap} bootstraptrekkingen bestond geen "
                "schatting; die tellen als onbegrensd groot."
            )
    else:
        warnings.append(
            "Het interval is modelvoorwaardelijk: het neemt de modelkeuze als gegeven en is "
            "daardoor te smal. Gebruik de bootstrap (bijv. 1.000 trekkingen) voor het interval "
            "dat ook die onzekerheid meetelt."
        )
    _data_warnings(result, structure, y)
    return result


def _describe_model(result: EstimateResult, structure: Structure, sel: Selection) -> None:
    design = sel.design
    result.model = [structure.pair_name(structure.pairs[j]) for j in sel.model if j in design.terms]
    result.minus_infinity = [structure.pair_name(structure.pairs[j]) for j in design.empty]
    for name in result.minus_infinity:
        a, b = name.split(":")
        result.warnings.append(
            f"Lijsten {a} en {b} hebben geen personen gemeen; hun samenhang is als 'min "
            "oneindig' in het model opgenomen (combinaties van beide lijsten gelden als "
            "structureel leeg)."
        )
    for name, reason in result.dropped.items():
        result.warnings.append(f"Term {name} is niet opgenomen: {reason}.")


def _data_warnings(result: EstimateResult, structure: Structure, y: np.ndarray) -> None:
    zero = int(np.sum(y == 0))
    if zero > SPARSE_SHARE * len(y):
        result.warnings.append(
            f"{zero} van de {len(y)} mogelijke combinaties van lijsten zijn leeg: de gegevens "
            "zijn ijl en de uitkomst hangt sterk af van modelkeuzes (zie de gevoeligheidstabel)."
        )
    lo, hi = result.ci if result.ci else (None, None)
    if hi is not None and (not math.isfinite(hi) or hi > WIDE_RATIO * max(lo, 1.0)):
        result.warnings.append(
            "Het interval is zeer breed: de gegevens bepalen het totale aantal slechts ruw. "
            "Noem het interval, niet alleen het middelste getal."
        )
    if result.dark_figure is not None and result.dark_figure > HUGE_DARK_RATIO * result.observed:
        result.warnings.append(
            f"Het geschatte verborgen aantal ({fmt_int(result.dark_figure)}) is meer dan tien "
            "keer het aantal geregistreerde personen; zo'n extrapolatie is kwetsbaar."
        )
