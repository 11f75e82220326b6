"""F09 缩放点积注意力(Scaled Dot-Product Attention),支持 padding / causal mask。

公式: Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) + M) V

mask 约定与 ``torch.nn.functional.scaled_dot_product_attention`` 相同:

* bool mask: ``True`` 表示"可以看"(参与注意力),``False`` 表示屏蔽;
* float mask: 直接加到打分上(0 表示可以看,``-inf`` 表示屏蔽)。

注意 ``torch.nn.MultiheadAttention`` 的 ``key_padding_mask`` / bool ``attn_mask``
语义正好相反(``True`` 表示屏蔽),见 F10。

全被屏蔽的行(例如整条都是 padding 的序列)返回全 0 的注意力权重和全 0 的输出,
与 PyTorch 2.x 的 ``F.scaled_dot_product_attention`` 一致,且前向、反向都没有 NaN。

复杂度(单个 batch、单个 head,L_q 个 query,L_k 个 key,维度 d):
时间 O(L_q * L_k * d),额外显存 O(L_q * L_k)(打分矩阵)。

>>> import torch
>>> q = torch.tensor([[[1.0, 0.0]]])                # (batch=1, L_q=1, d=2)
>>> k = torch.tensor([[[1.0, 0.0], [0.0, 1.0]]])    # (1, L_k=2, 2)
>>> v = torch.tensor([[[10.0, 0.0], [0.0, 10.0]]])  # (1, 2, 2)
>>> out, attn = scaled_dot_product_attention(q, k, v)
>>> attn.round(decimals=4)     # softmax([1/sqrt(2), 0])
tensor([[[0.6698, 0.3302]]])
>>> keep = torch.tensor([[True, False]])  # 第 2 个 key 是 padding
>>> out, attn = scaled_dot_product_attention(q, k, v, mask=keep)
>>> out
tensor([[[10.,  0.]]])
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


# --8<-- [start:sdpa]
def scaled_dot_product_attention(
    q: Tensor,                 # (..., L_q, d_k)
    k: Tensor,                 # (..., L_k, d_k)
    v: Tensor,                 # (..., L_k, d_v)
    mask: Tensor | None = None,  # bool: True=可以看;float: 加到打分上。可广播到 (..., L_q, L_k)
    is_causal: bool = False,
    scale: float | None = None,
) -> tuple[Tensor, Tensor]:
    """返回 (输出 (..., L_q, d_v), 注意力权重 (..., L_q, L_k))。"""
    d_k = q.size(-1)
    scale = 1.0 / math.sqrt(d_k) if scale is None else scale

    # 1) 打分: (..., L_q, d_k) @ (..., d_k, L_k) -> (..., L_q, L_k)
    scores = (q @ k.transpose(-2, -1)) * scale

    # 2) causal mask: query i 只能看 key j <= i(左上角对齐,和 PyTorch 的 is_causal 一致)
    if is_causal:
        L_q, L_k = scores.shape[-2], scores.shape[-1]
        causal = torch.ones(L_q, L_k, dtype=torch.bool, device=q.device).tril()
        scores = scores.masked_fill(~causal, float("-inf"))

    # 3) 用户给的 mask。注意 masked_fill 不是原地操作,必须把结果赋值回去
    if mask is not None:
        if mask.dtype == torch.bool:
            scores = scores.masked_fill(~mask, float("-inf"))
        else:
            scores = scores + mask

    # 4) 全被屏蔽的行: 整行都是 -inf,softmax 会算出 0/0 = NaN。
    #    先把这些行临时填成 0(softmax 得到均匀分布,没有 NaN),再把权重清零。
    #    这样前向和反向都不会出现 NaN。不要 softmax 之后再用 nan_to_num 补救:
    #    加性 float mask 的情况下,反向传播时 softmax 的梯度里仍有 NaN,会传到 q、k。
    fully_masked = torch.isneginf(scores).all(dim=-1, keepdim=True)  # (..., L_q, 1)
    scores = scores.masked_fill(fully_masked, 0.0)
    attn = torch.softmax(scores, dim=-1)            # (..., L_q, L_k),每行和为 1
    attn = attn.masked_fill(fully_masked, 0.0)      # 全屏蔽行 -> 全 0

    # 5) 加权求和: (..., L_q, L_k) @ (..., L_k, d_v) -> (..., L_q, d_v)
    out = attn @ v
    return out, attn
# --8<-- [end:sdpa]


# --8<-- [start:helpers]
def padding_mask(lengths: Tensor, max_len: int) -> Tensor:
    """由每条序列的真实长度生成 key padding mask,形状 (batch, 1, 1, max_len),True=可以看。

    多出来的两个 1 维用于广播到 (batch, heads, L_q, L_k)。

    >>> padding_mask(torch.tensor([2, 3]), 4)[:, 0, 0]
    tensor([[ True,  True, False, False],
            [ True,  True,  True, False]])
    """
    positions = torch.arange(max_len, device=lengths.device)  # (max_len,)
    keep = positions[None, :] < lengths[:, None]              # (batch, max_len)
    return keep[:, None, None, :]
# --8<-- [end:helpers]


# --8<-- [start:naive]
def naive_masked_softmax(scores: Tensor, mask: Tensor) -> Tensor:
    """反例(故意写错,仅用于演示): 直接 masked_fill(-inf) 再 softmax。

    某一行全部被屏蔽时,这一行全是 -inf,softmax 里 exp(-inf - (-inf)) = exp(nan),结果是 NaN,
    并且 NaN 会经过 attn @ v 传染到输出、再经过反向传播传染到所有参数。

    >>> scores = torch.zeros(2, 3)
    >>> mask = torch.tensor([[True, True, False], [False, False, False]])
    >>> naive_masked_softmax(scores, mask)
    tensor([[0.5000, 0.5000, 0.0000],
            [   nan,    nan,    nan]])
    """
    return torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)


def mask_that_does_nothing(scores: Tensor, mask: Tensor) -> Tensor:
    """反例(故意写错,仅用于演示): masked_fill 的返回值被丢掉了,mask 完全没生效。

    >>> scores = torch.zeros(1, 2)
    >>> mask_that_does_nothing(scores, torch.tensor([[True, False]]))
    tensor([[0.5000, 0.5000]])
    """
    scores.masked_fill(~mask, float("-inf"))  # 错: 非原地操作,结果没有赋值
    return torch.softmax(scores, dim=-1)
# --8<-- [end:naive]
