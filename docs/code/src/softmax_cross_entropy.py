"""数值稳定的 softmax、log-softmax 与交叉熵(NumPy 手撕版)。

要点:
- softmax 对每行减去最大值再取 exp:结果不变(分子分母同乘 exp(-max)),
  但 exp 的参数都 <= 0,不会上溢成 inf,也保证分母 >= 1 不会下溢成 0。
- 交叉熵不要写成 ``-log(softmax(x)[y])``:softmax 可能下溢成 0,log(0) = -inf。
  用 log-sum-exp:``CE = logsumexp(x) - x[y]``。
- 对 logits 的梯度是 ``(softmax(x) - onehot(y)) / N``(mean 归约时)。

复杂度:N 个样本、C 个类别,时间 O(N·C),额外内存 O(N·C)(存 exp / 概率)。

分段:``core`` 是白板上要写的 softmax、log-softmax、交叉熵与梯度;``naive`` 是两个会溢出的反例。
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:core]
def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """沿 ``axis`` 做 softmax,先减最大值防止 exp 上溢。

    >>> p = softmax(np.array([[1000.0, 1000.0], [0.0, -1000.0]]))
    >>> np.round(p, 6).tolist()
    [[0.5, 0.5], [1.0, 0.0]]
    """
    shifted = x - np.max(x, axis=axis, keepdims=True)  # 每行最大值变为 0,其余 <= 0
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)  # 分母 >= 1,不会除以 0


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(x)) = x - logsumexp(x),不经过 softmax,避免 log(0)。

    >>> float(log_softmax(np.array([0.0, -1000.0]))[1])
    -1000.0
    """
    m = np.max(x, axis=axis, keepdims=True)
    lse = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))  # logsumexp
    return x - lse


def cross_entropy(
    logits: np.ndarray,
    targets: np.ndarray,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.ndarray | float:
    """多分类交叉熵,语义与 ``torch.nn.functional.cross_entropy`` 一致。

    logits: (N, C) 未归一化分数;targets: (N,) 整数类别。
    label_smoothing=ε 时目标分布为 (1-ε)·onehot + ε/C。

    >>> logits = np.array([[2.0, 0.0, -1.0], [0.0, 0.0, 0.0]])
    >>> round(float(cross_entropy(logits, np.array([0, 2]))), 6)
    0.634229
    >>> float(cross_entropy(np.array([[0.0, 1000.0]]), np.array([0])))  # 极端 logits 也不会 inf / nan
    1000.0
    """
    n, c = logits.shape
    logp = log_softmax(logits, axis=1)  # (N, C)
    nll = -logp[np.arange(n), targets]  # (N,) 取出真实类别的 -log p
    if label_smoothing > 0.0:
        uniform = -logp.mean(axis=1)  # (N,) 对均匀分布的交叉熵
        nll = (1.0 - label_smoothing) * nll + label_smoothing * uniform
    if reduction == "mean":
        return float(nll.mean())
    if reduction == "sum":
        return float(nll.sum())
    if reduction == "none":
        return nll
    raise ValueError(f"unknown reduction: {reduction!r}")


def cross_entropy_grad(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """mean 归约、无 label smoothing 时 loss 对 logits 的梯度,形状 (N, C)。

    >>> g = cross_entropy_grad(np.zeros((1, 4)), np.array([1]))
    >>> g.tolist()
    [[0.25, -0.75, 0.25, 0.25]]
    """
    n = logits.shape[0]
    grad = softmax(logits, axis=1)  # (N, C)
    grad[np.arange(n), targets] -= 1.0  # p - onehot
    return grad / n
# --8<-- [end:core]


# --8<-- [start:naive]
def naive_softmax(x: np.ndarray) -> np.ndarray:
    """反例:不减最大值。logits 很大时 exp 上溢为 inf,inf / inf = nan。

    >>> with np.errstate(over="ignore", invalid="ignore"):
    ...     naive_softmax(np.array([1000.0, 1000.0])).tolist()
    [nan, nan]
    """
    e = np.exp(x)
    return e / e.sum()


def naive_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> float:
    """反例:先 softmax 再 log。正确类别概率下溢成 0 时得到 inf。

    >>> with np.errstate(divide="ignore"):
    ...     naive_cross_entropy(np.array([[0.0, 1000.0]]), np.array([0]))
    inf
    """
    p = softmax(logits, axis=1)  # 已减最大值,但 p[0] = exp(-1000) 仍下溢为 0
    return float(-np.log(p[np.arange(len(targets)), targets]).mean())
# --8<-- [end:naive]
