"""`zicht estimate CAPTURES.csv`: the hidden number of victims by multiple systems estimation.

A thin wrapper: reading, estimating and wording live in ``zicht.engines.mse``.
Input errors exit with status 1; an honest "no estimate possible" is a result (status 0).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from zicht.engines.mse import METHODS, CaptureData, MSEInputError, estimate, sensitivity_table
from zicht.engines.mse.dutch import fmt_int, fmt_rounded
from zicht.engines.mse.latent_class import (
    DEFAULT_BURN_IN,
    DEFAULT_CHAINS,
    DEFAULT_CLASSES,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    DEFAULT_THIN,
    LatentClassSettings,
    estimate_latent_class,
)
from zicht.engines.mse.result import CI_METHOD_LABELS_NL, METHOD_LABELS_NL

DEFAULT_BOOTSTRAP = 1000
LATENT_CLASS = "latent-class"


class Command(BaseCommand):
    help = (
        "Schat het totale aantal slachtoffers (geregistreerd + verborgen) met multiple "
        "systems estimation uit een CSV met één 0/1-kolom per lijst en een kolom 'count'."
    )
    # A pure engine on a file: no database, no URLs. Django's system checks would import the whole
    # URLconf (and so the web stack) before a computation of milliseconds; `zicht check` runs them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("captures", metavar="CAPTURES.csv", help="capture-histories (CSV)")
        parser.add_argument(
            "--method",
            choices=(*METHODS, LATENT_CLASS),
            default="stepwise",
            help="modelkeuze: stepwise (standaard, als SparseMSE), main (lijsten onafhankelijk), "
            "bic, aic, of latent-class (latente-klassenmodel van Manrique-Vallier, als LCMCR)",
        )
        lc = parser.add_argument_group("latent-class (alleen bij --method latent-class)")
        lc.add_argument("--classes", type=int, default=DEFAULT_CLASSES, metavar="K",
                        help=f"maximaal aantal latente klassen (standaard {DEFAULT_CLASSES})")
        lc.add_argument("--samples", type=int, default=DEFAULT_SAMPLES, metavar="S",
                        help=f"bewaarde trekkingen per keten (standaard {DEFAULT_SAMPLES})")
        lc.add_argument("--burn-in", type=int, default=DEFAULT_BURN_IN, metavar="B",
                        help=f"inloopiteraties per keten (standaard {DEFAULT_BURN_IN})")
        lc.add_argument("--thin", type=int, default=DEFAULT_THIN, metavar="T",
                        help=f"bewaar elke T-de iteratie (standaard {DEFAULT_THIN})")
        lc.add_argument("--chains", type=int, default=DEFAULT_CHAINS, metavar="C",
                        help=f"aantal onafhankelijke ketens (standaard {DEFAULT_CHAINS})")
        parser.add_argument(
            "--bootstrap",
            type=int,
            default=None,
            metavar="B",
            help=f"aantal bootstraptrekkingen voor het BCa-interval (standaard "
            f"{DEFAULT_BOOTSTRAP} bij stepwise en main; 0 bij bic en aic, omdat die elke "
            "trekking alle modellen doorzoeken; 0 = alleen het modelvoorwaardelijke interval)",
        )
        parser.add_argument(
            "--seed", type=int, default=None, metavar="X",
            help="startwaarde van de bootstrap, of bij latent-class van de eerste keten "
            f"(keten i krijgt X + i; standaard {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--alpha", type=float, default=0.05, help="1 - betrouwbaarheid (standaard 0,05)"
        )
        parser.add_argument(
            "--sensitivity",
            action="store_true",
            help="ook de gevoeligheidstabel: kleinste lijsten samengevoegd, telkens één lijst "
            "weggelaten (modelvoorwaardelijke intervallen)",
        )
        parser.add_argument("--json", action="store_true", help="uitvoer als JSON")

    def handle(self, *args, **options):
        if options["method"] == LATENT_CLASS:
            return self.handle_latent_class(options)
        if options["bootstrap"] is None:
            exhaustive = options["method"] in ("bic", "aic")
            options["bootstrap"] = 0 if exhaustive else DEFAULT_BOOTSTRAP
        if options["bootstrap"] < 0:
            raise CommandError("--bootstrap moet 0 of groter zijn.")
        if not 0 < options["alpha"] < 1:
            raise CommandError("--alpha moet tussen 0 en 1 liggen (bijv. 0,05).")
        try:
            data = CaptureData.from_csv(options["captures"])
        except MSEInputError as exc:
            raise CommandError(str(exc)) from exc
        result = estimate(
            data,
            method=options["method"],
            bootstrap=options["bootstrap"],
            seed=options["seed"],
            alpha=options["alpha"],
        )
        rows = (
            sensitivity_table(data, method=options["method"], alpha=options["alpha"])
            if options["sensitivity"]
            else None
        )
        if options["json"]:
            payload = result.to_dict()
            if rows is not None:
                payload["sensitivity"] = [row.to_dict() for row in rows]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(render_summary(result))
        if rows is not None:
            self.stdout.write(render_sensitivity(rows))


    def handle_latent_class(self, options):
        if not 0 < options["alpha"] < 1:
            raise CommandError("--alpha moet tussen 0 en 1 liggen (bijv. 0,05).")
        settings = LatentClassSettings(
            classes=options["classes"],
            burn_in=options["burn_in"],
            samples=options["samples"],
            thin=options["thin"],
            chains=options["chains"],
            seed=DEFAULT_SEED if options["seed"] is None else options["seed"],
        )
        try:
            settings.check()
            data = CaptureData.from_csv(options["captures"])
        except MSEInputError as exc:
            raise CommandError(str(exc)) from exc
        result = estimate_latent_class(data, settings, alpha=options["alpha"])
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(render_latent_class(result))


def _header(method: str, result) -> list[str]:
    """The lines every estimate summary opens with: the method, the list sizes, the persons seen."""
    return [
        f"Hoe groot is het probleem? {method}",
        "",
        "Geregistreerd per lijst: " + ", ".join(f"{k} {fmt_int(v)}" for k, v in result.list_totals.items()),
        f"Verschillende personen op de lijsten: {fmt_int(result.observed)}",
    ]


def render_latent_class(result) -> str:
    """Dutch summary of a latent-class result (or its refusal, with the diagnostics)."""
    level = f"{round(100 * (1 - result.alpha))}%"
    s = result.settings
    lines = [
        *_header("Latente-klassenmodel (Manrique-Vallier 2016, als LCMCR)", result),
        f"Instellingen: {s.classes} klassen, {s.chains} ketens, inloop {fmt_int(s.burn_in)}, "
        f"{fmt_int(s.samples)} trekkingen, verdunning {s.thin}, startwaarde {s.seed}",
    ]
    if result.ok:
        lo, hi = result.ci
        lines.append(
            f"Geschat totaal (mediaan van de posterior): ongeveer {fmt_rounded(result.estimate)} "
            f"({level}-geloofwaardigheidsinterval {fmt_rounded(lo)} tot {fmt_rounded(hi)})"
        )
    else:
        lines.append("Geschat totaal: geen schatting mogelijk")
    if result.rhat is not None:
        lines.append(
            f"Convergentie: R-hat {result.rhat:.3f}".replace(".", ",") + ", effectief aantal trekkingen "
            f"{fmt_int(round(result.ess))}, mediaan per keten "
            + ", ".join(fmt_int(round(m)) for m in result.chain_medians)
            + f" ({result.seconds:.1f} s)".replace(".", ",")
        )
    lines.append("")
    lines += result.messages_nl()
    return "\n".join(lines) + "\n"


def render_summary(result) -> str:
    level = f"{round(100 * (1 - result.alpha))}%"
    lines = _header("Multiple systems estimation", result)
    if result.estimate is None:
        lines += ["Geschat totaal: geen schatting mogelijk", ""]
    else:
        lo, hi = result.ci
        lines += [
            f"Methode: {METHOD_LABELS_NL[result.method]}",
            f"Geschat totaal: ongeveer {fmt_rounded(result.estimate)} "
            f"({level}-interval {fmt_rounded(lo)} tot {fmt_rounded(hi)})",
            f"Interval: {CI_METHOD_LABELS_NL[result.ci_method]}",
        ]
        if result.ci_method == "bca_bootstrap":
            lines.append(f"  ({fmt_int(result.bootstrap)} trekkingen, startwaarde {result.seed})")
        for key, label, ci in (
            ("model_conditional", "modelvoorwaardelijk", result.ci_model_conditional),
            ("profile", "profiel-likelihood", result.ci_profile),
        ):
            if ci is not None and result.ci_method != key:
                lines.append(f"  ter vergelijking, {label}: {fmt_rounded(ci[0])} tot "
                             f"{fmt_rounded(ci[1])}")
        model = ", ".join(result.model) if result.model else "alleen hoofdeffecten"
        lines.append(f"Model (paarsgewijze samenhang): {model}")
        if result.minus_infinity:
            lines.append("Lege overlap (min oneindig): " + ", ".join(result.minus_infinity))
        lines.append("")
    if result.warnings and result.estimate is not None:
        lines.append("Let op:")
        lines += [f"- {w}" for w in result.warnings]
        lines.append("")
    lines.append(result.explanation_nl())
    return "\n".join(lines) + "\n"


def render_sensitivity(rows) -> str:
    lines = ["", "Gevoeligheid (modelvoorwaardelijke intervallen):"]
    for row in rows:
        if row.estimate is None:
            value = "geen schatting"
        else:
            value = (f"{fmt_rounded(row.estimate)} ({fmt_rounded(row.ci[0])} tot "
                     f"{fmt_rounded(row.ci[1])})")
        lines.append(f"- {row.label}: {fmt_int(row.observed)} geregistreerd, {value}")
    return "\n".join(lines) + "\n"
