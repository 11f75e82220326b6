"""Hot 100 各分类代表题:hypothesis 随机输入,对照暴力解(或独立的朴素实现)。"""

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from leetcode_hot100 import (
    ListNode,
    TreeNode,
    can_jump,
    daily_temperatures,
    find_anagrams,
    find_kth_largest,
    length_of_lis,
    level_order,
    longest_common_subsequence,
    max_area,
    max_subarray,
    num_islands,
    permute,
    reverse_list,
    rotate_image,
    search_rotated,
    single_number,
    subarray_sum,
    two_sum,
)

FAST = settings(max_examples=150, deadline=None)
ints = st.integers(-10, 10)


@FAST
@given(st.lists(ints, max_size=15), ints)
def test_hot100_two_sum_matches_brute_force(nums, target):
    pairs = [(i, j) for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target]
    got = two_sum(nums, target)
    if not pairs:
        assert got is None
    else:
        i, j = got
        assert i < j and nums[i] + nums[j] == target
        assert j == min(p[1] for p in pairs)  # 一遍哈希返回右端最小的那一对


@FAST
@given(st.lists(st.integers(0, 20), min_size=2, max_size=20))
def test_hot100_max_area_matches_brute_force(height):
    expected = max((j - i) * min(height[i], height[j]) for i, j in itertools.combinations(range(len(height)), 2))
    assert max_area(height) == expected


@FAST
@given(st.text(alphabet="abc", max_size=20), st.text(alphabet="abc", min_size=1, max_size=4))
def test_hot100_find_anagrams_matches_brute_force(s, p):
    expected = [i for i in range(len(s) - len(p) + 1) if sorted(s[i : i + len(p)]) == sorted(p)]
    assert find_anagrams(s, p) == expected


@FAST
@given(st.lists(st.integers(-3, 3), max_size=20), st.integers(-4, 4))
def test_hot100_subarray_sum_matches_brute_force(nums, k):
    expected = sum(1 for i in range(len(nums)) for j in range(i + 1, len(nums) + 1) if sum(nums[i:j]) == k)
    assert subarray_sum(nums, k) == expected


@FAST
@given(st.lists(ints, min_size=1, max_size=20))
def test_hot100_max_subarray_matches_brute_force(nums):
    expected = max(sum(nums[i:j]) for i in range(len(nums)) for j in range(i + 1, len(nums) + 1))
    assert max_subarray(nums) == expected


