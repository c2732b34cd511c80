"""Synthetic victims and partner lists with known truth.

Real case records may never be used to tune or test linkage, so quality is measured
on generated people: a Dutch-heavy mix of names and nationalities, each partner
catching a person with a probability that depends on the form of exploitation (so the
overlaps follow a known population size, which the multiple-systems estimate can be
checked against), and each partner's copy carrying the errors real registrations have:
typos, dropped or moved surname particles, swapped names, wrong or partial birth dates,
and duplicates within one list. Names are drawn with the frequencies of real populations
(see `synthetic_names`), so namesakes are as common as they are in life.

Two benchmark scenarios (`SCENARIOS`, ADR 1316) add given names that follow the birth cohort
and birth dates that nobody knows (`synthetic_cohorts`): "realistic" with the names of
`synthetic_names`, and "namesake_stress" with the short name lists of the first generator
(`synthetic_stress`), where most people have a namesake. Without a scenario,
`generate_people` draws as before (the demo's records stay as they were).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zicht.engines.linkage.normalise import parse_birth_date
from zicht.engines.linkage.synthetic_cohorts import (
    cohort_given,
    registered_unknown_birth,
    unknown_birth_share,
)
from zicht.engines.linkage.synthetic_names import (
    DUTCH_PREFIX_SHARE,
    DUTCH_PREFIXES,
    GIVEN_NAMES,
    SURNAMES,
)


def _capitalised(name: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


def _surname(nat: str, rng: np.random.Generator) -> tuple[str, str]:
    """(prefix, surname) for a person of origin `nat`, drawn with real-population frequencies."""
    name = SURNAMES[nat].draw(rng)
    if "|" in name:  # a common Dutch surname, stored as "prefix|surname"
        prefix, last = name.split("|")
        return prefix, last
    if nat == "NL" and rng.random() < DUTCH_PREFIX_SHARE:
        return DUTCH_PREFIXES[int(rng.integers(len(DUTCH_PREFIXES)))], _capitalised(name)
    return "", _capitalised(name)


def _given(nat: str, sex: str, rng: np.random.Generator) -> str:
    pool = GIVEN_NAMES[nat][sex]
    name = pool.draw(rng)
    if nat == "VN":  # Vietnamese middle names: Thi (women), Van/Duc/Minh (men)
        middle = "Thi" if sex == "v" else str(rng.choice(["Van", "Duc", "Minh", "Quoc"]))
        return f"{middle} {name}"
    if rng.random() < 0.2:
        second = pool.draw(rng)
        if second != name:
            name = f"{name} {second}"
    return name


# Share of each nationality among victims: Dutch-heavy, with the usual origin countries.
NATIONALITY_SHARES = {
    "NL": 0.52, "PL": 0.06, "RO": 0.07, "BG": 0.05, "HU": 0.03, "MA": 0.04, "TR": 0.03,
    "NG": 0.05, "SR": 0.03, "ER": 0.03, "VN": 0.03, "CN": 0.02, "UA": 0.02, "BR": 0.02,
}  # fmt: skip

FORM_SHARES = {"sexual": 0.55, "labour": 0.25, "criminal": 0.12, "other": 0.08}

# Probability that a partner registers a person, by form of exploitation (a known truth
# for checking the hidden-number estimate).
DEFAULT_CAPTURE = {
    "politie": {"sexual": 0.30, "labour": 0.10, "criminal": 0.20, "other": 0.10},
    "zorg": {"sexual": 0.35, "labour": 0.20, "criminal": 0.15, "other": 0.20},
    "arbeidsinspectie": {"sexual": 0.02, "labour": 0.30, "criminal": 0.05, "other": 0.05},
}

ISIC_BY_FORM = {
    "sexual": ["R", "S", "I"],
    "labour": ["A", "F", "C", "I", "H", "N", "T"],
    "criminal": ["G", "S"],
    "other": ["S", "T"],
}


@dataclass(frozen=True)
class Noise:
    """Per-record error probabilities of one partner's registration (defaults: realistic, documented in the bench)."""

    first_name_typo: float = 0.10
    last_name_typo: float = 0.10
    diacritics_dropped: float = 0.5
    prefix_dropped: float = 0.15
    prefix_moved: float = 0.20
    names_swapped: float = 0.05
    second_given_name_dropped: float = 0.5
    birth_date_wrong: float = 0.06
    birth_date_partial: float = 0.06
    birth_date_missing: float = 0.04
    sex_missing: float = 0.03


NO_NOISE = Noise(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)


