"""Generate a national-scale intake delivery for benchmarks (synthetic, internally consistent).

Writes into OUT (default ``var/bench/intake``):
- ``catalog/``: a synthetic national catalog: the real code lists, 25 safety regions with 342
  synthetic municipalities, and one partner ``landelijk`` carrying every indicator of the real catalog
  twice (variants ``~a`` and ``~b``, as if two organisations reported each), each deliverable per
  municipality. One variant gives ~51,000 rows for the country; two reach the 100,000-row target;
- ``regions/REGION-YEAR.csv``: one long-format delivery per safety region and year (25 x 10), every
  indicator, every municipality of the region plus the regional rows;
- ``national-100k.csv``: the whole country for one year, cut at exactly 100,000 rows.

Counts are drawn at random and margins are exact sums, so the files are valid: the benchmark then
measures the full rule set, not an early exit. Usage: ``python bench/gen_national_delivery.py [OUT]``.
"""

from __future__ import annotations

import csv
import itertools
import shutil
import sys
from pathlib import Path

import numpy as np
import yaml

from zicht.catalog.definitions import DATA_DIR, get_catalog, load

REGIONS = 25
YEARS = range(2014, 2024)
NATIONAL_YEAR = 2023
ROWS_100K = 100_000
PARTNER = "landelijk"
VARIANTS = ("a", "b")
MUNIS_PER_REGION = [14] * 17 + [13] * 8  # 342 municipalities, like the Netherlands in 2023


def write_catalog(out: Path) -> Path:
    real = get_catalog()
    target = out / "catalog"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "codelists.yaml", target / "codelists.yaml")
    munis = []
    n = 0
    for region, count in enumerate(MUNIS_PER_REGION, start=1):
        for i in range(count):
            n += 1
            munis.append({"code": f"GM{7000 + n:04d}", "name": f"Gemeente VR{region:02d}-{i + 1:02d}",
                          "part": "rijnmond" if region % 2 else "zhz"})
    (target / "municipalities.yaml").write_text(yaml.safe_dump({
        "version": "bench", "region": {"code": "NL", "nl": "Nederland", "en": "Netherlands"},
        "parts": {"rijnmond": {"nl": "Deel A", "en": "Part A"}, "zhz": {"nl": "Deel B", "en": "Part B"}},
        "municipalities": munis,
    }, allow_unicode=True), encoding="utf-8")
    indicators = []
    for variant in VARIANTS:
        for ind in real.indicators.values():
            if ind.base:
                continue  # a share needs its base beside it in every slice (ADR 1120); the bench measures counts
            indicators.append({
                "code": f"{ind.code}~{variant}", "nl": f"{ind.nl} ({variant})", "unit": ind.unit,
                "dimensions": list(ind.dimensions), "additive": ind.additive, "municipality": "optional",
                **({"total_equals": f"{ind.total_equals}~{variant}"} if ind.total_equals else {}),
                **({"disclosure": False} if ind.unit == "percent" else {}),  # as before: percentages unprotected
            })
    (target / "partners.yaml").write_text(yaml.safe_dump({
        "version": "bench",
        "partners": [{"code": PARTNER, "name": "Landelijke benchmarkpartner", "short": "Bench",
                      "kind": "national", "indicators": indicators}],
    }, allow_unicode=True), encoding="utf-8")
    return target


def _indicator_rows(ind, catalog, rng, totals: dict, muni: str | None) -> list[tuple]:
    """Rows (indicator, dims..., municipality, value) for one indicator and municipality."""
    codes = [[c.code for c in catalog.codelists[d].codes] for d in ind.dimensions]
    leaves = list(itertools.product(*codes))
    if ind.unit == "percent":
        values = {leaf: int(rng.integers(0, 101)) for leaf in leaves}
        return [(ind.code, (), muni, int(rng.integers(0, 101)))] + [(ind.code, leaf, muni, v) for leaf, v in values.items()]
    if ind.total_equals:
        total = totals[ind.total_equals]
    else:
        total = int(rng.poisson(12 * max(1, len(leaves))))
    totals[ind.code] = total
    if not leaves or leaves == [()]:
        return [(ind.code, (), muni, total)]
    counts = rng.multinomial(total, [1 / len(leaves)] * len(leaves))
    leaf_values = dict(zip(leaves, (int(c) for c in counts)))
    if not ind.additive:  # a top-3 style list: parts without a consistent total
        return [(ind.code, (), muni, total)] + [(ind.code, leaf, muni, v) for leaf, v in leaf_values.items()]
    rows = []
    options = [[*c, ""] for c in codes]
    for combo in itertools.product(*options):
        value = sum(v for leaf, v in leaf_values.items()
                    if all(c == "" or c == part for c, part in zip(combo, leaf)))
        rows.append((ind.code, combo, muni, value))
    rows.sort(key=lambda r: sum(1 for c in r[1] if c), reverse=False)  # grand total first
    return rows


def delivery_rows(catalog, municipalities: list[str], rng) -> list[tuple]:
    """All rows of one delivery: per municipality, then the regional sums (municipality empty)."""
    ordered = sorted(catalog.partner(PARTNER).indicators, key=lambda i: i.total_equals is not None)
    per_muni: list[tuple] = []
    regional: dict[tuple, int] = {}
    for muni in municipalities:
        totals: dict = {}
        for ind in ordered:
            for code, combo, m, value in _indicator_rows(ind, catalog, rng, totals, muni):
                per_muni.append((code, combo, m, value))
                if catalog.indicator(code).unit != "percent" and catalog.indicator(code).additive:
                    regional[(code, combo)] = regional.get((code, combo), 0) + value
    region_rows = [(code, combo, None, v) for (code, combo), v in regional.items()]
    return region_rows + per_muni


def write_csv(path: Path, catalog, rows: list[tuple]) -> int:
    from zicht.intake.schema import long_fields

    fields = long_fields(catalog.partner(PARTNER))
    dims = fields[1:-3]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(fields)
        for code, combo, muni, value in rows:
            ind = catalog.indicator(code)
            dimvals = dict(zip(ind.dimensions, combo))
            writer.writerow([code, *(dimvals.get(d, "") for d in dims), muni or "", value, "benchmark"])
    return len(rows)


def generate(out: Path, regions: bool = True) -> dict:
    catalog = load(write_catalog(out))
    rng = np.random.default_rng(2024)
    munis = sorted(catalog.municipalities)
    summary = {"municipalities": len(munis), "indicators": len(catalog.partner(PARTNER).indicators)}
    rows = delivery_rows(catalog, munis, rng)
    summary["national_rows_full"] = len(rows)
    if len(rows) < ROWS_100K:
        raise SystemExit(f"national delivery has only {len(rows)} rows; need {ROWS_100K}")
    summary["national_100k_rows"] = write_csv(out / "national-100k.csv", catalog, rows[:ROWS_100K])
    if regions:
        (out / "regions").mkdir(exist_ok=True)
        start = 0
        n_files = n_rows = 0
        for region, count in enumerate(MUNIS_PER_REGION, start=1):
            region_munis = munis[start:start + count]
            start += count
            for year in YEARS:
                n_rows += write_csv(out / "regions" / f"VR{region:02d}-{year}.csv", catalog,
                                    delivery_rows(catalog, region_munis, rng))
                n_files += 1
        summary.update(region_files=n_files, region_rows=n_rows)
    return summary


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("var/bench/intake")
    target.mkdir(parents=True, exist_ok=True)
    print(generate(target))
