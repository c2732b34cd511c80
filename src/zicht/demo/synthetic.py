"""Synthetic case records for the demo: a known population, partner lists with realistic errors,
encoded the way a partner would (the secret stays in the demo folder, never in the database)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from zicht.engines.linkage.encoding import encode_records, generate_secret
from zicht.engines.linkage.synthetic import generate_people, make_partner_lists

DEMO_POPULATION = 550  # the region's assumption (500-600 victims a year) as the synthetic truth
# Inhabitants per municipality (CBS, 1 January 2022, rounded to thousands; Voorne aan Zee as from
# 2023): where the synthetic people live, so a municipality's factsheet holds a plausible count, not
# the four municipalities the linkage engine's own tests use.
DEMO_RESIDENTS = {
    "GM0613": 26_000, "GM0489": 49_000, "GM0502": 67_000, "GM1924": 50_000, "GM0542": 29_000,
    "GM1621": 63_000, "GM0556": 34_000, "GM1930": 86_000, "GM0597": 47_000, "GM0599": 655_000,
    "GM0606": 80_000, "GM0622": 75_000, "GM1992": 72_000, "GM0501": 17_000, "GM0530": 40_000,
    "GM0614": 15_000, "GM0482": 20_000, "GM0505": 120_000, "GM0512": 38_000, "GM0523": 18_000,
    "GM0531": 32_000, "GM1963": 88_000, "GM1978": 44_000, "GM0590": 32_000, "GM0610": 26_000,
    "GM0642": 45_000,
}  # fmt: skip
DEMO_CAPTURE = {
    "police_tmm": {"sexual": 0.25, "labour": 0.06, "criminal": 0.12, "other": 0.10},
    "essm_care": {"sexual": 0.35, "labour": 0.15, "criminal": 0.10, "other": 0.20},
    "nla": {"sexual": 0.0, "labour": 0.30, "criminal": 0.03, "other": 0.05},
    "fier": {"sexual": 0.12, "labour": 0.0, "criminal": 0.08, "other": 0.04},
}


def demo_residences(year: int) -> dict[str, int]:
    """The municipalities of the region in ``year`` (the catalog's), weighted by inhabitants."""
    from zicht.catalog.definitions import get_catalog

    return {m.code: DEMO_RESIDENTS.get(m.code, 30_000) for m in get_catalog().municipalities_in(year)}


def synthetic_encoded_deliveries(
    year: int, secret_path: Path, seed: int = 2022, secret: bytes | None = None
) -> dict[str, bytes]:
    """Partner code -> encoded CSV, as each partner would produce with `zicht encode`.

    A new secret is made unless one is given (tests pass a fixed one to be reproducible)."""
    secret_path.parent.mkdir(parents=True, exist_ok=True)
    secret = secret or generate_secret()
    secret_path.write_bytes(secret.hex().encode())
    people = generate_people(DEMO_POPULATION, seed=seed, reference_year=year,
                             municipalities=demo_residences(year))
    lists = make_partner_lists(people, capture=DEMO_CAPTURE, seed=seed, year=year)
    out = {}
    for partner, frame in lists.lists.items():
        encoded = list(encode_records(frame.to_dict("records"), secret))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(encoded[0]))
        writer.writeheader()
        writer.writerows(encoded)
        out[partner] = buffer.getvalue().encode("utf-8")
    return out
