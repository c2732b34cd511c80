"""Linkage under namesake stress, cohort given names and unknown birth dates (issue 13, ADR 1316).

The generator's scenarios are checked for what they claim (many namesakes under stress, few in
the realistic population, about 15% unknown birth dates, given names that follow the decade),
the linker for surviving records without any birth date, and the stress scenario against its
documented floor.
"""

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from zicht.engines.linkage.encoding import encode_records
from zicht.engines.linkage.evaluation import pairwise_quality, quality_by_group
from zicht.engines.linkage.matching import link_lists
from zicht.engines.linkage.synthetic import (
    SCENARIOS,
    Noise,
    generate_people,
    make_overlapping_lists,
    noisy_copy,
)
from zicht.engines.linkage.synthetic_cohorts import cohort_names

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.bench_linkage import FLOORS, _namesake_share  # noqa: E402

SECRET = bytes(range(32))


def _encode(partner_lists):
    return {name: pd.DataFrame(list(encode_records(frame.to_dict("records"), SECRET)))
            for name, frame in partner_lists.lists.items()}  # fmt: skip


@pytest.fixture(scope="module")
def populations():
    return {name: generate_people(6000, seed=8, **options) for name, options in SCENARIOS.items()}


def test_stress_population_is_namesake_rich_and_the_realistic_one_is_not(populations):
    stress = _namesake_share(populations["namesake_stress"])
    realistic = _namesake_share(populations["realistic"])
    assert stress > 0.15  # 19% at 6,000 people; 36% at 20,000 (namesakes grow with size)
    assert realistic < 0.08
    assert stress > 4 * realistic


def test_about_fifteen_percent_of_birth_dates_are_unknown_mostly_foreign(populations):
    people = populations["realistic"]
    unknown = ~people["birth_date_known"]
    assert 0.12 < unknown.mean() < 0.18
    dutch = people["origin"] == "NL"
    assert unknown[dutch].mean() < unknown[~dutch].mean() / 3


def test_given_names_follow_the_birth_decade(populations):
    people = populations["realistic"]
    women = people[(people["origin"] == "NL") & (people["sex"] == "v")]
    year = women["birth_date"].str[:4].astype(int)
    old = women.loc[year < 1960, "first_name"].str.split().str[0]
    young = women.loc[year >= 2000, "first_name"].str.split().str[0]
    old_names = set(cohort_names("NL", "v", 1955))
    young_names = set(cohort_names("NL", "v", 2005))
    assert len(old) > 30 and len(young) > 100
    # a cohort name of the 1950s is common among women born then, rare among the young
    assert old.isin(old_names - young_names).mean() > 0.15
    assert young.isin(old_names - young_names).mean() < 0.05
    assert young.isin(young_names).mean() > young.isin(old_names).mean()


def test_scenarios_are_off_by_default():
    people = generate_people(300, seed=4)
    assert people["birth_date_known"].all()
    with pytest.raises(ValueError):
        generate_people(10, names="unknown")


def test_an_unknown_birth_date_is_registered_empty_as_a_year_or_as_first_january():
    person = {"first_name": "Blessing", "surname_prefix": "", "last_name": "Okafor",
              "birth_date": "1994-07-19", "sex": "v", "birth_date_known": False}  # fmt: skip
    rng = np.random.default_rng(1)
    seen = {"": 0, "year": 0, "first_january": 0}
    for style in ("iso", "dutch") * 200:
        birth = noisy_copy(person, Noise(), rng, style)["birth_date"]
        if birth == "":
            seen[""] += 1
        elif re.fullmatch(r"\d{4}", birth):
            seen["year"] += 1
            assert abs(int(birth) - 1994) <= 2
        else:
            assert re.fullmatch(r"\d{4}-01-01|01-01-\d{4}", birth), birth
            seen["first_january"] += 1
    assert all(count > 40 for count in seen.values()), seen


@pytest.mark.slow
def test_linkage_survives_a_list_without_any_birth_date():
    """A partner that registers no birth date at all: no crash, and names still block and link."""
    truth = make_overlapping_lists({"A": 400, "B": 900}, shared=150, seed=5, scenario="realistic")
    truth.lists["B"]["birth_date"] = ""
    result = link_lists(_encode(truth))
    quality = pairwise_quality(result.clusters, truth.truth, across_only=True)
    # without dates namesakes cannot be told apart, but most shared people still link
    assert quality.recall > 0.6
    assert quality.precision > 0.8
    assert sum(h["count"] for h in result.histories) == result.persons


def test_linkage_survives_lists_without_any_birth_date_at_all():
    """No list has a birth date: the prior comes from names alone, nothing crashes (a prior
    of 0 used to make Splink fail on a math domain error)."""
    truth = make_overlapping_lists({"A": 200, "B": 300}, shared=80, seed=6, scenario="realistic")
    for frame in truth.lists.values():
        frame["birth_date"] = ""
    result = link_lists(_encode(truth))
    quality = pairwise_quality(result.clusters, truth.truth, across_only=True)
    assert quality.recall > 0.5
    assert quality.precision > 0.7


def test_quality_by_group_counts_true_and_false_pairs_per_group():
    truth = pd.DataFrame({"list": ["A", "B", "A", "B", "A"], "record_id": ["1", "1", "2", "2", "3"],
                          "person_id": ["p", "p", "q", "q", "r"]})  # fmt: skip
    found = pd.DataFrame({"list": ["A", "B", "A", "B", "A"], "record_id": ["1", "1", "2", "2", "3"],
                          "person_id": ["x", "x", "y", "z", "z"]})  # fmt: skip
    by = quality_by_group(found, truth, {"p": "NL", "q": "PL", "r": "NL"}, across_only=True)
    assert (by["NL"].true_pairs, by["NL"].found_pairs, by["NL"].correct_pairs) == (1, 2, 1)
    assert (by["PL"].true_pairs, by["PL"].found_pairs, by["PL"].correct_pairs) == (1, 1, 0)
    assert by["PL"].recall == 0.0


@pytest.mark.slow
def test_namesake_stress_meets_its_floor():
    """The stress floor of ADR 1316 on a small population (the bench measures the larger one).

    Measured F1 0.888 (precision 0.921, recall 0.857): fewer people, fewer namesakes than the
    bench's 0.861; the floor 0.84 leaves room for EM's randomness, not for a linker that
    ignores the birth date or the name frequencies."""
    truth = make_overlapping_lists({"A": 1000, "B": 3000}, shared=300, seed=2,
                                   scenario="namesake_stress")
    result = link_lists(_encode(truth))
    quality = pairwise_quality(result.clusters, truth.truth, across_only=True)
    assert quality.f1 >= FLOORS["namesake_stress"], quality.as_dict()
