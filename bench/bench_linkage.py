"""Benchmark: encoding and linkage of two partner lists, against Splink on the clear fields.

Lists of 10,000 and 50,000 records with 3,000 shared persons and the generator's
realistic noise (see zicht.engines.linkage.synthetic.Noise), names drawn with the
frequencies of real populations (ADR 0402). Prints how many people have an exact
namesake (the hard cases), encoding time,
linkage time, pairwise precision / recall / F1 after one-to-one resolution for the
encoded linkage and, measured in the same run as the baseline, for Splink on the
plaintext fields. Targets (issue 4): F1 >= 0.93 encoded, linkage < 60 s, and at most
0.02 F1 below plaintext.

    .venv/bin/python bench/bench_linkage.py [--small]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import pandas as pd

from zicht.engines.linkage.encoding import encode_records
from zicht.engines.linkage.evaluation import pairwise_quality
from zicht.engines.linkage.matching import (
    DEFAULT_THRESHOLD,
    _cluster,
    link_lists,
    resolve_one_to_one,
    score_pairs,
)
from zicht.engines.linkage.normalise import given_names, surname_core
from zicht.engines.linkage.plaintext import score_plaintext_pairs
from zicht.engines.linkage.synthetic import Noise, make_overlapping_lists

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 + 10,000 records, 600 shared")
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    sizes, shared = ({"A": 2000, "B": 10000}, 600) if args.small else ({"A": 10000, "B": 50000}, 3000)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"noise per record: {Noise()}")
    start = time.perf_counter()
    truth = make_overlapping_lists(sizes, shared=shared, seed=args.seed)
    print(f"generated {sizes} with {shared} shared persons in {time.perf_counter() - start:.1f} s")

    print(f"people with an exact namesake (first given name and surname core): {_namesake_share(truth.people):.1%}")

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

    start = time.perf_counter()
    plain_pairs = score_plaintext_pairs(truth.lists)
    plain_seconds = time.perf_counter() - start

    print(f"\nencoded linkage (Splink 5 + DuckDB, threshold {DEFAULT_THRESHOLD}): "
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
    print(f"\nat the default threshold: encoded P {quality.precision:.3f} R {quality.recall:.3f} "
          f"F1 {quality.f1:.3f}; linkage {link_seconds:.1f} s (target < 60 s)")  # fmt: skip
    plain_default = _quality(truth.lists, resolve_one_to_one(plain_pairs, DEFAULT_THRESHOLD), truth.truth)
    print(f"plaintext Splink (same run, baseline): {plain_seconds:.1f} s, F1 {plain_default.f1:.3f} "
          f"at the default threshold, best F1 {best['plain']:.3f}")  # fmt: skip
    print(f"at the default threshold: encoded {quality.f1:.3f} vs plaintext {plain_default.f1:.3f} "
          f"(difference {quality.f1 - plain_default.f1:+.3f})")
    print(f"best F1 over thresholds: encoded {best['encoded']:.3f} vs plaintext {best['plain']:.3f} "
          f"(difference {best['encoded'] - best['plain']:+.3f}; target >= -0.02, and encoded >= 0.93)")


if __name__ == "__main__":
    main()
