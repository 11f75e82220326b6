"""两层 MLP 的前向与反向传播(含数值梯度校验),NumPy 手撕版。

结构:x -(W1, b1)-> z1 -ReLU-> h -(W2, b2)-> logits -softmax + 交叉熵(mean)-> loss

约定与 ``torch.nn.Linear`` 相同:W 的形状是 (out_features, in_features),z = x @ W.T + b。

反向(B 为 batch 大小,p 为 softmax 概率,Y 为 onehot):
    d_logits = (p - Y) / B                     (B, C)
    dW2 = d_logits^T @ h,  db2 = sum(d_logits)  (C, H), (C,)
    dh  = d_logits @ W2                        (B, H)
    dz1 = dh * (z1 > 0)                        (B, H)   ReLU 的导数
    dW1 = dz1^T @ x,       db1 = sum(dz1)       (H, D), (H,)

复杂度:前向 / 反向都是 O(B·(D·H + H·C)) 时间;反向要缓存 x、z1、h、p,内存 O(B·(D + H + C))。
数值梯度:每个参数两次前向,O(P·B·(D·H + H·C)),P 为参数个数,只用于小网络校验。

分段:``core`` 是白板上要写的前向、反向和 SGD 一步;``extras`` 是初始化与数值梯度校验。
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Params = dict[str, np.ndarray]


# --8<-- [start:core]
def forward(params: Params, x: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """返回 (loss, cache)。x: (B, D),y: (B,) 整数类别。

    >>> rng = np.random.default_rng(0)
    >>> p = init_params(3, 5, 4, rng)
    >>> loss, _ = forward(p, rng.normal(size=(2, 3)), np.array([0, 3]))
    >>> loss > 0
    True
    """
    z1 = x @ params["W1"].T + params["b1"]  # (B, H)
    h = np.maximum(z1, 0.0)  # (B, H) ReLU
    logits = h @ params["W2"].T + params["b2"]  # (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # 数值稳定
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (B, C) log-softmax
    batch = x.shape[0]
    loss = float(-log_p[np.arange(batch), y].mean())
    cache = {"x": x, "y": y, "z1": z1, "h": h, "p": np.exp(log_p)}
    return loss, cache


def backward(params: Params, cache: dict[str, np.ndarray]) -> Params:
    """按链式法则从 loss 往回算,返回与 params 同名同形状的梯度。"""
    x, y, z1, h, p = (cache[k] for k in ("x", "y", "z1", "h", "p"))
    batch = x.shape[0]
    d_logits = p.copy()  # (B, C)
    d_logits[np.arange(batch), y] -= 1.0  # p - onehot
    d_logits /= batch  # mean 归约
    grads = {
        "W2": d_logits.T @ h,  # (C, H)
        "b2": d_logits.sum(axis=0),  # (C,)
    }
    dh = d_logits @ params["W2"]  # (B, H)
    dz1 = dh * (z1 > 0)  # (B, H) ReLU:z1 > 0 处导数为 1,否则为 0
    grads["W1"] = dz1.T @ x  # (H, D)
    grads["b1"] = dz1.sum(axis=0)  # (H,)
    return grads

def sgd_step(params: Params, grads: Params, lr: float) -> None:
    """原地更新:θ ← θ − lr · ∇θ。"""
    for name in params:
        params[name] -= lr * grads[name]
# --8<-- [end:core]


# --8<-- [start:extras]
def init_params(d_in: int, hidden: int, n_classes: int, rng: np.random.Generator) -> Params:
    """Kaiming(He)均匀初始化 W1(ReLU 前),Xavier 风格初始化 W2,偏置为 0。"""
    bound1 = np.sqrt(6.0 / d_in)
    bound2 = np.sqrt(6.0 / (hidden + n_classes))
    return {
        "W1": rng.uniform(-bound1, bound1, size=(hidden, d_in)),
        "b1": np.zeros(hidden),
        "W2": rng.uniform(-bound2, bound2, size=(n_classes, hidden)),
        "b2": np.zeros(n_classes),
    }


def numerical_grad(f: Callable[[], float], param: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """中心差分 (f(θ+ε) - f(θ-ε)) / 2ε,逐元素原地扰动 param 后恢复。误差 O(ε^2)。

    >>> w = np.array([1.0, -2.0])
    >>> np.round(numerical_grad(lambda: float((w**2).sum()), w), 6).tolist()
    [2.0, -4.0]
    """
    grad = np.zeros_like(param)
    for i in np.ndindex(param.shape):  # 逐个元素的下标元组 (0, 0), (0, 1), …
        old = param[i]
        param[i] = old + eps
        f_plus = f()
        param[i] = old - eps
        f_minus = f()
        param[i] = old  # 一定要恢复,否则后面的元素在错误的点上求导
        grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|, 1e-12),梯度校验常用的相对误差。"""
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def grad_check(params: Params, x: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> dict[str, float]:
    """每个参数的 解析梯度 vs 数值梯度 的最大相对误差(float64 下应在 1e-7 以下)。

    >>> rng = np.random.default_rng(0)
    >>> p = init_params(4, 6, 3, rng)
    >>> errs = grad_check(p, rng.normal(size=(5, 4)), np.array([0, 1, 2, 1, 0]))
    >>> all(e < 1e-6 for e in errs.values())
    True
    """
    _, cache = forward(params, x, y)
    analytic = backward(params, cache)
    return {
        name: relative_error(analytic[name], numerical_grad(lambda: forward(params, x, y)[0], params[name], eps))
        for name in params
    }
# --8<-- [end:extras]