@dataclass
class PartnerLists:
    """Partner exports (clear identifiers, as a partner holds them) and the truth behind them."""

    lists: dict[str, pd.DataFrame]
    truth: pd.DataFrame  # columns: list, record_id, person_id
    people: pd.DataFrame = field(repr=False)

    def persons_per_history(self) -> dict[tuple[str, ...], int]:
        """How many true persons appear in exactly each combination of lists."""
        sets = self.truth.groupby("person_id")["list"].agg(lambda s: tuple(sorted(set(s))))
        return {tuple(k): int(v) for k, v in sets.value_counts().items()}


def _zipf_choice(rng: np.random.Generator, items: list, size: int, exponent: float = 0.9):
    weights = 1.0 / np.arange(1, len(items) + 1) ** exponent
    return rng.choice(len(items), size=size, p=weights / weights.sum())


# Benchmark scenarios: keyword arguments of generate_people (ADR 1316)
SCENARIOS = {
    "realistic": {"names": "realistic", "cohort_names": True, "unknown_births": True},
    "namesake_stress": {"names": "namesake_stress", "cohort_names": True, "unknown_births": True},
}


def generate_people(
    n: int,
    seed: int = 0,
    reference_year: int = 2024,
    names: str = "realistic",
    cohort_names: bool = False,
    unknown_births: bool = False,
    municipalities: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """`n` distinct true persons with names, birth date, sex, nationality and form of exploitation.

    ``names``: "realistic" (name frequencies of real populations) or "namesake_stress" (the
    first generator's short lists). ``cohort_names``: a share of given names follows the birth
    decade. ``unknown_births``: a share of people (by origin) has a birth date no partner
    knows (column ``birth_date_known`` False; ``birth_date`` stays the truth).
    ``municipalities``: code -> weight (inhabitants, say) of where people live (column
    ``municipality``); drawn from a stream of its own, so names and dates stay as they were.
    """
    if names not in ("realistic", "namesake_stress"):
        raise ValueError(f"unknown name scenario {names!r}")
    if names == "namesake_stress":
        from zicht.engines.linkage.synthetic_stress import stress_given, stress_surname
    rng = np.random.default_rng(seed)
    nationalities = rng.choice(
        list(NATIONALITY_SHARES), size=n, p=np.array(list(NATIONALITY_SHARES.values())) /
        sum(NATIONALITY_SHARES.values()),
    )
    sexes = rng.choice(["v", "m"], size=n, p=[0.75, 0.25])
    ages = np.clip(rng.gamma(shape=4.0, scale=6.0, size=n) + 12, 13, 75).astype(int)
    day_offsets = rng.integers(0, 365, size=n)
    forms = rng.choice(list(FORM_SHARES), size=n, p=list(FORM_SHARES.values()))
    homes = _residences(n, seed, municipalities or DEFAULT_RESIDENCES)
    records = []
    for i in range(n):
        nat, sex = str(nationalities[i]), str(sexes[i])
        birth = dt.date(reference_year - int(ages[i]), 1, 1) + dt.timedelta(days=int(day_offsets[i]))
        if names == "namesake_stress":
            prefix, last = stress_surname(nat, rng)
        else:
            prefix, last = _surname(nat, rng)
        cohort = cohort_given(nat, sex, birth.year, rng) if cohort_names else None
        if cohort is not None:
            given = cohort
        elif names == "namesake_stress":
            given = stress_given(nat, sex, rng)
        else:
            given = _given(nat, sex, rng)
        known = not (unknown_births and rng.random() < unknown_birth_share(nat))
        second_nat = "NL" if nat in {"MA", "TR", "SR"} and rng.random() < 0.4 else ""
        records.append(
            {
                "person_id": f"P{i:07d}",
                "first_name": given,
                "surname_prefix": prefix,
                "last_name": last,
                "birth_date": birth.isoformat(),
                "sex": sex,
                "nationality": ";".join(x for x in (nat, second_nat) if x),
                "origin": nat,
                "birth_date_known": known,
                "form": str(forms[i]),
                "sector": str(rng.choice(ISIC_BY_FORM[str(forms[i])])),
                "municipality": homes[i],
            }
        )
    return pd.DataFrame.from_records(records)


_KEYBOARD_NEIGHBOURS = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "y": "tu", "z": "xs",
}  # fmt: skip
_SPELLING_VARIANTS = [("ij", "y"), ("y", "ij"), ("ss", "s"), ("s", "ss"), ("c", "k"), ("k", "c"),
                      ("ei", "ij"), ("dt", "d"), ("ou", "au"), ("ph", "f")]  # fmt: skip


