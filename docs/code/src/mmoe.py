"""MMoE 层(Ma et al., KDD 2018):多个共享专家 + 每个任务一个 softmax 门控,PyTorch 手撕版。

任务 t 的输入 = Σ_e g_t(x)_e · expert_e(x),g_t(x) = softmax(W_t x) 是长度为 E 的权重,和为 1。
与 Shared-Bottom 的区别:各任务按自己的门控混合专家,冲突的任务可以用不同的专家,
相关的任务可以共享专家;只有一个专家时 MMoE 就退化成 Shared-Bottom。

复杂度:B 个样本、输入 D 维、E 个专家(每个输出 H 维)、T 个任务:
专家 O(B·E·D·H),门控 O(B·T·D·E),混合 O(B·T·E·H)。

分段:``core`` 是白板上要写的 MMoE 层;``model`` 给每个任务接一个塔,是扩展。

>>> torch.manual_seed(0) and None
>>> layer = MMoE(input_dim=8, expert_dim=4, num_experts=3, num_tasks=2)
>>> outputs, gates = layer(torch.randn(5, 8))
>>> outputs.shape, gates.shape
(torch.Size([2, 5, 4]), torch.Size([2, 5, 3]))
>>> torch.allclose(gates.sum(dim=-1), torch.ones(2, 5))
True
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["MMoE", "MMoEModel"]


# --8<-- [start:core]
class MMoE(nn.Module):
    def __init__(self, input_dim: int, expert_dim: int, num_experts: int, num_tasks: int) -> None:
        super().__init__()
        # 每个专家一个小 MLP;这里用一层 Linear + ReLU,面试里说清“专家可以是任意网络”即可
        self.experts = nn.ModuleList(
            nn.Sequential(nn.Linear(input_dim, expert_dim), nn.ReLU()) for _ in range(num_experts)
        )
        # 每个任务一个门控:x → E 个 logits(门控只有一层线性,输入是原始特征,不是专家输出)
        self.gates = nn.ModuleList(nn.Linear(input_dim, num_experts) for _ in range(num_tasks))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """x: (B, D) → (任务输出 (T, B, H), 门控权重 (T, B, E))。"""
        expert_out = torch.stack([expert(x) for expert in self.experts], dim=1)  # (B, E, H)
        gate_weights = torch.stack([torch.softmax(gate(x), dim=-1) for gate in self.gates])  # (T, B, E)
        # 对每个任务 t、样本 b:Σ_e g[t, b, e] · expert_out[b, e, :]
        task_inputs = torch.einsum("tbe,beh->tbh", gate_weights, expert_out)  # (T, B, H)
        return task_inputs, gate_weights
# --8<-- [end:core]


# --8<-- [start:model]
class MMoEModel(nn.Module):
    """MMoE 层 + 每个任务一个塔(tower),输出每个任务的 logit,例如 CTR 与完播率。"""

    def __init__(self, input_dim: int, expert_dim: int, num_experts: int, num_tasks: int, tower_hidden: int = 16) -> None:
        super().__init__()
        self.mmoe = MMoE(input_dim, expert_dim, num_experts, num_tasks)
        self.towers = nn.ModuleList(
            nn.Sequential(nn.Linear(expert_dim, tower_hidden), nn.ReLU(), nn.Linear(tower_hidden, 1))
            for _ in range(num_tasks)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (B, D) → logits (B, T)。"""
        task_inputs, _ = self.mmoe(x)
        return torch.cat([tower(task_inputs[t]) for t, tower in enumerate(self.towers)], dim=-1)
# --8<-- [end:model]
