"""LeetCode Hot 100 分类刷题路线:每类一道代表题的 Python 题解。

每道题都在 tests/code/test_leetcode_hot100.py 中用 hypothesis 与暴力解对照。
分段标记的名字就是页面上的分类 id(two-pointers、sliding-window、binary-tree、dp ……)。
滑动窗口的另一道代表题 LeetCode 3 单独成页:leetcode_3.py。
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass


# --8<-- [start:hashing]
def two_sum(nums: list[int], target: int) -> tuple[int, int] | None:
    """LC 1 两数之和:一遍哈希,边查边存。O(n) 时间 / O(n) 空间。

    >>> two_sum([2, 7, 11, 15], 9)
    (0, 1)
    """
    index_of: dict[int, int] = {}  # 值 -> 下标(只存已经走过的,避免同一元素用两次)
    for j, x in enumerate(nums):
        i = index_of.get(target - x)
        if i is not None:
            return i, j
        index_of[x] = j
    return None
# --8<-- [end:hashing]


# --8<-- [start:two-pointers]
def max_area(height: list[int]) -> int:
    """LC 11 盛最多水的容器:左右指针,每次移动较矮的一侧。O(n) / O(1)。

    移动较高的一侧时宽度变小、高度上限仍是较矮的那根,面积不可能变大,所以可以放心舍弃。

    >>> max_area([1, 8, 6, 2, 5, 4, 8, 3, 7])
    49
    """
    left, right = 0, len(height) - 1
    best = 0
    while left < right:
        best = max(best, (right - left) * min(height[left], height[right]))
        if height[left] < height[right]:
            left += 1
        else:
            right -= 1
    return best
# --8<-- [end:two-pointers]


# --8<-- [start:sliding-window]
def find_anagrams(s: str, p: str) -> list[int]:
    """LC 438 找到字符串中所有字母异位词:定长窗口 + 计数差。O(n·|Σ|) / O(|Σ|)。

    >>> find_anagrams("cbaebabacd", "abc")
    [0, 6]
    """
    m = len(p)
    if m > len(s):
        return []
    need: dict[str, int] = {}
    for ch in p:
        need[ch] = need.get(ch, 0) + 1
    window: dict[str, int] = {}
    result = []
    for right, ch in enumerate(s):
        window[ch] = window.get(ch, 0) + 1
        if right >= m:  # 窗口超长:移出最左边的字符
            out = s[right - m]
            window[out] -= 1
            if window[out] == 0:
                del window[out]  # 删掉 0 计数,字典才能直接比较
        if right >= m - 1 and window == need:
            result.append(right - m + 1)
    return result
# --8<-- [end:sliding-window]


# --8<-- [start:prefix-sum]
def subarray_sum(nums: list[int], k: int) -> int:
    """LC 560 和为 K 的子数组:前缀和 + 哈希计数。O(n) / O(n)。

    子数组 (i, j] 的和 = prefix[j] - prefix[i];数一数之前有多少个 prefix[i] = prefix[j] - k。
    有负数时不能用滑动窗口(窗口和不单调)。

    >>> subarray_sum([1, 1, 1], 2), subarray_sum([1, -1, 0], 0)
    (2, 3)
    """
    count_of_prefix = {0: 1}  # 空前缀
    prefix = total = 0
    for x in nums:
        prefix += x
        total += count_of_prefix.get(prefix - k, 0)
        count_of_prefix[prefix] = count_of_prefix.get(prefix, 0) + 1
    return total
# --8<-- [end:prefix-sum]


# --8<-- [start:array]
def max_subarray(nums: list[int]) -> int:
    """LC 53 最大子数组和(Kadane):以 i 结尾的最大和 = max(nums[i], 前一个 + nums[i])。O(n) / O(1)。

    >>> max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]), max_subarray([-3, -1])
    (6, -1)
    """
    best = cur = nums[0]
    for x in nums[1:]:
        cur = max(x, cur + x)  # 前面的和为负就丢掉,从 x 重新开始
        best = max(best, cur)
    return best
# --8<-- [end:array]


# --8<-- [start:matrix]
def rotate_image(matrix: list[list[int]]) -> None:
    """LC 48 旋转图像(顺时针 90°,原地):先沿主对角线转置,再把每一行反转。O(n^2) / O(1)。

    (i, j) -> 转置 (j, i) -> 行反转 (j, n-1-i),正是顺时针旋转的坐标变换。

    >>> m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> rotate_image(m)
    >>> m
    [[7, 4, 1], [8, 5, 2], [9, 6, 3]]
    """
    n = len(matrix)
    for i in range(n):
        for j in range(i + 1, n):  # 只交换上三角,否则会换回去
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
    for row in matrix:
        row.reverse()
# --8<-- [end:matrix]


# --8<-- [start:linked-list]
@dataclass
class ListNode:
    val: int
    next: ListNode | None = None


def reverse_list(head: ListNode | None) -> ListNode | None:
    """LC 206 反转链表:三个指针迭代。O(n) / O(1)。

    >>> node = reverse_list(ListNode(1, ListNode(2, ListNode(3))))
    >>> [node.val, node.next.val, node.next.next.val, node.next.next.next]
    [3, 2, 1, None]
    """
    prev = None
    cur = head
    while cur is not None:
        nxt = cur.next  # 先记下后继,否则改指针后就丢了
        cur.next = prev
        prev, cur = cur, nxt
    return prev
# --8<-- [end:linked-list]


# --8<-- [start:binary-tree]
@dataclass
class TreeNode:
    val: int
    left: TreeNode | None = None
    right: TreeNode | None = None


def level_order(root: TreeNode | None) -> list[list[int]]:
    """LC 102 二叉树的层序遍历:BFS,每轮处理当前队列里的一整层。O(n) / O(宽度)。

    >>> level_order(TreeNode(3, TreeNode(9), TreeNode(20, TreeNode(15), TreeNode(7))))
    [[3], [9, 20], [15, 7]]
    """
    if root is None:
        return []
    levels = []
    queue = deque([root])
    while queue:
        level = []
        for _ in range(len(queue)):  # 固定本层的节点数
            node = queue.popleft()
            level.append(node.val)
            if node.left is not None:
                queue.append(node.left)
            if node.right is not None:
                queue.append(node.right)
        levels.append(level)
    return levels
# --8<-- [end:binary-tree]


# --8<-- [start:graph]
def num_islands(grid: list[list[str]]) -> int:
    """LC 200 岛屿数量:遇到未访问的陆地就 BFS 淹掉整座岛。O(R·C) / O(R·C)。

    >>> num_islands([["1", "1", "0"], ["0", "1", "0"], ["1", "0", "1"]])
    3
    """
    rows, cols = len(grid), len(grid[0]) if grid else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != "1" or seen[r][c]:
                continue
            islands += 1
            seen[r][c] = True  # 入队时就标记,避免同一格重复入队
            queue = deque([(r, c)])
            while queue:
                i, j = queue.popleft()
                for ni, nj in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
                    if 0 <= ni < rows and 0 <= nj < cols and grid[ni][nj] == "1" and not seen[ni][nj]:
                        seen[ni][nj] = True
                        queue.append((ni, nj))
    return islands
# --8<-- [end:graph]


# --8<-- [start:backtracking]
def permute(nums: list[int]) -> list[list[int]]:
    """LC 46 全排列:回溯,used 标记已选元素,递归返回后撤销选择。O(n·n!)。

    >>> permute([1, 2, 3])
    [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    """
    result: list[list[int]] = []
    path: list[int] = []
    used = [False] * len(nums)

    def backtrack() -> None:
        if len(path) == len(nums):
            result.append(path.copy())  # 必须拷贝:path 之后还会被修改
            return
        for i, x in enumerate(nums):
            if used[i]:
                continue
            used[i] = True
            path.append(x)
            backtrack()
            path.pop()  # 撤销选择
            used[i] = False

    backtrack()
    return result
# --8<-- [end:backtracking]


# --8<-- [start:binary-search]
def search_rotated(nums: list[int], target: int) -> int:
    """LC 33 搜索旋转排序数组(元素互不相同):二分时总有一半是有序的。O(log n) / O(1)。

    >>> search_rotated([4, 5, 6, 7, 0, 1, 2], 0), search_rotated([4, 5, 6, 7, 0, 1, 2], 3)
    (4, -1)
    """
    lo, hi = 0, len(nums) - 1  # 闭区间 [lo, hi]
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[lo] <= nums[mid]:  # 左半 [lo, mid] 有序
            if nums[lo] <= target < nums[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:  # 右半 [mid, hi] 有序
            if nums[mid] < target <= nums[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1
# --8<-- [end:binary-search]


# --8<-- [start:stack]
def daily_temperatures(temperatures: list[int]) -> list[int]:
    """LC 739 每日温度:单调递减栈存下标,遇到更高温度时依次出栈结算。O(n) / O(n)。

    >>> daily_temperatures([73, 74, 75, 71, 69, 72, 76, 73])
    [1, 1, 4, 2, 1, 1, 0, 0]
    """
    answer = [0] * len(temperatures)
    stack: list[int] = []  # 还没等到更高温度的日子,温度自底向上递减
    for i, t in enumerate(temperatures):
        while stack and temperatures[stack[-1]] < t:
            j = stack.pop()
            answer[j] = i - j
        stack.append(i)
    return answer
# --8<-- [end:stack]


# --8<-- [start:heap]
def find_kth_largest(nums: list[int], k: int) -> int:
    """LC 215 数组中的第 K 个最大元素:大小为 k 的小顶堆。O(n log k) / O(k)。

    堆顶是"当前最大的 k 个数"里最小的那个,遍历结束后就是第 k 大。

    >>> find_kth_largest([3, 2, 1, 5, 6, 4], 2), find_kth_largest([3, 2, 3, 1, 2, 4, 5, 5, 6], 4)
    (5, 4)
    """
    heap: list[int] = []
    for x in nums:
        if len(heap) < k:
            heapq.heappush(heap, x)
        elif x > heap[0]:
            heapq.heapreplace(heap, x)  # 弹出最小的,再压入 x
    return heap[0]
# --8<-- [end:heap]


# --8<-- [start:greedy]
def can_jump(nums: list[int]) -> bool:
    """LC 55 跳跃游戏:维护能到达的最远下标。O(n) / O(1)。

    >>> can_jump([2, 3, 1, 1, 4]), can_jump([3, 2, 1, 0, 4])
    (True, False)
    """
    farthest = 0
    for i, step in enumerate(nums):
        if i > farthest:  # 走不到 i,后面也都走不到
            return False
        farthest = max(farthest, i + step)
    return True
# --8<-- [end:greedy]


# --8<-- [start:dp]
def length_of_lis(nums: list[int]) -> int:
    """LC 300 最长递增子序列(严格递增):贪心 + 二分,O(n log n) / O(n)。

    tails[k] = 长度为 k + 1 的递增子序列的最小结尾。tails 严格递增,所以可以二分。
    O(n^2) 的 DP 写法:dp[i] = 1 + max(dp[j] for j < i if nums[j] < nums[i])。

    >>> length_of_lis([10, 9, 2, 5, 3, 7, 101, 18]), length_of_lis([7, 7, 7])
    (4, 1)
    """
    tails: list[int] = []
    for x in nums:
        pos = bisect_left(tails, x)  # 第一个 >= x 的位置;用 bisect_right 会变成非严格递增
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x  # 同样长度,结尾更小更有潜力
    return len(tails)
# --8<-- [end:dp]


# --8<-- [start:multi-dp]
def longest_common_subsequence(a: str, b: str) -> int:
    """LC 1143 最长公共子序列:二维 DP,滚动成一维。O(m·n) / O(n)。

    dp[i][j] = a[:i] 与 b[:j] 的 LCS 长度;
    a[i-1] == b[j-1] 时 dp[i][j] = dp[i-1][j-1] + 1,否则 max(dp[i-1][j], dp[i][j-1])。

    >>> longest_common_subsequence("abcde", "ace"), longest_common_subsequence("abc", "def")
    (3, 0)
    """
    prev = [0] * (len(b) + 1)  # dp[i-1][*]
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)  # dp[i][*]
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
            else:
                cur[j] = max(prev[j], cur[j - 1])
        prev = cur
    return prev[-1]
# --8<-- [end:multi-dp]


# --8<-- [start:tricks]
def single_number(nums: list[int]) -> int:
    """LC 136 只出现一次的数字:异或,x ^ x = 0,x ^ 0 = x,满足交换律。O(n) / O(1)。

    >>> single_number([4, 1, 2, 1, 2])
    4
    """
    result = 0
    for x in nums:
        result ^= x
    return result
# --8<-- [end:tricks]
