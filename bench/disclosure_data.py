"""Synthetic publications for the disclosure benchmark (fixed seeds, no real data)."""

from __future__ import annotations

from itertools import combinations, product

import numpy as np

REGION = [
    ("Rotterdam", 650), ("Dordrecht", 120), ("Schiedam", 80), ("Vlaardingen", 75),
    ("Nissewaard", 85), ("Capelle aan den IJssel", 68), ("Hoeksche Waard", 89),
    ("Lansingerland", 65), ("Zwijndrecht", 45), ("Voorne aan Zee", 72),
    ("Goeree-Overflakkee", 52), ("Ridderkerk", 47), ("Barendrecht", 50), ("Gorinchem", 38),
    ("Krimpen aan den IJssel", 29), ("Papendrecht", 32), ("Molenlanden", 45),
    ("Albrandswaard", 26), ("Sliedrecht", 26), ("Maassluis", 33),
    ("Hendrik-Ido-Ambacht", 32), ("Alblasserdam", 20), ("Hardinxveld-Giessendam", 18),
]
FORMS = (("sexual", 0.55), ("labour", 0.2), ("criminal", 0.15), ("other", 0.1))
GENDERS = (("female", 0.7), ("male", 0.25), ("other_unknown", 0.05))
AGES = (("<18", 0.2), ("18-29", 0.4), ("30+", 0.4))
DIMENSIONS = ("municipality", "form", "gender", "age")


def _publication(municipalities, weights, persons, seed):
    rng = np.random.default_rng(seed)
    cats = [municipalities, [f for f, _ in FORMS], [g for g, _ in GENDERS], [a for a, _ in AGES]]
    probs = [np.asarray(weights, float) / np.sum(weights)] + [
        np.array([p for _, p in dim]) for dim in (FORMS, GENDERS, AGES)
    ]
    joint = probs[0]
    for p in probs[1:]:
        joint = np.multiply.outer(joint, p)
    counts = rng.multinomial(persons, joint.ravel()).reshape(joint.shape)
    rows = []
    for idx in product(*(range(len(c)) for c in cats)):
        rows.append({**{d: cats[i][j] for i, (d, j) in enumerate(zip(DIMENSIONS, idx))},
                     "count": int(counts[idx])})
    tables = [tuple(pair) for pair in combinations(DIMENSIONS, 2)]
    return rows, tables


def regional_year(persons: int = 600, seed: int = 2024):
    """Six linked 2-way tables over 23 municipalities, 4 forms, 3 genders, 3 age bands."""
    names = [m for m, _ in REGION]
    weights = [w for _, w in REGION]
    return _publication(names, weights, persons, seed)


def national_year(municipalities: int = 342, persons: int = 6000, seed: int = 2024):
    """The same six tables over every Dutch municipality (sizes Zipf-like)."""
    names = [f"GM{i:04d}" for i in range(municipalities)]
    weights = 1.0 / np.arange(1, municipalities + 1) ** 0.9
    return _publication(names, weights, persons, seed)