def _typo(word: str, rng: np.random.Generator) -> str:
    """One realistic error: spelling variant, neighbour key, dropped, doubled or swapped letter."""
    if len(word) < 3:
        return word
    kind = rng.random()
    if kind < 0.2:
        for old, new in rng.permutation(np.array(_SPELLING_VARIANTS, dtype=object)):
            if old in word.lower():
                index = word.lower().index(old)
                return word[:index] + new + word[index + len(old) :]
    pos = int(rng.integers(1, len(word)))
    ch = word[pos].lower()
    if kind < 0.45 and ch in _KEYBOARD_NEIGHBOURS:
        options = _KEYBOARD_NEIGHBOURS[ch]
        return word[:pos] + options[int(rng.integers(len(options)))] + word[pos + 1 :]
    if kind < 0.65:
        return word[:pos] + word[pos + 1 :]
    if kind < 0.8:
        return word[:pos] + word[pos] + word[pos:]
    if pos < len(word) - 1:
        return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    return word[:pos]


def _strip_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _wrong_date(date: dt.date, rng: np.random.Generator) -> dt.date:
    kind = rng.integers(4)
    try:
        if kind == 0 and date.day <= 12:
            return date.replace(day=date.month, month=date.day)  # day and month swapped
        if kind == 1:
            return date.replace(year=date.year + int(rng.choice([-1, 1])))
        if kind == 2:
            return date.replace(month=int(rng.integers(1, 13)))
        return date.replace(day=int(rng.integers(1, 29)))
    except ValueError:
        return date.replace(day=min(date.day, 28))


def noisy_copy(person: Mapping, noise: Noise, rng: np.random.Generator, date_style: str) -> dict:
    """One partner's registration of a true person, with that partner's errors."""
    first, prefix, last = person["first_name"], person["surname_prefix"], person["last_name"]
    if " " in first and rng.random() < noise.second_given_name_dropped:
        first = first.split(" ")[0]
    if rng.random() < noise.diacritics_dropped:
        first, last = _strip_accents(first), _strip_accents(last)
    if rng.random() < noise.first_name_typo:
        first = _typo(first, rng)
    if rng.random() < noise.last_name_typo:
        last = _typo(last, rng)
    if prefix:
        draw = rng.random()
        if draw < noise.prefix_dropped:
            prefix = ""
        elif draw < noise.prefix_dropped + noise.prefix_moved:
            last = f"{prefix} {last}" if rng.random() < 0.8 else f"{last}, {prefix}"
            prefix = ""
    if rng.random() < noise.names_swapped:
        first, last = (f"{prefix} {last}".strip(), first)
        prefix = ""
    date = dt.date.fromisoformat(person["birth_date"])
    if not person.get("birth_date_known", True):
        # nobody knows it: empty, a year only, or 1 January of an estimated year
        sex = "" if rng.random() < noise.sex_missing else person["sex"]
        return {"first_name": first, "surname_prefix": prefix, "last_name": last,
                "birth_date": registered_unknown_birth(date.year, rng, date_style),
                "sex": sex}  # fmt: skip
    if rng.random() < noise.birth_date_wrong:
        date = _wrong_date(date, rng)
    draw = rng.random()
    if draw < noise.birth_date_missing:
        birth = ""
    elif draw < noise.birth_date_missing + noise.birth_date_partial:
        if rng.random() < 0.5:
            birth = f"{date.year:04d}"
        else:
            birth = f"{date.year:04d}-{date.month:02d}" if date_style == "iso" else f"{date.month:02d}-{date.year:04d}"
    else:
        birth = date.isoformat() if date_style == "iso" else date.strftime("%d-%m-%Y")
    sex = "" if rng.random() < noise.sex_missing else person["sex"]
    return {"first_name": first, "surname_prefix": prefix, "last_name": last,
            "birth_date": birth, "sex": sex}  # fmt: skip


DEFAULT_RESIDENCES = {"GM0599": 1.0, "GM0505": 1.0, "GM0613": 1.0, "GM0622": 1.0}
_UNKNOWN_RESIDENCE = ""


def _residences(n: int, seed: int, weights: Mapping[str, float]) -> list[str]:
    """Where each person lives, by weight, from a random stream apart from the names'."""
    codes = list(weights)
    total = float(sum(weights.values()))
    rng = np.random.default_rng([seed, 0x6D756E])
    return [str(c) for c in rng.choice(codes, size=n, p=[weights[c] / total for c in codes])]


_AGE_BANDS = [(11, "0-11"), (15, "12-15"), (17, "16-17"), (22, "18-22"), (29, "23-29"),
              (39, "30-39"), (49, "40-49"), (59, "50-59")]  # fmt: skip
_GENDER = {"v": "Feminine", "m": "Masculine"}


