"""Hot 100 · 技巧:官方样例 + hypothesis 对照 Counter、sorted 与 itertools.permutations。"""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_tricks import (
    lc31_next_permutation,
    lc75_sort_colors,
    lc136_single_number,
    lc169_majority_element,
    lc287_find_duplicate,
)

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-100, 100), unique=True, max_size=8), st.integers(-200, 200), st.randoms(use_true_random=False))
def test_lc136_single_number_matches_counter(pairs, single, rnd):
    nums = [x for x in pairs if x != single] * 2 + [single]
    rnd.shuffle(nums)
    assert lc136_single_number(nums) == [x for x, c in Counter(nums).items() if c == 1][0]


@FAST
@given(st.integers(0, 5), st.lists(st.integers(0, 5), max_size=10), st.randoms(use_true_random=False))
def test_lc169_majority_element_matches_counter(major, others, rnd):
    nums = [major] * (len(others) + 1) + others  # major 出现次数严格过半
    rnd.shuffle(nums)
    assert lc169_majority_element(nums) == Counter(nums).most_common(1)[0][0] == major


@FAST
@given(st.lists(st.integers(0, 2), max_size=20))
def test_lc75_sort_colors_matches_sorted(nums):
    expected = sorted(nums)
    lc75_sort_colors(nums)
    assert nums == expected


@FAST
@given(st.lists(st.integers(0, 3), min_size=1, max_size=6))
def test_lc31_next_permutation_matches_sorted_permutations(nums):
    perms = sorted(set(itertools.permutations(nums)))
    k = perms.index(tuple(nums))
    expected = list(perms[(k + 1) % len(perms)])  # 最后一个的"下一个"回到第一个
    lc31_next_permutation(nums)
    assert nums == expected


@FAST
@given(st.integers(1, 10).flatmap(lambda n: st.tuples(st.integers(1, n), st.lists(st.integers(1, n), min_size=n, max_size=n))), st.randoms(use_true_random=False))
def test_lc287_find_duplicate_matches_counter(case, rnd):
    dup, rest = case
    n = len(rest)
    # 构造合法输入:值域 [1, n] 的 n + 1 个数,恰好一个值重复(可以重复多次)
    nums = list(range(1, n + 1)) + [dup]
    for i, v in enumerate(rest):
        if rnd.random() < 0.3 and nums[i] != dup:
            nums[i] = dup  # 把部分别的值也替换成 dup
    rnd.shuffle(nums)
    before = list(nums)
    assert lc287_find_duplicate(nums) == dup == next(x for x, c in Counter(nums).items() if c > 1)
    assert nums == before  # 没有修改数组


# ---------------------------------------------------------------- 题目样例


def test_lc136_single_number_examples():
    assert [lc136_single_number(a) for a in ([2, 2, 1], [4, 1, 2, 1, 2], [1])] == [1, 4, 1]


def test_lc169_majority_element_examples():
    assert (lc169_majority_element([3, 2, 3]), lc169_majority_element([2, 2, 1, 1, 1, 2, 2])) == (3, 2)


def test_lc75_sort_colors_examples():
    a, b = [2, 0, 2, 1, 1, 0], [2, 0, 1]
    lc75_sort_colors(a)
    lc75_sort_colors(b)
    assert (a, b) == ([0, 0, 1, 1, 2, 2], [0, 1, 2])


def test_lc31_next_permutation_examples():
    results = []
    for a in ([1, 2, 3], [3, 2, 1], [1, 1, 5], [5, 1, 1]):
        lc31_next_permutation(a)
        results.append(a)
    assert results == [[1, 3, 2], [1, 2, 3], [1, 5, 1], [1, 1, 5]]


def test_lc287_find_duplicate_examples():
    assert [lc287_find_duplicate(a) for a in ([1, 3, 4, 2, 2], [3, 1, 3, 4, 2], [3, 3, 3, 3, 3])] == [2, 3, 3]
