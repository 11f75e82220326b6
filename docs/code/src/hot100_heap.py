"""Hot 100 · 堆:215 第 K 个最大元素(堆与快速选择)、347 前 K 个高频元素、295 数据流的中位数。

Python 的 heapq 只有小顶堆;要大顶堆就存相反数。
"""

from __future__ import annotations

import heapq
import random
from collections import Counter


# --8<-- [start:lc215-heap]
def lc215_find_kth_largest_heap(nums: list[int], k: int) -> int:
    """大小为 k 的小顶堆:堆顶是"当前最大的 k 个数"里最小的那个。O(n log k) / O(k)。

    >>> lc215_find_kth_largest_heap([3, 2, 1, 5, 6, 4], 2), lc215_find_kth_largest_heap([3, 2, 3, 1, 2, 4, 5, 5, 6], 4)
    (5, 4)
    """
    heap: list[int] = []
    for x in nums:
        if len(heap) < k:
            heapq.heappush(heap, x)
        elif x > heap[0]:
            heapq.heapreplace(heap, x)  # 弹出最小的,再压入 x
    return heap[0]
# --8<-- [end:lc215-heap]


# --8<-- [start:lc215-quickselect]
def lc215_find_kth_largest_quickselect(nums: list[int], k: int, seed: int = 0) -> int:
    """快速选择:第 k 大就是升序下标 n - k 的元素。随机主元 + 三路划分(荷兰国旗),
    只继续处理目标下标所在的那一段。期望 O(n),最坏 O(n^2);O(1) 额外空间(不计拷贝)。

    三路划分让"大量重复值"时也不会退化;两路划分在全相同的数组上每轮只排除一个元素。

    >>> lc215_find_kth_largest_quickselect([3, 2, 1, 5, 6, 4], 2), lc215_find_kth_largest_quickselect([3, 2, 3, 1, 2, 4, 5, 5, 6], 4)
    (5, 4)
    """
    a = list(nums)  # 拷贝一份,不改调用者的数组;面试中可以说明后直接原地做
    rng = random.Random(seed)
    target = len(a) - k
    lo, hi = 0, len(a) - 1
    while True:
        pivot = a[rng.randint(lo, hi)]
        lt, i, gt = lo, lo, hi  # 划分后:[lo, lt) < pivot,[lt, gt] == pivot,(gt, hi] > pivot
        while i <= gt:
            if a[i] < pivot:
                a[lt], a[i] = a[i], a[lt]
                lt += 1
                i += 1
            elif a[i] > pivot:
                a[i], a[gt] = a[gt], a[i]
                gt -= 1  # 换过来的元素还没看过,i 不动
            else:
                i += 1
        if target < lt:
            hi = lt - 1
        elif target > gt:
            lo = gt + 1
        else:
            return pivot
# --8<-- [end:lc215-quickselect]


# --8<-- [start:lc347]
def lc347_top_k_frequent(nums: list[int], k: int) -> list[int]:
    """计数后用桶排序:频率最多为 n,下标 f 的桶放出现 f 次的数,从高频桶往下取。O(n)。

    另一种写法是大小为 k 的小顶堆(按频率),O(n log k)。

    >>> lc347_top_k_frequent([1, 1, 1, 2, 2, 3], 2), lc347_top_k_frequent([1], 1)
    ([1, 2], [1])
    """
    count = Counter(nums)
    buckets: list[list[int]] = [[] for _ in range(len(nums) + 1)]
    for x, f in count.items():
        buckets[f].append(x)
    result: list[int] = []
    for f in range(len(nums), 0, -1):
        for x in buckets[f]:
            result.append(x)
            if len(result) == k:
                return result
    return result
# --8<-- [end:lc347]


# --8<-- [start:lc295]
class Lc295MedianFinder:
    """大顶堆 low 存较小的一半(存相反数),小顶堆 high 存较大的一半;保持 len(low) 等于 len(high) 或多 1。

    addNum O(log n),findMedian O(1)。

    >>> from hot100_structures import play
    >>> play(Lc295MedianFinder, ["MedianFinder", "addNum", "addNum", "findMedian", "addNum", "findMedian"],
    ...      [[], [1], [2], [], [3], []])
    [None, None, None, 1.5, None, 2.0]
    """

    def __init__(self) -> None:
        self.low: list[int] = []  # 大顶堆(存 -x)
        self.high: list[int] = []  # 小顶堆

    def addNum(self, num: int) -> None:  # noqa: N802 - 力扣规定的方法名
        # 先进 low,再把 low 的最大值挪到 high:保证 low 里的都 <= high 里的
        heapq.heappush(self.low, -num)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def findMedian(self) -> float:  # noqa: N802
        if len(self.low) > len(self.high):
            return float(-self.low[0])
        return (-self.low[0] + self.high[0]) / 2
# --8<-- [end:lc295]
