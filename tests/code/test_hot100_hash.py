"""Hot 100 · 哈希:官方样例 + hypothesis 对照暴力解。"""

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_hash import lc1_two_sum, lc49_group_anagrams, lc128_longest_consecutive

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(-10, 10), max_size=15), st.integers(-20, 20))
def test_lc1_two_sum_examples_and_brute_force(nums, target):
    assert lc1_two_sum([2, 7, 11, 15], 9) == [0, 1]
    assert lc1_two_sum([3, 3], 6) == [0, 1]
    pairs = [(i, j) for j in range(len(nums)) for i in range(j) if nums[i] + nums[j] == target]
    got = lc1_two_sum(nums, target)
    if not pairs:
        assert got == []
    else:
        i, j = got
        assert i < j and nums[i] + nums[j] == target
        assert j == pairs[0][1]  # 一遍哈希找到的是右端最靠左的那一对


@FAST
@given(st.lists(st.text(alphabet="abc", max_size=4), max_size=10))
def test_lc49_group_anagrams_examples_and_brute_force(words):
    assert lc49_group_anagrams(["a"]) == [["a"]]
    got = lc49_group_anagrams(words)
    assert sorted(w for g in got for w in g) == sorted(words)  # 不丢不多
    for group in got:
        assert all(sorted(w) == sorted(group[0]) for w in group)
    keys = [sorted(g[0]) for g in got]
    assert len(keys) == len({"".join(k) for k in keys})  # 不同组互不为异位词


@FAST
@given(st.lists(st.integers(-15, 15), max_size=25))
def test_lc128_longest_consecutive_examples_and_brute_force(nums):
    assert lc128_longest_consecutive([]) == 0
    present = set(nums)
    best = 0
    for x in present:
        length = 0
        while x + length in present:
            length += 1
        best = max(best, length)
    assert lc128_longest_consecutive(nums) == best


# ---------------------------------------------------------------- 题目样例


def test_lc49_group_anagrams_examples():
    got = lc49_group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
    assert sorted(sorted(g) for g in got) == [["ate", "eat", "tea"], ["bat"], ["nat", "tan"]]
    assert lc49_group_anagrams([""]) == [[""]]


def test_lc128_longest_consecutive_examples():
    assert lc128_longest_consecutive([100, 4, 200, 1, 3, 2]) == 4
    assert lc128_longest_consecutive([0, 3, 7, 2, 5, 8, 4, 6, 0, 1]) == 9
    assert lc128_longest_consecutive([1, 0, 1, 2]) == 3
