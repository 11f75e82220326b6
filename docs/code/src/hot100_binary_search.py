"""Hot 100 · 二分查找:35、74、34、33、153、4(两种解法)。

统一写法:左闭右开 [lo, hi) 求"第一个满足条件的位置"(lower bound),闭区间写法只在 33 / 153 里用。
"""

from __future__ import annotations


# --8<-- [start:lc35]
def lc35_search_insert(nums: list[int], target: int) -> int:
    """第一个 >= target 的下标,即 lower bound。区间 [lo, hi),hi 可以等于 n。O(log n)。

    >>> lc35_search_insert([1, 3, 5, 6], 5), lc35_search_insert([1, 3, 5, 6], 2), lc35_search_insert([1, 3, 5, 6], 7)
    (2, 1, 4)
    """
    lo, hi = 0, len(nums)
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] < target:
            lo = mid + 1  # mid 不满足,答案在右边
        else:
            hi = mid  # mid 可能就是答案,保留
    return lo
# --8<-- [end:lc35]


# --8<-- [start:lc74]
def lc74_search_matrix(matrix: list[list[int]], target: int) -> bool:
    """整个矩阵按行拼起来是有序数组:把一维下标 k 映射成 (k // cols, k % cols) 二分。O(log(m·n))。

    >>> m = [[1, 3, 5, 7], [10, 11, 16, 20], [23, 30, 34, 60]]
    >>> lc74_search_matrix(m, 3), lc74_search_matrix(m, 13)
    (True, False)
    """
    rows, cols = len(matrix), len(matrix[0])
    lo, hi = 0, rows * cols
    while lo < hi:
        mid = (lo + hi) // 2
        if matrix[mid // cols][mid % cols] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo < rows * cols and matrix[lo // cols][lo % cols] == target
# --8<-- [end:lc74]


# --8<-- [start:lc34]
def lc34_search_range(nums: list[int], target: int) -> list[int]:
    """两次 lower bound:第一个 >= target 与第一个 >= target + 1(整数)。O(log n)。

    >>> lc34_search_range([5, 7, 7, 8, 8, 10], 8), lc34_search_range([5, 7, 7, 8, 8, 10], 6), lc34_search_range([], 0)
    ([3, 4], [-1, -1], [-1, -1])
    """
    first = lc35_search_insert(nums, target)
    if first == len(nums) or nums[first] != target:
        return [-1, -1]
    return [first, lc35_search_insert(nums, target + 1) - 1]
# --8<-- [end:lc34]


# --8<-- [start:lc33]
def lc33_search_rotated(nums: list[int], target: int) -> int:
    """元素互不相同:二分时 [lo, mid] 与 [mid, hi] 总有一半有序,判断 target 在不在有序的那半。O(log n)。

    >>> lc33_search_rotated([4, 5, 6, 7, 0, 1, 2], 0), lc33_search_rotated([4, 5, 6, 7, 0, 1, 2], 3), lc33_search_rotated([1], 0)
    (4, -1, -1)
    """
    lo, hi = 0, len(nums) - 1  # 闭区间 [lo, hi]
    while lo <= hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[lo] <= nums[mid]:  # 左半有序;等号:lo == mid 时左半只有一个元素
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
# --8<-- [end:lc33]


# --8<-- [start:lc153]
def lc153_find_min(nums: list[int]) -> int:
    """和最右端比较:nums[mid] > nums[hi] 说明最小值在 mid 右边,否则在 [lo, mid]。O(log n)。

    和 nums[lo] 比较不行:数组没有旋转时 nums[mid] > nums[lo] 也成立,却不能说明最小值在右边。

    >>> lc153_find_min([3, 4, 5, 1, 2]), lc153_find_min([4, 5, 6, 7, 0, 1, 2]), lc153_find_min([11, 13, 15, 17])
    (1, 0, 11)
    """
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] > nums[hi]:
            lo = mid + 1
        else:
            hi = mid
    return nums[lo]
# --8<-- [end:lc153]


# --8<-- [start:lc4-partition]
def lc4_median_partition(a: list[int], b: list[int]) -> float:
    """在较短的数组上二分切分位置 i,另一个数组的切分 j 由"左半共 (m+n+1)//2 个"决定。O(log min(m, n))。

    切分正确当且仅当 a[i-1] <= b[j] 且 b[j-1] <= a[i];越界一侧用 ±inf 代替。

    >>> lc4_median_partition([1, 3], [2]), lc4_median_partition([1, 2], [3, 4])
    (2.0, 2.5)
    """
    if len(a) > len(b):
        a, b = b, a  # 在短的上二分,j 才不会越界
    m, n = len(a), len(b)
    half = (m + n + 1) // 2
    lo, hi = 0, m
    inf = float("inf")
    while True:
        i = (lo + hi) // 2  # a 的左半取 i 个
        j = half - i  # b 的左半取 j 个
        a_left = a[i - 1] if i > 0 else -inf
        a_right = a[i] if i < m else inf
        b_left = b[j - 1] if j > 0 else -inf
        b_right = b[j] if j < n else inf
        if a_left > b_right:
            hi = i - 1  # a 取多了
        elif b_left > a_right:
            lo = i + 1  # a 取少了
        else:
            left_max = max(a_left, b_left)
            if (m + n) % 2:
                return float(left_max)
            return (left_max + min(a_right, b_right)) / 2
# --8<-- [end:lc4-partition]


# --8<-- [start:lc4-kth]
def lc4_median_kth(a: list[int], b: list[int]) -> float:
    """找第 k 小:每次比较两个数组的第 k//2 个,较小的那一侧的前 k//2 个一定不是第 k 小,整段丢掉。
    O(log(m + n))。面试里比切分法更容易讲清楚。

    >>> lc4_median_kth([1, 3], [2]), lc4_median_kth([1, 2], [3, 4]), lc4_median_kth([], [1])
    (2.0, 2.5, 1.0)
    """

    def kth(i: int, j: int, k: int) -> int:  # a[i:] 与 b[j:] 合并后的第 k 小(k 从 1 开始)
        while True:
            if i == len(a):
                return b[j + k - 1]
            if j == len(b):
                return a[i + k - 1]
            if k == 1:
                return min(a[i], b[j])
            step = k // 2
            ni = min(i + step, len(a))  # 数组不够长时只取到末尾
            nj = min(j + step, len(b))
            if a[ni - 1] <= b[nj - 1]:
                k -= ni - i
                i = ni
            else:
                k -= nj - j
                j = nj

    total = len(a) + len(b)
    if total % 2:
        return float(kth(0, 0, total // 2 + 1))
    return (kth(0, 0, total // 2) + kth(0, 0, total // 2 + 1)) / 2
# --8<-- [end:lc4-kth]
