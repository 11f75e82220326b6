"""CTC(Connectionist Temporal Classification,Graves 等,ICML 2006):贪心解码与前向(alpha)递推求损失。

记号:T 帧,C 个类别(含 blank),目标序列 l 长 S(不含 blank)。在 l 的首尾和每两个标签之间插入 blank,
得到扩展序列 l',长 2S + 1。一条对齐路径 π 是长 T 的类别序列;映射 B 先合并相邻重复、再删去 blank,
B(π) = l 的所有路径概率之和就是 p(l | x),损失为 -log p(l | x)。

alpha[t, s] = 前 t + 1 帧走到 l'[s] 的所有路径前缀的概率之和。它只能从 s(停留)、s - 1(前进一格)
或 s - 2(跳过中间的 blank)转移过来;跳过只在 l'[s] 不是 blank 且 l'[s] != l'[s - 2] 时允许——
两个相同标签之间必须隔一个 blank,否则它们会被合并成一个。

复杂度:O(T · S) 时间,O(S) 额外空间(每帧只保留上一行 alpha)。全部在对数域计算,避免长序列下溢。
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


# --8<-- [start:greedy]
def collapse(path: Sequence[int], blank: int = 0) -> list[int]:
    """映射 B:先合并相邻重复,再删 blank。顺序不能反:"a _ a" -> [a, a],而 "a a" -> [a]。

    >>> collapse([1, 1, 0, 1, 2, 2, 0, 0])
    [1, 1, 2]
    """
    out: list[int] = []
    prev = None
    for k in path:
        if k != prev and k != blank:
            out.append(int(k))
        prev = k
    return out


def greedy_decode(log_probs: np.ndarray, blank: int = 0) -> list[int]:
    """每帧取 argmax 得到最可能的单条路径,再做 B。(T, C) -> 标签列表。

    它找的是概率最大的路径,不是概率最大的标签序列(后者要对路径求和,需 prefix beam search)。

    >>> lp = np.log(np.array([[0.1, 0.8, 0.1], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1], [0.2, 0.7, 0.1]]))
    >>> greedy_decode(lp)
    [1, 1]
    """
    return collapse(np.argmax(log_probs, axis=1).tolist(), blank)
# --8<-- [end:greedy]


# --8<-- [start:loss]
def extend_with_blanks(target: Sequence[int], blank: int = 0) -> list[int]:
    """l -> l':[a, b] -> [_, a, _, b, _]。

    >>> extend_with_blanks([3, 3])
    [0, 3, 0, 3, 0]
    """
    ext = [blank]
    for k in target:
        ext += [int(k), blank]
    return ext


def ctc_loss(log_probs: np.ndarray, target: Sequence[int], blank: int = 0) -> float:
    """单条样本的 CTC 负对数似然。log_probs: (T, C),每行是 log_softmax 的结果。

    没有合法对齐(T 小于 S 加上相邻重复标签的个数)时返回 inf,与 torch.nn.CTCLoss 相同。

    >>> lp = np.log(np.full((2, 2), 0.5))  # 2 帧,类别 {blank, a},每帧均匀
    >>> round(ctc_loss(lp, [1]), 4)        # 路径 "a a"、"a _"、"_ a" 都映射为 "a":p = 3/4
    0.2877
    """
    ext = extend_with_blanks(target, blank)  # (L,),L = 2S + 1
    L = len(ext)
    num_frames = log_probs.shape[0]
    # 可以从 s - 2 跳过来的位置:非 blank,且与两格前的标签不同
    can_skip = np.array([s >= 2 and ext[s] != blank and ext[s] != ext[s - 2] for s in range(L)])

    alpha = np.full(L, -np.inf)  # (L,) 上一帧的 log alpha
    alpha[0] = log_probs[0, blank]  # 以 blank 开头
    if L > 1:
        alpha[1] = log_probs[0, ext[1]]  # 或直接以第一个标签开头
    for t in range(1, num_frames):
        step = np.concatenate(([-np.inf], alpha))[:L]  # 来自 s - 1(右移一格)
        skip = np.where(can_skip, np.concatenate(([-np.inf, -np.inf], alpha))[:L], -np.inf)  # 来自 s - 2
        alpha = np.logaddexp(np.logaddexp(alpha, step), skip) + log_probs[t, ext]  # (L,)
    # 结束时必须停在最后一个标签或其后的 blank 上
    log_likelihood = np.logaddexp(alpha[-1], alpha[-2]) if L > 1 else alpha[-1]
    return float(-log_likelihood)
# --8<-- [end:loss]


# --8<-- [start:count]
def count_alignments(num_frames: int, target: Sequence[int], blank: int = 0) -> int:
    """长 num_frames、经 B 映射为 target 的路径条数:把 alpha 递推里的概率全换成 1(整数,不溢出)。

    >>> count_alignments(3, [1, 2])  # "a b b", "a a b", "_ a b", "a _ b", "a b _"
    5
    """
    ext = extend_with_blanks(target, blank)
    L = len(ext)
    alpha = [1, 1] + [0] * (L - 2) if L > 1 else [1]
    for _ in range(1, num_frames):
        alpha = [
            alpha[s]
            + (alpha[s - 1] if s >= 1 else 0)
            + (alpha[s - 2] if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2] else 0)
            for s in range(L)
        ]
    return alpha[-1] + (alpha[-2] if L > 1 else 0)
# --8<-- [end:count]
