"""Encoded deliveries and linkage runs: store, link in the background, feed figures and estimates."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from zicht.audit import events
from zicht.catalog.definitions import get_catalog
from zicht.catalog.models import Partner
from zicht.catalog.periods import delivery_refusal
from zicht.catalog.services import ensure_catalog_loaded
from zicht.intake.cells import ValidationResult
from zicht.intake.services import configured_limits, period_closed_result, submit_bytes
from zicht.intake.versioning import store_version
from zicht.records.models import EncodedDelivery, LinkageRun
from zicht.records.validation import check_encoded

if TYPE_CHECKING:  # pandas, DuckDB/Splink and SciPy load in the worker that links, not in every web worker.
    import pandas as pd

    from zicht.engines.mse import CaptureData

logger = logging.getLogger(__name__)
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20221231
STRATA = ("form", "age_group")  # estimated per stratum (log-linear, model-conditional intervals)


class EncodedDeliveryRefused(Exception):
    def __init__(self, result: ValidationResult):
        super().__init__("; ".join(p.message for p in result.errors[:3]))
        self.result = result


def _refuse(result: ValidationResult, partner: str, year: int, filename: str, user):
    events.submission_rejected(partner, year, Path(filename).name, user, len(result.errors))
    raise EncodedDeliveryRefused(result)


def current_deliveries(year: int):
    return EncodedDelivery.objects.filter(year=year, superseded_by__isnull=True).select_related("partner")


def submit_encoded(content: bytes, filename: str, partner: str, year: int, user=None,
                   synthetic: bool = False, by_label: str = "") -> EncodedDelivery:
    """Validate and store an encoded delivery whole, or refuse it and store nothing. ``by_label`` names
    the person when no Zicht account acts (a command run on the server: the operating-system login)."""
    ensure_catalog_loaded()
    refusal = delivery_refusal(year)
    if refusal is not None:
        _refuse(period_closed_result(filename, refusal), partner, year, filename, user)
    others = {d.key_check for d in current_deliveries(year).exclude(partner__code=partner)}
    problems, rows = check_encoded(content, partner, year, others, configured_limits())
    if problems or rows is None:
        _refuse(ValidationResult("csv", problems), partner, year, filename, user)
    checksum = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        refusal = delivery_refusal(year, for_update=True)  # closed while this file was checked
        if refusal is None:
            partner_row = Partner.objects.select_for_update().get(code=partner)
            delivery, created = store_version(
                EncodedDelivery, partner_row, year, checksum,
                filename=Path(filename).name, content=content, records=rows.count,
                encoding_version=rows.encoding_version, key_check=rows.key_check,
                synthetic=synthetic, submitted_by=user if getattr(user, "pk", None) else None,
                submitted_by_label=getattr(user, "username", None) or by_label or "systeem",
            )
            if not created:
                return delivery
            events.encoded_delivery_accepted(delivery, user)
    if refusal is not None:
        _refuse(period_closed_result(filename, refusal), partner, year, filename, user)
    return delivery


def request_linkage(year: int, user=None, threshold: float | None = None) -> LinkageRun:
    """Queue a linkage run of the year's current encoded deliveries (runs in the background worker)."""
    from zicht.records.tasks import run_linkage

    deliveries = list(current_deliveries(year))
    run = LinkageRun.objects.create(year=year, threshold=threshold,
                                    requested_by=user if getattr(user, "pk", None) else None,
                                    synthetic=any(d.synthetic for d in deliveries))
    run.deliveries.set(deliveries)
    transaction.on_commit(lambda: run_linkage.enqueue(run.pk))
    events.linkage_requested(run, user)
    return run


def _frame(delivery: EncodedDelivery) -> pd.DataFrame:
    import io

    import pandas as pd

    return pd.read_csv(io.BytesIO(bytes(delivery.content)), dtype=str, keep_default_na=False)


