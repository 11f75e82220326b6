"""F36 MoE 的 top-k 路由层:softmax 路由、top-k 选专家、专家容量(超出的丢弃)、负载均衡辅助损失。

负载均衡损失用 Switch Transformer(Fedus et al., 2021)式 (4)–(6) 的写法,推广到 top-k:

    aux = E * sum_i f_i * P_i
    f_i = (分给专家 i 的 (token, 槽位) 个数) / (S * k)     # 按容量丢弃之前的路由结果,不可导
    P_i = (1 / S) * sum_s softmax(router(x_s))_i          # 路由概率的平均,梯度经它回到 router

S 是 token 数,E 是专家数。完全均衡(f_i = P_i = 1/E)时 aux = 1;全部挤到一个专家时接近 E。
训练时总损失 = 任务损失 + alpha * aux,Switch 取 alpha = 1e-2。

专家容量:capacity = ceil(capacity_factor * S * k / E)。按 "槽位优先、再按 token 顺序" 排队:
先排所有 token 的第 1 选择,再排第 2 选择……;排在 capacity 之后的 (token, 专家) 被丢弃,
这个槽位对输出的贡献为 0。一个 token 的所有槽位都被丢弃时本层输出为 0,
外面的残差连接 x + moe(x) 让它原样通过。被保留槽位的权重不重新归一化。

mask 约定:``kept`` 为 bool,``True`` = 该 (token, 槽位) 被专家处理。

复杂度:路由 O(S d E);每个 token 只过 k 个专家,专家计算 O(S k d h);
为了清楚,本实现按专家循环(E 次小矩阵乘法),真实系统用按专家排序后的分组 GEMM。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> moe = TopKMoE(d_model=8, d_hidden=16, num_experts=4, k=2)
>>> y, aux, kept = moe(torch.randn(2, 5, 8))      # (batch, seq, d_model)
>>> y.shape, kept.shape                          # kept: (token 数, k)
(torch.Size([2, 5, 8]), torch.Size([10, 2]))
>>> bool(kept.all())                             # 不设容量时没有 token 被丢弃
True
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor, nn


# --8<-- [start:core]
class Expert(nn.Module):
    """一个专家就是一个普通的两层 FFN。"""

    def __init__(self, d_model: int, d_hidden: int) -> None:
        super().__init__()
        self.up, self.down = nn.Linear(d_model, d_hidden), nn.Linear(d_hidden, d_model)

    def forward(self, x: Tensor) -> Tensor:
        return self.down(F.gelu(self.up(x)))


def load_balancing_loss(probs: Tensor, expert_index: Tensor, num_experts: int) -> Tensor:
    """Switch 式辅助损失。probs: (S, E) 路由概率;expert_index: (S, k) 选中的专家。"""
    S, k = expert_index.shape
    counts = F.one_hot(expert_index, num_experts).sum(dim=(0, 1))    # (E,) 每个专家收到的槽位数
    f = counts.to(probs.dtype) / (S * k)                             # 不可导(来自 argmax / topk)
    P = probs.mean(dim=0)                                            # (E,) 可导
    return num_experts * (f * P).sum()


def capacity_mask(expert_index: Tensor, num_experts: int, capacity: int) -> Tensor:
    """(S, k) -> (S, k) bool:该槽位在专家队列里的名次 < capacity 时为 True。"""
    S, k = expert_index.shape
    one_hot = F.one_hot(expert_index.t().reshape(-1), num_experts)  # 槽位优先排列 (k*S, E)
    rank = (one_hot.cumsum(dim=0) - 1) * one_hot                     # 每个专家队列里的名次,从 0 开始
    rank = rank.sum(dim=-1).view(k, S).t()                           # (S, k)
    return rank < capacity


class TopKMoE(nn.Module):
    def __init__(self, d_model: int, d_hidden: int, num_experts: int, k: int = 2,
                 capacity_factor: float | None = None, normalize_topk: bool = True) -> None:
        super().__init__()
        self.num_experts, self.k = num_experts, k
        self.capacity_factor, self.normalize_topk = capacity_factor, normalize_topk
        self.router = nn.Linear(d_model, num_experts, bias=False)
        self.experts = nn.ModuleList(Expert(d_model, d_hidden) for _ in range(num_experts))

    def forward(self, x: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        """x: (..., d) -> (输出 (..., d), 辅助损失标量, kept (S, k))。"""
        shape = x.shape
        tokens = x.reshape(-1, shape[-1])                            # (S, d)
        S = tokens.size(0)
        probs = torch.softmax(self.router(tokens), dim=-1)           # (S, E)
        top_p, top_i = probs.topk(self.k, dim=-1)                    # (S, k)
        gates = top_p / top_p.sum(dim=-1, keepdim=True) if self.normalize_topk else top_p
        aux = load_balancing_loss(probs, top_i, self.num_experts)

        if self.capacity_factor is None:
            kept = torch.ones_like(top_i, dtype=torch.bool)
        else:
            capacity = math.ceil(self.capacity_factor * S * self.k / self.num_experts)
            kept = capacity_mask(top_i, self.num_experts, capacity)

        out = torch.zeros_like(tokens)
        for e, expert in enumerate(self.experts):
            token_idx, slot = torch.nonzero((top_i == e) & kept, as_tuple=True)  # 分给专家 e 且未被丢弃
            if token_idx.numel() == 0:
                continue
            y = expert(tokens[token_idx])                             # (n_e, d)
            out.index_add_(0, token_idx, gates[token_idx, slot, None] * y)
        return out.view(shape), aux, kept
# --8<-- [end:core]


# --8<-- [start:extras]
def router_z_loss(logits: Tensor) -> Tensor:
    """ST-MoE 的 router z-loss:mean(logsumexp(logits)^2),抑制路由 logits 变得过大。logits: (S, E)。"""
    return torch.logsumexp(logits, dim=-1).square().mean()


def expert_load(expert_index: Tensor, kept: Tensor, num_experts: int) -> Tensor:
    """每个专家实际处理的槽位数 (E,),用来监控负载和丢弃率。"""
    return F.one_hot(expert_index[kept], num_experts).sum(dim=0)
# --8<-- [end:extras]
