"""Hot 100 · 子串:官方样例 + hypothesis 对照暴力解。"""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_substring import lc76_min_window, lc239_max_sliding_window, lc560_subarray_sum

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-3, 3), max_size=20), st.integers(-4, 4))
def test_lc560_subarray_sum_matches_brute_force(nums, k):
    expected = sum(1 for i in range(len(nums)) for j in range(i + 1, len(nums) + 1) if sum(nums[i:j]) == k)
    assert lc560_subarray_sum(nums, k) == expected


@FAST
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=20), st.data())
def test_lc239_max_sliding_window_matches_brute_force(nums, data):
    k = data.draw(st.integers(1, len(nums)))
    assert lc239_max_sliding_window(nums, k) == [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]


@FAST
@given(st.text(alphabet="abc", min_size=1, max_size=14), st.text(alphabet="abc", min_size=1, max_size=4))
def test_lc76_min_window_matches_brute_force(s, t):
    need = Counter(t)
    best = ""
    for length in range(1, len(s) + 1):  # 最短优先;同长度取最左,与题解一致
        hits = [s[i : i + length] for i in range(len(s) - length + 1) if not need - Counter(s[i : i + length])]
        if hits:
            best = hits[0]
            break
    assert lc76_min_window(s, t) == best


# ---------------------------------------------------------------- 题目样例


def test_lc560_subarray_sum_examples():
    assert lc560_subarray_sum([1, 1, 1], 2) == 2
    assert lc560_subarray_sum([1, 2, 3], 3) == 2


def test_lc239_max_sliding_window_examples():
    assert lc239_max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3) == [3, 3, 5, 5, 6, 7]
    assert lc239_max_sliding_window([1], 1) == [1]


def test_lc76_min_window_examples():
    assert lc76_min_window("ADOBECODEBANC", "ABC") == "BANC"
    assert lc76_min_window("a", "a") == "a"
    assert lc76_min_window("a", "aa") == ""
