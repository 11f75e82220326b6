"""Hot 100 · 双指针:官方样例 + hypothesis 对照暴力解。"""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_two_pointers import lc11_max_area, lc15_three_sum, lc42_trap, lc283_move_zeroes

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-3, 3), max_size=20))
def test_lc283_move_zeroes_keeps_order_of_nonzeros(nums):
    a = [0]
    lc283_move_zeroes(a)
    assert a == [0]
    expected = [x for x in nums if x != 0] + [0] * nums.count(0)
    lc283_move_zeroes(nums)
    assert nums == expected


@FAST
@given(st.lists(st.integers(0, 20), min_size=2, max_size=20))
def test_lc11_max_area_matches_brute_force(height):
    expected = max((j - i) * min(height[i], height[j]) for i, j in itertools.combinations(range(len(height)), 2))
    assert lc11_max_area(height) == expected


@FAST
@given(st.lists(st.integers(-5, 5), max_size=14))
def test_lc15_three_sum_matches_brute_force(nums):
    expected = sorted({tuple(sorted(c)) for c in itertools.combinations(nums, 3) if sum(c) == 0})
    assert sorted(map(tuple, lc15_three_sum(nums))) == expected
    assert lc15_three_sum([-2, 0, 0, 2, 2]) == [[-2, 0, 2]]


@FAST
@given(st.lists(st.integers(0, 6), max_size=20))
def test_lc42_trap_matches_per_cell_formula(height):
    expected = sum(max(0, min(max(height[: i + 1]), max(height[i:])) - h) for i, h in enumerate(height))
    assert lc42_trap(height) == expected


# ---------------------------------------------------------------- 题目样例


def test_lc283_move_zeroes_examples():
    a = [0, 1, 0, 3, 12]
    lc283_move_zeroes(a)
    assert a == [1, 3, 12, 0, 0]


def test_lc11_max_area_examples():
    assert lc11_max_area([1, 8, 6, 2, 5, 4, 8, 3, 7]) == 49
    assert lc11_max_area([1, 1]) == 1


def test_lc15_three_sum_examples():
    assert lc15_three_sum([-1, 0, 1, 2, -1, -4]) == [[-1, -1, 2], [-1, 0, 1]]
    assert lc15_three_sum([0, 1, 1]) == []
    assert lc15_three_sum([0, 0, 0]) == [[0, 0, 0]]


def test_lc42_trap_examples():
    assert lc42_trap([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1]) == 6
    assert lc42_trap([4, 2, 0, 3, 2, 5]) == 9


def test_lc15_three_sum_duplicate_pair_values():
    # 手算:-5+2+3, -4+0+4, -4+2+2, -3+0+3;-4 这一轮先找到 (0, 4),再找到重复值组成的 (2, 2)
    assert lc15_three_sum([-5, -4, -3, 0, 2, 2, 3, 3, 4]) == [[-5, 2, 3], [-4, 0, 4], [-4, 2, 2], [-3, 0, 3]]
    # 每个负数都重复出现,去重后只剩 -2 + -1 + 3 一组
    assert lc15_three_sum([-5, -5, -2, -2, -1, -1, 0, 3]) == [[-2, -1, 3]]
