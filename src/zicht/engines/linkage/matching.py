"""Monitor-side linkage: which encoded records, across and within partner lists, are one person.

Splink 5 on DuckDB scores candidate pairs (found through the keyed blocking keys) field
by field: given name and surname by the Dice similarity of their keyed Bloom filters
(weighted by how common an exact name is), the birth date part by part on keyed hashes,
and gender. The model is trained without labels (u by random sampling, m by EM); the
record-level filter's Dice only breaks ties. See ADR 0401.
Pairs above the threshold are resolved one-to-one across each pair of lists (a person
appears once per list, except for duplicates found inside a list) and clustered into
persons with Splink's connected components.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from zicht.engines.linkage.encoding import (
    BLOCKING_KEY_COLUMNS,
    DATE_PART_COLUMNS,
    ENCODED_BITS,
    NAME_ENCODED_BITS,
)

DEFAULT_THRESHOLD = 0.5  # the model is roughly calibrated on generated data: link when more likely than not


def _dice(left: str, right: str, ones: int) -> str:
    """Dice similarity of two balanced filters (each has exactly `ones` bits set), in DuckDB."""
    return f"(bit_count({left}_l & {right}_r) / {float(ones)})"


_FIELD_ONES = NAME_ENCODED_BITS // 2
_G, _S = "clk_given", "clk_surname"
# Names swapped by one partner: the given name of one side resembles the surname of the other.
_SWAPPED = (
    f"({_dice(_G, _S, _FIELD_ONES)} + {_dice(_S, _G, _FIELD_ONES)} > "
    f"{_dice(_G, _G, _FIELD_ONES)} + {_dice(_S, _S, _FIELD_ONES)} + 0.1)"
)
_ALL_NAMES = f"{_G}_l IS NOT NULL AND {_G}_r IS NOT NULL AND {_S}_l IS NOT NULL AND {_S}_r IS NOT NULL"

# Dice of balanced filters is 1 - (differing filter bits) / (filter bits): unrelated short
# names still score about 0.8, so the levels sit between 0.85 and 1.
NAME_DICE_LEVELS = (0.92, 0.88, 0.85)

# Starting m values for EM (a prior, not labels): EM refines them, and a level that a
# small delivery never shows keeps its starting value.
_START_M = {
    "given_name": (0.65, 0.1, 0.1, 0.05, 0.04, 0.06),
    "surname": (0.75, 0.04, 0.12, 0.03, 0.02, 0.04),
    "dob": (0.78, 0.01, 0.04, 0.04, 0.01, 0.03, 0.03, 0.04, 0.02),
    "gender": (0.97, 0.03),
}

logger = logging.getLogger(__name__)


@dataclass
class LinkResult:
    """Distinct persons across the lists, with the capture histories the hidden-number estimate needs."""

    persons: int
    per_list: dict[str, int]
    histories: list[dict]
    clusters: pd.DataFrame  # columns: list, record_id, person_id
    threshold: float
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def to_dict(self) -> dict:
        return {
            "persons": self.persons,
            "per_list": dict(self.per_list),
            "histories": [dict(h) for h in self.histories],
            "threshold": self.threshold,
        }


def _with_start_m(comparison: dict) -> dict:
    starts = _START_M[comparison["output_column_name"]]
    for level, m in zip(comparison["comparison_levels"][1:], starts, strict=True):
        level["m_probability"] = m
    return comparison


def _null(condition: str) -> dict:
    return {"sql_condition": condition, "label_for_charts": "leeg", "is_null_level": True}


def _name_comparison(own: str, other: str, output: str, swapped_level: bool) -> dict:
    """One name field: exact (weighted by how common the name is), swapped, or similar.

    Two records that share a common name gain less than two that share a rare one
    (Splink's term-frequency adjustment on the encoded field): that is what keeps
    namesakes apart when a birth date is missing.
    """
    aligned = (
        f"(CASE WHEN {_ALL_NAMES} AND {_SWAPPED} THEN {_dice(own, other, _FIELD_ONES)} "
        f"ELSE {_dice(own, own, _FIELD_ONES)} END)"
    )
    levels = [
        _null(f"{own}_l IS NULL OR {own}_r IS NULL"),
        {"sql_condition": f"{own}_l = {own}_r", "label_for_charts": "gelijk",
         "tf_adjustment_column": own, "tf_adjustment_weight": 1.0},
    ]  # fmt: skip
    if own == _G:  # a second given name dropped or added by one partner
        levels.append({"sql_condition": "given_first_l = given_first_r",
                       "label_for_charts": "eerste voornaam gelijk",
                       "tf_adjustment_column": "given_first", "tf_adjustment_weight": 1.0})  # fmt: skip
    if swapped_level:  # in one of the two name comparisons only, or a swap would count twice
        levels.append({"sql_condition": f"{own}_l = {other}_r OR {other}_l = {own}_r",
                       "label_for_charts": "gelijk aan de voornaam van de ander"})  # fmt: skip
    for bound in NAME_DICE_LEVELS:
        levels.append({"sql_condition": f"{aligned} >= {bound}", "label_for_charts": f"Dice >= {bound}"})
    levels.append({"sql_condition": "ELSE", "label_for_charts": "anders"})
    return _with_start_m({"output_column_name": output, "comparison_levels": levels})


def _dob_comparison() -> dict:
    """Birth date part by part: a wrong or partial date is weaker evidence, not a veto."""
    y = "dob_year_l = dob_year_r"
    m = "dob_month_l = dob_month_r"
    d = "dob_day_l = dob_day_r"
    levels = [
        _null("dob_year_l IS NULL OR dob_year_r IS NULL"),
        {"sql_condition": f"{y} AND {m} AND {d}", "label_for_charts": "gelijk"},
        {"sql_condition": f"{y} AND dob_month_l = dob_day_r AND dob_day_l = dob_month_r",
         "label_for_charts": "dag en maand verwisseld"},
        {"sql_condition": f"{y} AND {m} AND (dob_day_l IS NULL OR dob_day_r IS NULL)",
         "label_for_charts": "jaar en maand gelijk, dag onbekend"},
        {"sql_condition": f"{y} AND (dob_month_l IS NULL OR dob_month_r IS NULL)",
         "label_for_charts": "jaar gelijk, maand onbekend"},
        {"sql_condition": f"{m} AND {d}", "label_for_charts": "dag en maand gelijk, jaar anders"},
        {"sql_condition": f"{y} AND {m}", "label_for_charts": "jaar en maand gelijk, dag anders"},
        {"sql_condition": f"{y} AND ({m} OR {d})", "label_for_charts": "jaar en maand of dag gelijk"},
        {"sql_condition": f"{y}", "label_for_charts": "alleen jaar gelijk"},
        {"sql_condition": "ELSE", "label_for_charts": "anders"},
    ]  # fmt: skip
    return _with_start_m({"output_column_name": "dob", "comparison_levels": levels})


def _exact_comparison(column: str) -> dict:
    return _with_start_m({
        "output_column_name": column,
        "comparison_levels": [
            _null(f"{column}_l IS NULL OR {column}_r IS NULL"),
            {"sql_condition": f"{column}_l = {column}_r", "label_for_charts": "gelijk"},
            {"sql_condition": "ELSE", "label_for_charts": "anders"},
        ],
    })  # fmt: skip


def _settings(link_type: str):
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="record_id",
        comparisons=[
            _name_comparison(_G, _S, "given_name", swapped_level=False),
            _name_comparison(_S, _G, "surname", swapped_level=True),
            _dob_comparison(),
            _exact_comparison("gender"),
        ],
        blocking_rules_to_generate_predictions=[block_on(col) for col in BLOCKING_KEY_COLUMNS],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


_FILTER_COLUMNS = {"clk": ENCODED_BITS, _G: NAME_ENCODED_BITS, _S: NAME_ENCODED_BITS}


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Only what linkage needs, with empty cells as NULL and the encodings as bit strings."""
    out = pd.DataFrame({"record_id": frame["record_id"].astype(str)})
    for column, bits in _FILTER_COLUMNS.items():
        values = frame[column].fillna("").astype(str)
        out[column] = [format(int(h, 16), f"0{bits}b") if h else None for h in values]
    for column in (*BLOCKING_KEY_COLUMNS, "given_first", *DATE_PART_COLUMNS, "gender"):
        values = frame[column] if column in frame else pd.Series([None] * len(frame))
        out[column] = [v if isinstance(v, str) and v else None for v in values]
    gender = out["gender"]
    out.loc[gender == "NonSpecifiedUnknown", "gender"] = None
    return out


# EM sessions: a blocking rule, and the comparisons that rule would bias, which Splink then
# leaves out of that session (it leaves out every comparison whose columns the rule names).
# Each session keeps at least two informative comparisons, or EM cannot tell persons
# from look-alikes.
# - Same complete birth date: persons and people who happen to share a birthday; the names
#   tell them apart, so EM learns the names and gender; the birth date sits out.
# - Same encoded surname: persons and people who share a surname; given name and birth
#   date tell them apart, so EM learns those two (and gender).
_EM_SESSIONS = (
    ("l.bk_dob = r.bk_dob", ("dob_year",)),
    ("l.clk_surname = r.clk_surname", ()),
)


def _em_rule(rule: str, sit_out: tuple[str, ...], across: bool) -> str:
    """The EM blocking rule: always-true clauses name the columns that sit out, and with
    several lists only pairs across lists are used. Pairs inside one large list are nearly
    all namesakes, and enough of them make EM take "same name" for "same person"."""
    clauses = [rule, *(f"(l.{c} IS NULL OR l.{c} IS NOT NULL)" for c in sit_out)]
    if across:
        clauses.append("l.source_dataset <> r.source_dataset")
    return " AND ".join(clauses)


def _train(linker, seed: int, across: bool = False) -> None:
    """Train without labels: u from random pairs, m by EM on blocks that each leave one comparison free."""
    from splink import block_on
    from splink.internals.exceptions import EMTrainingException

    # The prior from pairs that share the complete birth date and both name codes; where no
    # such pair exists (lists without birth dates, as for undocumented victims) from pairs that
    # share both encoded names, and failing that a small fixed prior: a prior of 0 would
    # make every match weight infinite.
    for rules in ([block_on("bk_dob", "bk_names")], [block_on("clk_given", "clk_surname")]):
        linker.training.estimate_probability_two_random_records_match(rules, recall=0.8)
        if 0.0 < linker._settings_obj._probability_two_random_records_match < 1.0:
            break
    else:
        linker._settings_obj._probability_two_random_records_match = 1e-4
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    # Small lists may leave a level unobserved, which Splink refuses, and a list without any
    # complete birth date (undocumented victims) leaves the birth-date session without pairs:
    # the starting values (see _START_M) then stand for that session.
    for rule, sit_out in _EM_SESSIONS:
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                _em_rule(rule, sit_out, across)
            )
        except (ValueError, ZeroDivisionError, EMTrainingException) as exc:
            logger.warning("EM op %s niet geschat (%s); startwaarden gebruikt.", rule, type(exc).__name__)