def execute_linkage(run: LinkageRun) -> LinkageRun:
    """Link the run's deliveries, store distinct-person figures and the hidden-number estimate."""
    import pandas as pd

    from zicht.engines.linkage.matching import link_lists
    from zicht.engines.mse.sensitivity import sensitivity_table
    from zicht.records import figures

    run.status, run.started_at = LinkageRun.Status.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    try:
        deliveries = list(run.deliveries.select_related("partner").order_by("partner__code"))
        if len(deliveries) < 2:
            raise ValueError("Voor koppelen zijn versleutelde leveringen van ten minste twee partners nodig.")
        frames = {d.partner.code: _frame(d) for d in deliveries}
        _quiet_splink()
        result = link_lists(frames, threshold=run.threshold)
        records = pd.concat([f.assign(list=name) for name, f in frames.items()], ignore_index=True)
        persons = figures.person_table(result.clusters, records)
        label = "SYNTHETISCHE DEMOGEGEVENS, " if run.synthetic else ""
        source = f"{label}Zicht-koppelingsrun {run.pk} ({timezone.localtime():%d-%m-%Y})"
        municipalities = [m.code for m in get_catalog().municipalities_in(run.year)]
        outcome = submit_bytes(figures.figures_csv(persons, source, municipalities),
                               f"koppeling-{run.year}-run{run.pk}.csv",
                               "linkage", run.year, provenance=source,
                               user=run.requested_by, by_label=f"Zicht-koppelingsrun {run.pk}")
        names = list(frames)
        run.result = {
            **result.to_dict(),
            "lists": names,
            "estimate": _estimate(names, result.histories),
            "sensitivity": [row.to_dict() for row in sensitivity_table(_capture_data(names, result.histories))],
            "estimate_latent_class": _latent_class(names, result.histories),
            **{
                f"estimate_by_{column}": {
                    stratum: _estimate(names, [{"lists": [n for n, bit in zip(names, h, strict=True) if bit],
                                                "count": c} for h, c in hist.items()], bootstrap=0)
                    for stratum, hist in figures.histories_by(result.clusters, persons, names, column).items()
                    if stratum  # a person whose records do not say (no age) is in no stratum
                }
                for column in STRATA
            },
        }
        run.figures = outcome.submission
        run.status, run.finished_at = LinkageRun.Status.DONE, timezone.now()
    except Exception as exc:  # the run records why it failed; the job itself must not vanish
        logger.exception("Linkage run %s failed", run.pk)
        run.status, run.error, run.finished_at = LinkageRun.Status.FAILED, str(exc)[:2000], timezone.now()
    run.save()
    return run


def _quiet_splink() -> None:
    """Splink explains its EM training at WARNING level on its own child loggers: detail for
    analysts (kept in the run result), noise for operators."""
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("splink")] + ["splink"]:
        logging.getLogger(name).setLevel(logging.ERROR)


def _capture_data(names: list[str], histories: list[dict]) -> CaptureData:
    """Capture histories with the partners' readable names as list names (they appear in the
    estimate's explanation and model terms)."""
    from zicht.catalog.definitions import get_catalog
    from zicht.engines.mse import CaptureData

    partners = get_catalog().partners
    counts = {tuple(int(n in h["lists"]) for n in names): int(h["count"]) for h in histories}
    return CaptureData.from_histories([partners[n].short if n in partners else n for n in names], counts)


def _estimate(names: list[str], histories: list[dict], bootstrap: int = BOOTSTRAP_RESAMPLES) -> dict:
    """The stepwise estimate with its (by default BCa bootstrap) interval and Dutch explanation."""
    from zicht.engines.mse import estimate

    # One process: a few lists make the bootstrap cheap, and the worker runs DuckDB threads.
    result = estimate(_capture_data(names, histories), method="stepwise",
                      bootstrap=bootstrap, seed=BOOTSTRAP_SEED, workers=1)
    return result.to_dict() | {"explanation_nl": result.explanation_nl()}


def _latent_class(names: list[str], histories: list[dict]) -> dict:
    """The latent-class estimate (LCMCR's model, default settings: five chains from fixed seeds,
    so the same records always give the same result), or its refusal with status and reasons."""
    from zicht.engines.mse.latent_class import estimate_latent_class

    return estimate_latent_class(_capture_data(names, histories)).to_dict()


def latest_run(year: int) -> LinkageRun | None:
    return LinkageRun.objects.filter(year=year, status=LinkageRun.Status.DONE).order_by("-finished_at").first()
