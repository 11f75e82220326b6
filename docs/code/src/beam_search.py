"""手撕 beam search(束搜索),支持 EOS、长度归一化和 n-best 输出。

接口与模型无关:step_fn(prefixes) 接收当前所有存活的前缀 (num_beams, cur_len) 的 LongTensor,
返回每个前缀下一个 token 的对数概率 (num_beams, V)。真实模型里它就是
`log_softmax(model(prefixes)[:, -1, :])`(配合 KV cache 时只需喂最后一个 token)。

搜索空间:在 BOS 之后生成 token,遇到 EOS 结束(EOS 计入长度),或生成满 max_len 个 token 被截断。
打分:score = sum(log p) / length ** length_penalty
    length_penalty = 0   -> 原始对数概率之和(偏爱短序列,因为每多一个 token 就多加一个负数)
    length_penalty = 1   -> 平均每个 token 的对数概率

复杂度:每步对 k·V 个候选取前 2k,时间 O(max_len · (k·V + 模型前向)),显存 O(k·max_len + k·V)。

>>> import torch
>>> table = torch.tensor([[0.00, 0.55, 0.45],   # 上一个 token 为 BOS(=0)时的下一个 token 分布;0 也是 EOS
...                       [0.40, 0.30, 0.30],   # 上一个为 1 时
...                       [0.90, 0.05, 0.05]])  # 上一个为 2 时
>>> step = lambda prefixes: table[prefixes[:, -1]].log()   # (num_beams, len) -> (num_beams, 3)
>>> g = greedy_decode(step, bos_id=0, eos_id=0, max_len=3)
>>> g.tokens, round(g.logprob, 4)          # 贪心先选 0.55,之后最好也只有 0.4:0.22
([1, 0], -1.5141)
>>> best = beam_search(step, bos_id=0, eos_id=0, beam_width=2, max_len=3)[0]
>>> best.tokens, round(best.logprob, 4)    # beam 保留了 0.45 的分支:0.45 × 0.9 = 0.405
([2, 0], -0.9039)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch

__all__ = ["Hypothesis", "beam_search", "greedy_decode"]

# --8<-- [start:beam]
StepFn = Callable[[torch.Tensor], torch.Tensor]  # (num_beams, cur_len) -> (num_beams, V) 的 log-prob


@dataclass
class Hypothesis:
    tokens: list[int]  # 生成的 token(不含 BOS;若以 EOS 结束则包含 EOS)
    logprob: float  # 对数概率之和
    score: float  # 长度归一化后的分数,用于排序


def _normalise(logprob: float, length: int, length_penalty: float) -> float:
    return logprob / (length**length_penalty)


def beam_search(
    step_fn: StepFn,
    bos_id: int,
    eos_id: int,
    beam_width: int,
    max_len: int,
    length_penalty: float = 0.0,
    num_return: int = 1,
    device: torch.device | str | None = None,
) -> list[Hypothesis]:
    """返回按 score 降序排列的 num_return 个完成假设(num_return ≤ beam_width)。

    device: 前缀张量建在哪个设备上,应与 step_fn 里的模型相同;分数跟随 step_fn 输出的设备。
    """
    if beam_width < 1 or max_len < 1 or not 1 <= num_return <= beam_width:
        raise ValueError("需要 beam_width ≥ 1、max_len ≥ 1、1 ≤ num_return ≤ beam_width")
    alive: list[tuple[list[int], float]] = [([], 0.0)]  # 存活前缀(不含 BOS)及其累计 log-prob
    finished: list[Hypothesis] = []

    for step in range(1, max_len + 1):  # step = 本步之后已生成的 token 数
        prefixes = torch.tensor([[bos_id, *seq] for seq, _ in alive], device=device)  # (num_beams, step)
        logp = step_fn(prefixes).to(torch.float64)  # (num_beams, V)
        beam_scores = torch.tensor([score for _, score in alive], dtype=torch.float64,
                                   device=logp.device)  # (num_beams,)
        vocab = logp.size(-1)
        cand = (beam_scores[:, None] + logp).view(-1)  # (num_beams·V,) 所有一步扩展的累计分数
        # 取前 2k:每个前缀只有一个 EOS 扩展,所以前 2k 里至少有 k 个非 EOS 候选(若存在)
        n_top = min(2 * beam_width, cand.numel())
        top_scores, top_ids = torch.topk(cand, n_top)
        next_alive: list[tuple[list[int], float]] = []
        for rank, (score, flat_id) in enumerate(zip(top_scores.tolist(), top_ids.tolist())):
            if score == float("-inf"):
                break  # 概率为 0 的扩展不考虑
            beam, token = divmod(flat_id, vocab)  # 还原“哪个前缀 + 哪个 token”
            seq = alive[beam][0] + [token]
            if token == eos_id:
                if rank < beam_width:  # 只接受排在前 k 名的结束候选(与 Hugging Face 相同)
                    finished.append(Hypothesis(seq, score, _normalise(score, step, length_penalty)))
            else:
                next_alive.append((seq, score))
                if len(next_alive) == beam_width:
                    break
        finished = sorted(finished, key=lambda h: h.score, reverse=True)[:beam_width]
        alive = next_alive
        if not alive:
            break  # 所有分支都以 EOS 结束了
        # 提前停止:不做长度归一化时,继续扩展只会让 log-prob 更小(每步加一个 ≤ 0 的数),
        # 若已有 k 个完成假设且最好的存活前缀也不比其中最差的好,它就不可能再进入前 k
        if length_penalty == 0 and len(finished) == beam_width and alive[0][1] <= finished[-1].score:
            alive = []
            break

    # 生成满 max_len 仍未结束的前缀,作为被截断的假设参与排序
    for seq, score in alive:
        finished.append(Hypothesis(seq, score, _normalise(score, len(seq), length_penalty)))
    finished.sort(key=lambda h: h.score, reverse=True)
    return finished[:num_return]
# --8<-- [end:beam]


# --8<-- [start:greedy]
def greedy_decode(step_fn: StepFn, bos_id: int, eos_id: int, max_len: int,
                  device: torch.device | str | None = None) -> Hypothesis:
    """贪心解码:每步取 argmax,遇到 EOS 或满 max_len 停止。"""
    seq, total = [bos_id], 0.0
    for _ in range(max_len):
        logp = step_fn(torch.tensor([seq], device=device))[0].to(torch.float64)  # (V,)
        token = int(logp.argmax())
        seq.append(token)
        total += logp[token].item()
        if token == eos_id:
            break
    return Hypothesis(seq[1:], total, total)
# --8<-- [end:greedy]
