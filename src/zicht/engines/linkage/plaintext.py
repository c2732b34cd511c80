"""Splink on the clear fields: the yardstick the encoded linkage is measured against.

Only for benchmarks and tests on synthetic data: the monitor never holds clear names.
To be a fair yardstick it is the best plaintext model we could make, not a straw man:
Jaro-Winkler levels per name field with term-frequency weights on exact names, swapped
names recognised, the same part-by-part birth-date levels, the same training (u by
random sampling, m by EM on the same blocks) and the same one-to-one resolution. The
difference then measures what the encoding costs, not a difference in method.
"""

from __future__ import annotations

import logging

import pandas as pd

from zicht.engines.linkage.matching import (
    _EM_SESSIONS,
    _START_M,
    _dob_comparison,
    _em_rule,
    _exact_comparison,
    _floor_m,
    _null,
    resolve_one_to_one,
)
from zicht.engines.linkage.normalise import (
    given_names,
    normalise_sex,
    parse_birth_date,
    phonetic_code,
    surname_core,
)

JARO_WINKLER_LEVELS = (0.95, 0.9, 0.85)
# The encoded model's EM blocks use encoded columns; here the same rules on clear columns.
_CLEAR_COLUMN = {"bk_dob": "dob", "clk_surname": "surname", "clk_given": "first_name"}


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for record in frame.to_dict("records"):
        given = given_names(record["first_name"])
        family = surname_core(record["surname_prefix"], record["last_name"])
        date = parse_birth_date(record["birth_date"])
        codes = sorted(phonetic_code(word[0]) for word in (given, family) if word)
        rows.append(
            {
                "record_id": str(record["record_id"]),
                "first_name": " ".join(given) or None,
                "given_first": given[0] if given else None,
                "surname": " ".join(family) or None,
                "dob": date.iso() or None,
                "dob_year": f"{date.year:04d}" if date.year else None,
                "dob_month": f"{date.month:02d}" if date.month else None,
                "dob_day": f"{date.day:02d}" if date.day else None,
                "birth_ym": f"{date.year}-{date.month}" if date.year and date.month else None,
                "gender": normalise_sex(record["sex"]) or None,
                "first_code": phonetic_code(given[0]) if given else None,
                "surname_code": phonetic_code(family[0]) if family else None,
                "name_codes": "|".join(codes) if len(codes) == 2 else None,
            }
        )
    return pd.DataFrame(rows)


def _jw(left: str, right: str) -> str:
    return f"jaro_winkler_similarity({left}_l, {right}_r)"


def _name_comparison(own: str, other: str, output: str, swapped_level: bool) -> dict:
    """As the encoded model's name comparison, with Jaro-Winkler instead of Dice."""
    swapped = (
        f"({own}_l IS NOT NULL AND {own}_r IS NOT NULL AND {other}_l IS NOT NULL "
        f"AND {other}_r IS NOT NULL AND {_jw(own, other)} + {_jw(other, own)} > "
        f"{_jw(own, own)} + {_jw(other, other)} + 0.1)"
    )
    aligned = f"(CASE WHEN {swapped} THEN {_jw(own, other)} ELSE {_jw(own, own)} END)"
    levels = [
        _null(f"{own}_l IS NULL OR {own}_r IS NULL"),
        {"sql_condition": f"{own}_l = {own}_r", "label_for_charts": "gelijk",
         "tf_adjustment_column": own, "tf_adjustment_weight": 1.0},
    ]  # fmt: skip
    if own == "first_name":
        levels.append({"sql_condition": "given_first_l = given_first_r",
                       "label_for_charts": "eerste voornaam gelijk",
                       "tf_adjustment_column": "given_first", "tf_adjustment_weight": 1.0})  # fmt: skip
    if swapped_level:
        levels.append({"sql_condition": f"{own}_l = {other}_r OR {other}_l = {own}_r",
                       "label_for_charts": "gelijk aan de voornaam van de ander"})  # fmt: skip
    for bound in JARO_WINKLER_LEVELS:
        levels.append({"sql_condition": f"{aligned} >= {bound}", "label_for_charts": f"JW >= {bound}"})
    levels.append({"sql_condition": "ELSE", "label_for_charts": "anders"})
    starts = _START_M[output]
    for level, m in zip(levels[1:], starts, strict=True):
        level["m_probability"] = m
    return {"output_column_name": output, "comparison_levels": levels}


def _clear_rule(rule: str) -> str:
    for encoded, clear in _CLEAR_COLUMN.items():
        rule = rule.replace(f"l.{encoded} ", f"l.{clear} ").replace(f"r.{encoded}", f"r.{clear}")
    return rule


def score_plaintext_pairs(lists: dict[str, pd.DataFrame], seed: int = 42) -> pd.DataFrame:
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db_api = DuckDBAPI()
    tables = [db_api.register(_prepare(frame), dataset_display_name=name,
                              table_name=f"plain_{index}")
              for index, (name, frame) in enumerate(lists.items())]  # fmt: skip
    settings = SettingsCreator(
        link_type="link_and_dedupe" if len(tables) > 1 else "dedupe_only",
        unique_id_column_name="record_id",
        comparisons=[
            _name_comparison("first_name", "surname", "given_name", swapped_level=False),
            _name_comparison("surname", "first_name", "surname", swapped_level=True),
            _dob_comparison(),
            _exact_comparison("gender"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("name_codes"),
            block_on("dob"),
            block_on("surname_code", "dob_year"),
            block_on("first_code", "birth_ym"),
            "l.first_code = r.surname_code AND l.surname_code = r.first_code",
        ],
        retain_matching_columns=False,
    )
    linker = Linker(tables if len(tables) > 1 else tables[0], settings, log_level=None)
    logging.getLogger("splink").setLevel(logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("dob", "name_codes")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    for rule, sit_out in _EM_SESSIONS:
        linker.training.estimate_parameters_using_expectation_maximisation(
            _em_rule(_clear_rule(rule), sit_out, across=len(tables) > 1)
        )
    _floor_m(linker)
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
