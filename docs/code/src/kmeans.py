"""K-means(Lloyd 算法,含 k-means++ 初始化与空簇处理),NumPy 手撕版。

Lloyd 迭代:
1. E 步(assign):每个点分给最近的中心;
2. M 步(update):每个中心移到分给它的点的均值;
3. 标签不再变化(或中心移动量 <= tol)时停止。目标函数 inertia = sum ||x - c_label||^2 单调不增。

空簇:某个中心一个点都没分到时,均值无定义(0 / 0)。这里与 scikit-learn 的做法一致:
把它移到"离自己中心最远"的点上,并把这个点从原来的簇的和里减掉。

k-means++:第一个中心均匀随机;之后每个中心按 D(x)^2(到已选中心的最近距离平方)成比例抽样。

复杂度:n 个点、d 维、k 个簇,每次迭代 O(n·k·d) 时间;距离矩阵 O(n·k) 内存。
k-means++ 初始化 O(n·k·d)。
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


# --8<-- [start:core]
def kmeans_core(X: np.ndarray, centers: np.ndarray, max_iter: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """白板版 Lloyd 算法: 给定初始中心 (k, d),交替"分配 / 求均值",直到标签不再变化。

    空簇(没分到点的中心)保持原位;scikit-learn 式的空簇处理和 k-means++ 见下面的 kmeans。

    >>> X = np.array([[0.0, 0.0], [0.0, 2.0], [9.0, 0.0], [11.0, 0.0]])
    >>> c, labels = kmeans_core(X, np.array([[0.0, 0.0], [9.0, 0.0]]))
    >>> c.tolist(), labels.tolist()
    ([[0.0, 1.0], [10.0, 0.0]], [0, 0, 1, 1])
    """
    centers = centers.astype(float)  # 拷贝一份,不改调用者的数组
    labels = ((X[:, None, :] - centers[None]) ** 2).sum(-1).argmin(axis=1)  # (n,) 最近中心
    for _ in range(max_iter):
        for j in range(len(centers)):  # M 步: 每个中心移到自己簇的均值
            members = X[labels == j]
            if len(members) > 0:
                centers[j] = members.mean(axis=0)
        new_labels = ((X[:, None, :] - centers[None]) ** 2).sum(-1).argmin(axis=1)  # E 步,(n, k) -> (n,)
        if np.array_equal(new_labels, labels):  # 标签不变,中心也不会再变: 收敛
            break
        labels = new_labels
    return centers, labels
# --8<-- [end:core]


# --8<-- [start:init]
def kmeans_plus_plus(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ 初始化,返回 (k, d) 的初始中心(都是数据点)。

    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    >>> c = kmeans_plus_plus(X, 2, np.random.default_rng(0))
    >>> sorted(c[:, 0].tolist())  # 第二个中心几乎必然落在另一团
    [0.0, 10.0]
    """
    n = X.shape[0]
    centers = np.empty((k, X.shape[1]))
    centers[0] = X[rng.integers(n)]
    closest_sq = ((X - centers[0]) ** 2).sum(axis=1)  # (n,) 到已选中心的最近距离平方 D(x)^2
    for j in range(1, k):
        total = closest_sq.sum()
        if total == 0.0:  # 剩下的点都与已选中心重合:只能均匀地选
            idx = rng.integers(n)
        else:
            idx = rng.choice(n, p=closest_sq / total)  # P(x) ∝ D(x)^2,已选中的点概率为 0
        centers[j] = X[idx]
        closest_sq = np.minimum(closest_sq, ((X - centers[j]) ** 2).sum(axis=1))
    return centers
# --8<-- [end:init]


# --8<-- [start:lloyd]
def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """(n, k) 距离平方矩阵,用 ||x||^2 - 2 x·c + ||c||^2 展开,避免 (n, k, d) 的中间张量。"""
    x_sq = (X**2).sum(axis=1)[:, None]  # (n, 1)
    c_sq = (centers**2).sum(axis=1)[None, :]  # (1, k)
    d2 = x_sq - 2.0 * X @ centers.T + c_sq  # (n, k)
    return np.maximum(d2, 0.0)  # 展开式有舍入误差,可能出现极小的负数


def update_centers(X: np.ndarray, labels: np.ndarray, centers_old: np.ndarray) -> np.ndarray:
    """M 步:按簇求均值;空簇移到离自己中心最远的点(scikit-learn 的策略)。"""
    k, d = centers_old.shape
    sums = np.zeros((k, d))
    np.add.at(sums, labels, X)  # sums[labels[i]] += X[i];普通的花式索引 += 会丢掉重复下标
    counts = np.bincount(labels, minlength=k).astype(float)  # (k,)
    empty = np.flatnonzero(counts == 0)
    if empty.size > 0:
        dist_own = ((X - centers_old[labels]) ** 2).sum(axis=1)  # 每个点到自己中心的距离平方
        if dist_own.max() > 0.0:  # 点数不超过 k 个不同值时,没有可搬的点
            far = np.argsort(-dist_own, kind="stable")[: empty.size]  # 最远的若干个点
            for j, i in zip(empty, far):
                sums[labels[i]] -= X[i]  # 从原簇里拿走这个点
                counts[labels[i]] -= 1
                sums[j], counts[j] = X[i], 1.0
    centers = centers_old.copy()
    nonempty = counts > 0
    centers[nonempty] = sums[nonempty] / counts[nonempty, None]
    return centers


@dataclass
class KMeansResult:
    centers: np.ndarray  # (k, d)
    labels: np.ndarray  # (n,)
    inertia: float  # sum ||x - c_label||^2
    n_iter: int


def kmeans(
    X: np.ndarray,
    k: int,
    init: np.ndarray | None = None,
    max_iter: int = 300,
    tol: float = 0.0,
    seed: int = 0,
) -> KMeansResult:
    """Lloyd 算法。init=None 时用 k-means++;tol 是中心总位移平方的阈值。

    >>> X = np.array([[0.0, 0.0], [0.0, 2.0], [9.0, 0.0], [11.0, 0.0]])
    >>> res = kmeans(X, 2, init=np.array([[0.0, 0.0], [9.0, 0.0]]))
    >>> res.centers.tolist(), res.labels.tolist(), res.inertia
    ([[0.0, 1.0], [10.0, 0.0]], [0, 0, 1, 1], 4.0)
    """
    centers = kmeans_plus_plus(X, k, np.random.default_rng(seed)) if init is None else init.astype(float)
    labels = np.full(X.shape[0], -1)
    for it in range(1, max_iter + 1):
        new_labels = squared_distances(X, centers).argmin(axis=1)  # E 步,(n,)
        if np.array_equal(new_labels, labels):  # 标签不变:中心也不会再变,严格收敛
            break
        labels = new_labels
        new_centers = update_centers(X, labels, centers)  # M 步
        shift = float(((new_centers - centers) ** 2).sum())
        centers = new_centers
        if shift <= tol:
            labels = squared_distances(X, centers).argmin(axis=1)  # 让标签与最终中心一致
            break
    else:  # for...else: 循环跑满 max_iter、没有 break 时执行。最后一次 M 步移动了中心,按新中心重新分配标签
        labels = squared_distances(X, centers).argmin(axis=1)
    inertia = float(((X - centers[labels]) ** 2).sum())
    return KMeansResult(centers, labels, inertia, it)
# --8<-- [end:lloyd]
