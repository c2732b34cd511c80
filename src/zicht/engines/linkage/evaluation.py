"""Pairwise precision and recall of a clustering against known truth (synthetic data only)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PairwiseQuality:
    true_pairs: int
    found_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "true_pairs": self.true_pairs, "found_pairs": self.found_pairs,
                "correct_pairs": self.correct_pairs}  # fmt: skip


def _pairs(frame: pd.DataFrame, group_column: str, across_only: bool) -> set[tuple]:
    """All unordered record pairs that share a group (optionally only pairs from different lists)."""
    keyed = frame.assign(node=frame["list"].astype(str) + "\x1f" + frame["record_id"].astype(str))
    result: set[tuple] = set()
    for _, group in keyed.groupby(group_column):
        if len(group) < 2:
            continue
        members = sorted(zip(group["list"], group["node"], strict=True))
        for i, (list_a, node_a) in enumerate(members):
            for list_b, node_b in members[i + 1 :]:
                if across_only and list_a == list_b:
                    continue
                result.add((node_a, node_b) if node_a < node_b else (node_b, node_a))
    return result


def pairwise_quality(
    clusters: pd.DataFrame, truth: pd.DataFrame, across_only: bool = False
) -> PairwiseQuality:
    """Compare found clusters (list, record_id, person_id) with true ones (list, record_id, person_id)."""
    found = _pairs(clusters, "person_id", across_only)
    true = _pairs(truth, "person_id", across_only)
    return PairwiseQuality(len(true), len(found), len(found & true))


def quality_by_group(
    clusters: pd.DataFrame,
    truth: pd.DataFrame,
    group_of: dict[str, str],
    across_only: bool = False,
) -> dict[str, PairwiseQuality]:
    """Pairwise quality per group of true persons (for instance by origin).

    ``group_of`` maps a true person_id to its group. A true pair belongs to its person's
    group; a found pair to the group of each of its two records' true persons (to both when
    they differ: a false link between two origins is an error for each).
    """
    keyed = truth.assign(node=truth["list"].astype(str) + "\x1f" + truth["record_id"].astype(str))
    node_group = {node: group_of.get(person, "")
                  for node, person in zip(keyed["node"], keyed["person_id"], strict=True)}  # fmt: skip
    found = _pairs(clusters, "person_id", across_only)
    true = _pairs(truth, "person_id", across_only)
    groups = sorted(set(group_of.values()))
    counts = {g: [0, 0, 0] for g in groups}  # true, found, correct
    for a, _b in true:
        counts[node_group[a]][0] += 1
    for a, b in found:
        correct = (a, b) in true
        for g in {node_group.get(a, ""), node_group.get(b, "")} & set(counts):
            counts[g][1] += 1
            counts[g][2] += int(correct)
    return {g: PairwiseQuality(*c) for g, c in counts.items()}
