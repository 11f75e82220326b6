"""F33 Inverted dropout:训练时随机置零并放大,推理时原样通过。

mask 约定:``keep`` 是 bool 张量,``True`` = 保留这个元素(与 F09 / F11 / F12 的 bool mask 同向)。

训练:每个元素以概率 p 置零,保留下来的元素乘 1 / (1 - p),于是 E[y] = x;
推理:直接返回 x,不用任何缩放。这就是 "inverted":把缩放从推理挪到了训练。

复杂度:时间 O(numel),额外内存 O(numel)(mask;反向要用同一个 mask)。

>>> import torch
>>> x = torch.ones(2, 4)
>>> g = torch.Generator().manual_seed(0)
>>> dropout(x, p=0.5, training=True, generator=g)   # 保留的元素变成 1 / (1 - 0.5) = 2
tensor([[0., 2., 0., 0.],
        [0., 2., 0., 2.]])
>>> dropout(x, p=0.5, training=False)               # 推理:恒等
tensor([[1., 1., 1., 1.],
        [1., 1., 1., 1.]])
"""

from __future__ import annotations

import torch
from torch import Tensor, nn


# --8<-- [start:core]
def dropout(
    x: Tensor,                               # 任意形状 (...)
    p: float = 0.5,                          # 置零概率
    training: bool = True,
    generator: torch.Generator | None = None,
) -> Tensor:
    """Inverted dropout。返回与 x 同形状、同 dtype、同 device 的张量。"""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout 概率必须在 [0, 1] 内,收到 p={p}")
    if not training or p == 0.0:
        return x                             # 推理 / p=0:恒等,不乘任何系数
    if p == 1.0:
        return torch.zeros_like(x)           # 全部丢弃;不能走下面的 1 / (1 - p),会除以 0
    # 均匀分布 U[0, 1) 落在 [p, 1) 的概率正好是 1 - p
    u = torch.rand(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = u >= p                            # bool,True = 保留
    return x * keep.to(x.dtype) / (1.0 - p)  # 保留的元素放大,期望不变


class Dropout(nn.Module):
    """nn.Module 形式:训练 / 推理由 ``self.training`` 决定(model.train() / model.eval())。"""

    def __init__(self, p: float = 0.5) -> None:
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout 概率必须在 [0, 1] 内,收到 p={p}")
        self.p = p

    def forward(self, x: Tensor) -> Tensor:
        return dropout(x, self.p, self.training)
# --8<-- [end:core]


# --8<-- [start:extras]
def dropout_without_rescale(
    x: Tensor, p: float = 0.5, training: bool = True, generator: torch.Generator | None = None
) -> Tensor:
    """反例 / 原始论文写法:训练时只置零不放大。

    这样训练时 E[y] = (1 - p) x,推理时必须乘 (1 - p) 才能对齐;
    只改训练、忘了改推理,推理输出就系统性偏大 1 / (1 - p) 倍。
    """
    if not training:
        return x * (1.0 - p)                 # 原始写法把缩放放在推理阶段
    u = torch.rand(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    return x * (u >= p).to(x.dtype)


def dropout_with_mask(x: Tensor, p: float, generator: torch.Generator | None = None) -> tuple[Tensor, Tensor]:
    """训练模式下同时返回 mask,方便手写反向:dx = dy * keep / (1 - p)。要求 0 <= p < 1。"""
    u = torch.rand(x.shape, generator=generator, device=x.device, dtype=x.dtype)
    keep = u >= p
    return x * keep.to(x.dtype) / (1.0 - p), keep
# --8<-- [end:extras]
