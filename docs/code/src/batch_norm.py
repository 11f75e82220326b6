"""BatchNorm(训练 / 推理两种模式,running mean / var),NumPy 手撕版。

约定与 ``torch.nn.BatchNorm1d`` / ``BatchNorm2d`` 相同:

- 输入 (N, C) 或 (N, C, H, W);每个通道 C 一组统计量,在 N(以及 H、W)上求。
- 训练模式:用当前 batch 的均值和 **有偏** 方差归一化;同时更新
  ``running = (1 - momentum) * running + momentum * batch_stat``,
  其中 running_var 用的是 **无偏** 方差(除以 m - 1,m = N·H·W)。
- 推理模式:只用 running_mean / running_var,不看当前 batch,也不更新。

复杂度:时间 O(N·C·H·W);参数与 running 统计量 O(C);训练时反向需缓存 x_hat,O(N·C·H·W)。

分段:``core`` 是白板上要写的前向(训练 / 推理、running 统计量);``backward`` 手写反向是扩展。
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:core]
class BatchNorm:
    """BatchNorm,``x`` 的第 1 维是通道。

    >>> bn = BatchNorm(num_features=2, momentum=0.1)
    >>> x = np.array([[1.0, 10.0], [3.0, 30.0]])  # (N=2, C=2)
    >>> np.round(bn.forward(x), 4).tolist()  # 训练模式:每列被归一化为 ±1(eps 让它略小于 1)
    [[-1.0, -1.0], [1.0, 1.0]]
    >>> np.round(bn.running_mean, 4).tolist()  # 0.9 * 0 + 0.1 * [2, 20]
    [0.2, 2.0]
    >>> np.round(bn.running_var, 4).tolist()  # 0.9 * 1 + 0.1 * 无偏方差 [2, 200]
    [1.1, 20.9]
    >>> bn.training = False
    >>> np.round(bn.forward(np.array([[0.2, 2.0]])), 4).tolist()  # 推理:用 running 统计量
    [[0.0, 0.0]]
    """

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1) -> None:
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)  # 可学习缩放,(C,)
        self.beta = np.zeros(num_features)  # 可学习平移,(C,)
        self.running_mean = np.zeros(num_features)  # 不参与梯度,推理时使用
        self.running_var = np.ones(num_features)
        self.training = True
        self._cache: tuple[np.ndarray, np.ndarray, tuple[int, ...]] | None = None

    @staticmethod
    def _axes(x: np.ndarray) -> tuple[int, ...]:
        """除通道维(第 1 维)外的所有维:(N, C) -> (0,);(N, C, H, W) -> (0, 2, 3)。"""
        return (0,) + tuple(range(2, x.ndim))

    def _per_channel(self, v: np.ndarray, ndim: int) -> np.ndarray:
        """把 (C,) 变成可广播的形状:(1, C) 或 (1, C, 1, 1)。"""
        return v.reshape((1, -1) + (1,) * (ndim - 2))

    def forward(self, x: np.ndarray) -> np.ndarray:
        axes = self._axes(x)
        if self.training:
            m = x.size // x.shape[1]  # 每个通道参与统计的元素个数 N·H·W
            if m < 2:
                raise ValueError("BatchNorm needs more than 1 value per channel in training mode")
            mean = x.mean(axis=axes)  # (C,)
            var = ((x - self._per_channel(mean, x.ndim)) ** 2).mean(axis=axes)  # 有偏,用于归一化
            unbiased_var = var * m / (m - 1)  # 无偏,用于 running_var
            mom = self.momentum
            self.running_mean = (1.0 - mom) * self.running_mean + mom * mean
            self.running_var = (1.0 - mom) * self.running_var + mom * unbiased_var
        else:
            mean, var = self.running_mean, self.running_var
        inv_std = 1.0 / np.sqrt(var + self.eps)  # (C,)
        x_hat = (x - self._per_channel(mean, x.ndim)) * self._per_channel(inv_std, x.ndim)
        if self.training:
            self._cache = (x_hat, inv_std, axes)
        return self._per_channel(self.gamma, x.ndim) * x_hat + self._per_channel(self.beta, x.ndim)
# --8<-- [end:core]

    # --8<-- [start:backward]
    def backward(self, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """训练模式下的反向,返回 (dx, dgamma, dbeta)。

        与 LayerNorm 同一个公式,只是"求平均"的维度换成了 batch(和空间)维:
        dx = inv_std * (g - mean(g) - x_hat * mean(g * x_hat)),g = dy * gamma。
        """
        if self._cache is None:
            raise RuntimeError("call forward in training mode before backward")
        x_hat, inv_std, axes = self._cache
        nd = dy.ndim
        dgamma = (dy * x_hat).sum(axis=axes)  # (C,)
        dbeta = dy.sum(axis=axes)  # (C,)
        g = dy * self._per_channel(self.gamma, nd)
        g_mean = g.mean(axis=axes, keepdims=True)
        gx_mean = (g * x_hat).mean(axis=axes, keepdims=True)
        dx = self._per_channel(inv_std, nd) * (g - g_mean - x_hat * gx_mean)
        return dx, dgamma, dbeta
    # --8<-- [end:backward]
