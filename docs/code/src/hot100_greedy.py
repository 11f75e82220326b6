"""Hot 100 · 贪心:121 买卖股票的最佳时机、55 跳跃游戏、45 跳跃游戏 II、763 划分字母区间。"""

from __future__ import annotations


# --8<-- [start:lc121]
def lc121_max_profit(prices: list[int]) -> int:
    """一次遍历,记住到今天为止的最低价,用"今天卖出"的利润更新答案。O(n) / O(1)。

    >>> lc121_max_profit([7, 1, 5, 3, 6, 4]), lc121_max_profit([7, 6, 4, 3, 1])
    (5, 0)
    """
    lowest = float("inf")
    best = 0
    for p in prices:
        lowest = min(lowest, p)  # 先更新最低价再算利润:同一天买卖利润为 0,不影响答案
        best = max(best, p - lowest)
    return int(best)
# --8<-- [end:lc121]


# --8<-- [start:lc55]
def lc55_can_jump(nums: list[int]) -> bool:
    """维护能到达的最远下标。O(n) / O(1)。

    >>> lc55_can_jump([2, 3, 1, 1, 4]), lc55_can_jump([3, 2, 1, 0, 4])
    (True, False)
    """
    farthest = 0
    for i, step in enumerate(nums):
        if i > farthest:  # 走不到 i,后面也都走不到
            return False
        farthest = max(farthest, i + step)
    return True
# --8<-- [end:lc55]


# --8<-- [start:lc45]
def lc45_jump(nums: list[int]) -> int:
    """按"步数"分层的 BFS:当前这一跳能覆盖 [.., end],走到 end 时必须再跳一次,新的 end 是这一层能到的最远处。
    O(n) / O(1)。题目保证能到终点。

    >>> lc45_jump([2, 3, 1, 1, 4]), lc45_jump([2, 3, 0, 1, 4]), lc45_jump([0])
    (2, 2, 0)
    """
    jumps = 0
    end = farthest = 0
    for i in range(len(nums) - 1):  # 不看最后一格:站在终点上不需要再跳
        farthest = max(farthest, i + nums[i])
        if i == end:
            jumps += 1
            end = farthest
    return jumps
# --8<-- [end:lc45]


# --8<-- [start:lc763]
def lc763_partition_labels(s: str) -> list[int]:
    """先记每个字母最后出现的位置;扫描时把当前段的右端扩到段内字母的最远位置,走到右端就切一刀。O(n)。

    >>> lc763_partition_labels("ababcbacadefegdehijhklij"), lc763_partition_labels("eccbbbbdec")
    ([9, 7, 8], [10])
    """
    last = {ch: i for i, ch in enumerate(s)}
    sizes: list[int] = []
    start = end = 0
    for i, ch in enumerate(s):
        end = max(end, last[ch])
        if i == end:
            sizes.append(end - start + 1)
            start = i + 1
    return sizes
# --8<-- [end:lc763]