M_FLOOR = 0.005


def _floor_m(linker) -> None:
    """No level is impossible for one person: EM can drive an m to zero, which would turn
    a rare but real error (a typo plus a dropped second name) into a veto."""
    for comparison in linker._settings_obj.comparisons:
        levels = [level for level in comparison.comparison_levels if not level.is_null_level]
        floored = [max(level.m_probability or 0.0, M_FLOOR) for level in levels]
        total = sum(floored)
        for level, m in zip(levels, floored, strict=True):
            level.m_probability = m / total


def score_pairs(lists: dict[str, pd.DataFrame], seed: int = 42) -> pd.DataFrame:
    """Candidate pairs with Splink's match probability: list_l, record_id_l, list_r, record_id_r, match_probability."""
    from splink import DuckDBAPI, Linker

    con = duckdb.connect()
    db_api = DuckDBAPI(con)
    tables = []
    for index, (name, frame) in enumerate(lists.items()):
        prepared = _prepare(frame)
        view = f"zicht_in_{index}"
        con.register(f"{view}_pd", prepared)
        con.execute(
            f"CREATE TABLE {view} AS SELECT * REPLACE (clk::BIT AS clk, {_G}::BIT AS {_G}, "
            f"{_S}::BIT AS {_S}) "
            f"FROM {view}_pd"
        )
        con.unregister(f"{view}_pd")
        tables.append(db_api.register(view, dataset_display_name=name, table_name=f"zicht_list_{index}"))
    link_type = "dedupe_only" if len(tables) == 1 else "link_and_dedupe"
    linker = Linker(tables if len(tables) > 1 else tables[0], _settings(link_type), log_level=None)
    logging.getLogger("splink").setLevel(logging.ERROR)
    _train(linker, seed, across=len(tables) > 1)
    _floor_m(linker)
    predictions = linker.inference.predict()  # all candidates: one-to-one needs the rivals too
    columns = [column.unquote().name for column in predictions.columns]
    if "source_dataset_l" not in columns:  # one list: Splink's dedupe has no source column
        only = _sql_text(next(iter(lists)))
        source_l, source_r = f"'{only}'", f"'{only}'"
    else:
        source_l, source_r = "p.source_dataset_l", "p.source_dataset_r"
    union = " UNION ALL ".join(
        f"SELECT '{_sql_text(name)}' AS list, record_id, clk FROM zicht_in_{index}"
        for index, name in enumerate(lists)
    )
    pairs = con.execute(
        f"""
        WITH inputs AS ({union})
        SELECT {source_l} AS list_l, p.record_id_l, {source_r} AS list_r,
               p.record_id_r, p.match_probability, p.match_weight,
               2.0 * bit_count(l.clk & r.clk) / (bit_count(l.clk) + bit_count(r.clk)) AS dice
        FROM {predictions.physical_name} AS p
        JOIN inputs AS l ON l.list = {source_l} AND l.record_id = p.record_id_l
        JOIN inputs AS r ON r.list = {source_r} AND r.record_id = p.record_id_r
        """
    ).df()
    con.close()
    return pairs


