"""Benchmark: encoding and linkage of two partner lists, against Splink on the clear fields.

Lists of 10,000 and 50,000 records with 3,000 shared persons and the generator's
realistic noise (see zicht.engines.linkage.synthetic.Noise), for each scenario of
``zicht.engines.linkage.synthetic.SCENARIOS`` (ADR 1316):

- ``realistic``: names with the frequencies of real populations (ADR 0402), a quarter of
  given names following the birth decade, and about 15% of people whose birth date no partner
  knows (registered empty, as a year, or as 1 January of an estimated year);
- ``namesake_stress``: the same, with the short name lists of the first generator, where
  most people have an exact namesake;
- ``dated`` (only with ``--scenarios``): the realistic names as measured before issue 13,
  without cohort names or unknown birth dates.

Prints per scenario how many people have an exact namesake (the hard cases), encoding and
linkage time, pairwise precision / recall / F1 after one-to-one resolution for the encoded
linkage and, measured in the same run as the baseline, for Splink on the plaintext fields;
then the scenarios side by side, and the quality per origin. Targets (issue 4 and ADR 1316):
F1 >= 0.93 encoded on realistic data, >= 0.84 under namesake stress, linkage < 60 s, and at
most 0.02 F1 below plaintext.

    .venv/bin/python bench/bench_linkage.py [--small] [--scenarios realistic,namesake_stress]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import pandas as pd

from zicht.engines.linkage.encoding import encode_records
from zicht.engines.linkage.evaluation import pairwise_quality, quality_by_group
from zicht.engines.linkage.matching import (
    DEFAULT_THRESHOLD,
    _cluster,
    link_lists,
    resolve_one_to_one,
    score_pairs,
)
from zicht.engines.linkage.normalise import given_names, surname_core
from zicht.engines.linkage.plaintext import score_plaintext_pairs
from zicht.engines.linkage.synthetic import SCENARIOS, Noise, make_overlapping_lists

SECRET = bytes(range(32))


def _nodes(lists):
    return pd.concat([pd.DataFrame({"list": name, "record_id": frame["record_id"].astype(str)})
                      for name, frame in lists.items()], ignore_index=True)  # fmt: skip


def _namesake_share(people: pd.DataFrame) -> float:
    names = pd.Series([(given_names(g)[:1], tuple(surname_core(p, s))) for g, p, s in
                       zip(people["first_name"], people["surname_prefix"], people["last_name"], strict=True)])
    names = names.map(str)
    return float((names.map(names.value_counts()) > 1).mean())


def _quality(lists, resolved, truth):
    clusters = _cluster(_nodes(lists), resolved)
    return pairwise_quality(clusters, truth, across_only=True)


FLOORS = {"realistic": 0.93, "namesake_stress": 0.84, "dated": 0.93}  # ADR 1316
# origin groups of the per-origin table: the largest origins apart, the rest by region
ORIGIN_GROUPS = {
    "NL": "NL", "PL": "PL", "RO": "RO", "BG": "BG", "NG": "NG", "HU": "other EU", "UA": "UA/BR",
    "BR": "UA/BR", "MA": "MA/TR/SR", "TR": "MA/TR/SR", "SR": "MA/TR/SR", "ER": "ER",
    "VN": "VN/CN", "CN": "VN/CN",
}  # fmt: skip


def run_scenario(scenario: str, sizes: dict, shared: int, seed: int) -> dict:
    print(f"\n=== scenario {scenario} ===")
    start = time.perf_counter()
    truth = make_overlapping_lists(sizes, shared=shared, seed=seed,
                                   scenario=None if scenario == "dated" else scenario)
    people = truth.people
    print(f"generated {sizes} with {shared} shared persons in {time.perf_counter() - start:.1f} s")
    namesakes = _namesake_share(people)
    unknown = 1.0 - float(people["birth_date_known"].mean())
    print(f"people with an exact namesake (first given name and surname core): {namesakes:.1%}; "
          f"birth date unknown to every partner: {unknown:.1%}")

    start = time.perf_counter()
    encoded = {name: pd.DataFrame(list(encode_records(frame.to_dict("records"), SECRET)))
               for name, frame in truth.lists.items()}  # fmt: skip
    encode_seconds = time.perf_counter() - start
    records = sum(len(f) for f in encoded.values())
    print(f"encoding: {encode_seconds:.1f} s for {records} records "
          f"({1e6 * encode_seconds / records:.0f} µs per record)")  # fmt: skip

    start = time.perf_counter()
    result = link_lists(encoded)
    link_seconds = time.perf_counter() - start
    quality = pairwise_quality(result.clusters, truth.truth, across_only=True)
    groups = {pid: ORIGIN_GROUPS.get(origin, "other")
              for pid, origin in zip(people["person_id"], people["origin"], strict=True)}
    by_origin = quality_by_group(result.clusters, truth.truth, groups, across_only=True)
    shares = people["origin"].map(ORIGIN_GROUPS).value_counts(normalize=True).to_dict()

    start = time.perf_counter()
    plain_pairs = score_plaintext_pairs(truth.lists)
    plain_seconds = time.perf_counter() - start

    print(f"encoded linkage (Splink 5 + DuckDB, threshold {DEFAULT_THRESHOLD}): "
          f"{link_seconds:.1f} s, persons found {result.persons} "
          f"(true {truth.truth['person_id'].nunique()})")  # fmt: skip
    encoded_pairs = score_pairs(encoded)
    print(f"{'threshold':>10} {'enc P':>7} {'enc R':>7} {'enc F1':>7} | {'plain P':>7} {'plain R':>7} {'plain F1':>8}")
    best = {"encoded": 0.0, "plain": 0.0}
    for threshold in (0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999):
        enc = _quality(encoded, resolve_one_to_one(encoded_pairs, threshold), truth.truth)
        plain = _quality(truth.lists, resolve_one_to_one(plain_pairs, threshold), truth.truth)
        best["encoded"] = max(best["encoded"], enc.f1)
        best["plain"] = max(best["plain"], plain.f1)
        print(f"{threshold:>10} {enc.precision:7.3f} {enc.recall:7.3f} {enc.f1:7.3f} | "
              f"{plain.precision:7.3f} {plain.recall:7.3f} {plain.f1:8.3f}")  # fmt: skip
    plain_default = _quality(truth.lists, resolve_one_to_one(plain_pairs, DEFAULT_THRESHOLD), truth.truth)
    print(f"at the default threshold: encoded P {quality.precision:.3f} R {quality.recall:.3f} "
          f"F1 {quality.f1:.3f}; plaintext F1 {plain_default.f1:.3f} ({plain_seconds:.1f} s); "
          f"best F1 encoded {best['encoded']:.3f}, plaintext {best['plain']:.3f}")  # fmt: skip
    return {"quality": quality, "plain": plain_default, "best": best, "namesakes": namesakes,
            "unknown": unknown, "link_seconds": link_seconds, "by_origin": by_origin,
            "shares": shares}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 + 10,000 records, 600 shared")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help="comma-separated: realistic, namesake_stress, dated")
    args = parser.parse_args()
    sizes, shared = ({"A": 2000, "B": 10000}, 600) if args.small else ({"A": 10000, "B": 50000}, 3000)
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    unknown = [s for s in scenarios if s not in FLOORS]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"noise per record: {Noise()}")
    out = {name: run_scenario(name, sizes, shared, args.seed) for name in scenarios}

    print("\nside by side (encoded linkage, default threshold; pairs across the two lists)")
    print("| scenario | exact namesakes | birth date unknown | precision | recall | F1 | floor | "
          "plaintext F1 | linkage s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in out.items():
        q = r["quality"]
        verdict = "met" if q.f1 >= FLOORS[name] else "MISSED"
        print(f"| {name} | {r['namesakes']:.1%} | {r['unknown']:.1%} | {q.precision:.3f} | "
              f"{q.recall:.3f} | {q.f1:.3f} | >= {FLOORS[name]} ({verdict}) | "
              f"{r['plain'].f1:.3f} | {r['link_seconds']:.1f} |")
    print("\nby origin (encoded linkage, default threshold): precision / recall / F1 (share of people)")
    groups = sorted({g for r in out.values() for g in r["by_origin"]},
                    key=lambda g: -max(r["shares"].get(g, 0) for r in out.values()))
    print("| origin | " + " | ".join(out) + " |")
    print("|---|" + "---|" * len(out))
    for g in groups:
        cells = []
        for r in out.values():
            q = r["by_origin"].get(g)
            cells.append("-" if q is None or not q.true_pairs else
                         f"{q.precision:.3f} / {q.recall:.3f} / {q.f1:.3f} ({r['shares'].get(g, 0):.0%})")
        print(f"| {g} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
