"""F25 Shaw 式相对位置多头自注意力(Shaw, Uszkoreit & Vaswani, 2018)。

每个截断后的相对距离 r = clip(j - i, -k, k) 学两个向量 w^K_r、w^V_r(维度 = 每头维度,各头共享):

    e_ij = q_i · (k_j + w^K_{r(i,j)}) / sqrt(d_h)
    z_i  = sum_j softmax_j(e_ij) * (v_j + w^V_{r(i,j)})

依赖同目录 F13 的 ``clipped_relative_index``(下载时把 positional_encoding.py 放在一起)。

mask 约定:``keep`` 为 bool,可广播到 (B, h, L, L),``True`` = 可以看(与 F09 相同);
``causal=True`` 时 query i 只看 j <= i。全被屏蔽的行输出 0,不出现 NaN。

复杂度(batch B,长度 L,宽度 d,h 个头,每头 d_h = d / h):
内容项与普通 MHA 相同,O(B L^2 d);相对项按下面的写法先把表展开成 (L, L, d_h),
额外内存 O(L^2 d_h)、时间 O(B L^2 d)。extras 里的写法改为先与 2k+1 行的表相乘再按距离取数,
额外内存降到 O(B h L (2k + 1))。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> attn = RelativeMultiHeadAttention(d_model=8, num_heads=2, max_relative=2)
>>> out, weights = attn(torch.randn(3, 5, 8))
>>> out.shape, weights.shape
(torch.Size([3, 5, 8]), torch.Size([3, 2, 5, 5]))
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from positional_encoding import clipped_relative_index


# --8<-- [start:core]
class RelativeMultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int, max_relative: int) -> None:
        super().__init__()
        if d_model % num_heads != 0:
            raise ValueError(f"d_model={d_model} 不能被 num_heads={num_heads} 整除")
        self.h, self.d_h, self.k = num_heads, d_model // num_heads, max_relative
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.o_proj = nn.Linear(d_model, d_model)
        # 相对位置表:第 r + k 行对应距离 r ∈ [-k, k],各头共享
        self.rel_key = nn.Embedding(2 * max_relative + 1, self.d_h)
        self.rel_value = nn.Embedding(2 * max_relative + 1, self.d_h)

    def forward(self, x: Tensor, keep: Tensor | None = None, causal: bool = False) -> tuple[Tensor, Tensor]:
        B, L, D = x.shape
        # (B, L, D) -> (B, h, L, d_h)
        q, k, v = (proj(x).view(B, L, self.h, self.d_h).transpose(1, 2)
                   for proj in (self.q_proj, self.k_proj, self.v_proj))
        index = clipped_relative_index(L, L, self.k).to(x.device)   # (L, L),值 0..2k
        a_k = self.rel_key(index)                                    # (L, L, d_h)
        a_v = self.rel_value(index)                                  # (L, L, d_h)

        content = q @ k.transpose(-2, -1)                            # (B, h, L, L):q_i · k_j
        position = torch.einsum("bhid,ijd->bhij", q, a_k)            # q_i · a^K_ij
        scores = (content + position) / math.sqrt(self.d_h)

        allowed = torch.ones(L, L, dtype=torch.bool, device=x.device)
        if causal:
            allowed = allowed.tril()
        if keep is not None:
            allowed = allowed & keep                                 # 广播到 (B, h, L, L)
        scores = scores.masked_fill(~allowed, float("-inf"))
        dead = torch.isneginf(scores).all(dim=-1, keepdim=True)     # 全屏蔽行
        attn = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)

        out = attn @ v + torch.einsum("bhij,ijd->bhid", attn, a_v)   # value 侧也加相对表示
        return self.o_proj(out.transpose(1, 2).reshape(B, L, D)), attn
# --8<-- [end:core]


# --8<-- [start:extras]
def relative_terms_bucketed(q: Tensor, attn: Tensor, table_k: Tensor, table_v: Tensor, max_relative: int) -> tuple[Tensor, Tensor]:
    """省内存的相对项:不展开 (L, L, d_h),只用 2k+1 行的表。

    q: (B, h, L, d_h);attn: (B, h, L, L);table_k / table_v: (2k+1, d_h)。
    返回 (q_i · a^K_ij 形状 (B, h, L, L),sum_j attn_ij a^V_ij 形状 (B, h, L, d_h))。
    """
    L = q.size(-2)
    index = clipped_relative_index(L, L, max_relative).to(q.device)      # (L, L)
    q_dot_table = q @ table_k.t()                                       # (B, h, L, 2k+1):每个距离算一次
    key_term = torch.gather(q_dot_table, -1, index.expand(*q.shape[:2], L, L))  # 按距离取回 (B, h, L, L)
    # value 侧:把同一距离的注意力权重先加起来,再乘表
    buckets = torch.zeros(*attn.shape[:-1], table_v.size(0), dtype=attn.dtype, device=attn.device)
    buckets.scatter_add_(-1, index.expand_as(attn), attn)               # (B, h, L, 2k+1)
    return key_term, buckets @ table_v
# --8<-- [end:extras]
