"""Hot 100 · 二分查找:官方样例 + hypothesis 对照线性扫描与排序。"""

import bisect
import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_binary_search import (
    lc4_median_kth,
    lc4_median_partition,
    lc33_search_rotated,
    lc34_search_range,
    lc35_search_insert,
    lc74_search_matrix,
    lc153_find_min,
)

FAST = settings(max_examples=50)
sorted_unique = st.lists(st.integers(-30, 30), unique=True, max_size=15).map(sorted)


@FAST
@given(sorted_unique, st.integers(-32, 32))
def test_lc35_search_insert_matches_bisect_left(nums, target):
    assert lc35_search_insert(nums, target) == bisect.bisect_left(nums, target)


@FAST
@given(
    st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
        lambda rc: st.tuples(st.just(rc[1]), st.lists(st.integers(-20, 20), unique=True, min_size=rc[0] * rc[1], max_size=rc[0] * rc[1]))
    ),
    st.integers(-22, 22),
)
def test_lc74_search_matrix_matches_membership(case, target):
    cols, values = case
    values = sorted(values)
    matrix = [values[i : i + cols] for i in range(0, len(values), cols)]
    assert lc74_search_matrix(matrix, target) == (target in values)


@FAST
@given(st.lists(st.integers(0, 6), max_size=15).map(sorted), st.integers(-1, 7))
def test_lc34_search_range_matches_linear_scan(nums, target):
    hits = [i for i, x in enumerate(nums) if x == target]
    assert lc34_search_range(nums, target) == ([hits[0], hits[-1]] if hits else [-1, -1])


@FAST
@given(st.lists(st.integers(-30, 30), min_size=1, max_size=15, unique=True), st.data())
def test_lc33_search_rotated_matches_linear_scan(values, data):
    nums = sorted(values)
    shift = data.draw(st.integers(0, len(nums) - 1))
    rotated = nums[shift:] + nums[:shift]
    target = data.draw(st.integers(-32, 32))
    assert lc33_search_rotated(rotated, target) == (rotated.index(target) if target in rotated else -1)


@FAST
@given(st.lists(st.integers(-30, 30), min_size=1, max_size=15, unique=True), st.data())
def test_lc153_find_min_matches_min(values, data):
    nums = sorted(values)
    shift = data.draw(st.integers(0, len(nums) - 1))
    assert lc153_find_min(nums[shift:] + nums[:shift]) == min(values)


@FAST
@given(st.lists(st.integers(-9, 9), max_size=10).map(sorted), st.lists(st.integers(-9, 9), max_size=10).map(sorted))
def test_lc4_median_both_methods_match_statistics(a, b):
    if not a and not b:
        return
    expected = float(statistics.median(a + b))
    assert lc4_median_partition(a, b) == expected
    assert lc4_median_kth(a, b) == expected


# ---------------------------------------------------------------- 题目样例


def test_lc35_search_insert_examples():
    assert [lc35_search_insert([1, 3, 5, 6], t) for t in (5, 2, 7)] == [2, 1, 4]


def test_lc74_search_matrix_examples():
    m = [[1, 3, 5, 7], [10, 11, 16, 20], [23, 30, 34, 60]]
    assert (lc74_search_matrix(m, 3), lc74_search_matrix(m, 13)) == (True, False)


def test_lc34_search_range_examples():
    assert lc34_search_range([5, 7, 7, 8, 8, 10], 8) == [3, 4]
    assert lc34_search_range([5, 7, 7, 8, 8, 10], 6) == [-1, -1]
    assert lc34_search_range([], 0) == [-1, -1]


def test_lc33_search_rotated_examples():
    assert lc33_search_rotated([4, 5, 6, 7, 0, 1, 2], 0) == 4
    assert lc33_search_rotated([4, 5, 6, 7, 0, 1, 2], 3) == -1
    assert lc33_search_rotated([1], 0) == -1


def test_lc153_find_min_examples():
    assert [lc153_find_min(a) for a in ([3, 4, 5, 1, 2], [4, 5, 6, 7, 0, 1, 2], [11, 13, 15, 17])] == [1, 0, 11]


def test_lc4_median_examples_both_methods():
    for method in (lc4_median_partition, lc4_median_kth):
        assert method([1, 3], [2]) == 2.0
        assert method([1, 2], [3, 4]) == 2.5


def test_lc33_search_rotated_target_at_half_boundaries():
    assert lc33_search_rotated([5, 1, 2, 3, 4], 4) == 4  # 右半有序且 target 恰好等于 nums[hi]
    assert lc33_search_rotated([6, 7, 1, 2, 3], 7) == 1  # target 在 mid 左边紧挨着的位置
    assert lc33_search_rotated([1, 2, 3, 4, 5], 2) == 1
    assert lc33_search_rotated([7, 0], 0) == 1  # lo == mid 时左半只有一个元素,也算有序


def test_lc33_search_rotated_right_half_moves_lo_by_exactly_one():
    # [4, 0, 2]:mid = 1,右半 [0, 2] 有序且 0 < target <= 2,lo 必须正好移到 mid + 1 = 2
    assert lc33_search_rotated([4, 0, 2], 2) == 2
    assert lc33_search_rotated([4, 0, 2], 1) == -1
