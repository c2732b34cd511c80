"""National-scale deliveries for the report benchmark (synthetic, internally consistent).

The catalog is ``gen_national_delivery``'s (342 synthetic municipalities in 25 safety regions, and
the national partner ``landelijk`` with every indicator twice, each per municipality with all its
breakdowns) plus the real partners and indicators, which the report's sections read
(``police.complaints``, ``essm_care.clients``, ...). Of the real indicators, every regional count
that is a grand total (no dimensions) becomes deliverable per municipality, as in the real catalog;
municipal parts add up exactly to the national rows. Ten years (2014-2023), one delivery per partner
and year; ``landelijk``'s delivery of a year is the union of the generator's 25 region files of that
year (about 102,000 rows). Derived figures (``linkage``: Zicht computes them from case records) are
not delivered.

Options: ``--without-landelijk`` leaves the national partner out (the real indicators alone, about
4,600 rows a year). ``--form-only``: the police deliver complaints and informative interviews by form
only, not also by age group (before margins were protected one by one, both margins made the build
fail: "tables over several dimensions need a cross-table", issue 9). ``--breakdowns`` delivers the
real indicators per municipality with all their breakdowns too.

Every year repeats the same figures. Intake compares each cell with last year's and warns at a change
of more than a factor two; fresh random draws every year give about 5% such cells (1,126 in one
police delivery), and more than 1,000 problems, warnings included, refuse the whole file.

Writes into OUT (default ``var/bench/report-national``): ``catalog/`` and
``deliveries/YEAR/PARTNER.csv``. Usage:
``python bench/gen_national_report.py [OUT] [--without-landelijk] [--form-only] [--breakdowns]``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_national_delivery import PARTNER, YEARS, _indicator_rows, delivery_rows, write_csv  # noqa: E402
from gen_national_delivery import write_catalog as write_national_catalog  # noqa: E402
from zicht.catalog.definitions import DATA_DIR, load  # noqa: E402

REPORT_YEAR = YEARS[-1]
DERIVED_PARTNERS = {"linkage"}  # figures Zicht derives itself; no partner delivers them


def municipal(indicator: dict, breakdowns: bool) -> bool:
    """Counts that add up (not percentages, not top-3 lists, not national statistics) per municipality;
    without ``breakdowns`` only grand totals, as the real catalog has it (see the module docstring)."""
    return (indicator.get("scope", "regional") == "regional" and indicator["unit"] != "percent"
            and indicator.get("additive", True) and (breakdowns or not indicator.get("dimensions")))


def write_catalog(out: Path, breakdowns: bool = False) -> Path:
    """``gen_national_delivery``'s catalog with the real partners and indicators added."""
    target = write_national_catalog(out)
    national = yaml.safe_load((target / "partners.yaml").read_text(encoding="utf-8"))
    raw = yaml.safe_load((DATA_DIR / "partners.yaml").read_text(encoding="utf-8"))
    raw["version"] = "bench-national"
    raw["partners"] += national["partners"]
    for partner in raw["partners"][:-len(national["partners"])]:
        for indicator in partner.get("indicators", []):
            if municipal(indicator, breakdowns):
                indicator["municipality"] = "optional"
    (target / "partners.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    return target


def partner_rows(catalog, partner, municipalities: list[str], rng, both_margins: bool = True) -> list[tuple]:
    """One partner's delivery for one year: national rows first, then every municipality's rows.

    Without ``both_margins`` an indicator over several dimensions (police complaints by form and age
    group) is delivered by its first dimension only."""
    ordered = sorted(partner.indicators, key=lambda i: i.total_equals is not None)
    per_muni: list[tuple] = []
    national: dict[tuple, int] = {}
    for muni in municipalities:
        totals: dict = {}
        for ind in ordered:
            if ind.municipality == "none":
                continue
            for code, combo, m, value in _indicator_rows(ind, catalog, rng, totals, muni):
                per_muni.append((code, combo, m, value))
                national[(code, combo)] = national.get((code, combo), 0) + value
    rows = [(code, combo, None, v) for (code, combo), v in national.items()]
    totals = {code: v for (code, combo), v in national.items() if not any(combo)}  # for total_equals
    for ind in ordered:
        if ind.municipality == "none":
            rows += _indicator_rows(ind, catalog, rng, totals, None)
    rows += per_muni
    if both_margins:
        return rows
    return [r for r in rows if not any(r[1][1:])]


def write_delivery(path: Path, catalog, partner, rows: list[tuple]) -> int:
    from zicht.intake.schema import long_fields

    fields = long_fields(partner)
    dims = fields[1:-3]  # indicator, dimensions..., municipality, value, source
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(fields)
        for code, combo, muni, value in rows:
            dimvals = dict(zip(catalog.indicator(code).dimensions, combo))
            writer.writerow([code, *(dimvals.get(d, "") for d in dims), muni or "", value, "benchmark"])
    return len(rows)


def generate(out: Path, breakdowns: bool = False, national_partner: bool = True,
             both_margins: bool = True) -> dict:
    catalog = load(write_catalog(out, breakdowns))
    munis = sorted(catalog.municipalities)
    summary = {"municipalities": len(munis), "files": 0, "rows": 0}
    for year in YEARS:
        rng = np.random.default_rng(2026)  # the same figures every year: see the module's docstring
        folder = out / "deliveries" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for partner in (p for p in catalog.partners.values() if p.code not in DERIVED_PARTNERS | {PARTNER}):
            summary["rows"] += write_delivery(folder / f"{partner.code}.csv", catalog, partner,
                                              partner_rows(catalog, partner, munis, rng, both_margins))
            summary["files"] += 1
        if national_partner:  # the union of gen_national_delivery's 25 region files of this year
            summary["rows"] += write_csv(folder / f"{PARTNER}.csv", catalog, delivery_rows(catalog, munis, rng))
            summary["files"] += 1
    return summary


def delivery_files(out: Path) -> list[tuple[int, str, Path]]:
    """(year, partner, path) of every generated delivery, oldest year first."""
    return [(int(p.parent.name), p.stem, p) for p in sorted((out / "deliveries").glob("*/*.csv"))]


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    target = Path(args[0]) if args else Path("var/bench/report-national")
    target.mkdir(parents=True, exist_ok=True)
    print(generate(target, breakdowns="--breakdowns" in sys.argv,
                   national_partner="--without-landelijk" not in sys.argv, both_margins="--form-only" not in sys.argv))
