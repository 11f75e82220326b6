"""手撕解码时的 token 选择:贪心、温度、top-k、top-p(nucleus)采样。

所有函数都作用在最后一维(词表维)上,输入 logits 形状 (..., V),可以带任意 batch 维。
组合顺序与常见推理框架一致:先除以温度,再 top-k,再 top-p,最后 softmax + 多项分布采样。

复杂度(每个位置):greedy / 温度 O(V);top-k 用 torch.topk,O(V log k);
top-p 需要整体排序,O(V log V);额外显存 O(V)。

分段:``core`` 是白板上要写的贪心、温度、top-k、top-p 与采样;``extras`` 是追问里常见的重复惩罚。

>>> import torch
>>> logits = torch.tensor([2.0, 1.0, 0.5, -1.0])
>>> int(greedy(logits))
0
>>> top_k_filter(logits, 2)
tensor([2., 1., -inf, -inf])
>>> torch.softmax(logits, -1).round(decimals=3)
tensor([0.609, 0.224, 0.136, 0.030])
>>> top_p_filter(logits, 0.7)          # 0.609 < 0.7,加上 0.224 后越过 0.7:保留前两个
tensor([2., 1., -inf, -inf])
>>> top_p_filter(logits, 0.5)          # 第一个 token 就已越过 0.5
tensor([2., -inf, -inf, -inf])
>>> g = torch.Generator().manual_seed(0)
>>> draws = sample(logits.expand(1000, 4), top_k=2, generator=g)
>>> sorted(set(draws.tolist()))
[0, 1]
"""

from __future__ import annotations

import torch

__all__ = [
    "greedy",
    "apply_temperature",
    "top_k_filter",
    "top_p_filter",
    "filtered_probs",
    "sample",
    "apply_repetition_penalty",
]


# --8<-- [start:core]
def greedy(logits: torch.Tensor) -> torch.Tensor:
    """贪心:直接取 argmax。logits (..., V) -> token id (...)。"""
    return logits.argmax(dim=-1)


def apply_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """T < 1 让分布更尖(更确定),T > 1 更平(更随机)。T → 0 退化为贪心,需单独处理。"""
    if temperature <= 0:
        raise ValueError(f"temperature 必须 > 0,收到 {temperature};要贪心请直接用 greedy()")
    return logits / temperature


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    """只保留 logits 最大的 k 个 token,其余置为 -inf(softmax 后概率为 0)。"""
    if k <= 0:
        raise ValueError(f"k 必须 ≥ 1,收到 {k}")
    k = min(k, logits.size(-1))
    values, indices = torch.topk(logits, k, dim=-1)  # (..., k)
    filtered = torch.full_like(logits, float("-inf"))
    return filtered.scatter(-1, indices, values)  # 只把前 k 个写回原位置;并列时恰好保留 k 个


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    """nucleus 采样:保留累计概率 ≥ p 的**最小**前缀(包括让累计概率越过 p 的那个 token)。"""
    if not 0.0 < p <= 1.0:
        raise ValueError(f"p 必须在 (0, 1] 内,收到 {p}")
    if p >= 1.0:
        return logits  # 全部保留;避免浮点累加误差误删尾部 token
    sorted_logits, sorted_idx = torch.sort(logits, dim=-1, descending=True)  # (..., V)
    probs = torch.softmax(sorted_logits, dim=-1)
    cum_before = torch.cumsum(probs, dim=-1) - probs  # 不含自己的累计概率(exclusive cumsum)
    # 在它之前的 token 累计已经 ≥ p,说明不需要它;第一个 token 的 cum_before = 0 < p,永远保留
    remove = cum_before >= p
    sorted_logits = sorted_logits.masked_fill(remove, float("-inf"))
    return torch.empty_like(logits).scatter(-1, sorted_idx, sorted_logits)  # 按原词表顺序放回


def filtered_probs(
    logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> torch.Tensor:
    """采样真正使用的分布:温度 → top-k → top-p → softmax(自动在保留集合内重新归一化)。"""
    logits = apply_temperature(logits, temperature)
    if top_k is not None:
        logits = top_k_filter(logits, top_k)
    if top_p is not None:
        logits = top_p_filter(logits, top_p)
    return torch.softmax(logits, dim=-1)  # -inf 的位置概率恰为 0


def sample(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """从 logits (..., V) 采样 token id (...)。temperature == 0 表示贪心。"""
    if temperature == 0:
        return greedy(logits)
    probs = filtered_probs(logits, temperature, top_k, top_p)  # (..., V)
    flat = probs.reshape(-1, probs.size(-1))  # multinomial 只接受 1-D / 2-D
    ids = torch.multinomial(flat, num_samples=1, generator=generator)  # (N, 1)
    return ids.view(probs.shape[:-1])
# --8<-- [end:core]


# --8<-- [start:extras]
def apply_repetition_penalty(logits: torch.Tensor, prev_ids: torch.Tensor, penalty: float) -> torch.Tensor:
    """重复惩罚:已出现过的 token,logit > 0 时除以 penalty,否则乘以 penalty。

    CTRL(Keskar et al. 2019)只写了"除以 penalty";负 logit 相除会变大,常见实现改为对负值相乘。

    logits: (B, V);prev_ids: (B, L) 已生成(含 prompt)的 token id。penalty > 1 压低这些 token 的概率,
    只看"是否出现过",出现几次都只惩罚一次。在温度、top-k、top-p 之前调用。时间 O(B·L)。

    >>> apply_repetition_penalty(torch.tensor([[2.0, -1.0, 0.5]]), torch.tensor([[0, 1, 0]]), 2.0)
    tensor([[ 1.0000, -2.0000,  0.5000]])
    """
    if penalty <= 0:
        raise ValueError(f"penalty 必须 > 0,收到 {penalty}")
    seen = logits.gather(-1, prev_ids)  # (B, L),重复的 id 取到同一个原始值
    # 正 logit 除、负 logit 乘:两种情况都让它变小(penalty > 1 时),直接除会让负 logit 变大
    penalized = torch.where(seen > 0, seen / penalty, seen * penalty)
    return logits.scatter(-1, prev_ids, penalized)  # 重复 id 写入的是同一个值,结果与顺序无关
# --8<-- [end:extras]
