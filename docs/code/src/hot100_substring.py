"""Hot 100 · 子串:560 和为 K 的子数组、239 滑动窗口最大值、76 最小覆盖子串。"""

from __future__ import annotations

from collections import Counter, deque


# --8<-- [start:lc560]
def lc560_subarray_sum(nums: list[int], k: int) -> int:
    """前缀和 + 哈希计数。O(n) / O(n)。

    子数组 (i, j] 的和 = prefix[j] - prefix[i];数一数之前有多少个 prefix[i] = prefix[j] - k。
    有负数时不能用滑动窗口(窗口和不单调)。

    >>> lc560_subarray_sum([1, 1, 1], 2), lc560_subarray_sum([1, 2, 3], 3), lc560_subarray_sum([1, -1, 0], 0)
    (2, 2, 3)
    """
    count_of_prefix = {0: 1}  # 空前缀:从下标 0 开始的子数组靠它计数
    prefix = total = 0
    for x in nums:
        prefix += x
        total += count_of_prefix.get(prefix - k, 0)
        count_of_prefix[prefix] = count_of_prefix.get(prefix, 0) + 1
    return total
# --8<-- [end:lc560]


# --8<-- [start:lc239]
def lc239_max_sliding_window(nums: list[int], k: int) -> list[int]:
    """单调队列:队列里存下标,对应的值从头到尾递减,队头就是窗口最大值。O(n) / O(k)。

    >>> lc239_max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3), lc239_max_sliding_window([1], 1)
    ([3, 3, 5, 5, 6, 7], [1])
    """
    window: deque[int] = deque()
    result = []
    for i, x in enumerate(nums):
        while window and nums[window[-1]] <= x:
            window.pop()  # 比 x 小的旧元素在 x 离开前永远当不了最大值
        window.append(i)
        if window[0] <= i - k:
            window.popleft()  # 队头滑出窗口
        if i >= k - 1:
            result.append(nums[window[0]])
    return result
# --8<-- [end:lc239]


# --8<-- [start:lc76]
def lc76_min_window(s: str, t: str) -> str:
    """可变窗口:右端扩张直到覆盖 t,再尽量收缩左端;missing 记"还差几个字符"。O(|s| + |t|)。

    >>> lc76_min_window("ADOBECODEBANC", "ABC"), lc76_min_window("a", "a"), lc76_min_window("a", "aa")
    ('BANC', 'a', '')
    """
    need = Counter(t)  # 正数 = 窗口还缺几个;负数 = 窗口多出几个
    missing = len(t)
    best_left, best_len = 0, len(s) + 1
    left = 0
    for right, ch in enumerate(s):
        if need[ch] > 0:
            missing -= 1
        need[ch] -= 1
        while missing == 0:  # 窗口已覆盖 t:记录答案并收缩
            if right - left + 1 < best_len:
                best_left, best_len = left, right - left + 1
            out = s[left]
            need[out] += 1
            if need[out] > 0:
                missing += 1  # 移出的是必需字符,窗口不再覆盖
            left += 1
    return s[best_left : best_left + best_len] if best_len <= len(s) else ""
# --8<-- [end:lc76]
