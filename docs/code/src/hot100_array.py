"""Hot 100 · 普通数组:53 最大子数组和、56 合并区间、189 轮转数组、238 除自身以外数组的乘积、41 缺失的第一个正数。"""

from __future__ import annotations


# --8<-- [start:lc53]
def lc53_max_subarray(nums: list[int]) -> int:
    """Kadane:以 i 结尾的最大和 = max(nums[i], 前一个 + nums[i])。O(n) / O(1)。

    >>> lc53_max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]), lc53_max_subarray([5, 4, -1, 7, 8]), lc53_max_subarray([-3, -1])
    (6, 23, -1)
    """
    best = cur = nums[0]  # 不能初始化为 0:全是负数时答案是最大的负数
    for x in nums[1:]:
        cur = max(x, cur + x)  # 前面的和为负就丢掉,从 x 重新开始
        best = max(best, cur)
    return best
# --8<-- [end:lc53]


# --8<-- [start:lc56]
def lc56_merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    """按左端点排序,再和结果里最后一个区间比较。O(n log n) / O(n)。

    >>> lc56_merge_intervals([[1, 3], [2, 6], [8, 10], [15, 18]]), lc56_merge_intervals([[1, 4], [4, 5]])
    ([[1, 6], [8, 10], [15, 18]], [[1, 5]])
    """
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:  # 端点相接([1,4] 与 [4,5])也算重叠
            merged[-1][1] = max(merged[-1][1], end)  # 取 max:后一个区间可能被完全包含
        else:
            merged.append([start, end])
    return merged
# --8<-- [end:lc56]


# --8<-- [start:lc189]
def lc189_rotate(nums: list[int], k: int) -> None:
    """三次反转,原地:整体反转,再分别反转前 k 个和后 n - k 个。O(n) / O(1)。

    >>> a = [1, 2, 3, 4, 5, 6, 7]
    >>> lc189_rotate(a, 3)
    >>> a
    [5, 6, 7, 1, 2, 3, 4]
    """
    n = len(nums)
    k %= n  # k 可能大于 n

    def reverse(lo: int, hi: int) -> None:  # 闭区间 [lo, hi]
        while lo < hi:
            nums[lo], nums[hi] = nums[hi], nums[lo]
            lo += 1
            hi -= 1

    reverse(0, n - 1)
    reverse(0, k - 1)
    reverse(k, n - 1)
# --8<-- [end:lc189]


# --8<-- [start:lc238]
def lc238_product_except_self(nums: list[int]) -> list[int]:
    """答案 = 左侧乘积 × 右侧乘积,两遍扫描,不用除法。O(n) / O(1)(不计输出)。

    >>> lc238_product_except_self([1, 2, 3, 4]), lc238_product_except_self([-1, 1, 0, -3, 3])
    ([24, 12, 8, 6], [0, 0, 9, 0, 0])
    """
    n = len(nums)
    answer = [1] * n
    left = 1
    for i in range(n):
        answer[i] = left  # nums[0..i-1] 的乘积
        left *= nums[i]
    right = 1
    for i in range(n - 1, -1, -1):
        answer[i] *= right  # 再乘 nums[i+1..n-1] 的乘积
        right *= nums[i]
    return answer
# --8<-- [end:lc238]


# --8<-- [start:lc41]
def lc41_first_missing_positive(nums: list[int]) -> int:
    """原地哈希:把值 v (1 <= v <= n) 换到下标 v - 1,再找第一个不在位的。O(n) / O(1)。

    >>> [lc41_first_missing_positive(a) for a in ([1, 2, 0], [3, 4, -1, 1], [7, 8, 9, 11, 12])]
    [3, 2, 1]
    """
    n = len(nums)
    for i in range(n):
        # while 而不是 if:换过来的新值也要继续归位;第二个条件防止重复值死循环
        while 1 <= nums[i] <= n and nums[nums[i] - 1] != nums[i]:
            j = nums[i] - 1
            nums[i], nums[j] = nums[j], nums[i]
    for i in range(n):
        if nums[i] != i + 1:
            return i + 1
    return n + 1
# --8<-- [end:lc41]
