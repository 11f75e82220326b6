"""Hot 100 · 普通数组:官方样例 + hypothesis 对照暴力解。"""

from functools import reduce

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_array import (
    lc41_first_missing_positive,
    lc53_max_subarray,
    lc56_merge_intervals,
    lc189_rotate,
    lc238_product_except_self,
)

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-10, 10), min_size=1, max_size=20))
def test_lc53_max_subarray_matches_brute_force(nums):
    expected = max(sum(nums[i:j]) for i in range(len(nums)) for j in range(i + 1, len(nums) + 1))
    assert lc53_max_subarray(nums) == expected


@FAST
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 5)), min_size=1, max_size=10))
def test_lc56_merge_intervals_matches_point_cover(pairs):
    intervals = [[a, a + w] for a, w in pairs]
    got = lc56_merge_intervals(intervals)
    # 参考:在"半整数"刻度上标出被覆盖的点(2x),相接的区间在刻度上也连续
    covered = sorted({x for a, b in intervals for x in range(2 * a, 2 * b + 1)})
    runs: list[list[int]] = []
    for x in covered:
        if runs and x == runs[-1][1] + 1:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    assert got == [[a // 2, b // 2] for a, b in runs]


@FAST
@given(st.lists(st.integers(-9, 9), min_size=1, max_size=12), st.integers(0, 30))
def test_lc189_rotate_matches_slicing(nums, k):
    n = len(nums)
    expected = nums[n - k % n :] + nums[: n - k % n]
    lc189_rotate(nums, k)
    assert nums == expected


@FAST
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=12))
def test_lc238_product_except_self_matches_brute_force(nums):
    expected = [reduce(lambda a, b: a * b, nums[:i] + nums[i + 1 :], 1) for i in range(len(nums))]
    assert lc238_product_except_self(nums) == expected


@FAST
@given(st.lists(st.integers(-3, 12), max_size=12))
def test_lc41_first_missing_positive_matches_brute_force(nums):
    expected = next(v for v in range(1, len(nums) + 2) if v not in nums)
    assert lc41_first_missing_positive(list(nums)) == expected
    assert lc41_first_missing_positive([1, 1]) == 2


# ---------------------------------------------------------------- 题目样例


def test_lc53_max_subarray_examples():
    assert lc53_max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert lc53_max_subarray([1]) == 1
    assert lc53_max_subarray([5, 4, -1, 7, 8]) == 23


def test_lc56_merge_intervals_examples():
    assert lc56_merge_intervals([[1, 3], [2, 6], [8, 10], [15, 18]]) == [[1, 6], [8, 10], [15, 18]]
    assert lc56_merge_intervals([[1, 4], [4, 5]]) == [[1, 5]]
    assert lc56_merge_intervals([[1, 10], [2, 3]]) == [[1, 10]]


def test_lc189_rotate_examples():
    a, b = [1, 2, 3, 4, 5, 6, 7], [-1, -100, 3, 99]
    lc189_rotate(a, 3)
    lc189_rotate(b, 2)
    assert (a, b) == ([5, 6, 7, 1, 2, 3, 4], [3, 99, -1, -100])


def test_lc238_product_except_self_examples():
    assert lc238_product_except_self([1, 2, 3, 4]) == [24, 12, 8, 6]
    assert lc238_product_except_self([-1, 1, 0, -3, 3]) == [0, 0, 9, 0, 0]


def test_lc41_first_missing_positive_examples():
    assert [lc41_first_missing_positive(a) for a in ([1, 2, 0], [3, 4, -1, 1], [7, 8, 9, 11, 12])] == [3, 2, 1]
