"""F34 二分类逻辑回归:全量梯度下降(NumPy),目标函数与 scikit-learn 的 LogisticRegression 对齐。

目标(n 个样本,标签 y in {0, 1},偏置 b 不加正则):

    J(w, b) = (1/n) * sum_i [ log(1 + exp(z_i)) - y_i * z_i ] + (lam / 2) * ||w||^2,   z = X w + b

scikit-learn 最小化的是 C * sum_i loss_i + 0.5 * ||w||^2,两边同除以 C * n 得 lam = 1 / (C * n);
不加正则时 lam = 0(sklearn 里写 C=np.inf)。

梯度:dJ/dw = X^T (sigmoid(z) - y) / n + lam * w,dJ/db = mean(sigmoid(z) - y)。
J 是凸函数,步长 lr <= 1 / L(L = ||X||_2^2 / (4n) + lam,含偏置列)时梯度下降单调收敛。

复杂度:每次迭代时间 O(n d),内存 O(n d)(数据本身)+ O(n)。

>>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
>>> y = np.array([0, 1, 0, 1])
>>> w, b = fit_logistic_regression(X, y, lam=0.0, lr=1.0, max_iter=5000)
>>> round(float(w[0]), 4), round(float(b), 4)
(0.9082, -1.3623)
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:core]
def sigmoid(z: np.ndarray) -> np.ndarray:
    """数值稳定的 sigmoid:z 很负时 exp(-z) 会溢出,改用 exp(z) / (1 + exp(z))。"""
    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def logistic_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lam: float) -> float:
    """平均交叉熵 + L2。log(1 + e^z) 用 logaddexp(0, z) 计算,z 很大时不溢出。"""
    z = X @ w + b                                          # (n,)
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (w @ w))


def fit_logistic_regression(
    X: np.ndarray,            # (n, d) 特征
    y: np.ndarray,            # (n,) 取值 0 / 1
    lam: float = 0.0,         # L2 系数;对应 sklearn 的 1 / (C * n)
    lr: float = 1.0,
    max_iter: int = 10_000,
    tol: float = 1e-10,       # 梯度的无穷范数小于 tol 时停止
) -> tuple[np.ndarray, float]:
    """全量梯度下降,返回 (w (d,), b)。"""
    n, d = X.shape
    y = y.astype(float)
    w, b = np.zeros(d), 0.0
    for _ in range(max_iter):
        residual = sigmoid(X @ w + b) - y                  # (n,),预测概率 - 标签
        grad_w = X.T @ residual / n + lam * w              # (d,)
        grad_b = residual.mean()                           # 偏置不加正则
        if max(np.abs(grad_w).max(), abs(grad_b)) < tol:
            break
        w -= lr * grad_w
        b -= lr * grad_b
    return w, b


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return sigmoid(X @ w + b)                              # (n,) 属于正类的概率
# --8<-- [end:core]


# --8<-- [start:extras]
def lam_from_sklearn_c(C: float, n_samples: int) -> float:
    """sklearn 的 C 换成本模块的 lam;C = inf 表示不加正则。"""
    return 0.0 if np.isinf(C) else 1.0 / (C * n_samples)


def lipschitz_step(X: np.ndarray, lam: float) -> float:
    """安全步长 1 / L:sigmoid' <= 1/4,所以 Hessian <= [X, 1]^T [X, 1] / (4n) + lam I。"""
    n = X.shape[0]
    Xb = np.hstack([X, np.ones((n, 1))])
    return 1.0 / (np.linalg.norm(Xb, 2) ** 2 / (4.0 * n) + lam)


def sigmoid_naive(z: np.ndarray) -> np.ndarray:
    """反例:z = -1000 时 np.exp(1000) 溢出成 inf,NumPy 报 overflow 警告。"""
    return 1.0 / (1.0 + np.exp(-z))
# --8<-- [end:extras]