def _case_fields(
    person: Mapping, partner: str, year: int, rng: np.random.Generator, recorded_birth: str = ""
) -> dict:
    """The partner's case fields; the age band follows the birth year the partner registered
    (a wrong year can move it), or the person's real age when the partner has no year."""
    recorded_year = parse_birth_date(recorded_birth).year
    age = year - (recorded_year if recorded_year is not None else int(person["birth_date"][:4]))
    band = next((label for limit, label in _AGE_BANDS if age <= limit), "60+")
    return {
        "partner": partner,
        "year": year,
        "exploitation_forms": person["form"],
        "sector": person["sector"],
        "age_band": band,
        "minor": "true" if age < 18 else "false",
        "gender": _GENDER.get(person["sex"], "NonSpecifiedUnknown"),
        "nationality": person["nationality"],
        "residence_status": "dutch_citizen" if "NL" in person["nationality"] else str(
            rng.choice(["eu_citizen", "b8_permit", "undocumented", "asylum_seeker", "unknown"])),
        # One draw as before (the stream of every later field stays the same): a fifth of the
        # records lack the residence; the others carry where the person lives.
        "municipality_residence": _recorded_residence(person, str(rng.choice(["a", "b", "c", "d", _UNKNOWN_RESIDENCE]))),
        "municipality_exploitation": "",
        "reporter_type": str(rng.choice(["police", "care_provider", "self", "relative_or_surroundings"])),
        "means_of_control": str(rng.choice(["FalsePromises", "DebtBondage;TakesEarnings", "PsychologicalAbuse", ""])),
        "relation_to_exploiter": str(rng.choice(["IntimatePartner", "Acquainted", "Unacquainted", "Unknown"])),
        "victim_status": "presumed",
    }  # fmt: skip


def _recorded_residence(person: Mapping, draw: str) -> str:
    if draw == _UNKNOWN_RESIDENCE:
        return ""
    return str(person.get("municipality") or "")


def _build_list(
    name: str, people: pd.DataFrame, indices, noise: Noise, duplicate_rate: float,
    rng: np.random.Generator, year: int,
) -> tuple[pd.DataFrame, list[dict]]:
    date_style = "iso" if rng.random() < 0.5 else "dutch"
    rows, truth = [], []
    records = people.to_dict("records")
    for index in indices:
        person = records[int(index)]
        copies = 2 if rng.random() < duplicate_rate else 1
        for _ in range(copies):
            record_id = f"{name[:3].upper()}-{len(rows) + 1:06d}"
            registered = noisy_copy(person, noise, rng, date_style)
            row = {"record_id": record_id, **registered,
                   **_case_fields(person, name, year, rng, registered["birth_date"])}  # fmt: skip
            rows.append(row)
            truth.append({"list": name, "record_id": record_id, "person_id": person["person_id"]})
    order = rng.permutation(len(rows))
    frame = pd.DataFrame.from_records([rows[i] for i in order])
    return frame, truth


def make_partner_lists(
    people: pd.DataFrame,
    capture: Mapping[str, Mapping[str, float]] | None = None,
    noise: Noise | Mapping[str, Noise] = Noise(),
    duplicate_rate: float = 0.02,
    seed: int = 1,
    year: int = 2024,
) -> PartnerLists:
    """Each partner registers each person with its capture probability for the person's form.

    The truth (which records are which person) is returned beside the exports, so
    linkage quality and the hidden-number estimate can both be checked.
    """
    rng = np.random.default_rng(seed)
    capture = capture or DEFAULT_CAPTURE
    lists, truth = {}, []
    for name, by_form in capture.items():
        probabilities = people["form"].map(by_form).fillna(0.0).to_numpy()
        caught = np.flatnonzero(rng.random(len(people)) < probabilities)
        partner_noise = noise[name] if isinstance(noise, Mapping) else noise
        lists[name], list_truth = _build_list(name, people, caught, partner_noise,
                                              duplicate_rate, rng, year)  # fmt: skip
        truth.extend(list_truth)
    return PartnerLists(lists, pd.DataFrame.from_records(truth), people)


def make_overlapping_lists(
    sizes: Mapping[str, int],
    shared: int,
    noise: Noise = Noise(),
    duplicate_rate: float = 0.0,
    seed: int = 2,
    year: int = 2024,
    scenario: str | None = None,
) -> PartnerLists:
    """Lists of given sizes with `shared` persons present in every list (the benchmark set-up).

    ``scenario``: None (the generator's defaults) or a key of `SCENARIOS`.
    """
    rng = np.random.default_rng(seed)
    unique_total = sum(size - shared for size in sizes.values())
    options = SCENARIOS[scenario] if scenario else {}
    people = generate_people(shared + unique_total, seed=seed, **options)
    lists, truth = {}, []
    next_index = shared
    for name, size in sizes.items():
        own = np.arange(next_index, next_index + size - shared)
        next_index += size - shared
        indices = np.concatenate([np.arange(shared), own])
        lists[name], list_truth = _build_list(name, people, indices, noise, duplicate_rate, rng, year)
        truth.extend(list_truth)
    return PartnerLists(lists, pd.DataFrame.from_records(truth), people)
