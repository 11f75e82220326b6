"""LayerNorm 的前向与反向(NumPy 手撕版)。

LayerNorm 对每个样本(每个 token)在最后若干维(``normalized_shape``)上求均值和方差,
与 batch 大小无关,所以训练和推理行为完全相同,没有 running statistics。

    y = (x - mean) / sqrt(var + eps) * gamma + beta

- var 用有偏估计(除以 D,不是 D-1),与 ``torch.nn.LayerNorm`` 一致。
- var 从中心化后的值 ``x - mean`` 计算;E[x^2] - E[x]^2 在均值远大于标准差时会灾难性抵消。

复杂度:输入 (..., D),时间 O(numel),反向需要缓存 x_hat 与 1/std,内存 O(numel)。

分段:``core`` 是白板上要写的 NumPy 前向与 ``nn.Module`` 版本;``backward`` 手写反向、
``naive-var`` 矩估计反例是对照与扩展。
"""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor, nn


# --8<-- [start:core]
def layer_norm(
    x: np.ndarray,
    gamma: np.ndarray | None = None,
    beta: np.ndarray | None = None,
    eps: float = 1e-5,
    normalized_ndim: int = 1,
) -> np.ndarray:
    """对最后 ``normalized_ndim`` 维做 LayerNorm。

    x: (..., *normalized_shape);gamma / beta: normalized_shape(None 表示不做仿射)。

    >>> y = layer_norm(np.array([[1.0, 2.0, 3.0, 4.0]]))
    >>> np.round(y, 4).tolist()
    [[-1.3416, -0.4472, 0.4472, 1.3416]]
    """
    axes = tuple(range(x.ndim - normalized_ndim, x.ndim))  # 例如 (-1,) 或 (-2, -1)
    mean = x.mean(axis=axes, keepdims=True)  # (..., 1)
    centered = x - mean
    var = (centered**2).mean(axis=axes, keepdims=True)  # 有偏方差,从中心化值计算
    x_hat = centered / np.sqrt(var + eps)
    if gamma is not None:
        x_hat = x_hat * gamma  # 逐元素缩放:gamma 形状 = normalized_shape
    if beta is not None:
        x_hat = x_hat + beta
    return x_hat


class LayerNorm(nn.Module):
    """``nn.Module`` 版:公式同上,gamma / beta 注册为参数,反向交给 autograd。

    normalized_shape 是最后若干维的大小(int 或 tuple),与 ``torch.nn.LayerNorm`` 的参数名相同,
    所以 ``load_state_dict`` 可以直接加载它的权重(键都是 weight、bias)。
    """

    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5) -> None:
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        self.normalized_shape = shape
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(shape))  # gamma,初始为 1:一开始只做标准化
        self.bias = nn.Parameter(torch.zeros(shape))  # beta

    def forward(self, x: Tensor) -> Tensor:
        # x: (..., *normalized_shape);统计量的形状 (..., 1, ..., 1),保留维度以便广播
        dims = tuple(range(-len(self.normalized_shape), 0))
        mean = x.mean(dim=dims, keepdim=True)
        centered = x - mean
        var = centered.pow(2).mean(dim=dims, keepdim=True)  # 有偏方差,除以元素个数
        return centered * torch.rsqrt(var + self.eps) * self.weight + self.bias
# --8<-- [end:core]


# --8<-- [start:backward]
def layer_norm_backward(
    dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """最后一维 LayerNorm 的反向,返回 (dx, dgamma, dbeta)。

    记 D 为归一化维度,g = dy * gamma,则
    dx = (g - mean(g) - x_hat * mean(g * x_hat)) / std。

    >>> x = np.array([[1.0, 2.0, 4.0]])
    >>> dx, dg, db = layer_norm_backward(np.ones_like(x), x, np.ones(3))
    >>> bool(np.allclose(dx, 0.0))  # 对 sum(y) 求导:y 的和恒为 0,所以梯度为 0
    True
    """
    mean = x.mean(axis=-1, keepdims=True)
    centered = x - mean
    inv_std = 1.0 / np.sqrt((centered**2).mean(axis=-1, keepdims=True) + eps)  # (..., 1)
    x_hat = centered * inv_std
    g = dy * gamma  # (..., D)
    dx = inv_std * (
        g - g.mean(axis=-1, keepdims=True) - x_hat * (g * x_hat).mean(axis=-1, keepdims=True)
    )
    reduce_axes = tuple(range(x.ndim - 1))  # 除最后一维外全部求和
    dgamma = (dy * x_hat).sum(axis=reduce_axes)
    dbeta = dy.sum(axis=reduce_axes)
    return dx, dgamma, dbeta
# --8<-- [end:backward]


# --8<-- [start:naive-var]
def variance_by_moments(x: np.ndarray) -> np.ndarray:
    """反例:用 E[x^2] - E[x]^2 求方差。均值大、方差小时发生灾难性抵消。

    >>> x = np.array([10001.0, 10002.0, 10003.0, 10004.0], dtype=np.float32)
    >>> float(variance_by_moments(x)), float(((x - x.mean()) ** 2).mean())  # 方差竟然是负数
    (-8.0, 1.25)
    """
    return (x**2).mean(axis=-1) - x.mean(axis=-1) ** 2
# --8<-- [end:naive-var]