def _sql_text(value: str) -> str:
    return value.replace("'", "''")


def _mutual_best(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs in which each record is the other's best candidate in that list."""
    # Ties in match weight are common (levels are coarse): the finer Dice similarity decides.
    ordered = pairs.sort_values(
        ["match_weight", "dice", "record_id_l", "record_id_r"], ascending=[False, False, True, True]
    )
    best_l = ordered.drop_duplicates(["list_l", "record_id_l", "list_r"])
    best_r = ordered.drop_duplicates(["list_r", "record_id_r", "list_l"])
    keys = ["list_l", "record_id_l", "list_r", "record_id_r"]
    return best_l.merge(best_r[keys], on=keys)


def within_list_threshold(threshold: float) -> float:
    """Duplicates inside one list need a hundred times smaller chance of error.

    Within one large list namesakes are many and a wrong duplicate link chains whole
    groups of people together, so the bar is higher than across lists.
    """
    return 1.0 - (1.0 - threshold) / 100.0


def resolve_one_to_one(pairs: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Keep mutual best matches across two lists, then those at or above the threshold.

    A person is in a list once, so a record links to at most one record of each other
    list: its best candidate, if it is also that candidate's best. The best is chosen
    among all candidates before thresholding, so a namesake cannot win only because
    the true partner fell just under the threshold. Duplicates inside one list are
    resolved the same way, at the stricter `within_list_threshold`.
    """
    same = pairs["list_l"] == pairs["list_r"]
    within = _mutual_best(pairs[same]) if same.any() else pairs[same]
    within = within[within["match_probability"] >= within_list_threshold(threshold)]
    across = _mutual_best(pairs[~same]) if (~same).any() else pairs[~same]
    across = across[across["match_probability"] >= threshold]
    return pd.concat([within, across], ignore_index=True)


def _cluster(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Splink's connected components over the resolved pairs; one person id per component."""
    from splink import DuckDBAPI
    from splink.clustering import cluster_pairwise_predictions_at_threshold

    node_ids = nodes["list"] + "\x1f" + nodes["record_id"]
    node_table = pd.DataFrame({"node_id": node_ids})
    edge_table = pd.DataFrame(
        {
            "node_id_l": edges["list_l"] + "\x1f" + edges["record_id_l"],
            "node_id_r": edges["list_r"] + "\x1f" + edges["record_id_r"],
        }
    )
    db_api = DuckDBAPI()
    clustered = cluster_pairwise_predictions_at_threshold(
        node_table, edge_table, db_api, node_id_column_name="node_id"
    ).as_pandas_dataframe()
    lookup = dict(zip(clustered["node_id"], clustered["cluster_id"], strict=True))
    components = node_ids.map(lookup)
    numbering = {cid: f"Z{n:06d}" for n, cid in enumerate(sorted(components.unique()), start=1)}
    return pd.DataFrame(
        {"list": nodes["list"], "record_id": nodes["record_id"],
         "person_id": components.map(numbering)}
    )  # fmt: skip


def summarise(clusters: pd.DataFrame, list_names: list[str], threshold: float, pairs=None) -> LinkResult:
    """Count persons, persons per list and persons per exact combination of lists."""
    per_list = {name: int(clusters.loc[clusters["list"] == name, "person_id"].nunique())
                for name in list_names}  # fmt: skip
    memberships = clusters.groupby("person_id")["list"].agg(lambda s: frozenset(s))
    counts = memberships.value_counts()
    histories = []
    for size in range(1, len(list_names) + 1):
        for combo in itertools.combinations(list_names, size):
            histories.append({"lists": list(combo), "count": int(counts.get(frozenset(combo), 0))})
    return LinkResult(
        persons=int(clusters["person_id"].nunique()),
        per_list=per_list,
        histories=histories,
        clusters=clusters,
        threshold=threshold,
        pairs=pairs if pairs is not None else pd.DataFrame(),
    )


def link_lists(lists: dict[str, pd.DataFrame], threshold: float | None = None) -> LinkResult:
    """Link any number of encoded partner lists (name -> encoded frame) into distinct persons."""
    threshold = DEFAULT_THRESHOLD if threshold is None else float(threshold)
    names = list(lists)
    nodes = pd.concat(
        [pd.DataFrame({"list": name, "record_id": frame["record_id"].astype(str)})
         for name, frame in lists.items()],
        ignore_index=True,
    )  # fmt: skip
    pairs = score_pairs(lists)
    resolved = resolve_one_to_one(pairs, threshold)
    clusters = _cluster(nodes, resolved)
    return summarise(clusters, names, threshold, pairs=resolved)
