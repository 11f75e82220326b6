"""线性回归的 mini-batch SGD(含训练 / 验证划分与验证损失),NumPy 手撕版。

模型 y_hat = X @ w + b,损失 MSE = mean((y_hat - y)^2)。
对一个大小为 B 的 mini-batch,残差 r = X_b @ w + b - y_b,梯度
    dL/dw = 2 / B * X_b^T r,    dL/db = 2 / B * sum(r)

流程:打乱 -> 划分 train / val -> 每个 epoch 重新打乱 train、按 batch 更新 ->
epoch 末计算 train / val MSE -> 保留验证损失最低的参数(可选 early stopping)。

复杂度:n 个样本、d 个特征、E 个 epoch,时间 O(E·n·d);内存 O(n·d)(数据本身)+ O(d)(参数)。
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


# --8<-- [start:core]
def mse(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    """均方误差 mean((X @ w + b - y)^2)。"""
    r = X @ w + b - y  # (n,)
    return float(np.mean(r**2))


def sgd_epoch(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float, batch_size: int,
              order: np.ndarray) -> tuple[np.ndarray, float]:
    """按 order 的顺序切 mini-batch,每个 batch 更新一次,返回新的 (w, b)(不修改传入的 w)。"""
    w = w.copy()
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]  # 最后一个 batch 可能不足 batch_size
        Xb, yb = X[idx], y[idx]  # (B, d), (B,)
        r = Xb @ w + b - yb  # (B,) 残差
        grad_w = 2.0 / len(idx) * (Xb.T @ r)  # (d,)  除以实际 batch 大小,不是 batch_size
        grad_b = 2.0 / len(idx) * float(r.sum())
        w -= lr * grad_w
        b -= lr * grad_b
    return w, b


def fit_sgd_simple(X: np.ndarray, y: np.ndarray, lr: float = 0.05, batch_size: int = 32,
                   epochs: int = 100, seed: int = 0) -> tuple[np.ndarray, float]:
    """白板版训练循环: 零初始化,每个 epoch 重新打乱,返回最后的 (w, b)。"""
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        w, b = sgd_epoch(X, y, w, b, lr, batch_size, rng.permutation(len(X)))
    return w, b
# --8<-- [end:core]


# --8<-- [start:split]
def train_val_split(
    X: np.ndarray, y: np.ndarray, val_ratio: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """先随机打乱再切分,避免数据按时间或类别排序时验证集有偏。

    >>> X, y = np.arange(10.0).reshape(5, 2), np.arange(5.0)
    >>> Xtr, ytr, Xva, yva = train_val_split(X, y, 0.4, np.random.default_rng(0))
    >>> Xtr.shape, Xva.shape, sorted(np.concatenate([ytr, yva]).tolist())
    ((3, 2), (2, 2), [0.0, 1.0, 2.0, 3.0, 4.0])
    """
    n = len(X)
    n_val = int(round(n * val_ratio))
    perm = rng.permutation(n)  # 一次性打乱索引,X 和 y 用同一个排列
    val_idx, train_idx = perm[:n_val], perm[n_val:]
    return X[train_idx], y[train_idx], X[val_idx], y[val_idx]

# --8<-- [end:split]


@dataclass
class FitResult:
    w: np.ndarray  # (d,)
    b: float
    train_loss: list[float] = field(default_factory=list)  # 每个 epoch 末的训练 MSE
    val_loss: list[float] = field(default_factory=list)  # 每个 epoch 末的验证 MSE
    best_epoch: int = -1  # 验证损失最低的 epoch(从 0 开始)


# --8<-- [start:extras]
def fit_sgd(
    X: np.ndarray,
    y: np.ndarray,
    lr: float = 0.05,
    batch_size: int = 32,
    epochs: int = 100,
    val_ratio: float = 0.2,
    patience: int | None = None,
    restore_best: bool = True,
    seed: int = 0,
) -> FitResult:
    """mini-batch SGD 训练线性回归,返回参数和每个 epoch 的损失曲线。

    restore_best=True 时返回验证损失最低的那个 epoch 的参数,否则返回最后的参数;
    patience=k 时,验证损失连续 k 个 epoch 没有创新低就提前停止。

    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3))
    >>> y = X @ np.array([1.0, -2.0, 0.5]) + 3.0  # 无噪声,最优解就是真参数
    >>> res = fit_sgd(X, y, lr=0.1, batch_size=16, epochs=50)
    >>> np.round(res.w, 4).tolist(), round(res.b, 4)
    ([1.0, -2.0, 0.5], 3.0)
    """
    rng = np.random.default_rng(seed)
    X_tr, y_tr, X_val, y_val = train_val_split(X, y, val_ratio, rng)
    n, d = X_tr.shape
    w = np.zeros(d)
    b = 0.0
    result = FitResult(w=w.copy(), b=b)
    best_val = np.inf
    for epoch in range(epochs):
        w, b = sgd_epoch(X_tr, y_tr, w, b, lr, batch_size, rng.permutation(n))  # 每个 epoch 重新打乱
        result.train_loss.append(mse(X_tr, y_tr, w, b))
        val = mse(X_val, y_val, w, b)
        result.val_loss.append(val)
        if val < best_val:  # 保存最佳参数的副本(w 之后会被原地修改)
            best_val = val
            result.w, result.b, result.best_epoch = w.copy(), b, epoch
        elif patience is not None and epoch - result.best_epoch >= patience:
            break
    if not restore_best:
        result.w, result.b = w.copy(), b
    return result
# --8<-- [end:extras]


def least_squares(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """闭式解(带截距),用于对照:在 X 右侧拼一列 1 后用 lstsq 求解。"""
    A = np.hstack([X, np.ones((len(X), 1))])  # (n, d + 1)
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta[:-1], float(theta[-1])
