"""Per-stratum estimates with structural zeros, and the sensitivity table."""

from pathlib import Path

import numpy as np
import pytest

from zicht.engines.mse import CaptureData, MSEInputError, estimate
from zicht.engines.mse.sensitivity import sensitivity_table
from zicht.engines.mse.simulate import simulate_population
from zicht.engines.mse.strata import StratifiedCaptures, estimate_strata, stratified_structure

DATA_DIR = Path(__file__).parent / "data"
LISTS = ["Politie", "Zorg", "NLA", "Gemeente"]


def two_strata(seed=0, sexual=3000, labour=1500):
    rng = np.random.default_rng(seed)
    sex = simulate_population(sexual, [0.15, 0.2, 1e-12, 0.1], dependence={(0, 1): 2.0},
                              seed=rng, list_names=LISTS)
    lab = simulate_population(labour, [0.1, 0.08, 0.25, 0.1], dependence={(0, 1): 2.0},
                              seed=rng, list_names=LISTS)
    rows = [("seksueel", h, c) for h, c in sex.data.histories().items()]
    rows += [("arbeid", h, c) for h, c in lab.data.histories().items()]
    return StratifiedCaptures.from_rows(LISTS, rows, impossible={"seksueel": ["NLA"]})


def test_structural_zeros_leave_out_the_impossible_cells():
    structure, cells = stratified_structure(
        tuple(LISTS), ["seksueel", "arbeid"], {"seksueel": frozenset({"NLA"})}
    )
    assert len(cells) == (2**3 - 1) + (2**4 - 1)
    assert not any(s == "seksueel" and h[2] for s, h in cells)
    # per stratum: a dark-figure column and a main effect per possible list
    assert structure.base.shape[1] == 2 + 3 + 4
    assert structure.n_dark == 2


def test_strata_estimates_sum_and_pooled_side_by_side():
    result = estimate_strata(two_strata(seed=0))
    by_name = {s.stratum: s for s in result.strata}
    assert by_name["seksueel"].impossible_lists == ["NLA"]
    for stratum, truth in (("seksueel", 3000), ("arbeid", 1500)):
        lo, hi = by_name[stratum].ci
        assert lo < truth < hi
    assert result.sum_of_strata == pytest.approx(
        sum(s.estimate for s in result.strata), rel=1e-9
    )
    assert result.sum_ci[0] < result.sum_of_strata < result.sum_ci[1]
    assert result.pooled_estimate is not None
    assert "Politie:Zorg" in result.model
    assert result.to_dict()["strata"][0]["stratum"] == "seksueel"


def test_a_stratum_without_enough_overlap_gets_no_number():
    rows = [("seksueel", h, c) for h, c in two_strata(seed=1).stratum_data("seksueel")
            .histories().items()]
    rows += [("crimineel", (1, 0, 0, 0), 4), ("crimineel", (0, 1, 0, 0), 3),
             ("crimineel", (1, 1, 0, 0), 1)]
    result = estimate_strata(
        StratifiedCaptures.from_rows(LISTS, rows, impossible={"seksueel": ["NLA"]})
    )
    by_name = {s.stratum: s for s in result.strata}
    assert by_name["crimineel"].estimate is None and by_name["crimineel"].warnings
    assert by_name["seksueel"].estimate is not None
    assert any("te laag" in w for w in result.warnings)


def test_cases_on_an_impossible_list_are_an_input_error():
    with pytest.raises(MSEInputError, match="NLA"):
        StratifiedCaptures.from_rows(
            LISTS, [("seksueel", (0, 0, 1, 0), 2)], impossible={"seksueel": ["NLA"]}
        )


def test_estimate_carries_strata_when_asked():
    strata = two_strata(seed=2)
    result = estimate(strata.pooled(), strata=strata, profile=False)
    assert result.strata is not None
    assert "strata" in result.to_dict()


