"""The worked examples on the 搜广推 pages, recomputed independently and matched against the text.

Each test recomputes one example with a reference (scikit-learn, SciPy or plain arithmetic) and
checks that the page quotes the recomputed number, so an edit to either side fails here.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import rankdata
from sklearn.metrics import log_loss, ndcg_score, roc_auc_score

RECSYS = Path(__file__).resolve().parents[2] / "docs" / "kb" / "recsys"


def page(name: str) -> str:
    return (RECSYS / name).read_text(encoding="utf-8")


def pair_count_auc(labels: list[int], scores: list[float]) -> float:
    """AUC as the share of (positive, negative) pairs ranked correctly, ties counting one half."""
    pos = [s for y, s in zip(labels, scores) if y == 1]
    neg = [s for y, s in zip(labels, scores) if y == 0]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


AUC_LABELS = [1, 1, 1, 1, 0, 0, 0, 0, 0]
AUC_SCORES = [0.9, 0.7, 0.6, 0.4, 0.8, 0.6, 0.5, 0.3, 0.2]


def test_auc_example_pair_count_rank_sum_and_sklearn_agree() -> None:
    ranks = rankdata(AUC_SCORES)  # ascending, ties get the average rank
    n_pos, n_neg = 4, 5
    rank_sum = ranks[:4].sum()
    assert rank_sum == 24.5
    rank_sum_auc = (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
    assert pair_count_auc(AUC_LABELS, AUC_SCORES) == rank_sum_auc == 0.725
    assert roc_auc_score(AUC_LABELS, AUC_SCORES) == pytest.approx(0.725)
    text = page("metrics.md")
    assert "$3+5.5+7+9=24.5$" in text and "**0.725**" in text


def test_auc_example_ties_broken_by_order_give_the_quoted_wrong_values() -> None:
    tie_positive_first = (3 + 5 + 7 + 9 - 10) / 20
    tie_positive_second = (3 + 6 + 7 + 9 - 10) / 20
    assert (tie_positive_first, tie_positive_second) == (0.70, 0.75)
    assert "AUC 变成 0.70;排在第 6 则是 0.75" in page("metrics.md")


def test_auc_example_logloss_changes_when_scores_are_halved() -> None:
    halved = [s / 2 for s in AUC_SCORES]
    assert roc_auc_score(AUC_LABELS, halved) == pytest.approx(0.725)
    before, after = log_loss(AUC_LABELS, AUC_SCORES), log_loss(AUC_LABELS, halved)
    assert (round(before, 3), round(after, 3)) == (0.632, 0.676)
    assert "LogLoss 从 0.632 变成 0.676" in page("metrics.md")


GAUC_DATA = {  # user: (labels, model A scores, model B scores)
    "U1": ([1, 1, 0, 0], [0.9, 0.7, 0.8, 0.6], [0.30, 0.25, 0.20, 0.15]),
    "U2": ([1, 0, 0, 0, 0, 0], [0.35, 0.4, 0.3, 0.2, 0.1, 0.05], [0.45, 0.40, 0.35, 0.55, 0.30, 0.28]),
}


@pytest.mark.parametrize(("model", "global_auc", "gauc"), [(1, 0.810, 0.78), (2, 0.548, 0.88)])
def test_gauc_example_flips_the_global_auc_conclusion(model: int, global_auc: float, gauc: float) -> None:
    labels = [y for user in GAUC_DATA.values() for y in user[0]]
    scores = [s for user in GAUC_DATA.values() for s in user[model]]
    assert round(roc_auc_score(labels, scores), 3) == global_auc
    weighted = sum(len(u[0]) * roc_auc_score(u[0], u[model]) for u in GAUC_DATA.values()) / len(labels)
    assert round(weighted, 2) == gauc
    text = page("metrics.md")
    assert f"{global_auc:.3f}" in text and f"={gauc:.2f}$" in text


def test_ndcg_example_exponential_and_linear_gain() -> None:
    rel = [3, 2, 3, 0, 1, 2]

    def dcg(grades: list[int], k: int) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = sorted(rel, reverse=True)
    assert round(dcg(rel, 3) / dcg(ideal, 3), 3) == 0.959
    assert round(dcg(rel, 6) / dcg(ideal, 6), 3) == 0.949
    ranked = np.array([[6, 5, 4, 3, 2, 1]])
    assert round(ndcg_score(np.array([rel]), ranked, k=3), 3) == 0.978  # scikit-learn uses linear gain
    assert round(ndcg_score(np.array([rel]), ranked, k=6), 3) == 0.961
    text = page("metrics.md")
    for quoted in ("\\text{NDCG@3}=0.959", "\\text{NDCG@6}=0.949", "0.978、0.961"):
        assert quoted in text


def test_average_precision_example() -> None:
    hits = [1, 0, 1, 0, 1]
    precisions = [sum(hits[: i + 1]) / (i + 1) for i, h in enumerate(hits) if h]
    assert round(sum(precisions) / 4, 3) == 0.567
    assert "=0.567$" in page("metrics.md")


def test_logq_example_orders_the_popular_item_correctly_only_after_correction() -> None:
    p_a, p_b, q_a, q_b = 0.30, 0.10, 0.05, 0.0005
    uncorrected = math.log(p_a / q_a) - math.log(p_b / q_b)
    corrected = math.log(p_a) - math.log(p_b)
    assert (round(uncorrected, 3), round(corrected, 3)) == (-3.507, 1.099)
    assert round(corrected - uncorrected, 3) == round(math.log(q_a / q_b), 3) == 4.605
    text = page("retrieval.md")
    for quoted in ("$-3.507$", "$+1.099=\\log 3$", "\\log100=4.605", "=\\log 6=1.792", "=\\log200=5.298"):
        assert quoted in text


def test_fm_identity_example_matches_the_pairwise_sum() -> None:
    x = np.array([1.0, 1.0, 0.5])
    v = np.array([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.2]])
    pairwise = sum(v[i] @ v[j] * x[i] * x[j] for i, j in itertools.combinations(range(3), 2))
    linear = 0.5 * (((v * x[:, None]).sum(0) ** 2) - ((v**2) * (x[:, None] ** 2)).sum(0)).sum()
    assert pairwise == pytest.approx(-0.08) and linear == pytest.approx(-0.08)
    assert "\\frac12(-0.16)=-0.08" in page("ctr-models.md")


@pytest.mark.parametrize(("ids", "quoted"), [(10**6, "9.5\\%"), (5 * 10**7, "99.3\\%")])
def test_hash_collision_example(ids: int, quoted: str) -> None:
    buckets = 10**7
    exact = 1 - (1 - 1 / buckets) ** (ids - 1)
    assert f"{100 * exact:.1f}\\%" == quoted
    assert quoted in page("embedding.md")
