"""Hot 100 · 贪心:官方样例 + hypothesis 对照暴力解与 BFS。"""

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from hot100_greedy import lc45_jump, lc55_can_jump, lc121_max_profit, lc763_partition_labels

FAST = settings(max_examples=50)


@FAST
@given(st.lists(st.integers(0, 20), max_size=20))
def test_lc121_max_profit_matches_all_pairs(prices):
    expected = max((prices[j] - prices[i] for i in range(len(prices)) for j in range(i + 1, len(prices))), default=0)
    assert lc121_max_profit(prices) == max(expected, 0)


def bfs_jumps(nums):
    """参考:下标是点,i 到 i+1..i+nums[i] 有边,BFS 求到终点的最少步数(不可达为 None)。"""
    dist = {0: 0}
    queue = deque([0])
    while queue:
        i = queue.popleft()
        for j in range(i + 1, min(i + nums[i], len(nums) - 1) + 1):
            if j not in dist:
                dist[j] = dist[i] + 1
                queue.append(j)
    return dist.get(len(nums) - 1)


@FAST
@given(st.lists(st.integers(0, 3), min_size=1, max_size=15))
def test_lc55_can_jump_matches_bfs(nums):
    assert lc55_can_jump(nums) == (bfs_jumps(nums) is not None)


@FAST
@given(st.lists(st.integers(0, 4), min_size=1, max_size=15))
def test_lc45_jump_matches_bfs_when_reachable(nums):
    expected = bfs_jumps(nums)
    if expected is not None:  # 题目保证可达
        assert lc45_jump(nums) == expected


@FAST
@given(st.text(alphabet="abcdef", min_size=1, max_size=20))
def test_lc763_partition_labels_matches_greedy_cut_check(s):
    sizes = lc763_partition_labels(s)
    assert sum(sizes) == len(s)
    # 参考:在位置 k 可以切当且仅当左右两边没有共同字母;最多段数 = 所有可切位置都切
    cuts = [k for k in range(1, len(s)) if not set(s[:k]) & set(s[k:])]
    bounds = [0] + cuts + [len(s)]
    assert sizes == [b - a for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------- 题目样例


def test_lc121_max_profit_examples():
    assert lc121_max_profit([7, 1, 5, 3, 6, 4]) == 5
    assert lc121_max_profit([7, 6, 4, 3, 1]) == 0


def test_lc55_can_jump_examples():
    assert lc55_can_jump([2, 3, 1, 1, 4]) is True
    assert lc55_can_jump([3, 2, 1, 0, 4]) is False


def test_lc45_jump_examples():
    assert lc45_jump([2, 3, 1, 1, 4]) == 2
    assert lc45_jump([2, 3, 0, 1, 4]) == 2


def test_lc763_partition_labels_examples():
    assert lc763_partition_labels("ababcbacadefegdehijhklij") == [9, 7, 8]
    assert lc763_partition_labels("eccbbbbdec") == [10]
