"""LeetCode 3. 无重复字符的最长子串(滑动窗口)。

给定字符串 s,求不含重复字符的最长**子串**(连续)的长度。

思路:窗口 [left, right] 始终不含重复字符。right 每右移一步,如果 s[right] 上次出现的位置
>= left(在窗口内),就把 left 直接跳到那个位置 + 1。last_seen 记录每个字符最后出现的下标。

复杂度:时间 O(n)(每个字符只被 right 访问一次,left 只前进不后退);
空间 O(min(n, |Σ|)),Σ 为字符集。

分段:``solution`` 是白板上要写的解法;``extras`` 是集合写法和测试用的暴力解。
"""

from __future__ import annotations


# --8<-- [start:solution]
def length_of_longest_substring(s: str) -> int:
    """滑动窗口 + 哈希表记录最后出现的位置。

    >>> length_of_longest_substring("abcabcbb")
    3
    >>> length_of_longest_substring("bbbbb"), length_of_longest_substring("pwwkew")
    (1, 3)
    >>> length_of_longest_substring(""), length_of_longest_substring("abba")
    (0, 2)
    """
    last_seen: dict[str, int] = {}  # 字符 -> 最后一次出现的下标
    left = 0  # 窗口左端(含)
    best = 0
    for right, ch in enumerate(s):
        if last_seen.get(ch, -1) >= left:  # 重复字符在窗口内才需要收缩
            left = last_seen[ch] + 1
        last_seen[ch] = right
        best = max(best, right - left + 1)
    return best
# --8<-- [end:solution]


# --8<-- [start:extras]
def length_of_longest_substring_set(s: str) -> int:
    """另一种常见写法:集合 + 逐步收缩左端。left 最多移动 n 次,仍是 O(n)。

    >>> length_of_longest_substring_set("dvdf")
    3
    """
    window: set[str] = set()
    left = best = 0
    for ch in s:
        while ch in window:  # 把左端的字符一个个移出,直到 ch 不再重复
            window.remove(s[left])
            left += 1
        window.add(ch)
        best = max(best, len(window))
    return best


def brute_force(s: str) -> int:
    """O(n^3) 暴力:枚举所有子串,检查是否无重复。只用于测试对照。"""
    best = 0
    for i in range(len(s)):
        for j in range(i, len(s)):
            if len(set(s[i : j + 1])) == j - i + 1:
                best = max(best, j - i + 1)
    return best
# --8<-- [end:extras]
