"""Hot 100 · 堆:官方样例 + hypothesis 对照排序与计数。"""

import statistics
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_heap import (
    Lc295MedianFinder,
    lc215_find_kth_largest_heap,
    lc215_find_kth_largest_quickselect,
    lc347_top_k_frequent,
)

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-10, 10), min_size=1, max_size=25), st.data(), st.integers(0, 1000))
def test_lc215_heap_and_quickselect_match_sorting(nums, data, seed):
    k = data.draw(st.integers(1, len(nums)))
    expected = sorted(nums, reverse=True)[k - 1]
    before = list(nums)
    assert lc215_find_kth_largest_heap(nums, k) == expected
    assert lc215_find_kth_largest_quickselect(nums, k, seed) == expected
    assert nums == before


def test_lc215_quickselect_all_equal_large_input():
    assert lc215_find_kth_largest_quickselect([7] * 20000, 12345) == 7  # 三路划分一轮结束


@FAST
@given(st.lists(st.integers(0, 8), min_size=1, max_size=30), st.data())
def test_lc347_top_k_frequent_matches_counter(nums, data):
    count = Counter(nums)
    k = data.draw(st.integers(1, len(count)))
    got = lc347_top_k_frequent(nums, k)
    assert len(got) == len(set(got)) == k
    # 答案不唯一时(并列频率),检查"取到的频率多重集"等于前 k 大的频率
    assert sorted((count[x] for x in got), reverse=True) == sorted(count.values(), reverse=True)[:k]


@FAST
@given(st.lists(st.integers(-20, 20), min_size=1, max_size=30))
def test_lc295_median_finder_matches_statistics(stream):
    finder = Lc295MedianFinder()
    for i, x in enumerate(stream, start=1):
        finder.addNum(x)
        assert finder.findMedian() == float(statistics.median(stream[:i]))


# ---------------------------------------------------------------- 题目样例


def test_lc215_examples_both_methods():
    for method in (lc215_find_kth_largest_heap, lc215_find_kth_largest_quickselect):
        assert method([3, 2, 1, 5, 6, 4], 2) == 5
        assert method([3, 2, 3, 1, 2, 4, 5, 5, 6], 4) == 4


def test_lc347_top_k_frequent_examples():
    assert sorted(lc347_top_k_frequent([1, 1, 1, 2, 2, 3], 2)) == [1, 2]
    assert lc347_top_k_frequent([1], 1) == [1]


def test_lc295_median_finder_examples():
    from hot100_structures import play

    ops = ["MedianFinder", "addNum", "addNum", "findMedian", "addNum", "findMedian"]
    assert play(Lc295MedianFinder, ops, [[], [1], [2], [], [3], []]) == [None, None, None, 1.5, None, 2.0]
