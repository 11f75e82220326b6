"""Hot 100 · 多维动态规划:官方样例 + hypothesis 对照组合数、路径枚举、子序列枚举与记忆化递归。"""

import itertools
from functools import cache
from math import comb

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_multi_dp import (
    lc5_longest_palindrome,
    lc62_unique_paths,
    lc64_min_path_sum,
    lc72_min_distance,
    lc1143_longest_common_subsequence,
)

FAST = settings(max_examples=50)


def test_lc62_unique_paths_matches_binomial():
    for m in range(1, 12):
        for n in range(1, 12):
            assert lc62_unique_paths(m, n) == comb(m + n - 2, m - 1)


@FAST
@given(st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda rc: st.lists(st.lists(st.integers(0, 9), min_size=rc[1], max_size=rc[1]), min_size=rc[0], max_size=rc[0])))
def test_lc64_min_path_sum_matches_path_enumeration(grid):
    rows, cols = len(grid), len(grid[0])
    best = None
    for downs in itertools.combinations(range(rows + cols - 2), rows - 1):  # 哪几步向下
        r = c = 0
        total = grid[0][0]
        for step in range(rows + cols - 2):
            if step in downs:
                r += 1
            else:
                c += 1
            total += grid[r][c]
        best = total if best is None else min(best, total)
    assert lc64_min_path_sum(grid) == best


@FAST
@given(st.text(alphabet="abc", min_size=1, max_size=14))
def test_lc5_longest_palindrome_matches_all_substrings(s):
    got = lc5_longest_palindrome(s)
    longest = max(j - i for i in range(len(s)) for j in range(i + 1, len(s) + 1) if s[i:j] == s[i:j][::-1])
    assert got == got[::-1] and got in s and len(got) == longest


@FAST
@given(st.text(alphabet="abc", max_size=7), st.text(alphabet="abc", max_size=9))
def test_lc1143_lcs_matches_subsequence_enumeration(a, b):
    def is_subsequence(sub, s):
        it = iter(s)
        return all(ch in it for ch in sub)

    best = max(
        (r for r in range(len(a) + 1) for idx in itertools.combinations(range(len(a)), r) if is_subsequence([a[i] for i in idx], b)),
        default=0,
    )
    assert lc1143_longest_common_subsequence(a, b) == best


@FAST
@given(st.text(alphabet="abc", max_size=8), st.text(alphabet="abc", max_size=8))
def test_lc72_min_distance_matches_memoized_recursion(a, b):
    @cache
    def dist(i, j):  # 从后往前的递归定义,和题解的前缀 DP 方向相反
        if i == len(a):
            return len(b) - j
        if j == len(b):
            return len(a) - i
        if a[i] == b[j]:
            return dist(i + 1, j + 1)
        return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))

    assert lc72_min_distance(a, b) == dist(0, 0)


# ---------------------------------------------------------------- 题目样例


def test_lc62_unique_paths_examples():
    assert (lc62_unique_paths(3, 7), lc62_unique_paths(3, 2)) == (28, 3)


def test_lc64_min_path_sum_examples():
    assert lc64_min_path_sum([[1, 3, 1], [1, 5, 1], [4, 2, 1]]) == 7
    assert lc64_min_path_sum([[1, 2, 3], [4, 5, 6]]) == 12


def test_lc5_longest_palindrome_examples():
    assert lc5_longest_palindrome("babad") in ("bab", "aba")
    assert lc5_longest_palindrome("cbbd") == "bb"


def test_lc1143_lcs_examples():
    assert [lc1143_longest_common_subsequence(a, b) for a, b in (("abcde", "ace"), ("abc", "abc"), ("abc", "def"))] == [3, 3, 0]


def test_lc72_min_distance_examples():
    assert (lc72_min_distance("horse", "ros"), lc72_min_distance("intention", "execution")) == (3, 5)


def test_lc64_min_path_sum_cannot_wrap_to_next_row():
    # 每条路都要经过 (1, 0) 或 (2, 1) 中的一个 9;若把上一行最右格当成下一行最左格的"左邻",会得到 0
    assert lc64_min_path_sum([[0, 0], [9, 0], [0, 9], [0, 0]]) == 9


@FAST
@given(st.text(alphabet="ab", min_size=1, max_size=12))
def test_lc5_longest_palindrome_returns_leftmost_on_ties(s):
    assert lc5_longest_palindrome("babad") == "bab"  # 与 docstring 一致:等长时取最靠左的
    assert lc5_longest_palindrome("abcd") == "a"
    for length in range(len(s), 0, -1):  # 参考:从长到短、从左到右找第一个回文
        hits = [s[i : i + length] for i in range(len(s) - length + 1) if s[i : i + length] == s[i : i + length][::-1]]
        if hits:
            assert lc5_longest_palindrome(s) == hits[0]
            break
