"""F28 FlashAttention 前向的 NumPy 版:分块 + online softmax,结果与朴素注意力逐数一致。

mask 约定:``keep`` 为 bool,``True`` = 这个 (query, key) 位置可以看(与 F09 相同);
``causal=True`` 时 query i 只看 key j <= i(左上角对齐,与 F09 / PyTorch 的 is_causal 一致)。
全被屏蔽的行输出 0、logsumexp 为 -inf,全程不出现 NaN。

每个 query 块只维护三样东西:行最大值 m、行分母 l、未归一化的输出累加 acc。
读到一个新的 key 块时,旧的 l 与 acc 乘 exp(m_old - m_new) 换到新的最大值下再累加,
所以整行 softmax 从不需要一次放进内存。

复杂度(L_q 个 query,L_k 个 key,维度 d):时间 O(L_q L_k d),与朴素实现相同;
额外内存 O(B_q B_k + B_q d),不再需要 L_q x L_k 的打分矩阵。causal 时跳过整块被屏蔽的 key 块,约省一半计算。

>>> q = np.array([[1.0]])                          # 一个 query,d = 1
>>> k = np.array([[1.0], [3.0], [2.0], [5.0]])     # 打分(scale=1)就是 [1, 3, 2, 5]
>>> v = np.array([[1.0], [2.0], [3.0], [4.0]])
>>> out, lse = flash_attention_forward(q, k, v, scale=1.0, block_k=2)   # 分两块读 key
>>> round(float(out[0, 0]), 4), round(float(lse[0]), 4)
(3.6881, 5.1852)
"""

from __future__ import annotations

import math

import numpy as np


# --8<-- [start:core]
def flash_attention_forward(
    q: np.ndarray,                 # (..., L_q, d)
    k: np.ndarray,                 # (..., L_k, d)
    v: np.ndarray,                 # (..., L_k, d_v)
    keep: np.ndarray | None = None,  # bool,可广播到 (..., L_q, L_k);True = 可以看
    causal: bool = False,
    block_q: int = 64,
    block_k: int = 64,
    scale: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """返回 (输出 (..., L_q, d_v), 每行的 logsumexp (..., L_q));反向传播只需要这两样。"""
    *batch, L_q, d = q.shape
    L_k, d_v = k.shape[-2], v.shape[-1]
    scale = 1.0 / math.sqrt(d) if scale is None else scale
    dtype = np.result_type(q, k, v)
    if keep is not None:
        keep = np.broadcast_to(keep, (*batch, L_q, L_k))
    out = np.zeros((*batch, L_q, d_v), dtype=dtype)
    lse = np.full((*batch, L_q), -np.inf, dtype=dtype)

    for i0 in range(0, L_q, block_q):                      # 外层:query 块(GPU 上每块一个线程块)
        i1 = min(i0 + block_q, L_q)
        q_blk = q[..., i0:i1, :] * scale                   # (..., bq, d)
        m = np.full((*batch, i1 - i0), -np.inf, dtype=dtype)  # 行最大值
        l = np.zeros((*batch, i1 - i0), dtype=dtype)          # 行分母 sum(exp(s - m))
        acc = np.zeros((*batch, i1 - i0, d_v), dtype=dtype)   # sum(exp(s - m) * v),未归一化
        # causal:key j >= i1 对这一块的所有 query 都是未来,整块跳过
        k_stop = min(L_k, i1) if causal else L_k
        for j0 in range(0, k_stop, block_k):               # 内层:key / value 块
            j1 = min(j0 + block_k, L_k)
            s = q_blk @ np.swapaxes(k[..., j0:j1, :], -1, -2)  # (..., bq, bk)
            if causal:
                rows = np.arange(i0, i1)[:, None]
                cols = np.arange(j0, j1)[None, :]
                s = np.where(cols <= rows, s, -np.inf)
            if keep is not None:
                s = np.where(keep[..., i0:i1, j0:j1], s, -np.inf)
            m_new = np.maximum(m, s.max(axis=-1))          # (..., bq)
            # 到目前为止整行都被屏蔽时 m_new = -inf,用 0 代替,避免 (-inf) - (-inf) = NaN
            m_safe = np.where(np.isneginf(m_new), 0.0, m_new)
            p = np.exp(s - m_safe[..., None])              # 屏蔽位置 exp(-inf) = 0
            alpha = np.exp(m - m_safe)                     # 旧统计量换到新最大值下的系数
            l = alpha * l + p.sum(axis=-1)
            acc = alpha[..., None] * acc + p @ v[..., j0:j1, :]
            m = m_new
        seen = l > 0                                       # False = 整行被屏蔽
        l_safe = np.where(seen, l, 1.0)
        out[..., i0:i1, :] = np.where(seen[..., None], acc / l_safe[..., None], 0.0)
        lse[..., i0:i1] = np.where(seen, m + np.log(l_safe), -np.inf)
    return out, lse
# --8<-- [end:core]


# --8<-- [start:extras]
def online_softmax_stats(scores: np.ndarray, block: int) -> tuple[float, float]:
    """一维版本:分块扫一遍,返回 (max, sum(exp(x - max))),面试时先写它再推广到矩阵。

    >>> online_softmax_stats(np.array([1.0, 3.0, 2.0, 5.0]), block=2)[0]
    5.0
    """
    m, l = -np.inf, 0.0
    for j0 in range(0, scores.shape[0], block):
        chunk = scores[j0:j0 + block]
        m_new = max(m, float(chunk.max()))
        if m_new == -np.inf:
            continue                                       # 目前为止全被屏蔽
        l = l * math.exp(m - m_new) + float(np.exp(chunk - m_new).sum())
        m = m_new
    return m, l


def attention_probs_from_lse(q: np.ndarray, k: np.ndarray, lse: np.ndarray, scale: float) -> np.ndarray:
    """反向传播的重计算:有了 logsumexp,任意一块的概率都是 exp(s - lse),不用再做 softmax。

    这里一次算整块只为演示;真实 kernel 同样按块算。屏蔽位置要调用方自己置 0。
    """
    s = (q @ np.swapaxes(k, -1, -2)) * scale
    return np.exp(s - lse[..., None])
# --8<-- [end:extras]
