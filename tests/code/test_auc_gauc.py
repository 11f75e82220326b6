"""AUC 两种算法与 GAUC 对照 sklearn.metrics.roc_auc_score 和 O(n_pos·n_neg) 的暴力数对。

含大量并列得分的输入;hypothesis 生成随机输入(得分取自很小的集合,保证有并列)。容差 1e-12。
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import rankdata
from sklearn.metrics import roc_auc_score

from auc_gauc import auc_rank_sum, auc_threshold_sweep, average_ranks, gauc


def _brute_force_auc(y, s):
    """正负样本两两比较:正样本得分高记 1,相等记 1/2。"""
    pos = [si for yi, si in zip(y, s) if yi == 1]
    neg = [si for yi, si in zip(y, s) if yi == 0]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def test_auc_small_example_with_ties_equals_hand_count():
    y = [1, 0, 1, 1, 0, 0]
    s = [0.9, 0.8, 0.7, 0.7, 0.7, 0.1]
    # 名次(升序,并列取平均):0.1→1, 三个 0.7→3, 0.8→5, 0.9→6;正样本名次和 6+3+3=12
    assert average_ranks(np.array(s)).tolist() == [6.0, 5.0, 3.0, 3.0, 3.0, 1.0]
    assert auc_rank_sum(y, s) == (12 - 3 * 4 / 2) / 9 == 6 / 9
    assert auc_threshold_sweep(y, s) == pytest.approx(6 / 9, abs=1e-15)
    assert roc_auc_score(y, s) == pytest.approx(6 / 9, abs=1e-15)


def test_auc_all_scores_equal_is_one_half():
    y = [1, 0, 0, 1, 0]
    s = [0.3] * 5
    assert auc_rank_sum(y, s) == 0.5
    assert auc_threshold_sweep(y, s) == 0.5


def test_auc_perfect_and_reversed_ranking():
    y = [0, 0, 1, 1]
    assert auc_rank_sum(y, [0.1, 0.2, 0.3, 0.4]) == 1.0
    assert auc_threshold_sweep(y, [0.4, 0.3, 0.2, 0.1]) == 0.0


def test_auc_is_invariant_to_monotone_transform():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=200)
    s = rng.normal(size=200)
    assert auc_rank_sum(y, s) == pytest.approx(auc_rank_sum(y, np.exp(3 * s)), abs=1e-15)


@pytest.mark.parametrize("seed", range(5))
def test_auc_matches_sklearn_on_rounded_scores(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=500)
    s = np.round(rng.random(500) + 0.3 * y, 1)  # 保留一位小数:大量并列
    ref = roc_auc_score(y, s)
    assert auc_rank_sum(y, s) == pytest.approx(ref, abs=1e-12)
    assert auc_threshold_sweep(y, s) == pytest.approx(ref, abs=1e-12)
    assert 0.6 < ref < 0.9  # 不是平凡的 0.5 或 1


@given(
    st.lists(st.tuples(st.integers(0, 1), st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.9, 1.0])), min_size=2, max_size=60)
)
def test_auc_both_ways_match_sklearn_and_brute_force_on_random_inputs(pairs):
    y = [p[0] for p in pairs]
    s = [p[1] for p in pairs]
    if len(set(y)) < 2:
        with pytest.raises(ValueError, match="只有一类标签"):
            auc_rank_sum(y, s)
        return
    expected = _brute_force_auc(y, s)
    assert roc_auc_score(y, s) == pytest.approx(expected, abs=1e-12)
    assert auc_rank_sum(y, s) == pytest.approx(expected, abs=1e-12)
    assert auc_threshold_sweep(y, s) == pytest.approx(expected, abs=1e-12)


@given(st.lists(st.sampled_from([0.0, 1.0, 2.0, 2.5, 7.0]), min_size=1, max_size=40))
def test_average_ranks_matches_scipy_rankdata(values):
    arr = np.array(values)
    np.testing.assert_array_equal(average_ranks(arr), rankdata(arr, method="average"))


def test_auc_rejects_bad_labels_and_shapes():
    with pytest.raises(ValueError, match=r"^y_true 只能是 0/1$"):
        auc_rank_sum([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"^y_true 与 y_score 应为同长的一维数组, got \(2,\) and \(1,\)$"):
        auc_threshold_sweep([0, 1], [0.1])
    # 形状相同但不是一维:也要拒绝(不能只比形状)
    with pytest.raises(ValueError, match=r"^y_true 与 y_score 应为同长的一维数组, got \(2, 2\) and \(2, 2\)$"):
        auc_rank_sum([[0, 1], [1, 0]], [[0.1, 0.2], [0.3, 0.4]])
    with pytest.raises(ValueError, match=r"^只有一类标签时 AUC 无定义$"):
        auc_threshold_sweep([1, 1], [0.1, 0.2])


def test_auc_accepts_boolean_hard_predictions():
    # 0/1 硬预测常以 bool 数组给出;得分要先转成浮点(bool 数组不能取负号排序)。
    # 正样本 True 赢两个负样本 False,正样本 False 与两个负样本打平:(2 + 2·1/2) / 4
    y = [1, 1, 0, 0]
    s = np.array([True, False, False, False])
    assert auc_threshold_sweep(y, s) == 0.75
    assert auc_rank_sum(y, s) == 0.75


def test_gauc_weights_users_by_impressions_and_skips_single_class_users():
    users = ["a", "a", "b", "b", "b", "c", "c"]
    y = [1, 0, 1, 0, 0, 1, 1]  # c 只有正样本:跳过
    s = [0.2, 0.6, 0.9, 0.3, 0.1, 0.5, 0.4]
    # a: AUC 0,2 条曝光;b: AUC 1,3 条曝光 → (0·2 + 1·3) / 5
    assert gauc(users, y, s) == 0.6
    # 按点击数加权:a 1 次、b 1 次 → 0.5
    assert gauc(users, y, s, weights=y) == 0.5


def test_gauc_can_reverse_the_conclusion_of_global_auc():
    # 模型 A 只学会“u1 整体点得多”,用户内部排序全反;模型 B 用户内部排序全对,但两人的分数尺度不同。
    users = ["u1"] * 4 + ["u2"] * 4
    y = [1, 1, 1, 0, 1, 0, 0, 0]
    model_a = [0.70, 0.71, 0.72, 0.78, 0.20, 0.21, 0.22, 0.23]
    model_b = [0.50, 0.49, 0.48, 0.30, 0.60, 0.55, 0.52, 0.51]
    assert roc_auc_score(y, model_a) == pytest.approx(9 / 16, abs=1e-15)  # 全局 AUC:A 更好
    assert roc_auc_score(y, model_b) == pytest.approx(7 / 16, abs=1e-15)
    assert gauc(users, y, model_a) == 0.0  # GAUC:B 更好
    assert gauc(users, y, model_b) == 1.0


def test_gauc_equals_manual_weighted_mean_of_sklearn_per_user():
    rng = np.random.default_rng(3)
    users = rng.integers(0, 30, size=600)
    y = rng.integers(0, 2, size=600)
    s = np.round(rng.random(600), 2)
    num = den = 0.0
    for u in np.unique(users):
        m = users == u
        if 0 < y[m].sum() < m.sum():
            num += m.sum() * roc_auc_score(y[m], s[m])
            den += m.sum()
    assert gauc(users, y, s) == pytest.approx(num / den, abs=1e-12)


def test_gauc_without_any_mixed_user_raises():
    with pytest.raises(ValueError, match=r"^没有同时有正负样本的用户,GAUC 无定义$"):
        gauc(["a", "b"], [1, 0], [0.3, 0.4])


def test_gauc_single_user_with_fractional_weights_is_that_users_auc():
    # 权重之和恰为 1 也是合法的分母;一个用户时 GAUC 就是他自己的 AUC
    assert gauc(["a", "a", "a"], [1, 0, 0], [0.9, 0.1, 0.95], weights=[0.5, 0.25, 0.25]) == 0.5


def test_gauc_skipping_a_single_class_user_does_not_stop_the_loop():
    # 第一个出现的用户只有负样本:跳过他之后还要继续算后面的用户
    users = ["z", "z", "a", "a", "b", "b"]
    y = [0, 0, 1, 0, 0, 1]
    s = [0.5, 0.4, 0.9, 0.1, 0.8, 0.2]
    # a: AUC 1,b: AUC 0,各 2 条曝光 → 0.5
    assert gauc(users, y, s) == 0.5
