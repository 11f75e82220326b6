"""Hot 100 · 哈希:1 两数之和、49 字母异位词分组、128 最长连续序列。

共同点:用字典 / 集合把"找一个值在不在"从 O(n) 降到 O(1)。
"""

from __future__ import annotations

from collections import defaultdict


# --8<-- [start:lc1]
def lc1_two_sum(nums: list[int], target: int) -> list[int]:
    """一遍哈希:边走边查补数 target - x 是否出现过。O(n) 时间 / O(n) 空间。

    >>> lc1_two_sum([2, 7, 11, 15], 9), lc1_two_sum([3, 2, 4], 6), lc1_two_sum([3, 3], 6)
    ([0, 1], [1, 2], [0, 1])
    """
    index_of: dict[int, int] = {}  # 值 -> 下标,只存走过的元素,所以不会和自己配对
    for j, x in enumerate(nums):
        i = index_of.get(target - x)
        if i is not None:
            return [i, j]
        index_of[x] = j
    return []  # 题目保证有解;无解时返回空列表
# --8<-- [end:lc1]


# --8<-- [start:lc49]
def lc49_group_anagrams(strs: list[str]) -> list[list[str]]:
    """排序后的字符串当键。O(n·k log k),k 为单词长度;组按首次出现的顺序输出。

    >>> lc49_group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
    [['eat', 'tea', 'ate'], ['tan', 'nat'], ['bat']]
    >>> lc49_group_anagrams([""])
    [['']]
    """
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for word in strs:
        groups["".join(sorted(word))].append(word)  # 也可以用 26 维计数元组当键,O(n·k)
    return list(groups.values())
# --8<-- [end:lc49]


# --8<-- [start:lc128]
def lc128_longest_consecutive(nums: list[int]) -> int:
    """集合 + 只从序列起点往后数。每个数最多被"往后数"访问一次,O(n) / O(n)。

    >>> lc128_longest_consecutive([100, 4, 200, 1, 3, 2]), lc128_longest_consecutive([0, 3, 7, 2, 5, 8, 4, 6, 0, 1])
    (4, 9)
    """
    present = set(nums)
    best = 0
    for x in present:  # 遍历集合而不是原数组:重复值很多时不会重复数
        if x - 1 in present:
            continue  # 不是起点,跳过;否则最坏 O(n^2)
        y = x
        while y + 1 in present:
            y += 1
        best = max(best, y - x + 1)
    return best
# --8<-- [end:lc128]