def test_sensitivity_table_merges_smallest_lists_and_leaves_each_out():
    data = CaptureData.from_csv(DATA_DIR / "UKdat_5.csv")
    rows = sensitivity_table(data)
    kinds = [r.kind for r in rows]
    assert kinds == ["all", "merge", "merge"] + ["leave_out"] * 5
    assert rows[1].lists == ["NG", "PFNCA", "GO", "LA+GP"]
    # leaving GP out of the 5-list UK table is exactly the published 4-list table
    without_gp = next(r for r in rows if r.label == "Zonder lijst GP")
    assert without_gp.estimate == pytest.approx(11015.244, rel=0.005)
    assert all(r.ci is None or r.ci[0] < r.estimate < r.ci[1] for r in rows)


def test_merging_pf_and_nca_reproduces_the_five_list_table():
    uk = CaptureData.from_csv(DATA_DIR / "UKdat.csv").merge_lists(["PF", "NCA"], "PFNCA")
    uk5 = CaptureData.from_csv(DATA_DIR / "UKdat_5.csv")
    assert uk.observed == uk5.observed
    assert estimate(uk, method="main", profile=False).estimate == pytest.approx(
        estimate(uk5, method="main", profile=False).estimate, rel=1e-9
    )


def test_bic_and_aic_search():
    data = CaptureData.from_csv(DATA_DIR / "UKdat_4.csv")
    bic = estimate(data, method="bic", profile=False)
    aic = estimate(data, method="aic", profile=False)
    assert bic.estimate is not None and aic.estimate is not None
    assert len(aic.model) >= len(bic.model)  # AIC penalises parameters less
    sparse = estimate(CaptureData.from_csv(DATA_DIR / "NewOrl.csv"), method="bic", profile=False)
    assert sparse.estimate is not None  # 8 lists: greedy search, no crash


def test_strata_from_linked_memberships():
    pairs = [(1, "Politie"), (1, "Zorg"), (2, "NLA"), (3, "Zorg")]
    strata = StratifiedCaptures.from_memberships(
        pairs, {1: "seksueel", 2: "arbeid", 3: "seksueel"}, lists=LISTS,
        impossible={"seksueel": ["NLA"]},
    )
    assert strata.strata == ("seksueel", "arbeid")
    assert strata.histories[("seksueel", (1, 1, 0, 0))] == 1
    assert strata.pooled().observed == 3
    with pytest.raises(MSEInputError, match="stratum ontbreekt"):
        StratifiedCaptures.from_memberships(pairs, {1: "seksueel"}, lists=LISTS)


def test_strata_bootstrap_reselects_the_joint_model_and_widens_intervals():
    data = two_strata(seed=0)
    result = estimate_strata(data, bootstrap=300, seed=4)
    assert result.ci_method == "bca_bootstrap"
    for row in result.strata:
        lo, hi = row.ci
        mlo, mhi = row.ci_model_conditional
        assert lo < row.estimate < hi
        assert hi - lo > 0.8 * (mhi - mlo)  # counts the model choice too: not narrower
    assert result.sum_ci[0] < result.sum_of_strata < result.sum_ci[1]
    again = estimate_strata(data, bootstrap=300, seed=4)
    assert again.sum_ci == result.sum_ci


@pytest.mark.parametrize("name", ["UKdat_5", "Western", "Artificial_3", "NewOrl_5", "Ned_5"])
@pytest.mark.parametrize("kind", ["bic", "aic"])
def test_batched_exhaustive_search_equals_one_by_one_fits(name, kind):
    from zicht.engines.mse.estimate import pooled_counts
    from zicht.engines.mse.selection import select_by_criterion

    data = CaptureData.from_csv(DATA_DIR / f"{name}.csv")
    structure, y = pooled_counts(data)
    fast = select_by_criterion(structure, y, kind, batched=True)
    slow = select_by_criterion(pooled_counts(data)[0], y, kind, batched=False)
    assert fast.model == slow.model
    assert fast.criterion == pytest.approx(slow.criterion, abs=1e-6)
    assert fast.dropped == slow.dropped
    assert sorted(fast.near_ties) == pytest.approx(sorted(slow.near_ties), rel=1e-6)
