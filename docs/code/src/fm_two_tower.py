"""FM 的 O(kn) 二阶交叉、DeepFM 前向、双塔模型与 in-batch softmax 损失(含 logQ 修正),PyTorch 手撕版。

FM(Rendle 2010):y = w0 + Σ_i w_i x_i + Σ_{i<j} <v_i, v_j> x_i x_j。
二阶项直接算是 O(k·n²);恒等式
    Σ_{i<j} <v_i, v_j> x_i x_j = ½ Σ_f [ (Σ_i v_if x_i)² − Σ_i v_if² x_i² ]
把它降到 O(k·n)(n 个非零特征、k 维隐向量)。
类别特征每个字段只有一个取值为 1,所以 x_i v_i 就是查到的 embedding。

DeepFM(Guo et al. 2017):FM 部分与 DNN 部分共享同一份 embedding,logit = FM + DNN。

双塔:用户塔与物品塔各自把特征映射到 d 维并 L2 归一化,打分 s(u, i) = <u, i> / τ。
in-batch softmax:一个 batch 的 B 个 (用户, 点击物品) 对里,把别人的正样本当自己的负样本,
logits 为 (B, B),标签是对角线。热门物品当负样本的次数与它的曝光频率 q_j 成正比,会被过度打压;
logQ 修正(Yi et al. 2019)在训练时把 logits 减去 log q_j,上线打分不减。

分段:``core`` 是白板上要写的 O(kn) 二阶项、FM、双塔与 in-batch softmax 损失;
``extras`` 是对照用的 O(n²) 定义式和 DeepFM。

>>> torch.manual_seed(0) and None
>>> emb = torch.randn(4, 5, 3)    # 4 个样本、5 个字段、k = 3
>>> torch.allclose(fm_pairwise(emb), fm_pairwise_brute_force(emb), atol=1e-6)
True
>>> u = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
>>> round(in_batch_softmax_loss(u, u, temperature=1.0).item(), 4)   # log(1 + e^-1)
0.3133
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "fm_pairwise",
    "fm_pairwise_brute_force",
    "FM",
    "DeepFM",
    "TwoTower",
    "in_batch_softmax_loss",
]


# --8<-- [start:core]
def fm_pairwise(emb: torch.Tensor) -> torch.Tensor:
    """FM 二阶项,O(B·n·k)。emb: (B, n, k),第 i 个字段的 x_i·v_i。返回 (B,)。"""
    square_of_sum = emb.sum(dim=1).pow(2)  # (B, k):(Σ_i v_if x_i)²
    sum_of_square = emb.pow(2).sum(dim=1)  # (B, k):Σ_i v_if² x_i²
    return 0.5 * (square_of_sum - sum_of_square).sum(dim=1)


class FM(nn.Module):
    """类别特征的 FM:每个字段一个 id,所有字段的 id 已映射到同一个 [0, num_features) 空间。"""

    def __init__(self, num_features: int, k: int) -> None:
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1))  # w0
        self.linear = nn.Embedding(num_features, 1)  # w_i
        self.embedding = nn.Embedding(num_features, k)  # v_i
        nn.init.normal_(self.embedding.weight, std=0.01)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids: (B, n) 整数 → logit (B,)。"""
        first_order = self.linear(ids).squeeze(-1).sum(dim=1)  # (B,)
        return self.bias + first_order + fm_pairwise(self.embedding(ids))


class TwoTower(nn.Module):
    """用户塔与物品塔各一个 MLP,输出 L2 归一化的 d 维向量。两塔之间只有最后的内积。"""

    def __init__(self, user_dim: int, item_dim: int, d: int, hidden: int = 64) -> None:
        super().__init__()
        self.user_tower = nn.Sequential(nn.Linear(user_dim, hidden), nn.ReLU(), nn.Linear(hidden, d))
        self.item_tower = nn.Sequential(nn.Linear(item_dim, hidden), nn.ReLU(), nn.Linear(hidden, d))

    def forward(self, user_x: torch.Tensor, item_x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """user_x: (B, user_dim), item_x: (B, item_dim) → 两个 (B, d) 的单位向量。"""
        return F.normalize(self.user_tower(user_x), dim=-1), F.normalize(self.item_tower(item_x), dim=-1)


def in_batch_softmax_loss(
    user_emb: torch.Tensor,
    item_emb: torch.Tensor,
    item_log_q: torch.Tensor | None = None,
    temperature: float = 0.05,
    item_ids: torch.Tensor | None = None,
) -> torch.Tensor:
    """第 b 个用户的正样本是第 b 个物品,batch 里其余物品是负样本。

    user_emb, item_emb: (B, d);item_log_q: (B,),每个物品被采进 batch 的概率的对数(如按曝光频率估计);
    item_ids: (B,),给出时,与正样本是同一物品的其他列不当负样本。
    """
    logits = user_emb @ item_emb.T / temperature  # (B, B):s(u_b, i_j)
    if item_log_q is not None:
        logits = logits - item_log_q[None, :]  # 第 j 列减 log q_j:热门物品的负样本惩罚被抵消
    if item_ids is not None:
        same_item = item_ids[None, :] == item_ids[:, None]  # (B, B)
        off_diagonal = ~torch.eye(len(item_ids), dtype=torch.bool, device=logits.device)
        logits = logits.masked_fill(same_item & off_diagonal, float("-inf"))  # 对角线始终保留,整行不会全是 -inf
    labels = torch.arange(len(user_emb), device=logits.device)
    return F.cross_entropy(logits, labels)
# --8<-- [end:core]


# --8<-- [start:extras]
def fm_pairwise_brute_force(emb: torch.Tensor) -> torch.Tensor:
    """定义式 Σ_{i<j} <v_i, v_j>,O(B·n²·k),只用于对照。"""
    n = emb.shape[1]
    total = emb.new_zeros(emb.shape[0])
    for i in range(n):
        for j in range(i + 1, n):
            total = total + (emb[:, i] * emb[:, j]).sum(dim=-1)
    return total


class DeepFM(FM):
    """FM 与 DNN 共享 embedding;DNN 吃拼接后的 (B, n·k) 向量。输出 logit,sigmoid 后是 pCTR。"""

    def __init__(self, num_features: int, num_fields: int, k: int, hidden: tuple[int, ...] = (64, 32)) -> None:
        super().__init__(num_features, k)
        layers: list[nn.Module] = []
        width = num_fields * k
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, 1))
        self.dnn = nn.Sequential(*layers)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        emb = self.embedding(ids)  # (B, n, k),FM 与 DNN 共用
        fm_logit = self.bias + self.linear(ids).squeeze(-1).sum(dim=1) + fm_pairwise(emb)
        dnn_logit = self.dnn(emb.flatten(start_dim=1)).squeeze(-1)  # (B,)
        return fm_logit + dnn_logit
# --8<-- [end:extras]
