"""BLEU(截断计数 + 几何平均 + 简短惩罚)与 ROUGE-L(基于最长公共子序列的 F 值),纯 Python 手撕版。

输入都是已经分好词的 token 列表(分词方式会改变分数,比较分数前必须用同一套分词)。

- BLEU(Papineni 等,ACL 2002):对 n = 1..N,候选里每个 n-gram 的计数截断到它在任一参考中出现的
  最大次数,得到修正精确率 p_n;取 log p_n 的加权平均再 exp,乘以简短惩罚
  BP = 1(c > r)或 exp(1 - r/c)(c <= r),c 为候选总长,r 为"有效参考长度"。
- ROUGE-L(Lin,2004):LCS 长度除以候选长度得 P,除以参考长度得 R,再取 F_β。

复杂度:BLEU 为 O(N·(|候选| + Σ|参考|))(计数用哈希表);LCS 为 O(m·n) 时间、O(min(m, n)) 空间。
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

Tokens = Sequence[str]


# --8<-- [start:bleu]
def ngram_counts(tokens: Tokens, n: int) -> Counter[tuple[str, ...]]:
    """长度为 n 的所有 n-gram 及其出现次数。

    >>> sorted(ngram_counts("a b a b".split(), 2).items())
    [(('a', 'b'), 2), (('b', 'a'), 1)]
    """
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def clipped_matches(candidate: Tokens, references: Sequence[Tokens], n: int) -> tuple[int, int]:
    """(截断后的匹配数, 候选 n-gram 总数)。每个 n-gram 最多算它在单个参考中出现的最大次数。

    >>> clipped_matches("the the the the".split(), ["the cat".split(), "a the the".split()], 1)
    (2, 4)
    """
    max_ref: Counter[tuple[str, ...]] = Counter()
    for ref in references:
        max_ref |= ngram_counts(ref, n)  # Counter 的 | 取逐项最大值,不是相加
    cand = ngram_counts(candidate, n)
    matched = sum(min(count, max_ref[gram]) for gram, count in cand.items())
    return matched, max(len(candidate) - n + 1, 0)


def closest_ref_length(candidate_len: int, references: Sequence[Tokens]) -> int:
    """与候选长度最接近的参考长度;距离相同取较短的那个(sacrebleu / NLTK 的约定)。"""
    return min((abs(len(ref) - candidate_len), len(ref)) for ref in references)[1]


def brevity_penalty(candidate_len: int, ref_len: int) -> float:
    """候选比参考短时惩罚:exp(1 - r / c);不短则为 1。候选为空时为 0。

    >>> round(brevity_penalty(8, 9), 4)
    0.8825
    """
    if candidate_len > ref_len:
        return 1.0
    if candidate_len == 0:
        return 0.0
    return math.exp(1.0 - ref_len / candidate_len)


def corpus_bleu(
    candidates: Sequence[Tokens], references: Sequence[Sequence[Tokens]], max_n: int = 4
) -> float:
    """语料级 BLEU:先把所有句子的匹配数、n-gram 数、长度分别加总,再算一次(不是句子 BLEU 的平均)。

    权重取均匀的 1/max_n。任何一阶 p_n 为 0 时几何平均为 0,返回 0.0(不做平滑)。

    >>> ref = "the quick brown fox jumps over the lazy dog".split()
    >>> round(corpus_bleu(["the quick brown fox jumps over the dog".split()], [[ref]]), 4)
    0.7673
    """
    matched = [0] * max_n
    total = [0] * max_n
    cand_len = ref_len = 0
    for cand, refs in zip(candidates, references, strict=True):
        for n in range(1, max_n + 1):
            m, t = clipped_matches(cand, refs, n)
            matched[n - 1] += m
            total[n - 1] += t
        cand_len += len(cand)
        ref_len += closest_ref_length(len(cand), refs)
    if min(matched) == 0:  # 包括候选比 max_n 还短、某阶没有任何 n-gram 的情况
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matched, total)) / max_n
    return brevity_penalty(cand_len, ref_len) * math.exp(log_precision)


def sentence_bleu(candidate: Tokens, references: Sequence[Tokens], max_n: int = 4) -> float:
    """单句 BLEU = 只有一句的语料 BLEU。短句常因 4-gram 无匹配而为 0,所以它不适合逐句打分。"""
    return corpus_bleu([candidate], [references], max_n)
# --8<-- [end:bleu]


# --8<-- [start:rouge]
def lcs_length(a: Tokens, b: Tokens) -> int:
    """最长公共子序列(不要求连续)的长度,滚动一维 DP。

    dp[j] 在处理完 a[:i] 后表示 LCS(a[:i], b[:j]);prev_diag 保存左上角的旧值。

    >>> lcs_length("a b c d e".split(), "a c e b".split())
    3
    """
    if len(b) > len(a):
        a, b = b, a  # 让 dp 的长度取较短序列
    dp = [0] * (len(b) + 1)
    for x in a:
        prev_diag = 0
        for j, y in enumerate(b, start=1):
            prev_diag, dp[j] = dp[j], (prev_diag + 1 if x == y else max(dp[j], dp[j - 1]))
    return dp[-1]


def rouge_l(candidate: Tokens, reference: Tokens, beta: float = 1.0) -> tuple[float, float, float]:
    """(precision, recall, F_β)。β = 1 为调和平均;Lin(2004)在 DUC 中取很大的 β,几乎只看召回。

    >>> p, r, f = rouge_l("the cat was found under the bed".split(), "the cat was under the bed".split())
    >>> round(p, 4), round(r, 4), round(f, 4)
    (0.8571, 1.0, 0.9231)
    """
    lcs = lcs_length(candidate, reference)
    if lcs == 0:
        return 0.0, 0.0, 0.0
    precision = lcs / len(candidate)
    recall = lcs / len(reference)
    f = (1 + beta**2) * precision * recall / (recall + beta**2 * precision)
    return precision, recall, f
# --8<-- [end:rouge]
