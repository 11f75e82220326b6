"""F10 多头注意力(Multi-Head Attention),batch_first,接口与 torch.nn.MultiheadAttention 对齐。

依赖同目录的 F09: ``from scaled_dot_product_attention import scaled_dot_product_attention``
(下载时请把两个文件放在一起)。

步骤: 线性投影 Q/K/V -> 拆成 h 个头 -> 每个头做缩放点积注意力 -> 合并头 -> 输出投影。

mask 约定与全书相同(F09、F11、F12 一致): bool mask 中 ``True`` = 保留(可以看),float mask 直接加到打分上。
注意这与 ``torch.nn.MultiheadAttention`` 相反(它的 ``True`` 表示屏蔽),和它对照时要取反。

* 白板核心 ``forward(query, key, value, mask, is_causal)``: mask 可广播到 (batch, heads, L_q, L_k),原样交给 F09;
* 扩展 ``combine_masks``: 把 (batch, L_k) 的 key 保留 mask、(L_q, L_k) 或 (batch * heads, L_q, L_k) 的
  attn_mask(bool 或 float)合成一个加性 mask,覆盖 ``nn.MultiheadAttention`` 的几种 mask 形式。

复杂度(batch B,序列长 L,模型维度 d,头数 h):
投影 O(B L d^2),注意力 O(B L^2 d)(与头数无关,因为每头维度是 d / h),
额外显存 O(B h L^2)(每个头一个打分矩阵)。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> mha = MultiHeadAttention(d_model=8, num_heads=2)
>>> x = torch.randn(3, 5, 8)                     # (batch, seq, d_model)
>>> out, attn = mha(x, x, x)
>>> out.shape, attn.shape                        # attn: (batch, heads, L_q, L_k)
(torch.Size([3, 5, 8]), torch.Size([3, 2, 5, 5]))
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from scaled_dot_product_attention import scaled_dot_product_attention


# --8<-- [start:heads]
def split_heads(x: Tensor, num_heads: int) -> Tensor:
    """(batch, seq, d_model) -> (batch, heads, seq, head_dim)。"""
    batch, seq, d_model = x.shape
    head_dim = d_model // num_heads
    # 先把最后一维拆成 (heads, head_dim),再把 heads 换到 seq 前面
    return x.view(batch, seq, num_heads, head_dim).transpose(1, 2)


def merge_heads(x: Tensor) -> Tensor:
    """(batch, heads, seq, head_dim) -> (batch, seq, heads * head_dim),split_heads 的逆。

    必须先 transpose 回 (batch, seq, heads, head_dim) 再 reshape;
    transpose 后内存不连续,所以用 reshape(或 .contiguous().view)。

    >>> x = torch.arange(8.0).view(1, 2, 2, 2)  # 头 0: [[0,1],[2,3]],头 1: [[4,5],[6,7]]
    >>> merge_heads(x)                           # 位置 0 = 头0[0] ++ 头1[0]
    tensor([[[0., 1., 4., 5.],
             [2., 3., 6., 7.]]])
    """
    batch, heads, seq, head_dim = x.shape
    return x.transpose(1, 2).reshape(batch, seq, heads * head_dim)
# --8<-- [end:heads]


# --8<-- [start:mha]
class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int, bias: bool = True) -> None:
        super().__init__()
        if d_model % num_heads != 0:
            raise ValueError(f"d_model={d_model} 不能被 num_heads={num_heads} 整除")
        self.d_model = d_model
        self.num_heads = num_heads
        self.head_dim = d_model // num_heads
        self.q_proj = nn.Linear(d_model, d_model, bias=bias)
        self.k_proj = nn.Linear(d_model, d_model, bias=bias)
        self.v_proj = nn.Linear(d_model, d_model, bias=bias)
        self.o_proj = nn.Linear(d_model, d_model, bias=bias)

    def forward(
        self,
        query: Tensor,              # (batch, L_q, d_model)
        key: Tensor,                # (batch, L_k, d_model)
        value: Tensor,              # (batch, L_k, d_model)
        mask: Tensor | None = None,  # bool(True = 保留)或加性 float,可广播到 (batch, heads, L_q, L_k)
        is_causal: bool = False,
    ) -> tuple[Tensor, Tensor]:
        # 1) 投影并拆头: (batch, L, d_model) -> (batch, heads, L, head_dim)
        q = split_heads(self.q_proj(query), self.num_heads)
        k = split_heads(self.k_proj(key), self.num_heads)
        v = split_heads(self.v_proj(value), self.num_heads)

        # 2) 每个头独立做注意力(mask 直接交给 F09;全屏蔽行返回 0,不会 NaN)
        out, attn = scaled_dot_product_attention(q, k, v, mask=mask, is_causal=is_causal)
        # out: (batch, heads, L_q, head_dim), attn: (batch, heads, L_q, L_k)

        # 3) 合并头并做输出投影: -> (batch, L_q, d_model)
        return self.o_proj(merge_heads(out)), attn
# --8<-- [end:mha]

    # --8<-- [start:masks]
    def combine_masks(
        self,
        batch: int, L_q: int, L_k: int,
        key_keep: Tensor | None = None,   # (batch, L_k) bool,True = 真实 token(padding 为 False)
        attn_mask: Tensor | None = None,  # (L_q, L_k) 或 (batch*heads, L_q, L_k),bool(True = 保留)或 float
        dtype: torch.dtype = torch.float32,
        device: torch.device | str | None = None,
    ) -> Tensor:
        """把几种 mask 合成一个加性 float mask (batch 或 1, heads 或 1, L_q, L_k),屏蔽处为 -inf。"""
        bias = torch.zeros(1, 1, L_q, L_k, dtype=dtype, device=device)
        if attn_mask is not None:
            if attn_mask.dim() == 3:  # (batch*heads, L_q, L_k) -> (batch, heads, L_q, L_k)
                attn_mask = attn_mask.view(batch, self.num_heads, L_q, L_k)
            if attn_mask.dtype == torch.bool:
                bias = bias.masked_fill(~attn_mask, float("-inf"))
            else:
                bias = bias + attn_mask
        if key_keep is not None:  # (batch, L_k) -> (batch, 1, 1, L_k)
            bias = bias.masked_fill(~key_keep[:, None, None, :], float("-inf"))
        return bias
    # --8<-- [end:masks]

    # --8<-- [start:load]
    @torch.no_grad()
    def load_from_torch(self, ref: nn.MultiheadAttention) -> None:
        """从 nn.MultiheadAttention 复制权重。

        PyTorch 把 W_q, W_k, W_v 按行拼成一个 in_proj_weight,形状 (3 * d_model, d_model),
        依次是 q、k、v;偏置 in_proj_bias 同理。
        """
        w_q, w_k, w_v = ref.in_proj_weight.chunk(3, dim=0)  # 各 (d_model, d_model)
        self.q_proj.weight.copy_(w_q)
        self.k_proj.weight.copy_(w_k)
        self.v_proj.weight.copy_(w_v)
        self.o_proj.weight.copy_(ref.out_proj.weight)
        if ref.in_proj_bias is not None:
            b_q, b_k, b_v = ref.in_proj_bias.chunk(3)
            self.q_proj.bias.copy_(b_q)
            self.k_proj.bias.copy_(b_k)
            self.v_proj.bias.copy_(b_v)
            self.o_proj.bias.copy_(ref.out_proj.bias)
    # --8<-- [end:load]


# --8<-- [start:wrong]
def merge_heads_wrong(x: Tensor) -> Tensor:
    """反例(故意写错,仅用于演示): 不 transpose 直接 reshape。

    (batch, heads, seq, head_dim) 的内存顺序是"先头后位置",直接 reshape 成
    (batch, seq, heads * head_dim) 会把同一个头里相邻位置的向量拼到一起,
    位置和头都乱了。形状完全正确,所以不会报错。

    >>> x = torch.arange(8.0).view(1, 2, 2, 2)
    >>> merge_heads_wrong(x)          # 位置 0 变成了 头0[0] ++ 头0[1],位置 1 全来自头 1
    tensor([[[0., 1., 2., 3.],
             [4., 5., 6., 7.]]])
    """
    batch, heads, seq, head_dim = x.shape
    return x.reshape(batch, seq, heads * head_dim)
# --8<-- [end:wrong]