@FAST
@given(st.integers(0, 6).flatmap(lambda n: st.lists(st.lists(ints, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_hot100_rotate_image_matches_index_formula(matrix):
    n = len(matrix)
    expected = [[matrix[n - 1 - j][i] for j in range(n)] for i in range(n)]  # 新 (i, j) 来自旧 (n-1-j, i)
    rotate_image(matrix)
    assert matrix == expected


def _to_linked(values):
    head = None
    for v in reversed(values):
        head = ListNode(v, head)
    return head


def _from_linked(head):
    out = []
    while head is not None:
        out.append(head.val)
        head = head.next
    return out


@FAST
@given(st.lists(ints, max_size=20))
def test_hot100_reverse_list_matches_reversed(values):
    assert _from_linked(reverse_list(_to_linked(values))) == values[::-1]


def _bst(values):
    root = None
    for v in values:  # 按插入顺序建二叉搜索树,形状随输入变化(链状、满树……)
        if root is None:
            root = TreeNode(v)
            continue
        node = root
        while True:
            side = "left" if v < node.val else "right"
            child = getattr(node, side)
            if child is None:
                setattr(node, side, TreeNode(v))
                break
            node = child
    return root


def _levels_by_dfs(root):
    levels = []

    def dfs(node, depth):  # 先左后右的先序 DFS:同一层内的访问顺序就是从左到右
        if node is None:
            return
        if depth == len(levels):
            levels.append([])
        levels[depth].append(node.val)
        dfs(node.left, depth + 1)
        dfs(node.right, depth + 1)

    dfs(root, 0)
    return levels


@FAST
@given(st.lists(st.integers(0, 50), max_size=25))
def test_hot100_level_order_matches_dfs_by_depth(values):
    root = _bst(values)
    assert level_order(root) == _levels_by_dfs(root)


def _islands_union_find(grid):
    cells = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v == "1"]
    parent = {cell: cell for cell in cells}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for r, c in cells:
        for nb in ((r + 1, c), (r, c + 1)):
            if nb in parent:
                parent[find(nb)] = find((r, c))
    return len({find(cell) for cell in cells})


@FAST
@given(st.integers(1, 6).flatmap(lambda w: st.lists(st.lists(st.sampled_from("01"), min_size=w, max_size=w), min_size=1, max_size=6)))
def test_hot100_num_islands_matches_union_find(grid):
    assert num_islands(grid) == _islands_union_find(grid)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=5, unique=True))
def test_hot100_permute_matches_itertools(nums):
    assert permute(nums) == [list(p) for p in itertools.permutations(nums)]


@FAST
@given(st.lists(st.integers(-30, 30), min_size=1, max_size=15, unique=True), st.data())
def test_hot100_search_rotated_matches_linear_scan(values, data):
    nums = sorted(values)
    shift = data.draw(st.integers(0, len(nums) - 1))
    rotated = nums[shift:] + nums[:shift]
    target = data.draw(st.integers(-32, 32))
    expected = rotated.index(target) if target in rotated else -1
    assert search_rotated(rotated, target) == expected


@FAST
@given(st.lists(st.integers(30, 40), max_size=20))
def test_hot100_daily_temperatures_matches_brute_force(temps):
    expected = [next((j - i for j in range(i + 1, len(temps)) if temps[j] > temps[i]), 0) for i in range(len(temps))]
    assert daily_temperatures(temps) == expected


@FAST
@given(st.lists(ints, min_size=1, max_size=20), st.data())
def test_hot100_find_kth_largest_matches_sorting(nums, data):
    k = data.draw(st.integers(1, len(nums)))
    assert find_kth_largest(nums, k) == sorted(nums, reverse=True)[k - 1]


@FAST
@given(st.lists(st.integers(0, 3), min_size=1, max_size=15))
def test_hot100_can_jump_matches_reachability_search(nums):
    reachable = {0}
    frontier = [0]
    while frontier:  # 图搜索:从 0 出发能到达哪些下标
        i = frontier.pop()
        for j in range(i + 1, min(i + nums[i], len(nums) - 1) + 1):
            if j not in reachable:
                reachable.add(j)
                frontier.append(j)
    assert can_jump(nums) == (len(nums) - 1 in reachable)


@FAST
@given(st.lists(st.integers(0, 6), max_size=10))
def test_hot100_length_of_lis_matches_subset_enumeration(nums):
    best = 0
    for r in range(len(nums) + 1):
        for idx in itertools.combinations(range(len(nums)), r):
            seq = [nums[i] for i in idx]
            if all(a < b for a, b in zip(seq, seq[1:])):
                best = max(best, r)
    assert length_of_lis(nums) == best


def _is_subsequence(sub, s):
    it = iter(s)
    return all(ch in it for ch in sub)


@FAST
@given(st.text(alphabet="abc", max_size=7), st.text(alphabet="abc", max_size=9))
def test_hot100_lcs_matches_subsequence_enumeration(a, b):
    best = max(
        (r for r in range(len(a) + 1) for idx in itertools.combinations(range(len(a)), r) if _is_subsequence([a[i] for i in idx], b)),
        default=0,
    )
    assert longest_common_subsequence(a, b) == best


@FAST
@given(st.lists(st.integers(-100, 100), unique=True, max_size=8), st.integers(-200, 200), st.randoms())
def test_hot100_single_number_matches_counter(pairs, single, rnd):
    nums = [x for x in pairs if x != single] * 2 + [single]
    rnd.shuffle(nums)
    assert single_number(nums) == [x for x, c in Counter(nums).items() if c == 1][0] == single
