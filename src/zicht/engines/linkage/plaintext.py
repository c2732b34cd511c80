"""Splink on the clear fields: the yardstick the encoded linkage is measured against.

Only for benchmarks and tests on synthetic data: the monitor never holds clear names.
It uses the same normalisation, the same kind of training (u by random sampling, m by
EM) and the same one-to-one resolution, so the difference measures what the encoding
costs, not a difference in method.
"""

from __future__ import annotations

import logging

import pandas as pd

from zicht.engines.linkage.matching import resolve_one_to_one
from zicht.engines.linkage.normalise import (
    given_names,
    normalise_sex,
    parse_birth_date,
    phonetic_code,
    surname_core,
)


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for record in frame.to_dict("records"):
        given = given_names(record["first_name"])
        family = surname_core(record["surname_prefix"], record["last_name"])
        date = parse_birth_date(record["birth_date"])
        rows.append(
            {
                "record_id": str(record["record_id"]),
                "first_name": " ".join(given) or None,
                "surname": " ".join(family) or None,
                "dob": date.iso() or None,
                "birth_year": f"{date.year}" if date.year else None,
                "birth_ym": f"{date.year}-{date.month}" if date.year and date.month else None,
                "sex": normalise_sex(record["sex"]) or None,
                "first_code": phonetic_code(given[0]) if given else None,
                "surname_code": phonetic_code(family[0]) if family else None,
            }
        )
    return pd.DataFrame(rows)


def _dob_comparison() -> dict:
    return {
        "output_column_name": "dob",
        "comparison_levels": [
            {"sql_condition": "birth_year_l IS NULL OR birth_year_r IS NULL", "is_null_level": True},
            {"sql_condition": "dob_l = dob_r"},
            {"sql_condition": "birth_ym_l = birth_ym_r"},
            {"sql_condition": "birth_year_l = birth_year_r"},
            {"sql_condition": "ELSE"},
        ],
    }


def score_plaintext_pairs(lists: dict[str, pd.DataFrame], seed: int = 42) -> pd.DataFrame:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db_api = DuckDBAPI()
    tables = [db_api.register(_prepare(frame), dataset_display_name=name,
                              table_name=f"plain_{index}")
              for index, (name, frame) in enumerate(lists.items())]  # fmt: skip
    settings = SettingsCreator(
        link_type="link_and_dedupe" if len(tables) > 1 else "dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "surname"),
            _dob_comparison(),
            cl.ExactMatch("sex"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_code", "surname_code"),
            block_on("dob"),
            block_on("surname_code", "birth_year"),
            block_on("first_code", "birth_ym"),
            "l.first_code = r.surname_code AND l.surname_code = r.first_code",
        ],
        retain_matching_columns=False,
    )
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=None)
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("dob", "surname")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surname_code", "first_code")
    )
    pairs = linker.inference.predict().as_pandas_dataframe()
    if "source_dataset_l" not in pairs:
        only = next(iter(lists))
        pairs["source_dataset_l"] = only
        pairs["source_dataset_r"] = only
    pairs = pairs.rename(columns={"source_dataset_l": "list_l", "source_dataset_r": "list_r"})
    pairs["dice"] = 0.0  # no encoding: ties are broken by record number only
    return pairs[["list_l", "record_id_l", "list_r", "record_id_r", "match_probability",
                  "match_weight", "dice"]]  # fmt: skip


def link_plaintext(lists: dict[str, pd.DataFrame], threshold: float) -> pd.DataFrame:
    """Resolved pairs of the plaintext model (same one-to-one resolution as the encoded one)."""
    return resolve_one_to_one(score_plaintext_pairs(lists), threshold)
