"""手撕 LoRA(Low-Rank Adaptation)线性层:冻结原权重 W,只训练低秩增量 ΔW = (alpha / r) · B A。

    h = x Wᵀ + b + (alpha / r) · x Aᵀ Bᵀ
    A: (r, in_features),随机初始化;B: (out_features, r),初始化为 0
    => 训练开始时 ΔW = 0,模型输出与原模型完全相同

推理前可以 merge:W ← W + (alpha / r) · B A,之后与普通 nn.Linear 一样快,没有额外延迟。

复杂度(输入 (n, in),输出 out):
    额外参数 r·(in + out),远小于 in·out;额外计算 O(n·r·(in + out));
    merge 一次 O(out·r·in)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> base = torch.nn.Linear(16, 8)
>>> lora = LoRALinear(base, r=2, alpha=4)
>>> x = torch.randn(3, 16)
>>> torch.equal(lora(x), base(x))          # B = 0:输出与原层完全相同
True
>>> [n for n, p in lora.named_parameters() if p.requires_grad]
['lora_A', 'lora_B']
>>> lora_parameter_count(16, 8, r=2)       # r·(in + out)
48
"""

from __future__ import annotations

import math

import torch
from torch import nn

__all__ = ["LoRALinear", "apply_lora", "lora_parameter_count", "count_trainable"]


# --8<-- [start:lora]
class LoRALinear(nn.Module):
    """包装一个已有的 nn.Linear:原权重冻结,旁路加上可训练的 B A。"""

    def __init__(self, base: nn.Linear, r: int, alpha: float = 1.0, dropout: float = 0.0) -> None:
        super().__init__()
        if r <= 0:
            raise ValueError(f"r 必须 ≥ 1,收到 {r}")
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)  # 冻结 W 和 b
        self.scaling = alpha / r  # 换 r 时不必重新调学习率的常用做法
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))  # (r, in)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))  # (out, r),零初始化
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))  # 与 nn.Linear 的默认初始化相同
        self.dropout = nn.Dropout(dropout)  # 只作用在 LoRA 支路的输入上
        self.merged = False

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # x: (..., in) -> (..., out)
        out = self.base(x)  # x Wᵀ + b
        if self.merged:
            return out  # ΔW 已经加进 W,不能再加一次
        # 先乘 A 再乘 B:中间只有 (..., r),比显式构造 (out, in) 的 B A 便宜
        delta = self.dropout(x) @ self.lora_A.T @ self.lora_B.T  # (..., r) -> (..., out)
        return out + self.scaling * delta

    def delta_weight(self) -> torch.Tensor:
        return self.scaling * (self.lora_B @ self.lora_A)  # (out, in),与 W 同形状

    @torch.no_grad()
    def merge(self) -> None:
        """W ← W + (alpha/r)·B A。merge 后前向与普通 Linear 相同,推理无额外开销。"""
        if not self.merged:
            self.base.weight += self.delta_weight()
            self.merged = True

    @torch.no_grad()
    def unmerge(self) -> None:
        """W ← W − (alpha/r)·B A,恢复原权重(浮点误差量级),以便继续训练或切换 adapter。"""
        if self.merged:
            self.base.weight -= self.delta_weight()
            self.merged = False
# --8<-- [end:lora]


# --8<-- [start:apply]
def apply_lora(
    model: nn.Module, target_names: set[str], r: int, alpha: float = 1.0, dropout: float = 0.0
) -> nn.Module:
    """把 model 中名字(最后一段)在 target_names 里的 nn.Linear 换成 LoRALinear,并冻结其余所有参数。"""
    for p in model.parameters():
        p.requires_grad_(False)
    # 先收集再替换,避免边遍历边修改模块树
    targets = [
        (name, module)
        for name, module in model.named_modules()
        if isinstance(module, nn.Linear) and name.split(".")[-1] in target_names
    ]
    for name, module in targets:
        parent_name, _, child_name = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        setattr(parent, child_name, LoRALinear(module, r=r, alpha=alpha, dropout=dropout))
    return model


def lora_parameter_count(in_features: int, out_features: int, r: int) -> int:
    return r * (in_features + out_features)  # A: r×in,B: out×r


def count_trainable(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
# --8<-- [end:apply]
