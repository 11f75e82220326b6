"""F11 单头自注意力层(Self-Attention),从零手写,不依赖其它模块。

"自"指 Q、K、V 都由同一个输入 x 投影得到:
    Q = x W_q,  K = x W_k,  V = x W_v,  out = softmax(Q K^T / sqrt(d_k) + M) V

与其它练习的关系:
* 打分、mask、softmax 部分就是 F09 的缩放点积注意力(这里为了自包含重新写了一遍);
* 它等价于 num_heads=1、且输出投影为单位矩阵的 F10 多头注意力。

mask 约定与 F09 相同: bool mask 中 True 表示"可以看"。

复杂度(batch B,序列长 L,输入维度 d_model,投影维度 d_k、d_v):
时间 O(B L d_model (2 d_k + d_v) + B L^2 (d_k + d_v)),额外显存 O(B L^2)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> layer = SelfAttention(d_model=4, d_k=3)
>>> x = torch.randn(2, 5, 4)                # (batch, seq, d_model)
>>> out, attn = layer(x, causal=True)
>>> out.shape, attn.shape
(torch.Size([2, 5, 3]), torch.Size([2, 5, 5]))
>>> bool((attn[0, 0, 1:] == 0).all())      # causal: 第 0 个 token 只能看自己
True
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn


# --8<-- [start:self-attention]
class SelfAttention(nn.Module):
    def __init__(self, d_model: int, d_k: int | None = None, d_v: int | None = None,
                 bias: bool = False) -> None:
        super().__init__()
        self.d_k = d_k or d_model   # query/key 的投影维度
        self.d_v = d_v or self.d_k  # value 的投影维度(= 输出维度)
        self.q_proj = nn.Linear(d_model, self.d_k, bias=bias)
        self.k_proj = nn.Linear(d_model, self.d_k, bias=bias)
        self.v_proj = nn.Linear(d_model, self.d_v, bias=bias)

    def forward(
        self,
        x: Tensor,                  # (batch, L, d_model)
        mask: Tensor | None = None,  # bool,可广播到 (batch, L, L),True = 可以看
        causal: bool = False,
    ) -> tuple[Tensor, Tensor]:
        L = x.size(1)
        q = self.q_proj(x)  # (batch, L, d_k)
        k = self.k_proj(x)  # (batch, L, d_k)
        v = self.v_proj(x)  # (batch, L, d_v)

        scores = q @ k.transpose(-2, -1) / math.sqrt(self.d_k)  # (batch, L, L)

        keep = torch.ones(L, L, dtype=torch.bool, device=x.device)
        if causal:
            keep = keep.tril()                 # 位置 i 只看 j <= i
        if mask is not None:
            keep = keep & mask                 # 广播到 (batch, L, L)
        scores = scores.masked_fill(~keep, float("-inf"))

        # 全被屏蔽的行(如整条 padding)先填 0 防止 softmax 出 NaN,再把权重清零(见 F09)
        empty_row = (~keep).all(dim=-1, keepdim=True)
        attn = torch.softmax(scores.masked_fill(empty_row, 0.0), dim=-1)
        attn = attn.masked_fill(empty_row, 0.0)  # (batch, L, L)

        return attn @ v, attn                  # (batch, L, d_v), (batch, L, L)
# --8<-- [end:self-attention]
