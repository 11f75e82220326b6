"""Hot 100 · 动态规划:官方样例 + hypothesis 对照枚举、记忆化搜索或数学公式。"""

import itertools
from functools import cache
from math import comb

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_dp import (
    lc32_longest_valid_parentheses,
    lc70_climb_stairs,
    lc118_generate,
    lc139_word_break,
    lc152_max_product,
    lc198_rob,
    lc279_num_squares,
    lc300_length_of_lis_dp,
    lc300_length_of_lis_patience,
    lc322_coin_change,
    lc416_can_partition,
)

FAST = settings(max_examples=50)


def test_lc70_climb_stairs_matches_composition_count():
    # 参考:n 级台阶用 k 个 2 步,共 n - k 步,排列数 C(n - k, k)
    for n in range(1, 30):
        assert lc70_climb_stairs(n) == sum(comb(n - k, k) for k in range(n // 2 + 1))


def test_lc118_generate_matches_binomials():
    assert lc118_generate(1) == [[1]]
    assert lc118_generate(12) == [[comb(r, c) for c in range(r + 1)] for r in range(12)]


@FAST
@given(st.lists(st.integers(0, 9), max_size=12))
def test_lc198_rob_matches_subset_enumeration(nums):
    n = len(nums)
    expected = max(
        sum(nums[i] for i in chosen)
        for r in range(n + 1)
        for chosen in itertools.combinations(range(n), r)
        if all(b - a > 1 for a, b in zip(chosen, chosen[1:]))
    )
    assert lc198_rob(nums) == expected


def test_lc279_num_squares_matches_bfs_and_four_square_bound():
    squares = [k * k for k in range(1, 12)]
    for n in range(1, 120):
        level, frontier = 0, {n}
        while 0 not in frontier:  # 参考:BFS,每层减去一个平方数
            frontier = {x - s for x in frontier for s in squares if s <= x}
            level += 1
        assert lc279_num_squares(n) == level <= 4  # 拉格朗日四平方和定理


@FAST
@given(st.lists(st.integers(1, 12), min_size=1, max_size=4, unique=True), st.integers(0, 40))
def test_lc322_coin_change_matches_memoized_search(coins, amount):
    @cache
    def best(a):
        if a == 0:
            return 0
        options = [best(a - c) for c in coins if c <= a]
        options = [o for o in options if o is not None]
        return 1 + min(options) if options else None

    expected = best(amount)
    assert lc322_coin_change(coins, amount) == (-1 if expected is None else expected)


@FAST
@given(st.text(alphabet="ab", max_size=12), st.lists(st.text(alphabet="ab", min_size=1, max_size=3), max_size=4))
def test_lc139_word_break_matches_memoized_search(s, words):
    @cache
    def ok(i):
        return i == len(s) or any(s.startswith(w, i) and ok(i + len(w)) for w in words)

    assert lc139_word_break(s, words) == ok(0)


def _lis_brute(nums):
    return max(
        (r for r in range(len(nums) + 1) for idx in itertools.combinations(range(len(nums)), r)
         if all(nums[a] < nums[b] for a, b in zip(idx, idx[1:]))),
        default=0,
    )


@FAST
@given(st.lists(st.integers(0, 6), max_size=10))
def test_lc300_both_methods_match_subsequence_enumeration(nums):
    expected = _lis_brute(nums)
    assert lc300_length_of_lis_dp(nums) == expected
    assert lc300_length_of_lis_patience(nums) == expected


@FAST
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=12))
def test_lc152_max_product_matches_all_subarrays(nums):
    def product(xs):
        p = 1
        for x in xs:
            p *= x
        return p

    expected = max(product(nums[i:j]) for i in range(len(nums)) for j in range(i + 1, len(nums) + 1))
    assert lc152_max_product(nums) == expected


@FAST
@given(st.lists(st.integers(1, 12), min_size=1, max_size=10))
def test_lc416_can_partition_matches_subset_sums(nums):
    sums = {0}
    for x in nums:
        sums |= {s + x for s in sums}
    total = sum(nums)
    assert lc416_can_partition(nums) == (total % 2 == 0 and total // 2 in sums)


@FAST
@given(st.text(alphabet="()", max_size=16))
def test_lc32_longest_valid_parentheses_matches_all_substrings(s):
    def valid(t):  # 参考:反复删掉相邻的 "()",合法串最后为空
        while "()" in t:
            t = t.replace("()", "")
        return t == ""

    expected = max((j - i for i in range(len(s)) for j in range(i + 2, len(s) + 1, 2) if valid(s[i:j])), default=0)
    assert lc32_longest_valid_parentheses(s) == expected


# ---------------------------------------------------------------- 题目样例


def test_lc70_climb_stairs_examples():
    assert (lc70_climb_stairs(2), lc70_climb_stairs(3)) == (2, 3)


def test_lc118_generate_examples():
    assert lc118_generate(5) == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]]


def test_lc198_rob_examples():
    assert (lc198_rob([1, 2, 3, 1]), lc198_rob([2, 7, 9, 3, 1])) == (4, 12)


def test_lc279_num_squares_examples():
    assert (lc279_num_squares(12), lc279_num_squares(13)) == (3, 2)


def test_lc322_coin_change_examples():
    assert [lc322_coin_change([1, 2, 5], 11), lc322_coin_change([2], 3), lc322_coin_change([1], 0)] == [3, -1, 0]


def test_lc139_word_break_examples():
    assert lc139_word_break("leetcode", ["leet", "code"]) is True
    assert lc139_word_break("applepenapple", ["apple", "pen"]) is True
    assert lc139_word_break("catsandog", ["cats", "dog", "sand", "and", "cat"]) is False


def test_lc300_examples_both_methods():
    for method in (lc300_length_of_lis_dp, lc300_length_of_lis_patience):
        assert [method(a) for a in ([10, 9, 2, 5, 3, 7, 101, 18], [0, 1, 0, 3, 2, 3], [7, 7, 7, 7])] == [4, 4, 1]


def test_lc152_max_product_examples():
    assert (lc152_max_product([2, 3, -2, 4]), lc152_max_product([-2, 0, -1])) == (6, 0)


def test_lc416_can_partition_examples():
    assert (lc416_can_partition([1, 5, 11, 5]), lc416_can_partition([1, 2, 3, 5])) == (True, False)


def test_lc32_longest_valid_parentheses_examples():
    assert [lc32_longest_valid_parentheses(s) for s in ("(()", ")()())", "")] == [2, 4, 0]
