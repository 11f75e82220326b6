"""AUC 的两种算法(秩和公式、按阈值扫描 ROC 曲线)与 GAUC,NumPy 手撕版。

AUC 的概率含义:随机抽一个正样本和一个负样本,正样本得分更高的概率;得分相同算 1/2。
- 秩和公式(Mann–Whitney U):把全部得分升序排名,并列的取平均名次,
  AUC = (R_pos − n_pos(n_pos + 1)/2) / (n_pos · n_neg),R_pos 为正样本名次之和。
- 阈值扫描:阈值从高到低,每遇到一个不同的得分就走一步 (FPR, TPR),梯形面积求和;
  同分样本在同一步里一起越过阈值,走的是斜线,梯形恰好给这些对记 1/2,与秩和公式一致。
- GAUC:按用户分组各算 AUC,再按用户的样本数(曝光数)加权平均;只有一类标签的用户 AUC 无定义,跳过。

复杂度:n 个样本,两种 AUC 都是 O(n log n)(排序);GAUC 是 O(n) 分组加每组排序,合计 O(n log n)。

分段:``core`` 是白板上要写的平均名次、秩和 AUC 与 GAUC;``extras`` 是输入检查和第二种算法(阈值扫描)。

>>> y = [1, 0, 1, 1, 0, 0]
>>> s = [0.9, 0.8, 0.7, 0.7, 0.7, 0.1]
>>> auc_rank_sum(y, s), auc_threshold_sweep(y, s)   # 9 对正负样本里赢 5 对、平 2 对:(5 + 2/2) / 9
(0.6666666666666666, 0.6666666666666666)
>>> gauc(["a", "a", "b", "b", "b", "c"], [1, 0, 1, 0, 0, 1], [0.2, 0.6, 0.9, 0.3, 0.1, 0.5])
0.6
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["average_ranks", "auc_rank_sum", "auc_threshold_sweep", "gauc"]


# --8<-- [start:core]
def average_ranks(values: np.ndarray) -> np.ndarray:
    """升序名次(从 1 开始),并列的取平均名次,等价于 scipy.stats.rankdata(method="average")。

    >>> average_ranks(np.array([0.5, 0.1, 0.5, 0.9]))
    array([2.5, 1. , 2.5, 4. ])
    """
    order = np.argsort(values, kind="mergesort")  # (n,) 升序下标
    sorted_values = values[order]
    ranks = np.empty(len(values), dtype=float)
    start = 0
    while start < len(values):  # 每次处理一段相等的值:名次 start+1 … end 的平均
        end = start
        while end + 1 < len(values) and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + 1 + end + 1) / 2
        start = end + 1
    return ranks


def auc_rank_sum(y_true: ArrayLike, y_score: ArrayLike) -> float:
    """秩和公式:AUC = (R_pos − n_pos(n_pos+1)/2) / (n_pos · n_neg)。"""
    y, s = _check_binary(y_true, y_score)  # 输入检查(一维等长、只有 0/1、两类都有)放在扩展部分
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    rank_sum_pos = average_ranks(s)[y == 1].sum()
    # 减去正样本彼此之间的“比较”:n_pos 个正样本全排在最前时名次和就是 n_pos(n_pos+1)/2
    return float((rank_sum_pos - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def gauc(
    user_ids: Sequence[Hashable],
    y_true: ArrayLike,
    y_score: ArrayLike,
    weights: ArrayLike | None = None,
) -> float:
    """按用户分组的加权平均 AUC。

    weights 是每个样本的权重,一个用户的权重为他的样本权重之和;默认每个样本 1,
    即按曝光数加权(也常按点击数加权,传 weights=y_true 即可)。
    只有正样本或只有负样本的用户跳过:他们的 AUC 无定义,也不进分母。
    """
    users = np.asarray(user_ids)
    y = np.asarray(y_true)
    s = np.asarray(y_score, dtype=float)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    groups: dict[Hashable, list[int]] = {}
    for index, user in enumerate(users.tolist()):  # 一遍 O(n) 分组,不要对每个用户扫一遍全表
        groups.setdefault(user, []).append(index)
    total, weight_sum = 0.0, 0.0
    for rows in groups.values():
        n_pos = int(y[rows].sum())
        if n_pos == 0 or n_pos == len(rows):
            continue
        user_weight = float(w[rows].sum())
        total += user_weight * auc_rank_sum(y[rows], s[rows])
        weight_sum += user_weight
    if weight_sum == 0.0:
        raise ValueError("没有同时有正负样本的用户,GAUC 无定义")
    return total / weight_sum
# --8<-- [end:core]


# --8<-- [start:extras]
def _check_binary(y_true: ArrayLike, y_score: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """把输入转成 (int 标签, float 得分);形状不对、标签不是 0/1、只有一类时报错。"""
    y = np.asarray(y_true)
    s = np.asarray(y_score, dtype=float)
    if y.shape != s.shape or y.ndim != 1:
        raise ValueError(f"y_true 与 y_score 应为同长的一维数组, got {y.shape} and {s.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true 只能是 0/1")
    n_pos = int(y.sum())
    if n_pos == 0 or n_pos == len(y):
        raise ValueError("只有一类标签时 AUC 无定义")
    return y.astype(int), s


def auc_threshold_sweep(y_true: ArrayLike, y_score: ArrayLike) -> float:
    """阈值从高到低扫描,累加 ROC 曲线下的梯形面积。"""
    y, s = _check_binary(y_true, y_score)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    order = np.argsort(-s, kind="mergesort")  # 得分降序
    s_sorted, y_sorted = s[order], y[order]
    area = 0.0
    tp = fp = 0  # 当前阈值之上的正、负样本数
    i = 0
    while i < len(s_sorted):
        j = i
        while j < len(s_sorted) and s_sorted[j] == s_sorted[i]:  # 同分的一起越过阈值
            j += 1
        new_tp = tp + int(y_sorted[i:j].sum())
        new_fp = fp + (j - i) - int(y_sorted[i:j].sum())
        # 梯形:宽 Δfp,高为前后 tp 的平均(先在计数上算,最后一次性归一化)
        area += (new_fp - fp) * (tp + new_tp) / 2
        tp, fp = new_tp, new_fp
        i = j
    return area / (n_pos * n_neg)
# --8<-- [end:extras]
