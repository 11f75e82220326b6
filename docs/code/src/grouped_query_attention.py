"""F12 分组查询注意力 GQA(Grouped-Query Attention)与多查询注意力 MQA(Multi-Query Attention)。

n_heads 个 query 头分成 n_kv_heads 组,每组共享一个 K 头和一个 V 头:
* n_kv_heads == n_heads: 每个 query 头有自己的 K/V,就是普通多头注意力 MHA;
* n_kv_heads == 1:       所有 query 头共享一份 K/V,就是 MQA;
* 介于两者之间:           GQA(如 Llama 2 70B: 64 个 query 头,8 个 K/V 头)。

query 头 h 使用第 h // (n_heads // n_kv_heads) 个 K/V 头(相邻的 query 头为一组,与 HF transformers 的
repeat_kv 和 ``F.scaled_dot_product_attention(enable_gqa=True)`` 的约定一致)。

依赖同目录的 F09(缩放点积注意力)和 F10(split_heads / merge_heads)。
mask 约定与 F09 相同: bool mask 中 True 表示"可以看"。

复杂度(batch B,序列长 L,头维度 d_h):注意力计算量与 MHA 相同,O(B n_heads L^2 d_h);
K/V 投影参数和 KV cache 是 MHA 的 n_kv_heads / n_heads。

>>> import torch
>>> _ = torch.manual_seed(0)
>>> gqa = GroupedQueryAttention(d_model=16, n_heads=4, n_kv_heads=2)
>>> gqa(torch.randn(2, 5, 16))[0].shape
torch.Size([2, 5, 16])
>>> gqa.k_proj.weight.shape   # 只有 2 个 K 头,每个 4 维
torch.Size([8, 16])
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from multi_head_attention import merge_heads, split_heads
from scaled_dot_product_attention import scaled_dot_product_attention


# --8<-- [start:repeat-kv]
def repeat_kv(x: Tensor, n_rep: int) -> Tensor:
    """(B, n_kv_heads, L, d_h) -> (B, n_kv_heads * n_rep, L, d_h),每个 K/V 头连续复制 n_rep 次。

    等价于 x.repeat_interleave(n_rep, dim=1)。expand 不复制内存,reshape 时才真正复制。

    >>> kv = torch.tensor([10.0, 20.0]).view(1, 2, 1, 1)   # 2 个 K/V 头
    >>> repeat_kv(kv, 2).flatten().tolist()                 # query 头 0,1 -> kv 0;2,3 -> kv 1
    [10.0, 10.0, 20.0, 20.0]
    """
    if n_rep == 1:
        return x
    B, n_kv, L, d_h = x.shape
    x = x[:, :, None, :, :].expand(B, n_kv, n_rep, L, d_h)  # (B, n_kv, n_rep, L, d_h)
    return x.reshape(B, n_kv * n_rep, L, d_h)
# --8<-- [end:repeat-kv]


# --8<-- [start:gqa]
class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int, n_kv_heads: int, bias: bool = False) -> None:
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} 不能被 n_heads={n_heads} 整除")
        if n_heads % n_kv_heads != 0:
            raise ValueError(f"n_heads={n_heads} 不能被 n_kv_heads={n_kv_heads} 整除")
        self.n_heads = n_heads
        self.n_kv_heads = n_kv_heads
        self.n_rep = n_heads // n_kv_heads   # 每组的 query 头数
        self.head_dim = d_model // n_heads
        self.q_proj = nn.Linear(d_model, n_heads * self.head_dim, bias=bias)
        self.k_proj = nn.Linear(d_model, n_kv_heads * self.head_dim, bias=bias)  # 比 MHA 小
        self.v_proj = nn.Linear(d_model, n_kv_heads * self.head_dim, bias=bias)  # 比 MHA 小
        self.o_proj = nn.Linear(n_heads * self.head_dim, d_model, bias=bias)

    def forward(
        self,
        x: Tensor,                   # (B, L, d_model)
        mask: Tensor | None = None,  # bool 可广播到 (B, n_heads, L, L),True = 可以看
        is_causal: bool = False,
    ) -> tuple[Tensor, Tensor]:
        q = split_heads(self.q_proj(x), self.n_heads)     # (B, n_heads, L, d_h)
        k = split_heads(self.k_proj(x), self.n_kv_heads)  # (B, n_kv_heads, L, d_h)  <- 缓存的是它
        v = split_heads(self.v_proj(x), self.n_kv_heads)  # (B, n_kv_heads, L, d_h)

        # 把 K/V 头复制到与 query 头一样多,之后就是普通的多头注意力
        k = repeat_kv(k, self.n_rep)                       # (B, n_heads, L, d_h)
        v = repeat_kv(v, self.n_rep)

        out, attn = scaled_dot_product_attention(q, k, v, mask=mask, is_causal=is_causal)
        return self.o_proj(merge_heads(out)), attn         # (B, L, d_model), (B, n_heads, L, L)
# --8<-- [end:gqa]


# --8<-- [start:kv-cache]
def kv_cache_bytes(n_layers: int, n_kv_heads: int, head_dim: int, seq_len: int,
                   batch: int = 1, bytes_per_value: int = 2) -> int:
    """KV cache 的字节数: K 和 V 两份 x 层数 x K/V 头数 x 头维度 x 序列长 x batch x 每个数的字节数。

    Llama 2 70B(80 层,64 个 query 头,head_dim 128),4096 个 token,fp16,batch 1:

    >>> mha = kv_cache_bytes(80, 64, 128, 4096)   # 如果用 MHA(64 个 K/V 头)
    >>> gqa = kv_cache_bytes(80, 8, 128, 4096)    # 实际的 GQA(8 个 K/V 头)
    >>> mqa = kv_cache_bytes(80, 1, 128, 4096)    # MQA(1 个 K/V 头)
    >>> mha / 2**30, gqa / 2**30, mqa / 2**20     # GiB, GiB, MiB
    (10.0, 1.25, 160.0)
    """
    return 2 * n_layers * n_kv_heads * head_dim * seq_len * batch * bytes_per_value
# --8<-- [end:kv-cache]


# --8<-- [start:wrong]
def repeat_kv_wrong(x: Tensor, n_rep: int) -> Tensor:
    """反例(故意写错,仅用于演示): 用 repeat 整体平铺,分组变成了"隔 n_kv 个头共享一个 K/V"。

    >>> kv = torch.tensor([10.0, 20.0]).view(1, 2, 1, 1)
    >>> repeat_kv_wrong(kv, 2).flatten().tolist()   # query 头 1 用到了 kv 1,和预训练权重的分组对不上
    [10.0, 20.0, 10.0, 20.0]
    """
    return x.repeat(1, n_rep, 1, 1)
# --8<-- [end:wrong]
